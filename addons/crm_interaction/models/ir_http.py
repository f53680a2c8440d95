from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """Tell the web client whether the user can dial numbers from Odoo."""
        info = super().session_info()
        user = self.env.user
        # one cached parameter read; the user's own extension
        info["crm_interaction_can_dial"] = bool(
            not user.share
            and user.crm_phone_extension
            and self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm_interaction.pbx_originate_url")
        )
        return info
