from odoo import api, models
from odoo.exceptions import MissingError
from odoo.fields import Domain

from ..tools.mask import is_masked, mask_email, mask_formatted_email, mask_phone
from ..tools.mask_addresses import addresses_in, mask_address_list, mask_email_criterion

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
    A record without customer is masked by its own portfolio
    (:meth:`_crm_access_copied_own_domain`: a lead's salesperson and team, a
    ticket's user and team); reading it counts for the customer its values
    resolve to, when they resolve to one (:meth:`_crm_access_copied_resolved_field`).
    Tracked changes of these fields are not shown to the users who see them
    masked (:meth:`_crm_access_copied_track_filter`, called by the models'
    own ``_track_filter_for_display``); the addresses of their messages that
    are the record's own e-mail are masked for them too
    (:meth:`_crm_access_copied_hidden_addresses`). The values a form's
    onchange copies from a customer outside the portfolio come masked too;
    saved back unchanged, such a masked value leaves the real one in place.
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

    @api.model
    def _crm_access_copied_own_domain(self):
        """Return the domain of this model's records whose copies the user
        sees in full when they have no customer: the record's own portfolio.

        Searched as superuser (teams and their members may be unreadable to
        the user); ``None`` when such a record holds nobody's data and is
        shown as stored.
        """
        return None

    @api.model
    def _crm_access_copied_team_portfolio(self, team_model, member_field):
        """Return the domain of the records whose ``user_id`` is the user, or
        whose ``team_id`` (of ``team_model``) the user leads (its ``user_id``)
        or belongs to (its ``member_field``), or of nobody (neither).

        A helper for :meth:`_crm_access_copied_own_domain`.
        """
        uid = self.env.uid
        # the teams whose members the user may not be allowed to read: a
        # subquery searched as superuser
        teams = (
            self.env[team_model]
            .sudo()
            ._search(Domain("user_id", "=", uid) | Domain(member_field, "in", [uid]))
        )
        return (
            Domain("user_id", "=", uid)
            | Domain("team_id", "in", teams)
            | (Domain("user_id", "=", False) & Domain("team_id", "=", False))
        )

    @api.model
    def _crm_access_copied_resolved_field(self):
        """Return the many2one naming the customer the copies of a record
        without customer resolve to (their e-mail or phone is that
        customer's), or ``None``."""
        field = self._fields.get("cid_partner_id")
        if field is not None and field.type == "many2one" and field.comodel_name == "res.partner":
            return "cid_partner_id"
        return None

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
        # a record without customer is seen in full within its own portfolio;
        # the owners the user sees in full are decided as superuser (teams,
        # grants), so the relation is searched without the user's rules (a
        # subquery of ids)
        owners = self.env["res.partner"].sudo().with_context(active_test=False)
        query = owners._search(self.env["res.partner"]._crm_access_unmasked_owner_domain())
        partner_field = self._crm_access_copied_partner_field()
        alone = Domain(partner_field, "=", False)
        own = self._crm_access_copied_own_domain()
        if own is not None:
            alone &= own
        return alone | Domain(partner_field, "any!", [("commercial_partner_id", "in", query)])

    def _crm_access_masked_ids(self):
        return super()._crm_access_masked_ids() | self._crm_access_copied_masked_alone_ids()

    def _crm_access_copied_masked_alone_ids(self):
        """Return the ids of the records of ``self`` without customer that are
        outside their own portfolio for the user (see
        :meth:`_crm_access_copied_own_domain`)."""
        own = self._crm_access_copied_own_domain()
        if own is None:
            return set()
        partner_field = self._crm_access_copied_partner_field()
        # the customer and the portfolio of records the user has just read,
        # decided through teams the user may not read; new records (a form
        # being filled) hold what the user typed
        records = self.sudo().with_context(active_test=False)
        alone = [
            record
            for record in records
            if isinstance(record.id, int)
            and not record[partner_field]
            and not self._crm_access_copied_own_in_cache(record)
        ]
        if not alone:
            return set()
        ids = [record.id for record in alone]
        seen = records.search(Domain("id", "in", ids) & own).ids
        return set(ids).difference(seen)

    def _crm_access_copied_own_in_cache(self, record):
        """Tell, from the values at hand, whether ``record`` (as superuser) is
        of the user's own portfolio for sure: the user's own, or of nobody
        (see :meth:`_crm_access_copied_team_portfolio`). A record this says
        nothing of is searched with the portfolio's domain."""
        fields = record._fields
        if "user_id" not in fields or "team_id" not in fields:
            return False
        user = record.user_id
        return user.id == self.env.uid or (not user and not record.team_id)

    @api.model
    def _crm_access_copied_hidden_addresses(self, res_ids):
        """Return the e-mail addresses held by the copies of the records
        ``res_ids`` that the current user sees masked.

        The messages of such a record show these addresses masked to the
        user (sender, To, Cc, reply-to), whatever contact they match or
        whether they match any: the record's own e-mail is masked there as
        on the record.

        :param res_ids: ids of records of this model (deleted ones ignored)
        :return: ``{record id: set of normalised addresses}``, only for the
            records seen masked
        """
        return self._crm_access_copied_hidden_values(
            res_ids,
            self._crm_access_mask_fields(),
            lambda values: {address for address in addresses_in(values) if "@" in address},
        )

    @api.model
    def _crm_access_copied_hidden_values(self, res_ids, fnames, collect):
        """Return ``{record id: collect(values of fnames)}`` for the records
        ``res_ids`` the current user sees masked, leaving out empty sets."""
        if not fnames or self._crm_access_sees_full_values():
            return {}
        records = self.browse(res_ids)._crm_access_copied_existing()._crm_access_masked_records()
        # the stored values of records the user may read masked: compared
        # with the addresses and numbers of their messages, never handed out
        hidden = {
            record.id: collect([record[fname] for fname in fnames]) for record in records.sudo()
        }
        return {record_id: values for record_id, values in hidden.items() if values}

    def _crm_access_copied_existing(self):
        """Return the records of ``self`` that exist, without a query for
        those whose customer is at hand (the documents of messages just
        posted)."""
        # existence only, decided for records the user may not read (the
        # documents of messages): nothing of them is returned but their ids
        records = self.sudo().with_context(active_test=False)
        partner_field = self._crm_access_copied_partner_field()
        records.fetch([partner_field])
        existing = []
        for record in records:
            try:
                record[partner_field]
            except MissingError:
                continue
            existing.append(record.id)
        return self.browse(existing)

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
        records = self.sudo()
        for fname in fnames:
            # the customer's values, and the record's own (a record without
            # customer is shown masked outside its portfolio)
            stored = [record[fname] for record in records if record[fname]]
            if vals[fname] in {COPIED_MASKS[fname](value) for value in (*values, *stored)}:
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
        # allowed to read: collected as superuser, counted for the user; a
        # record without customer counts for the customer its values resolve
        # to, and for nobody when they resolve to none
        partner_field = self._crm_access_copied_partner_field()
        records = self.sudo()
        if not all(isinstance(record_id, int) for record_id in self._ids):
            # a form's new records (onchange) return the values of the
            # records they were made from too, whatever customer the form sent
            records |= records._origin
        customers = records[partner_field]
        resolved = self._crm_access_copied_resolved_field()
        if resolved:
            customers |= records.filtered(lambda record: not record[partner_field])[resolved]
        customers = customers.commercial_partner_id.filtered("cid")
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
