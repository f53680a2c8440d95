from odoo import Command, api, fields, models
from odoo.exceptions import UserError


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
    link_model = fields.Char(string="Document model", readonly=True)
    link_res_id = fields.Many2oneReference(
        string="Document ID", model_field="link_model", readonly=True
    )
    link_name = fields.Char(string="Document", compute="_compute_link_name")
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

    @api.depends("link_model", "link_res_id")
    def _compute_link_name(self):
        for wizard in self:
            record = wizard._get_linked_record()
            wizard.link_name = record.display_name if record else False

    def _get_linked_record(self):
        """Return the document the interaction is logged from (may be empty)."""
        self.ensure_one()
        if not self.link_model or not self.link_res_id or self.link_model not in self.env:
            return None
        return self.env[self.link_model].browse(self.link_res_id).exists()

    def _prepare_interaction_values(self):
        self.ensure_one()
        record = self._get_linked_record()
        if record is not None and not record:
            raise UserError(self.env._("The document to link no longer exists."))
        links = []
        if record:
            record.check_access("read")
            links = [
                Command.create(
                    {
                        "res_model": record._name,
                        "res_id": record.id,
                        "name": record.display_name,
                    }
                )
            ]
        return {
            "link_ids": links,
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
