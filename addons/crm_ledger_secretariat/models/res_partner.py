from odoo import api, models
from odoo.fields import Domain


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _ledger_statement_links(self, moves):
        """Add ``letter_ids``: the letters about each entry or its payment.

        Only letters the caller may read are listed (confidential and secret
        letters stay with their readers).
        """
        result = super()._ledger_statement_links(moves)
        Link = self.env["secretariat.letter.link"]
        letters_of = {move.id: set() for move in moves}
        links = Link.browse()
        payment_move = {}
        if Link.has_access("read"):
            payment_move = {
                move.origin_payment_id.id: move.id for move in moves if move.origin_payment_id
            }
            links = Link.search(
                Domain.OR(
                    [
                        Domain("res_model", "=", "account.move")
                        & Domain("res_id", "in", moves.ids),
                        Domain("res_model", "=", "account.payment")
                        & Domain("res_id", "in", list(payment_move)),
                    ]
                )
            )
        readable = links.letter_id._filtered_access("read")
        for link in links:
            if link.letter_id not in readable:
                continue
            move_id = link.res_id if link.res_model == "account.move" else payment_move[link.res_id]
            letters_of[move_id].add(link.letter_id.id)
        for move_id, letter_ids in letters_of.items():
            result.setdefault(move_id, {})["letter_ids"] = sorted(letter_ids)
        return result
