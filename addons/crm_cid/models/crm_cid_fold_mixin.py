from odoo import api, fields, models
from odoo.fields import Domain

from ..tools.names import fold_name

# the operators whose search is made forgiving, and the operator used on the
# folded column (which is lower-case: "like" becomes "ilike")
FOLDED_OPERATORS = {
    "ilike": "ilike",
    "like": "ilike",
    "=ilike": "=ilike",
    "not ilike": "not ilike",
    "not like": "not ilike",
}
# separates the folded fields in the folded column: a folded search term holds
# no line break, so it never spans two fields
FIELD_SEPARATOR = "\n"


def fold_for_search(text):
    """Return ``text`` folded by ``fold_name``, without spaces.

    Persian writers put a space, a ZWNJ or nothing between the parts of a word
    («می خواهم», «می‌خواهم», «میخواهم»); fold_name removes the ZWNJ, and
    removing the spaces as well makes the three spellings match each other.
    """
    return fold_name(text).replace(" ", "")


class CrmCidFoldMixin(models.AbstractModel):
    """Forgiving search on some text fields of a model.

    A model lists the fields in ``_cid_fold_fields`` (e.g. ``["subject"]``).
    Their values, folded by ``fold_name`` (Arabic/Persian letter variants,
    ZWNJ and other invisible characters, diacritics, digit scripts, case) and
    without spaces (a space, a ZWNJ or nothing between the parts of a word), are
    kept in the stored column ``cid_fold_text`` with a trigram index, and every
    ``ilike``, ``like``, ``=ilike``, ``not ilike`` or ``not like`` condition on
    a listed field (or on the display name, when it is made of them) is
    searched on that column with the folded term: «درخواست كارت ۱۲» finds
    «درخواست کارت 12», and the index keeps it fast on large tables.
    """

    _name = "crm.cid.fold.mixin"
    _description = "Forgiving search on text fields"

    #: names of the text fields searched through their folded form
    _cid_fold_fields = ()

    cid_fold_text = fields.Char(
        string="Folded text",
        compute="_compute_cid_fold_text",
        store=True,
        index="trigram",
        readonly=True,
        copy=False,
        help="The searchable text fields with Arabic and Persian letter variants, "
        "ZWNJ, diacritics and digit scripts folded, one per line, for searching.",
    )

    @api.depends(lambda self: self._cid_fold_fields)
    def _compute_cid_fold_text(self):
        for record in self:
            folded = (fold_for_search(record[fname] or "") for fname in self._cid_fold_fields)
            record.cid_fold_text = FIELD_SEPARATOR.join(part for part in folded if part) or False

    @api.model
    def _cid_fold_condition(self, condition):
        """Return the condition searched on the folded column instead of
        ``condition``, or ``condition`` itself when it is not to be folded."""
        fname = condition.field_expr
        operator = condition.operator
        value = condition.value
        if (
            fname not in self._cid_fold_fields
            or operator not in FOLDED_OPERATORS
            or not isinstance(value, str)
        ):
            return condition
        if operator == "=ilike" and len(self._cid_fold_fields) > 1:
            # a whole-value match cannot be told apart in a column of several fields
            return condition
        folded = fold_for_search(value)
        if not folded:
            # only invisible characters or marks: the plain search is as good
            return condition
        return Domain("cid_fold_text", FOLDED_OPERATORS[operator], folded)

    @api.model
    def _cid_fold_domain(self, domain):
        """Return ``domain`` with its conditions on the listed fields folded."""
        if not self._cid_fold_fields:
            return Domain(domain)
        return Domain(domain).map_conditions(self._cid_fold_condition)

    @api.model
    def _search(self, domain, *args, **kwargs):
        return super()._search(self._cid_fold_domain(domain), *args, **kwargs)

    @api.model
    def _search_display_name(self, operator, value):
        # name_search and many2one lookups search the display name, which the
        # ORM turns into conditions on _rec_name after _search() has run
        return self._cid_fold_domain(super()._search_display_name(operator, value))
