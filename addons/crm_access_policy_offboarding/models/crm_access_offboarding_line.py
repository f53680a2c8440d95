from odoo import api, fields, models


class CrmAccessOffboardingLine(models.Model):
    """One line of an offboarding's access report: a customer, a kind of read.

    A copy of the access log taken when the user was offboarded, so that the
    report stays as it was whatever happens to the log later.
    """

    _name = "crm.access.offboarding.line"
    _description = "Offboarding access report line"
    _order = "offboarding_id, last_at desc, id"
    _rec_name = "partner_id"

    offboarding_id = fields.Many2one(
        "crm.access.offboarding", required=True, index=True, ondelete="cascade", readonly=True
    )
    user_id = fields.Many2one(related="offboarding_id.user_id", string="User")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", readonly=True, ondelete="set null"
    )
    cid = fields.Char(string="CID", readonly=True)
    kind = fields.Selection(selection="_selection_kind", readonly=True)
    count = fields.Integer(string="Reads", readonly=True, aggregator="sum")
    first_at = fields.Datetime(string="First read", readonly=True)
    last_at = fields.Datetime(string="Last read", readonly=True)

    @api.model
    def _selection_kind(self):
        # the kinds of the access log, those other modules add included
        return self.env["crm.access.log"]._fields["kind"]._description_selection(self.env)
