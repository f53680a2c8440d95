from odoo import fields, models


class SecretariatLetterLinkAdd(models.TransientModel):
    _name = "secretariat.letter.link.add"
    _description = "Link letters to a document"

    res_model = fields.Char(string="Document model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", required=True, readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", readonly=True, help="The document's customer."
    )
    letter_ids = fields.Many2many(
        "secretariat.letter",
        string="Letters",
        required=True,
        domain="[('state', '!=', 'cancelled')]",
    )

    def action_confirm(self):
        self.ensure_one()
        self.letter_ids.link_documents(self.res_model, [self.res_id])
        return {"type": "ir.actions.act_window_close"}
