from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_interaction_pbx_originate_url = fields.Char(
        string="Dial request",
        config_parameter="crm_interaction.pbx_originate_url",
        help="The PBX's web address that starts a call, with {extension} (the user's "
        "extension) and {number} (the number clicked) in it, e.g. Asterisk ARI: "
        "http://pbx:8088/ari/channels?endpoint=PJSIP/{extension}&extension={number}"
        "&context=from-internal&api_key=odoo:secret. Odoo sends a POST to it.",
    )
