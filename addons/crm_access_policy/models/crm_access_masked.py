from odoo import api, models
from odoo.exceptions import UserError

from ..tools.mask import is_masked


class CrmAccessMasked(models.AbstractModel):
    """Identity values masked outside need-to-know, on the server.

    Models inheriting this mixin name their sensitive fields and how to mask
    each one (:meth:`_crm_access_mask_values`). What the public read methods
    return (``read``, so the web client's ``web_read`` and
    ``web_search_read``, and ``search_read``, over any RPC) carries masked
    values for the records whose customer is outside the user's portfolio,
    unless the user sees sensitive identity data (crm_cid) or every
    interaction. Searching still works on the stored values; only what is
    returned is masked. Internal ORM access (field access in Python, mail and
    SMS composers, ``sudo()``) reads the real values.

    A masked value is never written back: create and write refuse values that
    look masked in the masked fields.
    """

    _name = "crm.access.masked"
    _description = "Identity values masked outside need-to-know"

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------

    def _crm_access_mask_fields(self):
        """Return the names of the fields whose values may be masked."""
        return ()

    def _crm_access_mask_owner(self):
        """Return the commercial partner whose portfolio decides for this record."""
        self.ensure_one()
        return self.env["res.partner"]

    def _crm_access_mask_values(self, fnames):
        """Return ``{field: masked value}`` of this record for ``fnames``."""
        return {}

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------

    def read(self, fields=None, load="_classic_read"):
        rows = super().read(fields, load=load)
        self._crm_access_mask_rows(rows)
        return rows

    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        rows = super().search_read(
            domain, fields, offset=offset, limit=limit, order=order, **read_kwargs
        )
        self._crm_access_mask_rows(rows)
        return rows

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._crm_access_check_not_masked(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._crm_access_check_not_masked(vals)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    def _crm_access_sees_full_values(self):
        """Whether the current user sees every identity value unmasked."""
        user = self.env.user
        return (
            self.env.su
            or user.has_group("crm_cid.group_cid_sensitive")
            or user.has_group("crm_interaction.group_interaction_all")
        )

    def _crm_access_masked_records(self):
        """Return the records of ``self`` the current user sees masked."""
        if not self or self._crm_access_sees_full_values():
            return self.browse()
        owners = {record.id: record._crm_access_mask_owner().id for record in self}
        unmasked = self.env["res.partner"]._crm_access_unmasked_ids(
            {owner for owner in owners.values() if owner}
        )
        return self.filtered(lambda record: owners[record.id] not in unmasked)

    def _crm_access_mask_rows(self, rows):
        """Mask, in place, the values of read ``rows`` the user may not see in full."""
        fnames = set(self._crm_access_mask_fields())
        if not rows or not fnames.intersection(rows[0]):
            return
        records = self.browse([row["id"] for row in rows])
        masked = records._crm_access_masked_records()
        if not masked:
            return
        fnames = [fname for fname in fnames if fname in rows[0]]
        masked_ids = set(masked.ids)
        for row in rows:
            if row["id"] in masked_ids:
                row.update(masked.browse(row["id"])._crm_access_mask_values(fnames))

    def _crm_access_check_not_masked(self, vals):
        """Refuse to store a masked value in place of the real one."""
        for fname in self._crm_access_mask_fields():
            if is_masked(vals.get(fname)):
                raise UserError(
                    self.env._(
                        "%(field)s holds a masked value (%(value)s): type the full value, "
                        "or leave the field unchanged.",
                        field=self._fields[fname].get_description(self.env)["string"],
                        value=vals[fname],
                    )
                )
