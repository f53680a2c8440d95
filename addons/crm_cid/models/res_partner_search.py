"""Finding contacts by any identity key, in any format, from the search box."""

from odoo import api, models
from odoo.fields import Domain

from ..tools.keys import guess_key_types
from ..tools.names import fold_name

# Guessed key types that only a key can be: when the typed text is one of
# these, name_search looks in the key index alone. A plain word may also be a
# username or a handle, so those are searched together with the names.
_STRONG_GUESS_TYPES = frozenset(
    {"mobile", "phone", "email", "national_id", "legal_id", "cid", "whatsapp"}
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _search_display_name(self, operator, value):
        domain = super()._search_display_name(operator, value)
        if operator not in ("ilike", "like", "=ilike", "=like") or not isinstance(value, str):
            return domain
        text = value.strip()
        if not text:
            return domain
        guesses = [(code, val) for code, val in guess_key_types(text) if val]
        key_domain = self._cid_keys_domain(guesses)
        if any(code in _STRONG_GUESS_TYPES for code, _val in guesses):
            # the text is a key: answer from the key index alone, an ilike on
            # every partner name would only add a sequential scan
            return key_domain | Domain("ref", "=", text)
        folded = fold_name(text)
        if folded:
            domain = self._cid_name_domain(Domain(domain), operator, value, folded)
        if guesses:
            domain |= key_domain
        return domain

    @api.model
    def _cid_name_domain(self, domain, operator, value, folded):
        """Return ``domain`` widened to the folded name.

        The folded name is the complete name with the same letters folded
        character by character, in one case and with single spaces, so every
        partner whose complete name matches ``ilike value`` also matches
        ``ilike folded``: for that operator the folded condition takes the
        place of the complete name's, and the search scans one column less.
        (A Latin letter stored with a separate combining accent is composed
        by the folding, and found by the accented letter only.) Other
        operators keep the complete name's condition beside it.
        """
        replaced = False

        def fold(condition):
            nonlocal replaced
            if (
                operator == "ilike"
                and condition.field_expr == "complete_name"
                and condition.operator == "ilike"
                and condition.value == value
            ):
                replaced = True
                return Domain("cid_name_folded", "ilike", folded)
            return condition

        domain = domain.map_conditions(fold)
        return domain if replaced else domain | Domain("cid_name_folded", "ilike", folded)

    @api.model
    def _cid_keys_domain(self, pairs):
        """Return a partner domain matching the owners of the given keys.

        The keys are looked up first (one query on the key index), so the
        partner search that follows is a primary-key lookup rather than a
        scan of every partner against a sub-query. A CID also matches the
        contacts of that customer (indexed ``cid`` column) and former numbers
        kept as aliases.

        :param pairs: iterable of ``(type_code, value_normalized)``
        :return: a :class:`Domain`, ``Domain.FALSE`` when nothing matches
        """
        pairs = list(pairs)
        partner_ids = {row[2] for row in self._cid_fetch_keys(pairs)}
        cids = [value for code, value in pairs if code == "cid"]
        if cids:
            partner_ids.update(owner[0] for owner in self._cid_former_cid_owners(cids).values())
        domain = Domain("id", "in", sorted(partner_ids)) if partner_ids else Domain.FALSE
        if cids:
            domain |= Domain("cid", "in", cids)
        return domain
