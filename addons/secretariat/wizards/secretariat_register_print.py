import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.crm_cid.tools import jalali

from ..models.secretariat_letter import KINDS


class SecretariatRegisterPrint(models.TransientModel):
    _name = "secretariat.register.print"
    _description = "Print the indicator register"

    def _default_date_from(self):
        today = jalali.today()
        return jalali.month_bounds(today.year, today.month)[0]

    date_from = fields.Date(string="From", required=True, default=_default_date_from)
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    date_from_jalali = fields.Char(string="From (Jalali)", compute="_compute_jalali")
    date_to_jalali = fields.Char(string="To (Jalali)", compute="_compute_jalali")
    kind = fields.Selection(selection=KINDS, help="Leave empty for every kind.")
    secretariat_id = fields.Many2one(
        "secretariat.secretariat", help="Leave empty for every secretariat."
    )
    series_id = fields.Many2one(
        "secretariat.series",
        domain="[('secretariat_id', '=?', secretariat_id)]",
        help="Leave empty for every series.",
    )

    @api.depends("date_from", "date_to")
    @api.depends_context("lang")
    def _compute_jalali(self):
        for wizard in self:
            wizard.date_from_jalali = jalali.format_date(wizard.date_from, lang=self.env.lang)
            wizard.date_to_jalali = jalali.format_date(wizard.date_to, lang=self.env.lang)

    @api.onchange("secretariat_id")
    def _onchange_secretariat_id(self):
        if self.series_id and self.series_id.secretariat_id != self.secretariat_id:
            self.series_id = False

    def _get_domain(self):
        """Numbered letters registered between the two days, both included."""
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The start of the period must come before its end."))
        tz = self.secretariat_id.tz or self.series_id.secretariat_id.tz or jalali.DEFAULT_TZ
        start, end = jalali.utc_bounds(
            self.date_from, self.date_to + datetime.timedelta(days=1), tz
        )
        domain = (
            Domain("indicator_number", "!=", False)
            & Domain("registered_at", ">=", start)
            & Domain("registered_at", "<", end)
        )
        if self.kind:
            domain &= Domain("kind", "=", self.kind)
        if self.secretariat_id:
            domain &= Domain("secretariat_id", "=", self.secretariat_id.id)
        if self.series_id:
            domain &= Domain("series_id", "=", self.series_id.id)
        return domain

    def _prepare_report_data(self):
        self.ensure_one()
        labels = dict(self._fields["kind"]._description_selection(self.env))
        filters = [
            labels[self.kind] if self.kind else "",
            self.secretariat_id.name or "",
            self.series_id.name or "",
        ]
        return {
            "period_from": self.date_from_jalali,
            "period_to": self.date_to_jalali,
            "filters": " / ".join(name for name in filters if name),
        }

    def action_print(self):
        """The indicator register of the period, as a PDF.

        :raises UserError: when the period is reversed or holds no letter
        """
        self.ensure_one()
        letters = self.env["secretariat.letter"].search(
            self._get_domain(), order="registered_at, id"
        )
        if not letters:
            raise UserError(
                self.env._(
                    "No letter was registered between %(start)s and %(end)s with these filters.",
                    start=self.date_from_jalali,
                    end=self.date_to_jalali,
                )
            )
        return self.env.ref("secretariat.secretariat_letter_register_report").report_action(
            letters, data=self._prepare_report_data()
        )
