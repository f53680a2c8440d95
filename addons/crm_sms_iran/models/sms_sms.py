from odoo import models

from ..tools.sms_api import SmsApiPanel


class SmsSms(models.Model):
    _inherit = "sms.sms"

    def _split_by_api(self):
        """Send the messages of companies that use an SMS panel through their panel."""
        by_panel = self.grouped(lambda sms: sms._get_sms_company())
        with_iap = self.browse()
        for company, records in by_panel.items():
            if company.crm_sms_panel and company.crm_sms_panel != "iap":
                api = SmsApiPanel(self.env)
                api._set_company(company)
                yield api, records
            else:
                with_iap |= records
        if with_iap:
            yield from super(SmsSms, with_iap)._split_by_api()

    def _handle_call_result_hook(self, results):
        """Keep the panel's message ids on the messages' interactions, to follow delivery."""
        outcome = super()._handle_call_result_hook(results)
        sent = [result for result in results if result.get("panel")]
        if sent:
            # delivery is a fact about the message the user was allowed to
            # send; the interaction may be outside the sender's portfolio
            self.env["crm.interaction"].sudo()._crm_sms_record_sending(sent)
        return outcome
