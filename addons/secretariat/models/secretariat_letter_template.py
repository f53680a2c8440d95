from markupsafe import Markup, escape

from odoo import fields, models

from odoo.addons.crm_cid.tools import jalali


class SecretariatLetterTemplate(models.Model):
    _name = "secretariat.letter.template"
    _description = "Letter template"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        selection=[("outgoing", "Outgoing"), ("internal", "Internal")],
        required=True,
        default="outgoing",
    )
    subject = fields.Char()
    body = fields.Html(
        help="Placeholders replaced when the template is applied: {partner} the "
        "correspondent, {date} today's Jalali date, {subject} the letter's subject.",
    )
    company_id = fields.Many2one("res.company", index=True)

    def _render_body(self, letter):
        """The template's body for ``letter``, placeholders filled in (values escaped)."""
        self.ensure_one()
        values = {
            "{partner}": escape(letter.partner_id.name or ""),
            "{date}": escape(
                jalali.format_date(fields.Date.context_today(letter), lang=letter.env.lang)
            ),
            "{subject}": escape(letter.subject or self.subject or ""),
        }
        body = str(self.body or "")
        for placeholder, value in values.items():
            body = body.replace(placeholder, str(value))
        return Markup(body)
