from odoo import fields, models


class CrmInteractionMixin(models.AbstractModel):
    """A document interactions can concern (an order, a lead, a ticket...).

    Gives the document an interaction count and the actions behind its
    "Interactions" smart button. Deleting the document deletes its links
    (``crm.document.linked.mixin``).
    """

    _name = "crm.interaction.mixin"
    _inherit = "crm.document.linked.mixin"
    _description = "Document with customer interactions"

    interaction_count = fields.Integer(string="Interactions", compute="_compute_interaction_count")

    def _compute_interaction_count(self):
        if not self.env["crm.interaction"].has_access("read"):
            self.interaction_count = 0
            return
        counts = dict(
            self.env["crm.interaction.link"]._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("interaction_id", "any", []),
                ],
                ["res_id"],
                ["__count"],
            )
        )
        for record in self:
            record.interaction_count = counts.get(record.id, 0)

    def _interaction_get_partner(self):
        """Return the customer of the document (hook; ``partner_id`` by default)."""
        self.ensure_one()
        return self["partner_id"] if "partner_id" in self._fields else self.env["res.partner"]

    def action_interaction_log(self):
        """Open the "Log interaction" dialog for this document's customer, linked to it."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interaction.crm_interaction_log_action"
        )
        action["context"] = {
            "default_partner_id": self._interaction_get_partner().id,
            "default_link_model": self._name,
            "default_link_res_id": self.id,
        }
        return action

    def action_interaction_open_list(self):
        """Open the interactions linked to this document."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interaction.crm_interaction_action_partner"
        )
        action["domain"] = [
            ("link_ids.res_model", "=", self._name),
            ("link_ids.res_id", "=", self.id),
        ]
        action["context"] = {"default_partner_id": self._interaction_get_partner().id}
        return action
