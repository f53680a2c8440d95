from odoo import Command, fields, models
from odoo.exceptions import UserError


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    crm_price_quote_ids = fields.One2many(
        "crm.price.quote", "ticket_id", string="Price quotes", readonly=True
    )
    crm_price_quote_count = fields.Integer(
        string="Price quote count", compute="_compute_crm_price_quote_count"
    )

    def _compute_crm_price_quote_count(self):
        counts = dict(
            self.env["crm.price.quote"]
            .with_context(active_test=False)
            ._read_group([("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"])
        )
        for ticket in self:
            ticket.crm_price_quote_count = counts.get(ticket, 0)

    def action_crm_price_check(self):
        """Open the price check for the ticket's customer, as support."""
        self.ensure_one()
        self._crm_price_check_partner()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_price_consistency.crm_price_check_action"
        )
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_unit": "support",
            "default_ticket_id": self.id,
        }
        return action

    def action_view_crm_price_quotes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_price_consistency.crm_price_quote_action"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"active_test": False}
        return action

    def crm_price_create_quotation(self, lines):
        """Create a quotation for the ticket's customer, sold by support.

        The order is linked to the ticket, marked as coming from support and
        put on the customer's interaction timeline; its lines reuse the
        customer's valid price quotes.

        :param list lines: ``[{"product_id": 5, "qty": 2.0, "uom_id": 1}]``
            (``uom_id`` optional)
        :return: the id of the new ``sale.order``
        :raises UserError: when the ticket has no customer or a line is malformed
        """
        self.ensure_one()
        self._crm_price_check_partner()
        if not isinstance(lines, list) or not lines:
            raise UserError(self.env._("Send the lines as a list of products and quantities."))
        Quote = self.env["crm.price.quote"]
        order_lines = []
        for line in lines:
            if not isinstance(line, dict):
                raise UserError(self.env._("Each line must be a dict."))
            request = Quote._crm_price_parse_request(
                self.partner_id.id,
                line.get("product_id"),
                line.get("qty", 1.0),
                "support",
                uom_id=line.get("uom_id", False),
            )
            order_lines.append(
                Command.create(
                    {
                        "product_id": request["product"].id,
                        "product_uom_qty": request["qty"],
                        "product_uom_id": request["uom"].id,
                    }
                )
            )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner_id.id,
                "crm_price_unit": "support",
                "ticket_ids": [Command.link(self.id)],
                "origin": self.number,
                "order_line": order_lines,
            }
        )
        return order.id

    def _crm_price_check_partner(self):
        for ticket in self:
            if not ticket.partner_id:
                raise UserError(
                    self.env._(
                        "Set the customer of ticket %(ticket)s before giving a price.",
                        ticket=ticket.display_name,
                    )
                )
