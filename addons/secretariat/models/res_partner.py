from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    secretariat_letter_ids = fields.One2many(
        "secretariat.letter",
        "partner_id",
        string="Letters",
        groups="secretariat.group_secretariat_user",
    )
    secretariat_letter_count = fields.Integer(
        compute="_compute_secretariat_letter_count",
        string="Letter count",
        groups="secretariat.group_secretariat_user",
    )

    def _compute_secretariat_letter_count(self):
        counts = dict(
            self.env["secretariat.letter"]._read_group(
                [("partner_id", "child_of", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.secretariat_letter_count = sum(
                count
                for letter_partner, count in counts.items()
                if letter_partner.commercial_partner_id == partner.commercial_partner_id
            )

    def action_open_secretariat_letters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "secretariat.secretariat_letter_action"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
