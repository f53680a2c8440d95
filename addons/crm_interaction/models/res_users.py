from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    crm_phone_extension = fields.Char(
        string="Phone extension",
        index="btree_not_null",
        help="Your extension on the company's PBX: calls ringing there open the caller's "
        "card in Odoo, and numbers you click are dialled from it.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["crm_phone_extension"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["crm_phone_extension"]
