from odoo import api, fields, models
from odoo.exceptions import UserError


class SecretariatLetterLink(models.Model):
    """A document a letter concerns: an invoice, a payment, an order, a ticket..."""

    _name = "secretariat.letter.link"
    _description = "Document concerned by a letter"
    _order = "letter_id, id"

    letter_id = fields.Many2one(
        "secretariat.letter", string="Letter", required=True, index=True, ondelete="cascade"
    )
    res_model = fields.Char(string="Document model", required=True)
    res_id = fields.Many2oneReference(string="Document ID", model_field="res_model", required=True)
    name = fields.Char(string="Document", help="Name of the document when it was linked.")

    _document_uniq = models.UniqueIndex(
        "(letter_id, res_model, res_id)", "This document is already linked to the letter."
    )
    # "which letters concern this invoice?"
    _document_idx = models.Index("(res_model, res_id)")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            model = vals.get("res_model")
            if model not in self.env or self.env[model]._abstract or self.env[model]._transient:
                raise UserError(
                    self.env._("%(model)s is not a document model of this database.", model=model)
                )
            record = self.env[model].browse(vals.get("res_id")).exists()
            if not record:
                raise UserError(
                    self.env._(
                        "Document %(model)s %(id)s does not exist.",
                        model=model,
                        id=vals.get("res_id"),
                    )
                )
            # linking needs the right to read the document
            record.check_access("read")
            if not vals.get("name"):
                vals["name"] = record.display_name
        return super().create(vals_list)

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
