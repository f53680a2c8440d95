from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _ledger_statement_links(self, moves):
        """Add ``interaction_ids``: the interactions linked to each entry or its payment.

        Only interactions the caller may read are listed: accountants without
        an interaction role get empty lists, never the interactions' content.
        """
        result = super()._ledger_statement_links(moves)
        if self.env["crm.interaction"].has_access("read"):
            interactions = self._ledger_linked_records(
                moves, "crm.interaction.link", "interaction_id"
            )
        else:
            interactions = {move.id: [] for move in moves}
        for move_id, interaction_ids in interactions.items():
            result.setdefault(move_id, {})["interaction_ids"] = interaction_ids
        return result
