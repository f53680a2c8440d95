from odoo import api, fields, models

from odoo.addons.crm_cid.tools.jalali import format_reader_date


class CrmLedgerStatement(models.TransientModel):
    _name = "crm.ledger.statement"
    _description = "Customer statement"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    cid = fields.Char(related="partner_id.cid")
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, readonly=True
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, readonly=True
    )
    opening_balance = fields.Monetary(readonly=True)
    total_debit = fields.Monetary(string="Debit", readonly=True)
    total_credit = fields.Monetary(string="Credit", readonly=True)
    closing_balance = fields.Monetary(readonly=True)
    line_ids = fields.One2many("crm.ledger.statement.line", "statement_id", string="Lines")
    period_display = fields.Char(string="Period", compute="_compute_period_display")

    @api.depends("partner_id")
    def _compute_display_name(self):
        # the breadcrumb names the statement (a transient record has no name)
        for statement in self:
            if statement.partner_id:
                statement.display_name = self.env._(
                    "Statement of %(customer)s", customer=statement.partner_id.display_name
                )
            else:
                statement.display_name = self.env._("New statement")

    @api.depends("date_from", "date_to")
    @api.depends_context("lang")
    def _compute_period_display(self):
        lang = self.env.lang
        for statement in self:
            start = format_reader_date(statement.date_from, lang)
            end = format_reader_date(statement.date_to, lang)
            statement.period_display = f"{start} – {end}"

    def action_compute(self):
        """Fill the statement from ``res.partner.cid_statement``; return the form again."""
        self.ensure_one()
        data = self.partner_id.cid_statement(self.date_from, self.date_to)
        self.line_ids.unlink()
        self.write(
            {
                "opening_balance": data["opening_balance"],
                "total_debit": data["total_debit"],
                "total_credit": data["total_credit"],
                "closing_balance": data["closing_balance"],
                "line_ids": [
                    fields.Command.create(self._ledger_statement_line_values(index, line))
                    for index, line in enumerate(data["lines"])
                ],
            }
        )
        return self._ledger_action_open()

    def _ledger_statement_line_values(self, index, line):
        """Values of the statement line made from one line of ``cid_statement``."""
        return {
            "sequence": index,
            "date": line["date"],
            "date_display": line["date_display"],
            "move_id": line["move_id"],
            "kind": line["kind"],
            "ref": line["ref"],
            "debit": line["debit"],
            "credit": line["credit"],
            "balance": line["balance"],
        }

    def action_print(self):
        """Print the statement as a PDF."""
        self.ensure_one()
        # data={} rather than None: XML-RPC cannot send None values
        return self.env.ref("crm_ledger.action_report_statement").report_action(self, data={})

    def _ledger_action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
            "name": self.env._("Statement of %(name)s", name=self.partner_id.display_name),
        }
