import pytz

from odoo import api, fields, models
from odoo.fields import Command

from odoo.addons.crm_cid.tools.jalali import DEFAULT_TZ


class SecretariatSecretariat(models.Model):
    _name = "secretariat.secretariat"
    _description = "Secretariat"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        string="Branch code",
        help="Written in indicator numbers whose format uses {branch}.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Manager",
        help="Receives the overdue referrals of this secretariat's letters.",
    )
    tz = fields.Selection(
        selection="_selection_tz",
        string="Time zone",
        required=True,
        default=DEFAULT_TZ,
        help="Decides the Jalali day, and so the year, of a registration.",
    )
    series_ids = fields.One2many("secretariat.series", "secretariat_id", string="Series")

    _code_uniq = models.UniqueIndex(
        "(company_id, code) WHERE code IS NOT NULL",
        "Each secretariat of a company needs its own branch code.",
    )

    @api.model
    def _selection_tz(self):
        return [(zone, zone) for zone in pytz.common_timezones]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "series_ids" not in vals:
                vals["series_ids"] = [
                    Command.create(values) for values in self._prepare_default_series_values()
                ]
        return super().create(vals_list)

    @api.model
    def _prepare_default_series_values(self):
        """One series per kind of letter: each kind counts on its own."""
        return [
            {"name": self.env._("Incoming letters"), "kind": "incoming", "sequence": 10},
            {"name": self.env._("Outgoing letters"), "kind": "outgoing", "sequence": 20},
            {"name": self.env._("Internal letters"), "kind": "internal", "sequence": 30},
        ]
