"""A stand-in for the SMS panels on 127.0.0.1, answering as their documentation says."""

from urllib.parse import parse_qs

from odoo.addons.crm_interaction.tests.stand_in_server import StandInServer


class PanelServer(StandInServer):
    """Serve the three panels' send and status routes; remember every request.

    ``deliveries`` maps a message id to the status number the panel reports;
    ``send_error`` makes the next sends fail with the panel's own error
    (Kavenegar: an HTTP status such as 418; Ghasedak: a result code;
    Melipayamak: a RetStatus).
    """

    def __init__(self):
        super().__init__()
        self.deliveries = {}
        self.send_error = None
        self._next_id = 8792340

    def parse(self, raw, headers):
        """The panels post forms."""
        return {k: v[0] for k, v in parse_qs(raw.decode()).items()}

    def new_id(self):
        self._next_id += 1
        return self._next_id

    def answer(self, path, headers, form):
        if path.endswith("/sms/send.json"):
            if self.send_error:
                return self.send_error, {"return": {"status": self.send_error, "message": "خطا"}}
            entry = {"messageid": self.new_id(), "status": 1, "receptor": form["receptor"]}
            return 200, {"return": {"status": 200, "message": "تایید شد"}, "entries": [entry]}
        if path.endswith("/sms/status.json"):
            entries = [
                {"messageid": int(ref), "status": self.deliveries.get(ref, 1)}
                for ref in form["messageid"].split(",")
            ]
            return 200, {"return": {"status": 200, "message": "تایید شد"}, "entries": entries}
        if path == "/v2/sms/send/simple":
            if headers.get("apikey") != "gh-key":
                return 200, {"result": {"code": 401, "message": "apikey"}, "items": None}
            if self.send_error:
                return 200, {"result": {"code": self.send_error, "message": "خطا"}, "items": None}
            return 200, {"result": {"code": 200, "message": "success"}, "items": [self.new_id()]}
        if path == "/v2/sms/status":
            items = [
                {"id": int(ref), "status": self.deliveries.get(ref, 0)}
                for ref in form["id"].split(",")
            ]
            return 200, {"result": {"code": 200, "message": "success"}, "items": items}
        if path == "/api/SendSMS/SendSMS":
            if self.send_error is not None:
                return 200, {"Value": "0", "RetStatus": self.send_error, "StrRetStatus": "خطا"}
            return 200, {"Value": str(self.new_id()), "RetStatus": 1, "StrRetStatus": "Ok"}
        if path == "/api/SendSMS/GetDeliveries2":
            value = self.deliveries.get(form["recId"], 0)
            return 200, {"Value": str(value), "RetStatus": 1, "StrRetStatus": "Ok"}
        return 404, {}
