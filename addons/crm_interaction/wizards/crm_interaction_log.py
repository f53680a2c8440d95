from odoo import api, fields, models


class CrmInteractionLog(models.TransientModel):
    _name = "crm.interaction.log"
    _description = "Log an interaction"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    channel_id = fields.Many2one(
        "crm.interaction.channel",
        string="Channel",
        required=True,
        default=lambda self: self._default_channel_id(),
    )
    has_duration = fields.Boolean(related="channel_id.has_duration")
    direction = fields.Selection(
        selection=[("inbound", "Inbound"), ("outbound", "Outbound"), ("internal", "Internal")],
        required=True,
        default="inbound",
    )
    reason_id = fields.Many2one("crm.interaction.reason", string="Reason")
    occurred_at = fields.Datetime(string="Date", required=True, default=fields.Datetime.now)
    subject = fields.Char()
    summary = fields.Text()
    duration_minutes = fields.Float(
        string="Duration (minutes)", help="Length of the call or visit."
    )
    state = fields.Selection(
        selection=[("new", "New"), ("needs_reply", "Needs reply"), ("handled", "Handled")],
        required=True,
        default="handled",
    )

    @api.model
    def _default_channel_id(self):
        return self.env.ref(
            "crm_interaction.crm_interaction_channel_phone", raise_if_not_found=False
        )

    def _prepare_interaction_values(self):
        self.ensure_one()
        return {
            "partner_id": self.partner_id.id,
            "channel_id": self.channel_id.id,
            "direction": self.direction,
            "reason_id": self.reason_id.id,
            "occurred_at": self.occurred_at,
            "subject": self.subject,
            "summary": self.summary,
            "duration": max(int(round(self.duration_minutes * 60)), 0),
            "user_id": self.env.uid,
            "team_id": self.env["crm.team"]._get_default_team_id().id,
            "state": self.state,
        }

    def action_log(self):
        """Create the interaction and close the dialog."""
        interactions = self.env["crm.interaction"].create(
            [wizard._prepare_interaction_values() for wizard in self]
        )
        handled = interactions.filtered(lambda i: i.state == "handled")
        # logged as handled: the conversation itself was the response
        handled._interaction_mark_responded(fields.Datetime.now())
        return {"type": "ir.actions.act_window_close"}
