"""Many small searches of masked values, tried by insiders, counted as one attempt.

One search tests at most ``search_value_limit`` values of masked fields; the
values a user's searches test are also counted over the alarm window. Each
row of :data:`ROWS` is a way of searching: (role, label, searches, expected),
where ``searches`` are the lists of values of successive searches on the
customers' mobiles and ``expected`` is ``served`` (every search answered, no
alarm) or the index of the first search refused (refused with an alarm
raised, and every later search refused too).
"""

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from ..models.crm_access_masked_bound import MAIL_LOOKUP
from .common import AccessPolicyCommon
from .test_access_log_writes import spy_queries

THRESHOLD = 30
WATCH_THRESHOLD = 5
# a message to more new recipients than one search may test
ADDRESSES = tuple(f"new.recipient.{n}@example.com" for n in range(30))


def candidates(start, count):
    """``count`` candidate mobiles, numbered from ``start``."""
    return [f"0917{n:07d}" for n in range(start, start + count)]


# 500 searches of 20 values would test 10,000 mobiles: the window stops them
# at the threshold whatever the size of each search.
ROWS = (
    ("agent", "small searches past the threshold", [candidates(n * 10, 10) for n in range(6)], 3),
    ("agent", "one value at a time", [candidates(n, 1) for n in range(40)], THRESHOLD),
    ("agent", "the same customer again and again", [candidates(0, 1)] * 60, "served"),
    ("agent", "a few customers in a day", [candidates(n % 7, 1) for n in range(50)], "served"),
    ("watched", "under watch, the lower threshold", [candidates(n, 1) for n in range(8)], 5),
    (
        "manager",
        "sees every value: not counted",
        [candidates(n * 20, 20) for n in range(6)],
        "served",
    ),
)


