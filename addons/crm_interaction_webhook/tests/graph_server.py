"""A stand-in for Meta's Graph API send endpoints on 127.0.0.1, answering as documented."""

from odoo.addons.crm_interaction.tests.stand_in_server import StandInServer

ACCESS_TOKEN = "EAAG-test-access-token"


class GraphServer(StandInServer):
    """Serve ``POST /<account id>/messages`` for WhatsApp and Instagram; remember every request.

    A request without the expected bearer token gets Meta's OAuth error
    (HTTP 401, code 190); ``refuse`` makes the next sends fail with Meta's
    answer to a message outside the 24-hour window (code 131047).
    """

    base_path = "/v21.0"

    def __init__(self):
        super().__init__()
        self.refuse = False
        self._count = 0

    def reset(self):
        self.requests.clear()
        self.refuse = False
        self._count = 0

    def answer(self, path, headers, body):
        if headers.get("Authorization") != f"Bearer {ACCESS_TOKEN}":
            error = {
                "message": "Invalid OAuth access token - Cannot parse access token",
                "type": "OAuthException",
                "code": 190,
                "fbtrace_id": "AbCdEf",
            }
            return 401, {"error": error}
        if not path.startswith("/v21.0/") or not path.endswith("/messages"):
            return 404, {"error": {"message": "Unknown path", "code": 803}}
        if self.refuse:
            error = {
                "message": "(#131047) Re-engagement message",
                "type": "OAuthException",
                "code": 131047,
                "fbtrace_id": "AbCdEf",
            }
            return 400, {"error": error}
        self._count += 1
        if isinstance(body, dict) and body.get("messaging_product") == "whatsapp":
            return 200, {
                "messaging_product": "whatsapp",
                "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                "messages": [{"id": f"wamid.OUT{self._count:04d}"}],
            }
        recipient = (body or {}).get("recipient", {}).get("id")
        return 200, {"recipient_id": recipient, "message_id": f"IG_MID_OUT{self._count:04d}"}
