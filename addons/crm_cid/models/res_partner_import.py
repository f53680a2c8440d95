"""The contract between the customer import's set-based INSERT and other addons.

``crm.cid.import.insert`` writes new customers with one ``COPY`` instead of
``res.partner.create()``: the import is several times faster, but an addon's
``create()`` override does not run for imported customers. What does run:

* the defaults of every field, other addons' included (``default_get``);
* stored computed fields other addons add, computed by the ORM after the
  ``COPY`` (``_insert_recompute_others``);
* the Python constraints of the fields written (``_validate_fields``);
* the two hooks below, which an addon whose ``create()`` adds values or
  side effects overrides as well, so that imported customers get them too.

An addon that cannot express its ``create()`` through these hooks must not be
installed with the bulk import, or must make :meth:`_cid_import_prepare_vals`
raise to refuse it (the import then writes nothing).
"""

from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _cid_import_prepare_vals(self, vals_list):
        """Complete the values of the customers the import is about to insert.

        Called once per chunk, before the ``COPY``, with one dict per new
        customer: the values the row gave (``name``, ``is_company``,
        ``mobile``, ``phone``, ``email``, ``national_id``, ``street``,
        ``city``, ``ref``) without the defaults, as ``create()`` receives
        them. An override may add or change values of stored, non-relational
        (or many2one) fields of ``res.partner`` in place, as its ``create()``
        would; the rows are then completed with the defaults and the
        computed columns. It must not create records: do that in
        :meth:`_cid_import_after_insert`, once the customers exist.

        :param list vals_list: one dict of values per new customer
        :return: the list of dicts (the same one, or a new one of the same length)
        """
        return vals_list

    def _cid_import_after_insert(self):
        """React to customers the import has just inserted (``self``).

        Called once per chunk, after the ``COPY`` of the customers and of
        their identity keys, the recomputation of other addons' stored
        fields and the constraint checks, as the part of a ``create()``
        override that follows ``super().create()``. The cache holds nothing
        of the new rows: read them as usual.
        """
        return None
