from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _ledger_statement_links(self, moves):
        """Add ``letter_ids``: the letters about each entry or its payment.

        Only letters the caller may read are listed (confidential and secret
        letters stay with their readers).
        """
        result = super()._ledger_statement_links(moves)
        letters = self._ledger_linked_records(moves, "secretariat.letter.link", "letter_id")
        for move_id, letter_ids in letters.items():
            result.setdefault(move_id, {})["letter_ids"] = letter_ids
        return result
