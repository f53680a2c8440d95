import logging
import threading
from types import SimpleNamespace

from odoo.tests import BaseCase, tagged

from ..tools.expected_errors import ExpectedViolationFilter, expected_violations


def bad_query(constraint):
    """A ``bad query`` record as Odoo's cursor logs it, for ``constraint``."""
    error = SimpleNamespace(diag=SimpleNamespace(constraint_name=constraint))
    return logging.LogRecord(
        "odoo.sql_db", logging.ERROR, __file__, 1, "bad query: %s\nERROR: %s", ("Q", error), None
    )


@tagged("crm_cid")
class TestExpectedViolations(BaseCase):
    def test_table(self):
        keep = ExpectedViolationFilter()
        other = logging.LogRecord(
            "odoo.sql_db", logging.ERROR, __file__, 1, "connection lost", (), None
        )
        cases = [
            # (constraints expected by the thread, record, kept?)
            (None, bad_query("crm_cid_key_global_uniq"), True),
            ({"crm_cid_key_global_uniq"}, bad_query("crm_cid_key_global_uniq"), False),
            ({"crm_cid_key_global_uniq"}, bad_query("res_partner_pkey"), True),
            ({"crm_cid_key_global_uniq"}, bad_query(None), True),
            ({"crm_cid_key_global_uniq"}, other, True),
        ]
        for constraints, record, kept in cases:
            with self.subTest(constraints=constraints, msg=record.msg):
                if constraints is None:
                    self.assertEqual(keep.filter(record), kept)
                else:
                    with expected_violations(constraints):
                        self.assertEqual(keep.filter(record), kept)

    def test_scope_ends_with_the_block_and_stays_in_its_thread(self):
        keep = ExpectedViolationFilter()
        record = bad_query("crm_cid_key_global_uniq")
        seen_elsewhere = []
        with expected_violations({"crm_cid_key_global_uniq"}):
            with expected_violations({"other_uniq"}):
                self.assertFalse(keep.filter(record))
            self.assertFalse(keep.filter(record))
            thread = threading.Thread(target=lambda: seen_elsewhere.append(keep.filter(record)))
            thread.start()
            thread.join()
        self.assertEqual(seen_elsewhere, [True])
        self.assertTrue(keep.filter(record))
