from odoo import fields, models


class CrmLedgerStatement(models.TransientModel):
    _inherit = "crm.ledger.statement"

    def _ledger_statement_line_values(self, index, line):
        values = super()._ledger_statement_line_values(index, line)
        # only users who may read them get any: leave the field alone for the others
        if line.get("letter_ids"):
            values["letter_ids"] = [fields.Command.set(line["letter_ids"])]
        return values
