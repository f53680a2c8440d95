from odoo import api, fields, models
from odoo.fields import Domain

from ..tools.sms_api import SmsApiPanel
from .res_company import PANEL_SELECTION

# Interactions whose delivery one run of the cron asks about.
DELIVERY_BATCH = 500


class CrmInteraction(models.Model):
    _inherit = "crm.interaction"

    sms_panel = fields.Selection(PANEL_SELECTION, string="SMS panel", readonly=True)
    sms_panel_ref = fields.Char(
        string="Panel message ID", readonly=True, index="btree_not_null", copy=False
    )
    sms_delivery = fields.Selection(
        [("sent", "Sent"), ("delivered", "Delivered"), ("failed", "Not delivered")],
        string="Delivery",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="What the SMS panel reported of the text message.",
    )

    @api.model
    def _crm_sms_record_sending(self, results):
        """Record what a panel answered to the text messages sent (their interactions).

        :param list results: ``{"uuid", "state", "panel", "provider_ref"}``
            per message, as returned by the panel's SMS API
        """
        by_uuid = {result["uuid"]: result for result in results}
        channel_id = self._interaction_get_channels().get("sms")
        if not channel_id:
            return
        interactions = self.search(
            [("channel_id", "=", channel_id), ("external_id", "in", list(by_uuid))]
        )
        for interaction in interactions:
            result = by_uuid[interaction.external_id]
            accepted = result["state"] == "success"
            interaction.write(
                {
                    "sms_panel": result["panel"],
                    "sms_panel_ref": result.get("provider_ref") or False,
                    "sms_delivery": "sent" if accepted else "failed",
                }
            )

    @api.model
    def _cron_crm_sms_deliveries(self):
        """Ask the panels about the text messages still waiting for a delivery report."""
        self._crm_sms_update_deliveries(DELIVERY_BATCH)

    @api.model
    def _crm_sms_update_deliveries(self, limit):
        """Update the delivery of up to ``limit`` sent text messages; return how many changed.

        One request per panel and company (Melipayamak: per message); the
        delivery is recorded on the interaction and on Odoo's notification of
        the message (delivered or failed), so the chatter shows it too.
        """
        pending = self.search(
            Domain("sms_delivery", "=", "sent") & Domain("sms_panel_ref", "!=", False),
            order="occurred_at",
            limit=limit,
        )
        changed = self.browse()
        Tracker = self.env["sms.tracker"].sudo()
        for (company, panel), group in pending.grouped(
            lambda i: (i.company_id, i.sms_panel)
        ).items():
            if company.crm_sms_panel != panel:
                continue
            api_ = SmsApiPanel(self.env)
            api_._set_company(company)
            deliveries = api_._get_deliveries(group.mapped("sms_panel_ref"))
            by_state = group.grouped(lambda i, d=deliveries: d.get(i.sms_panel_ref))
            for state in ("delivered", "failed"):
                done = by_state.get(state)
                if not done:
                    continue
                done.write({"sms_delivery": state})
                trackers = Tracker.search([("sms_uuid", "in", done.mapped("external_id"))])
                if state == "delivered":
                    trackers._action_update_from_sms_state("sent")
                else:
                    trackers._action_update_from_sms_state("error", failure_type="sms_server")
                changed |= done
        return len(changed)
