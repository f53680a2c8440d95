"""Odoo's SMS API on an Iranian panel: what ``sms.sms`` calls to send."""

import logging

import requests

from odoo.addons.sms.tools.sms_api import SmsApiBase

from . import panels

_logger = logging.getLogger(__name__)
TIMEOUT = 15


class SmsApiPanel(SmsApiBase):
    """Send text messages through the company's SMS panel, one request per number.

    The answers carry, beside Odoo's ``uuid`` and ``state``, the panel's own
    message id (``provider_ref``), with which delivery is asked later.
    """

    PROVIDER_TO_SMS_FAILURE_TYPE = SmsApiBase.PROVIDER_TO_SMS_FAILURE_TYPE | {
        "insufficient_credit": "sms_credit",
        "unregistered": "sms_acc",
    }

    def __init__(self, env, account=None):
        super().__init__(env, account=account)
        self.session = requests.Session()

    def _config(self):
        return self.company.sudo()._crm_sms_panel_config()

    def _send_sms_batch(self, messages, delivery_reports_url=False):
        config = self._config()
        panel = config["panel"]
        results = []
        for message in messages:
            for number in message["numbers"]:
                url, headers, form = panels.send_request(
                    panel, config, number["number"], message["content"]
                )
                try:
                    response = self.session.post(url, data=form, headers=headers, timeout=TIMEOUT)
                except requests.RequestException as error:
                    # the panel is unreachable: Odoo marks the message failed
                    # and it can be sent again
                    _logger.warning("SMS panel %s unreachable: %s", panel, type(error).__name__)
                    results.append({"uuid": number["uuid"], "state": "server_error"})
                    continue
                state, ref, detail = panels.read_send_answer(
                    panel, response.status_code, response.text
                )
                result = {"uuid": number["uuid"], "state": state, "panel": panel}
                if ref:
                    result["provider_ref"] = ref
                if detail:
                    result["failure_reason"] = detail
                results.append(result)
        return results

    def _get_deliveries(self, refs):
        """Return ``{message id: delivered | failed | pending}`` for some message ids."""
        config = self._config()
        panel = config["panel"]
        deliveries = {}
        for url, headers, form in panels.status_requests(panel, config, list(refs)):
            try:
                response = self.session.post(url, data=form, headers=headers, timeout=TIMEOUT)
            except requests.RequestException as error:
                _logger.warning("SMS panel %s unreachable: %s", panel, type(error).__name__)
                continue
            deliveries.update(panels.read_status_answer(panel, response.text, form))
        return deliveries
