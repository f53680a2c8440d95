from odoo import fields, models


class CrmLedgerStatementLine(models.TransientModel):
    _name = "crm.ledger.statement.line"
    _description = "Customer statement line"
    _order = "sequence, id"

    statement_id = fields.Many2one(
        "crm.ledger.statement", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer()
    currency_id = fields.Many2one(related="statement_id.currency_id")
    date = fields.Date(string="Accounting date")
    date_display = fields.Char(string="Date")
    move_id = fields.Many2one("account.move", string="Document")
    kind = fields.Selection(
        selection=[
            ("invoice", "Invoice"),
            ("credit_note", "Credit note"),
            ("payment", "Payment"),
            ("entry", "Other entry"),
        ]
    )
    ref = fields.Char(string="Reference")
    debit = fields.Monetary()
    credit = fields.Monetary()
    balance = fields.Monetary(string="Running balance")

    def action_open_document(self):
        """Open the journal entry, invoice or payment behind the line."""
        self.ensure_one()
        return self.move_id._get_records_action()
