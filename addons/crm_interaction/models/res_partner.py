from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    interaction_count = fields.Integer(string="Interactions", compute="_compute_interaction_count")

    def _compute_interaction_count(self):
        if not self.env["crm.interaction"].has_access("read"):
            self.interaction_count = 0
            return
        counts = dict(
            self.env["crm.interaction"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.interaction_count = counts.get(partner.commercial_partner_id, 0)

    def action_interaction_open_list(self):
        """Open the interactions of this customer (its company and contacts included)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interaction.crm_interaction_action_partner"
        )
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {
            "default_partner_id": self.id,
            "search_default_group_channel": 0,
        }
        return action

    def action_interaction_log(self):
        """Open the "Log interaction" dialog for this contact."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_interaction.crm_interaction_log_action"
        )
        action["context"] = {"default_partner_id": self.id}
        return action
