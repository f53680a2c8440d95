import logging
from urllib.parse import quote

import requests

from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.crm_cid.tools.phone import normalize_phone

from ..tools.ingest import find_phone_number

_logger = logging.getLogger(__name__)
TIMEOUT = 10


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    @api.model
    def _interaction_ring(self, extension, number):
        """Show the caller's card to the users of a ringing extension, at once.

        Called when the PBX reports a call ringing on ``extension``. Each
        internal user with that extension gets the card of the caller in
        their web client (Odoo's bus), built with their own rights: the
        customer, CID, cautions and last interactions they may see, or an
        unknown caller they can make a customer of with one click.

        :param str extension: the ringing extension
        :param str number: the caller's number, in any format
        :return: how many users were notified
        """
        extension = str(extension or "").strip()
        if not extension:
            return 0
        # finding whose phone rings is the PBX's own business, not a read of
        # users by the caller of this method
        users = (
            self.env["res.users"]
            .sudo()
            .search([("crm_phone_extension", "=", extension), ("share", "=", False)])
        )
        for user in users:
            card = (
                self.with_user(user).caller_card(number)
                if user.has_group("crm_interaction.group_interaction_user")
                else {"found": False, "number": normalize_phone(number) or False}
            )
            user._bus_send(
                "crm_interaction/ringing",
                {"number": str(number or ""), "extension": extension, "card": card},
            )
        return len(users)

    @api.model
    def dial(self, number):
        """Ask the PBX to call ``number`` from the current user's extension.

        The PBX is reached through the dial request configured in Settings
        (a URL with ``{extension}`` and ``{number}``), with a POST: first
        the user's phone rings, then the number is called.

        :param str number: the number to call, in any format
        :return: ``{"ok": True, "number": the number dialled}``
        :raises UserError: without a dial request, without an extension, for
            a value that is no phone number, or when the PBX refuses
        """
        self.check_access("read")
        template = (
            self.env["ir.config_parameter"].sudo().get_param("crm_interaction.pbx_originate_url")
        )
        extension = self.env.user.crm_phone_extension
        if not template:
            raise UserError(self.env._("No PBX is set up for dialling (Settings, Telephony)."))
        if not extension:
            raise UserError(
                self.env._("Set your phone extension in your preferences to dial from Odoo.")
            )
        raw = number if isinstance(number, str) else ""
        found = find_phone_number(raw) or (raw.strip() if raw.strip().isdigit() else False)
        if not found:
            raise UserError(self.env._("%(value)s is not a phone number.", value=str(number)[:40]))
        digits = "".join(char for char in found if char.isdigit() or char == "+")
        url = template.replace("{extension}", quote(extension, safe="")).replace(
            "{number}", quote(digits, safe="")
        )
        try:
            response = requests.post(url, timeout=TIMEOUT)
        except requests.RequestException as error:
            _logger.warning("PBX unreachable for a dial request: %s", type(error).__name__)
            raise UserError(self.env._("The PBX cannot be reached; try again.")) from error
        if response.status_code >= 300:
            raise UserError(
                self.env._(
                    "The PBX refused the call (HTTP %(status)s).", status=response.status_code
                )
            )
        return {"ok": True, "number": digits}
