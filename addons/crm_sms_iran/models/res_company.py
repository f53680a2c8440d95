from odoo import fields, models

from ..tools.sms_api import SmsApiPanel

PANEL_SELECTION = [
    ("iap", "Odoo (IAP)"),
    ("kavenegar", "Kavenegar"),
    ("ghasedak", "Ghasedak"),
    ("melipayamak", "Melipayamak"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_sms_panel = fields.Selection(
        PANEL_SELECTION,
        string="SMS provider",
        default="iap",
        required=True,
        help="Where the company's text messages are sent: Odoo's own service, "
        "or an Iranian SMS panel.",
    )
    crm_sms_sender = fields.Char(
        string="SMS line", help="The panel's line number the messages are sent from."
    )
    crm_sms_username = fields.Char(
        string="SMS panel username", groups="base.group_system", help="Melipayamak only."
    )
    crm_sms_api_key = fields.Char(
        string="SMS panel key",
        groups="base.group_system",
        help="The panel's API key (Kavenegar, Ghasedak) or password (Melipayamak).",
    )
    crm_sms_base_url = fields.Char(
        string="SMS panel address",
        groups="base.group_system",
        help="Leave empty for the panel's own address; set it for a relay or a test server.",
    )

    def _get_sms_api_class(self):
        self.ensure_one()
        if self.crm_sms_panel and self.crm_sms_panel != "iap":
            return SmsApiPanel
        return super()._get_sms_api_class()

    def _crm_sms_panel_config(self):
        """Return the panel settings of the company as a plain dict (run as superuser)."""
        self.ensure_one()
        return {
            "panel": self.crm_sms_panel,
            "sender": self.crm_sms_sender or "",
            "username": self.crm_sms_username or "",
            "api_key": self.crm_sms_api_key or "",
            "base_url": self.crm_sms_base_url or "",
        }
