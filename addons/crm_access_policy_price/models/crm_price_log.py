from odoo import api, fields, models

from odoo.addons.crm_access_policy.tools.readable import readable_targets
from odoo.addons.crm_price_consistency.models.crm_price_given_mixin import UNIT_SELECTION


class CrmPriceLog(models.Model):
    """The conflicting price of a price given, with the user's rights.

    Odoo computes related fields as superuser: an agent reading a price they
    gave would see the price, unit and author of a conflicting price given
    to a customer that has since left their portfolio. The conflict is shown
    only when the user may read the conflicting price itself.
    """

    _inherit = "crm.price.log"

    conflict_price_net = fields.Float(
        related=False,
        compute="_compute_crm_access_conflict",
        string="Other net price",
        digits="Product Price",
    )
    conflict_unit = fields.Selection(
        UNIT_SELECTION, related=False, compute="_compute_crm_access_conflict", string="Other unit"
    )
    conflict_user_id = fields.Many2one(
        "res.users",
        related=False,
        compute="_compute_crm_access_conflict",
        string="Other user",
    )

    @api.depends("conflict_log_id.price_net", "conflict_log_id.unit", "conflict_log_id.user_id")
    @api.depends_context("uid")
    def _compute_crm_access_conflict(self):
        for log, conflict in zip(self, readable_targets(self, "conflict_log_id"), strict=True):
            log.conflict_price_net = conflict.price_net
            log.conflict_unit = conflict.unit
            log.conflict_user_id = conflict.user_id
