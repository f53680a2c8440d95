from odoo import api, models
from odoo.fields import Domain

from ..tools.mask import is_masked
from .res_partner import MASKED_FIELDS, SENSITIVE_FIELDS


class ResPartner(models.Model):
    """Customers in mail's Store: masked outside the portfolio of who receives it.

    Mail hands out partner data through its Store (chatter authors and
    recipients, avatar cards, mention suggestions, ``/mail/data``), read with
    ``_read_format`` and often as superuser. The identity values in it
    (e-mail, phone, mobile...) are masked for customers outside the
    portfolio of the user the data is for, decided from that user and never
    from ``env.su``; tracked changes of those fields are not shown to them.
    """

    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # Who sees which partner masked, whatever the superuser mode
    # ------------------------------------------------------------------

    def _crm_access_masked_for(self, user=None):
        """Return the partners of ``self`` that ``user`` sees masked.

        :param user: the user the data is for (default: the current user,
            ``env.su`` ignored); an empty recordset stands for a recipient
            who is no known user (a channel, a guest): customers are masked
            as for a user without portfolio
        """
        if not self:
            return self.browse()
        if user is None:
            user = self.env.user
        if not user:
            user = self.env.ref("base.public_user")
        if user._is_superuser():
            return self.browse()
        as_user = self.with_user(user).sudo(False)
        if as_user._crm_access_sees_full_values():
            return self.browse()
        # the commercial entity of each partner, which the user may not be
        # allowed to read (an auditor reads no partner): read to decide only
        owners = {partner.id: partner.commercial_partner_id.id for partner in self.sudo()}
        # colleagues (internal users) are told by their flag
        # (crm_access_is_colleague), which comes with their row: no user is
        # read for each recipient of a message
        unmasked = as_user._crm_access_unmasked_ids({owner for owner in owners.values() if owner})
        return self.browse(pid for pid, owner in owners.items() if owner not in unmasked)

    def _crm_access_store_customers(self):
        """Return the customers among ``self`` whose Store reads are audited.

        Partners of colleagues and bots (internal users, archived ones
        included: ``crm_access_is_colleague``) and partners without a CID
        are not customer data.
        """
        # reads the CID of partners the user may not be allowed to read in
        # full, to decide what to count; nothing is returned
        partners = (
            self.sudo()
            .with_context(active_test=False)
            .commercial_partner_id.filtered(
                lambda partner: partner.cid and not partner.crm_access_is_colleague
            )
        )
        return partners.with_env(self.env(su=False))

    # ------------------------------------------------------------------
    # Store
    # ------------------------------------------------------------------

    def _to_store(self, store, fields, **kwargs):
        store.add_records_fields(self, fields)
        names = {
            field if isinstance(field, str) else getattr(field, "field_name", None)
            for field in fields
        }
        identity = names.intersection(MASKED_FIELDS) | names.intersection(SENSITIVE_FIELDS)
        if not identity:
            # names, avatars, presence: nothing to mask or to count
            return
        masked = self._crm_access_masked_for(store.target.get_user(self.env))
        entries = store.data.get("res.partner", {})
        for partner in masked:
            entry = entries.get((partner.id,))
            if entry:
                self._crm_access_mask_store_entry(entry)
        if store.target.is_current_user(self.env):
            customers = self._crm_access_store_customers()
            # counted as any read of these fields: logged, alarmed, refused
            # while the user is suspended
            customers._crm_access_audit(customers._crm_access_kind(list(identity)))

    @api.model
    def _crm_access_mask_store_entry(self, entry):
        """Mask, in place, the identity values of one partner's Store data."""
        for fname, mask in MASKED_FIELDS.items():
            value = entry.get(fname)
            if value and isinstance(value, str) and not is_masked(value):
                entry[fname] = mask(value)

    # ------------------------------------------------------------------
    # Tracking values and mention suggestions
    # ------------------------------------------------------------------

    def _track_filter_for_display(self, tracking_values):
        tracking_values = super()._track_filter_for_display(tracking_values)
        if tracking_values and self._crm_access_masked_for():
            hidden = set(MASKED_FIELDS) | SENSITIVE_FIELDS
            tracking_values = tracking_values.filtered(
                lambda tracking: tracking.field_id.name not in hidden
            )
        return tracking_values

    @api.model
    def _get_mention_suggestions_domain(self, search):
        domain = super()._get_mention_suggestions_domain(search)
        user = self.env.user
        as_user = self.sudo(False)
        if user._is_superuser() or as_user._crm_access_sees_full_values():
            return domain
        # searching by e-mail would tell whose address it is: only among the
        # partners whose e-mail the user sees in full; by name everywhere
        visible = Domain.OR(
            [
                Domain(self._crm_access_portfolio_domain()),
                Domain("id", "in", user._crm_access_own_partners().ids),
                Domain("user_ids", "any", [("share", "=", False)]),
            ]
        )
        # the portfolio goes through teams the user may not read: only used to
        # narrow down the suggestions
        visible_ids = self.sudo().with_context(active_test=False)._search(visible)
        commercial_visible = Domain("commercial_partner_id", "in", visible_ids)
        by_name = Domain("name", "ilike", search) & Domain("active", "=", True)
        return by_name | (domain & commercial_visible)
