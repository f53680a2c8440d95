import logging

from odoo.tests import tagged

from .common import NATIONAL_ID_B, NATIONAL_ID_C, CidCommon


@tagged("post_install", "-at_install", "crm_cid")
class TestCidLogs(CidCommon):
    """The server log names contacts by id and counts rows: it never holds a key's value."""

    def test_resolution_creation_import_and_conflicts_log_no_key_value(self):
        values = [
            # as typed and as normalised
            "09137770001",
            "+989137770001",
            "0913 777 0002",
            "+989137770002",
            "Log.Person@Example.com",
            "log.person@example.com",
            NATIONAL_ID_B,
            NATIONAL_ID_C,
            "09123456789",
            "+989123456789",
            "ali@example.com",
            "1234567890",
        ]
        # the level as a number: Odoo names its own level 25 "INFO" as well
        with self.assertLogs("odoo", level=logging.INFO) as logs:
            self.Partner.cid_find_or_create(
                {"mobile": "09137770001", "email": "Log.Person@Example.com"},
                {"name": "Log Person"},
            )
            self.Partner.cid_resolve({"national_id": NATIONAL_ID_B, "mobile": "09123456789"})
            self.env["crm.cid.import"].import_rows(
                [
                    {"name": "Log Import", "mobile": "0913 777 0002", "national_id": NATIONAL_ID_C},
                    {"name": "Log Match", "mobile": "09123456789"},
                    {"name": "Log Bad", "national_id": "1234567890"},
                ]
            )
            # a mobile and an e-mail another customer holds: the keys are kept
            # archived and the fact is logged
            self.Partner.create(
                {"name": "Log Shared", "mobile": "09123456789", "email": "ali@example.com"}
            )
        messages = [record.getMessage() for record in logs.records]
        self.assertTrue(any("Customer import" in message for message in messages))
        self.assertTrue(any("kept archived" in message for message in messages))
        for message in messages:
            for value in values:
                with self.subTest(message=message, value=value):
                    self.assertNotIn(value.lower(), message.lower())
