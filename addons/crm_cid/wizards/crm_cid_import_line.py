from odoo import fields, models


class CrmCidImportLine(models.TransientModel):
    _name = "crm.cid.import.line"
    _description = "Import customers: result of one row"
    _order = "import_id, row"

    import_id = fields.Many2one("crm.cid.import", required=True, index=True, ondelete="cascade")
    row = fields.Integer(readonly=True, help="Position of the row in the file, header excluded.")
    status = fields.Selection(
        selection=[
            ("created", "Created"),
            ("matched", "Matched"),
            ("rejected", "Rejected"),
            ("queued", "Queued"),
        ],
        readonly=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", readonly=True, ondelete="set null"
    )
    cid = fields.Char(string="CID", readonly=True)
    reason = fields.Text(readonly=True)
    data = fields.Text(string="Row data", readonly=True, help="The row as read from the file.")
