from odoo import api, fields, models
from odoo.fields import Domain


class SecretariatLetterLinkedMixin(models.AbstractModel):
    """A document letters can concern (an invoice, a payment, an order...).

    Gives the document a letter count and the actions behind its "Letters"
    smart button; a bridge only inherits this mixin and adds the buttons to
    the document's form. Deleting the document deletes its links
    (``crm.document.linked.mixin``).
    """

    _name = "secretariat.letter.linked.mixin"
    _inherit = "crm.document.linked.mixin"
    _description = "Document with letters"

    secretariat_letter_count = fields.Integer(
        string="Letters",
        compute="_compute_secretariat_letter_count",
        groups="secretariat.group_secretariat_user",
    )

    @api.depends_context("uid")
    def _compute_secretariat_letter_count(self):
        # the link rules mirror the letters' ones: each user counts only the
        # letters they may read
        counts = dict(
            self.env["secretariat.letter.link"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for document in self:
            document.secretariat_letter_count = counts.get(document.id, 0)

    def _secretariat_letter_partner(self):
        """The correspondent proposed for a new letter about this document."""
        self.ensure_one()
        return self.partner_id if "partner_id" in self._fields else self.env["res.partner"]

    def _secretariat_letter_domain(self):
        self.ensure_one()
        return Domain(
            "link_ids",
            "any",
            Domain("res_model", "=", self._name) & Domain("res_id", "=", self.id),
        )

    def action_open_secretariat_letters(self):
        """The letters concerning this document; a new one is linked to it."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "secretariat.secretariat_letter_action"
        )
        partner = self._secretariat_letter_partner()
        action["domain"] = list(self._secretariat_letter_domain())
        action["context"] = {
            "secretariat_link_document": [self._name, self.id],
            "default_partner_id": partner.id,
        }
        return action

    def action_link_secretariat_letters(self):
        """Open the dialog that links existing letters to this document."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "secretariat.secretariat_letter_link_add_action"
        )
        action["context"] = {
            "default_res_model": self._name,
            "default_res_id": self.id,
            "default_partner_id": self._secretariat_letter_partner().id,
        }
        return action
