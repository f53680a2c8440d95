from odoo import api, models
from odoo.fields import Domain

from ..tools.mask import is_masked, mask_email, mask_formatted_email, mask_phone
from ..tools.mask_addresses import mask_address_list, mask_email_criterion

# Fields that commonly hold a copy of the customer's identity values, with
# their masking; a model names those it has in _crm_access_copied_fields.
COPIED_MASKS = {
    "email_from": mask_formatted_email,
    "email_normalized": mask_email,
    "email_cc": mask_address_list,
    "email_domain_criterion": mask_email_criterion,
    "partner_email": mask_formatted_email,
    "phone": mask_phone,
    "mobile": mask_phone,
    "partner_phone": mask_phone,
    "partner_mobile": mask_phone,
    "phone_sanitized": mask_phone,
}
# Fields of the customer whose values the copies are taken from.
CUSTOMER_VALUE_FIELDS = ("email", "phone", "mobile")


def _record_id(value):
    """The id of a many2one value as the web client sends or gets it."""
    if isinstance(value, dict):
        value = value.get("id")
    elif isinstance(value, (list, tuple)):
        value = value[0] if value else False
    return value if isinstance(value, int) and not isinstance(value, bool) else False


class CrmAccessCopied(models.AbstractModel):
    """Copies of a customer's e-mail and phone on another model (a lead, a ticket).

    An opportunity or a ticket keeps the e-mail and phone of its customer in
    fields of its own. They are masked exactly as the customer's own values
    are for the user (outside the portfolio, :class:`crm.access.masked`:
    reads, searches, groups, display names), and reading them is reading the
    customer: counted in the access log for the customers of the records,
    alarmed, refused while the user is suspended or past the layoff limit.
    Tracked changes of these fields are not shown to the users who see them
    masked (:meth:`_crm_access_copied_track_filter`, called by the models'
    own ``_track_filter_for_display``). The values a form's onchange copies
    from a customer outside the portfolio come masked too; saved back
    unchanged, such a masked value leaves the real one in place.
    """

    _name = "crm.access.copied"
    _inherit = "crm.access.masked"
    _description = "Copies of customer identity values on another model"

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------

    @api.model
    def _crm_access_copied_fields(self):
        """Return the names of this model's fields holding copies of identity values."""
        return ()

    @api.model
    def _crm_access_copied_partner_field(self):
        """Return the many2one naming the customer the copies belong to."""
        return "partner_id"

    # ------------------------------------------------------------------
    # crm.access.masked
    # ------------------------------------------------------------------

    def _crm_access_mask_fields(self):
        return [
            fname
            for fname in self._crm_access_copied_fields()
            if fname in self._fields and fname in COPIED_MASKS
        ]

    def _crm_access_mask_owner(self):
        # the customer decides, whether or not the user may read the contact
        return self.sudo()[self._crm_access_copied_partner_field()].commercial_partner_id

    @api.model
    def _crm_access_mask_owner_field(self):
        return f"{self._crm_access_copied_partner_field()}.commercial_partner_id"

    @api.model
    def _crm_access_search_fields(self):
        search_fields = super()._crm_access_search_fields()
        if "phone_mobile_search" in self._fields:
            # searches the phone in any format; "=" is its whole-number match
            search_fields["phone_mobile_search"] = "="
        return search_fields

    @api.model
    def _crm_access_unmasked_domain(self, owner_field=None):
        if owner_field:
            return super()._crm_access_unmasked_domain(owner_field)
        # a record without customer holds nobody's data; the owners the user
        # sees in full are decided as superuser (teams, grants), so the
        # relation is searched without the user's rules (a subquery of ids)
        owners = self.env["res.partner"].sudo().with_context(active_test=False)
        query = owners._search(self.env["res.partner"]._crm_access_unmasked_owner_domain())
        partner_field = self._crm_access_copied_partner_field()
        return Domain(partner_field, "=", False) | Domain(
            partner_field, "any!", [("commercial_partner_id", "in", query)]
        )

    def _crm_access_mask_values(self, fnames):
        return {fname: COPIED_MASKS[fname](self[fname]) for fname in fnames if self[fname]}

    def _crm_access_check_not_masked(self, vals):
        self._crm_access_copied_drop_masks(vals)
        return super()._crm_access_check_not_masked(vals)

    def _crm_access_copied_drop_masks(self, vals):
        """Drop from ``vals`` the masked values that are the masks of the
        customer's own values: the form sends back what it was shown, the
        copy keeps (or computes) the real value."""
        fnames = [fname for fname in self._crm_access_mask_fields() if is_masked(vals.get(fname))]
        if not fnames:
            return
        partner_field = self._crm_access_copied_partner_field()
        # the customers' values, as superuser: only compared with the masks sent
        Partner = self.env["res.partner"].sudo()
        partners = (
            Partner.browse(vals[partner_field])
            if vals.get(partner_field)
            else self.sudo()[partner_field]
        )
        partners |= partners.commercial_partner_id
        values = [
            partner[fname]
            for partner in partners
            for fname in CUSTOMER_VALUE_FIELDS
            if fname in partner._fields and partner[fname]
        ]
        for fname in fnames:
            if vals[fname] in {COPIED_MASKS[fname](value) for value in values}:
                del vals[fname]

    # ------------------------------------------------------------------
    # Forms
    # ------------------------------------------------------------------

    def onchange(self, values, field_names, fields_spec):
        result = super().onchange(values, field_names, fields_spec)
        changed = result.get("value")
        if changed:
            self._crm_access_copied_mask_onchange(values, changed)
        return result

    def _crm_access_copied_mask_onchange(self, values, changed):
        """Mask, in place, the copies an onchange took from a customer the
        user sees masked."""
        fnames = [
            fname
            for fname in self._crm_access_mask_fields()
            if isinstance(changed.get(fname), str) and not is_masked(changed[fname])
        ]
        if not fnames or not self._crm_access_search_restricted():
            return
        partner_field = self._crm_access_copied_partner_field()
        partner_id = _record_id(changed.get(partner_field, values.get(partner_field)))
        if not partner_id:
            return
        # the customer's entity decides, whether or not the user may read it
        owner = self.env["res.partner"].sudo().browse(partner_id).exists().commercial_partner_id
        if not owner or owner.id in self.env["res.partner"]._crm_access_unmasked_ids({owner.id}):
            return
        for fname in fnames:
            changed[fname] = COPIED_MASKS[fname](changed[fname])

    # ------------------------------------------------------------------
    # Reads counted as reads of the customers
    # ------------------------------------------------------------------

    def read(self, fields=None, load="_classic_read"):
        rows = super().read(fields, load=load)
        self._crm_access_copied_audit(fields)
        return rows

    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        rows = super().search_read(
            domain, fields, offset=offset, limit=limit, order=order, **read_kwargs
        )
        if rows:
            self.browse([row["id"] for row in rows])._crm_access_copied_audit(fields)
        return rows

    def _crm_access_copied_audit(self, fnames):
        """Count the reading of copied identity values as reading their customers.

        :param fnames: the fields read (``None``: all of them)
        :raise AccessError: when the user is suspended, or past the layoff limit
        """
        if not self or self.env.su:
            return
        copied = self._crm_access_mask_fields()
        if not copied or (fnames and not set(copied).intersection(fnames)):
            return
        Partner = self.env["res.partner"]
        if not Partner._crm_access_user_is_audited():
            return
        # the customers of the records just read, which the user may not be
        # allowed to read: collected as superuser, counted for the user
        partner_field = self._crm_access_copied_partner_field()
        customers = self.sudo()[partner_field].commercial_partner_id.filtered("cid")
        if customers:
            customers = customers.with_env(self.env)
            customers._crm_access_audit(customers._crm_access_kind(copied))

    def _crm_access_copied_track_filter(self, tracking_values):
        """Return ``tracking_values`` without those of copied fields that the
        user sees masked on one of these records."""
        if not tracking_values or not self._crm_access_masked_records(real_user=True):
            return tracking_values
        hidden = set(self._crm_access_mask_fields())
        return tracking_values.filtered(lambda tracking: tracking.field_id.name not in hidden)
