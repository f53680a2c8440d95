from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmInteractionLink(models.Model):
    _name = "crm.interaction.link"
    _description = "Document concerned by an interaction"
    _order = "interaction_id, id"

    interaction_id = fields.Many2one(
        "crm.interaction", string="Interaction", required=True, index=True, ondelete="cascade"
    )
    res_model = fields.Char(string="Document model", required=True)
    res_id = fields.Many2oneReference(string="Document ID", model_field="res_model", required=True)
    name = fields.Char(string="Document", help="Name of the document when it was linked.")

    _document_uniq = models.UniqueIndex(
        "(interaction_id, res_model, res_id)", "This document is already linked to the interaction."
    )
    # "which interactions concern this order?"
    _document_idx = models.Index("(res_model, res_id)")

    @api.model_create_multi
    def create(self, vals_list):
        self.env["crm.interaction"].browse(
            {vals["interaction_id"] for vals in vals_list if vals.get("interaction_id")}
        )._interaction_check_lines()
        for vals in vals_list:
            model = vals.get("res_model")
            if model not in self.env or self.env[model]._abstract or self.env[model]._transient:
                raise UserError(
                    self.env._("%(model)s is not a document model of this database.", model=model)
                )
            if not vals.get("name"):
                record = self.env[model].browse(vals.get("res_id")).exists()
                vals["name"] = (
                    record.display_name
                    if record.has_access("read")
                    else f"{model},{vals.get('res_id')}"
                )
        return super().create(vals_list)

    def write(self, vals):
        self.env["crm.interaction"]._interaction_check_line_move(self, vals)
        return super().write(vals)

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