class SearchWindowCommon(AccessPolicyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.watched = new_test_user(
            cls.env,
            login="ap_watched_searcher",
            groups="crm_access_policy.group_crm_agent",
            lang="en_US",
        )
        cls.south.mobile = "09170000003"

    def setUp(self):
        super().setUp()
        self.set_param("search_threshold", str(THRESHOLD))
        self.set_param("watch_threshold", str(WATCH_THRESHOLD))
        self.set_param("window", "60")

    def alarm_of(self, user):
        return self.env["crm.access.alarm"].search([("user_id", "=", user.id)])

    def search(self, user, values, model="res.partner", field="mobile"):
        """Search ``values`` as ``user``; return the ids found, or the refusal.

        The alarm of a refused search is written in a transaction of its own:
        no savepoint rolls it back here.
        """
        try:
            return self.env[model].with_user(user).search([(field, "in", values)]).ids
        except (AccessError, UserError) as error:
            return error


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialSearchWindow(SearchWindowCommon):
    def test_every_row(self):
        users = {"agent": self.agent, "watched": self.watched, "manager": self.manager}
        self.watched.crm_access_watch = True
        for role, label, searches, expected in ROWS:
            user = users[role]
            with self.subTest(row=label), self.enter_registry_test_mode():
                self.env["crm.access.search.log"].sudo().search(
                    [("user_id", "=", user.id)]
                ).unlink()
                self.alarm_of(user).sudo().write({"state": "cleared"})
                answers = [self.search(user, values) for values in searches]
                refused = [n for n, answer in enumerate(answers) if isinstance(answer, Exception)]
                if expected == "served":
                    self.assertFalse(refused)
                    self.assertFalse(self.alarm_of(user).filtered(lambda a: a.state == "open"))
                    continue
                self.assertEqual(refused, list(range(expected, len(searches))))
                self.assertIn("managers were alerted", str(answers[expected]))
                alarm = self.alarm_of(user).filtered(lambda a: a.state == "open")
                self.assertEqual(len(alarm), 1)
                self.assertGreater(alarm.value_count, alarm.threshold)
                self.assertIn(self.manager.partner_id, alarm.message_partner_ids)
                self.assertIn("the search was refused", alarm.message_ids[0].body)

    def test_searches_count_together_across_fields_and_models(self):
        with self.enter_registry_test_mode():
            self.assertIsInstance(self.search(self.agent, candidates(0, 10)), list)
            self.assertIsInstance(self.search(self.agent, candidates(10, 10), field="phone"), list)
            self.assertIsInstance(
                self.search(self.agent, candidates(20, 10), "res.users", "partner_id.mobile"),
                list,
            )
            # one more value, on contacts' e-mails
            refusal = self.search(self.agent, ["x@example.com"], field="email")
        self.assertIsInstance(refusal, AccessError)
        self.assertEqual(self.alarm_of(self.agent).value_count, THRESHOLD + 1)
        # the values are kept hashed, never as they were typed
        keys = self.env["crm.access.search.log"].search([("user_id", "=", self.agent.id)])
        self.assertEqual(len(keys), THRESHOLD)
        self.assertNotIn(candidates(0, 1)[0], "".join(keys.mapped("value_key")))

    def test_values_typed_in_a_name_search_count_too(self):
        self.set_param("search_threshold", "3")
        Partner = self.env["res.partner"].with_user(self.agent)
        # names are no identity values: typed as often as needed
        for n in range(10):
            Partner.name_search(f"Customer {n}")
        answers = []
        with self.enter_registry_test_mode():
            for value in (*candidates(100, 2), "x@example.com", "y@example.com", "Customer"):
                try:
                    Partner.name_search(value)
                    answers.append(True)
                except AccessError:
                    answers.append(False)
        self.assertEqual(answers, [True, True, True, False, True])
        self.assertEqual(self.alarm_of(self.agent).value_count, 4)

    def test_a_blocking_alarm_suspends_reads_and_searches(self):
        self.set_param("block", "True")
        Partner = self.env["res.partner"].with_user(self.agent)
        with self.enter_registry_test_mode():
            self.assertIsInstance(self.search(self.agent, candidates(0, 31)), UserError)
            for start in range(0, 40, 10):
                self.search(self.agent, candidates(start, 10))
        alarm = self.alarm_of(self.agent)
        self.assertRecordValues(alarm, [{"state": "open", "is_blocking": True}])
        with self.assertRaisesRegex(AccessError, "suspended"):
            Partner.browse(self.north.id).read(["name"])
        # a value already counted, as any new one, is refused while suspended
        with self.assertRaisesRegex(AccessError, "suspended"):
            Partner.search([("mobile", "=", candidates(0, 1)[0])])
        # searches that test no masked value are not concerned
        self.assertEqual(Partner.search([("id", "=", self.north.id)]), self.north)
        # the agent cannot clear it; another manager can, and the searches resume
        with self.assertRaises(AccessError):
            alarm.with_user(self.agent).action_clear()
        alarm.with_user(self.manager).action_clear()
        self.assertIn(self.south, Partner.search([("mobile", "in", candidates(0, 5))]))

    def test_a_value_searched_again_costs_no_query(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        value = [("mobile", "=", self.south.mobile)]
        with spy_queries() as queries:
            Partner.search(value)
        self.assertEqual(len([q for q in queries if "INSERT INTO crm_access_search_log" in q]), 1)
        with spy_queries() as queries:
            for _n in range(5):
                Partner.search(value)
                Partner.search_count(value)
        self.assertFalse([q for q in queries if "crm_access_search_log" in q])
        # entitled users and internal lookups as superuser are not counted
        with spy_queries() as queries:
            self.env["res.partner"].with_user(self.manager).search([("mobile", "=", "09170000009")])
            Partner.sudo().search([("mobile", "=", "09170000009")])
        self.assertFalse([q for q in queries if "crm_access_search_log" in q])

    def test_rows_the_window_no_longer_counts_are_deleted(self):
        Log = self.env["crm.access.search.log"]
        Log.create(
            [
                {
                    "user_id": self.agent.id,
                    "value_key": key,
                    "day": fields.Date.today() - timedelta(days=days),
                    "first_at": fields.Datetime.now() - timedelta(days=days),
                }
                for key, days in (("old", 3), ("recent", 0))
            ]
        )
        Log._gc_searched_values()
        rows = Log.search([("user_id", "=", self.agent.id)])
        self.assertEqual(rows.mapped("value_key"), ["recent"])

    def test_a_row_deleted_is_counted_again(self):
        Partner = self.env["res.partner"].with_user(self.agent)
        Partner.search([("mobile", "=", self.south.mobile)])
        Log = self.env["crm.access.search.log"]
        rows = Log.search([("user_id", "=", self.agent.id)])
        self.assertEqual(len(rows), 1)
        rows.unlink()
        Partner.search([("mobile", "=", self.south.mobile)])
        self.assertEqual(len(Log.search([("user_id", "=", self.agent.id)])), 1)


@tagged("post_install", "-at_install", "crm_access_policy")
class TestMailLookupOfNewAddresses(SearchWindowCommon):
    """Writing to many new addresses at once: mail looks them up in one search."""

    def test_the_lookup_is_not_bound_per_search_and_still_counted(self):
        self.agent.group_ids += self.env.ref("base.group_partner_manager")
        thread = self.north.with_user(self.agent)
        self.set_param("search_threshold", "100")
        partners = thread._partner_find_from_emails_single(ADDRESSES, no_create=False)
        self.assertEqual(sorted(partners.mapped("email")), sorted(ADDRESSES))
        message = thread.message_post(body="Hello", partner_ids=partners.ids)
        self.assertEqual(message.partner_ids, partners)
        # counted over the window, as any search of these addresses
        rows = self.env["crm.access.search.log"].search([("user_id", "=", self.agent.id)])
        self.assertGreaterEqual(len(rows), 30)
        # the lift ends with mail's lookup
        self.assertFalse(MAIL_LOOKUP.get())
        # a direct search of as many values is still refused, with or without context
        Partner = self.env["res.partner"].with_user(self.agent)
        for context in ({}, {"crm_access_mail_lookup": ADDRESSES}):
            with self.subTest(context=context), self.assertRaisesRegex(UserError, "at most 20"):
                Partner.with_context(**context).search([("email_normalized", "in", ADDRESSES)])

    def test_the_lookup_past_the_threshold_is_refused(self):
        self.set_param("search_threshold", "25")
        thread = self.north.with_user(self.agent)
        with self.enter_registry_test_mode():
            try:
                thread._partner_find_from_emails_single(ADDRESSES, no_create=True)
                refused = None
            except AccessError as error:
                refused = error
        self.assertIn("managers were alerted", str(refused))
        self.assertEqual(self.alarm_of(self.agent).state, "open")


@tagged("post_install", "-at_install", "crm_access_policy")
class TestMailLookupRoutes(SearchWindowCommon, HttpCase):
    """The chatter's routes, with the agent's own browser session."""

    def test_a_message_to_30_new_addresses(self):
        self.set_param("search_threshold", "100")
        self.agent.group_ids += self.env.ref("base.group_partner_manager")
        self.authenticate(self.agent.login, self.agent.login)
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "res.partner",
                "thread_id": self.north.id,
                "post_data": {
                    "body": "Hello to all",
                    "message_type": "comment",
                    "partner_emails": ADDRESSES,
                },
            },
        )
        message = self.north.message_ids[0]
        self.assertEqual(sorted(message.partner_ids.mapped("email")), sorted(ADDRESSES))
        # the contacts found for typed addresses, as the full composer gets them
        result = self.make_jsonrpc_request(
            "/mail/partner/from_email",
            {"thread_model": "res.partner", "thread_id": self.north.id, "emails": ADDRESSES},
        )
        self.assertEqual(len(result), 30)
        # a direct search of the same addresses is refused
        with self.assertRaisesRegex(JsonRpcException, "UserError"):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/res.partner/search",
                {
                    "model": "res.partner",
                    "method": "search",
                    "args": [[("email_normalized", "in", ADDRESSES)]],
                    "kwargs": {},
                },
            )
