from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.numbering import DEFAULT_FORMAT, PLACEHOLDERS, format_problems, render


class SecretariatSeries(models.Model):
    _name = "secretariat.series"
    _description = "Indicator number series"
    _order = "secretariat_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Written in indicator numbers whose format uses {series}.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    secretariat_id = fields.Many2one(
        "secretariat.secretariat", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="secretariat_id.company_id", store=True, index=True)
    kind = fields.Selection(
        selection=[("incoming", "Incoming"), ("outgoing", "Outgoing"), ("internal", "Internal")],
        help="The kind of letters numbered in this series; empty for every kind.",
    )
    number_format = fields.Char(
        string="Number format",
        required=True,
        default=DEFAULT_FORMAT,
        help="Placeholders: {jyear} Jalali year, {jyy} its last two digits, {kind} kind code "
        "(و incoming, ص outgoing, د internal), {branch} branch code, {series} series code, "
        "{seq} counter. The counter restarts at 1 on 1 Farvardin.",
    )
    padding = fields.Integer(
        default=1, help="Minimum number of digits of the counter: 4 gives 0007."
    )
    example = fields.Char(compute="_compute_example", string="Example")
    counter_ids = fields.One2many("secretariat.counter", "series_id", string="Counters")

    _padding_range = models.Constraint(
        "CHECK(padding BETWEEN 1 AND 12)", "The padding must be between 1 and 12 digits."
    )

    @api.depends("number_format", "padding", "kind", "code", "secretariat_id.code")
    def _compute_example(self):
        for series in self:
            if format_problems(series.number_format):
                series.example = False
                continue
            series.example = render(
                series.number_format,
                jyear=1404,
                kind=series.kind or "incoming",
                seq=7,
                padding=series.padding,
                branch=series.secretariat_id.code,
                series=series.code,
            )

    @api.constrains("number_format")
    def _check_number_format(self):
        for series in self:
            if format_problems(series.number_format):
                raise ValidationError(
                    self.env._(
                        "The number format %(format)s is not valid. It must contain {seq} and "
                        "may only use these placeholders: %(names)s.",
                        format=series.number_format,
                        names=", ".join("{%s}" % name for name in PLACEHOLDERS),
                    )
                )

    def write(self, vals):
        self.check_access("write")
        if {"number_format", "padding", "secretariat_id"} & vals.keys() and self.counter_ids:
            # numbers already given must stay readable in one register
            used = self.filtered("counter_ids")
            if "secretariat_id" in vals or any(
                series.number_format != vals.get("number_format", series.number_format)
                or series.padding != vals.get("padding", series.padding)
                for series in used
            ):
                raise ValidationError(
                    self.env._(
                        "Series %(names)s already numbered letters: create a new series "
                        "instead of changing its format or secretariat.",
                        names=", ".join(used.mapped("name")),
                    )
                )
        return super().write(vals)
