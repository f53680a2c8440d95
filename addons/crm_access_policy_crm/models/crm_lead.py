from odoo import api, models

from odoo.addons.crm_access_policy.models.crm_access_masked_bound import server_lookup
from odoo.addons.crm_access_policy.tools.mask import is_masked


class CrmLead(models.Model):
    """A lead's copies of its customer's e-mail and phone (``crm.access.copied``).

    A lead without customer (a website form, an e-mail to the sales alias)
    is its salesperson's and its team's: its e-mail and phone are masked for
    the other users who may read it, and shown as stored on a lead of
    nobody (no salesperson, no team).
    """

    _name = "crm.lead"
    _inherit = ("crm.lead", "crm.access.copied")

    def _crm_access_copied_fields(self):
        return (
            "email_from",
            "email_normalized",
            # the whole address for the domains of public providers
            "email_domain_criterion",
            "email_cc",
            "phone",
            "mobile",
            "phone_sanitized",
        )

    @api.model
    def _crm_access_copied_own_domain(self):
        return self._crm_access_copied_team_portfolio("crm.team", "member_ids")

    def _track_filter_for_display(self, tracking_values):
        tracking_values = super()._track_filter_for_display(tracking_values)
        return self._crm_access_copied_track_filter(tracking_values)

    def _get_lead_duplicates(self, partner=None, email=None, include_lost=False):
        # crm searches the duplicates of a lead by the lead's own e-mail and
        # phone (assignment, conversion, merge): values the server took from
        # the record, not a list a user typed, so not counted as searched
        with server_lookup():
            return super()._get_lead_duplicates(
                partner=partner, email=email, include_lost=include_lost
            )

    def _find_matching_partner(self):
        # converting a lead looks its customer up by the lead's own e-mail: a
        # value of the record (a change of it is tracked in the lead's
        # chatter), not a list a user typed; a mass conversion of hundreds of
        # leads is not a search of hundreds of values
        with server_lookup():
            return super()._find_matching_partner()

    @api.depends_context("uid")
    def _compute_potential_lead_duplicates(self):
        # the "Similar leads" of a lead's form, searched as superuser
        # (compute_sudo) by the lead's own e-mail domain and phone. On a form
        # being filled (onchange), the values the user typed are the user's
        # searches: bound and counted as such. The similar leads of a lead
        # the user sees masked are those the user sees masked too (so they
        # depend on the user).
        with server_lookup():
            super()._compute_potential_lead_duplicates()
        if self._crm_access_user_sees_full_values():
            return
        typed = []
        kept = self.browse()
        for lead in self:
            if isinstance(lead.id, int):
                continue
            values = lead._crm_access_lead_searched_values()
            # the stored values of the lead the form shows, only compared
            stored = lead._origin.sudo()._crm_access_lead_searched_values()
            typed.extend(value for value in values if value not in stored)
            if set(values) & set(stored):
                kept |= lead
        if typed:
            self.env["crm.lead"]._crm_access_check_tested_values(typed)
        (
            self.filtered(lambda lead: isinstance(lead.id, int)) | kept
        )._crm_access_lead_hide_duplicates()

    def _compute_partner_email_update(self):
        result = super()._compute_partner_email_update()
        self._crm_access_lead_blind_update("email_from", "partner_email_update")
        return result

    def _compute_partner_phone_update(self):
        result = super()._compute_partner_phone_update()
        self._crm_access_lead_blind_update("phone", "partner_phone_update")
        return result

    def _crm_access_lead_blind_update(self, fname, flag):
        """On a form being filled (new records), set ``flag`` (the customer's
        ``fname`` will be updated) without comparing ``fname`` with the value
        of a customer the user sees masked: whether a typed value is the
        customer's would tell it. It says then whether a value is typed; the
        record saved updates the customer only when the values differ."""
        news = self.filtered(lambda lead: not isinstance(lead.id, int) and lead.partner_id)
        if not news or self._crm_access_user_sees_full_values():
            return
        masked = news.partner_id._crm_access_masked_for()
        for lead in news:
            if lead.partner_id in masked:
                lead[flag] = bool(lead[fname]) and not is_masked(lead[fname])

    def _crm_access_lead_searched_values(self):
        """Return the values of this lead its similar leads are searched by."""
        return [value for value in (self.email_domain_criterion, self.phone_sanitized) if value]

    def _crm_access_lead_hide_duplicates(self):
        """Keep, among the similar leads of the leads of ``self`` the user
        sees masked (or the new records of a form showing such a lead), only
        those the user sees masked too: a similar lead the user sees in full
        would tell the e-mail domain or phone they share."""
        hidden = self._crm_access_masked_records(real_user=True)
        news = self.filtered(lambda lead: not isinstance(lead.id, int) and lead._origin) - hidden
        if news:
            masked_origins = news._origin._crm_access_masked_records(real_user=True)
            hidden |= news.filtered(lambda lead: lead._origin in masked_origins)
        # which of all the similar leads the user sees masked, decided once
        masked = hidden.duplicate_lead_ids._crm_access_masked_records(real_user=True)
        for lead in hidden:
            similar = lead.duplicate_lead_ids - lead
            shown = similar & masked
            if shown != similar:
                lead.duplicate_lead_ids = shown + lead
                lead.duplicate_lead_count = len(shown)

    def _message_post_after_hook(self, message, msg_vals):
        # crm links the open leads of the lead's own e-mail to the contact a
        # message was sent to
        with server_lookup():
            return super()._message_post_after_hook(message, msg_vals)
