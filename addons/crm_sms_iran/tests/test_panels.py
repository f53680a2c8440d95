from odoo.tests import BaseCase, tagged

from ..tools import panels

CONFIG = {"api_key": "KEY", "username": "user", "sender": "3000123", "base_url": ""}


@tagged("crm_sms_iran")
class TestPanels(BaseCase):
    def test_local_number(self):
        for number, expected in [
            ("+989121234567", "09121234567"),
            ("00989121234567", "09121234567"),
            ("0912 123 4567", "09121234567"),
            ("989121234567", "09121234567"),
        ]:
            with self.subTest(number=number):
                self.assertEqual(panels.local_number(number), expected)

    def test_send_requests_follow_each_panels_documentation(self):
        url, headers, form = panels.send_request("kavenegar", CONFIG, "+989121234567", "سلام")
        self.assertEqual(url, "https://api.kavenegar.com/v1/KEY/sms/send.json")
        self.assertEqual(form, {"receptor": "09121234567", "sender": "3000123", "message": "سلام"})
        url, headers, form = panels.send_request("ghasedak", CONFIG, "+989121234567", "سلام")
        self.assertEqual(url, "https://api.ghasedak.me/v2/sms/send/simple")
        self.assertEqual(headers, {"apikey": "KEY"})
        self.assertEqual(form["linenumber"], "3000123")
        url, headers, form = panels.send_request(
            "melipayamak", dict(CONFIG, base_url="http://relay.example/"), "+98912", "x"
        )
        self.assertEqual(url, "http://relay.example/api/SendSMS/SendSMS")
        self.assertEqual(
            (form["username"], form["password"], form["from"]), ("user", "KEY", "3000123")
        )

    def test_send_answers(self):
        cases = [
            ("kavenegar", 200, '{"return": {"status": 200}, "entries": [{"messageid": 7}]}',
             ("success", "7", "")),
            ("kavenegar", 418, '{"return": {"status": 418, "message": "credit"}, "entries": null}',
             ("insufficient_credit", False, "credit")),
            ("kavenegar", 411, '{"return": {"status": 411, "message": "receptor"}}',
             ("wrong_number_format", False, "receptor")),
            ("kavenegar", 502, "<html>bad gateway</html>", ("server_error", False, "HTTP 502")),
            ("ghasedak", 200, '{"result": {"code": 200}, "items": [99]}', ("success", "99", "")),
            ("ghasedak", 200, '{"result": {"code": 401, "message": "key"}}',
             ("unregistered", False, "key")),
            ("melipayamak", 200, '{"Value": "3721", "RetStatus": 1}', ("success", "3721", "")),
            ("melipayamak", 200, '{"Value": "0", "RetStatus": 2, "StrRetStatus": "credit"}',
             ("insufficient_credit", False, "credit")),
            ("melipayamak", 200, "[1, 2]", ("server_error", False, "HTTP 200")),
        ]  # fmt: skip
        for panel, status, body, expected in cases:
            with self.subTest(panel=panel, body=body):
                self.assertEqual(panels.read_send_answer(panel, status, body), expected)

    def test_status_answers(self):
        kavenegar = '{"entries": [{"messageid": 1, "status": 10}, {"messageid": 2, "status": 11},'
        kavenegar += ' {"messageid": 3, "status": 4}, {"status": 10}]}'
        self.assertEqual(
            panels.read_status_answer("kavenegar", kavenegar, {}),
            {"1": "delivered", "2": "failed", "3": "pending"},
        )
        self.assertEqual(
            panels.read_status_answer("ghasedak", '{"items": [{"id": 5, "status": 1}]}', {}),
            {"5": "delivered"},
        )
        self.assertEqual(
            panels.read_status_answer(
                "melipayamak", '{"Value": "2", "RetStatus": 1}', {"recId": "9"}
            ),
            {"9": "failed"},
        )
        self.assertEqual(panels.read_status_answer("melipayamak", "garbage", {"recId": "9"}), {})
