from odoo import fields, models


class CrmCidAlias(models.Model):
    _name = "crm.cid.alias"
    _description = "Former customer number"
    _order = "cid"
    _rec_name = "cid"

    cid = fields.Char(
        string="Former CID",
        required=True,
        help="A customer number that no longer has its own contact, usually because "
        "that contact was merged into another one.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Current customer",
        required=True,
        index=True,
        ondelete="cascade",
        help="The contact that now answers to the former customer number.",
    )
    note = fields.Char()

    _cid_uniq = models.UniqueIndex("(cid)", "This customer number already has an alias.")
