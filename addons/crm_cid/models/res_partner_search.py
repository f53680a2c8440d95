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
            domain |= Domain("cid_name_folded", "ilike", folded)
        if guesses:
            domain |= key_domain
        return domain

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
