from odoo import api, models
from odoo.fields import Domain


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _ledger_statement_links(self, moves):
        """Add ``interaction_ids``: the interactions linked to each entry or its payment.

        Only interactions the caller may read are listed: accountants without
        an interaction role get empty lists, never the interactions' content.
        """
        result = super()._ledger_statement_links(moves)
        Link = self.env["crm.interaction.link"]
        interactions_of = {move.id: set() for move in moves}
        links = Link.browse()
        payment_move = {}
        if Link.has_access("read") and self.env["crm.interaction"].has_access("read"):
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
        readable = links.interaction_id._filtered_access("read")
        for link in links:
            if link.interaction_id not in readable:
                continue
            move_id = link.res_id if link.res_model == "account.move" else payment_move[link.res_id]
            interactions_of[move_id].add(link.interaction_id.id)
        for move_id, interaction_ids in interactions_of.items():
            result.setdefault(move_id, {})["interaction_ids"] = sorted(interaction_ids)
        return result
