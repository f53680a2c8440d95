"""The web client in Persian: Hoot unit tests and a tour in headless Chromium."""

import datetime

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "web_jalali")
class TestWebClientJalali(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.persian_user = new_test_user(
            cls.env,
            "jalali_user",
            groups="base.group_user,base.group_system",
            lang="fa_IR",
            tz="Asia/Tehran",
        )

    def _hoot_id(self, name):
        """Hoot's id of a test suite (same hash as the test runner's filter)."""
        value = 0
        for char in name:
            value = ((value << 5) - value + ord(char)) & 0xFFFFFFFF
        return f"{value:08x}"

    def test_hoot_unit_tests(self):
        suite = self._hoot_id("@web_jalali")
        self.browser_js(
            f"/web/tests?headless&loglevel=2&preset=desktop&timeout=15000&id={suite}",
            "",
            "",
            login="admin",
            timeout=600,
            success_signal="[HOOT] Test suite succeeded",
            error_checker=lambda message: "[HOOT]" not in message,
        )

    def test_persian_user_picks_a_jalali_day_and_saves_the_gregorian_date(self):
        currency = self.env.ref("base.EUR")
        rate = self.env["res.currency.rate"].create(
            {"name": datetime.date(2026, 11, 22), "rate": 1.5, "currency_id": currency.id}
        )
        self.start_tour(
            f"/odoo/res.currency.rate/{rate.id}", "web_jalali_pick_date", login="jalali_user"
        )
        rate.invalidate_recordset()
        # 15 Dey 1405
        self.assertEqual(rate.name, datetime.date(2027, 1, 5))

    def test_persian_user_groups_by_jalali_month_in_pivot_and_list(self):
        currency = self.env["res.currency"].create({"name": "JLP", "symbol": "J"})
        for day in (21, 22, 23):  # 30 Aban, 1 and 2 Azar 1405
            self.env["res.currency.rate"].create(
                {"name": datetime.date(2026, 11, day), "rate": 1.0, "currency_id": currency.id}
            )
        View = self.env["ir.ui.view"]
        pivot = View.create(
            {
                "name": "rates by month",
                "model": "res.currency.rate",
                "type": "pivot",
                "arch": '<pivot><field name="name" interval="month" type="row"/></pivot>',
            }
        )
        action = self.env["ir.actions.act_window"].create(
            {
                "name": "Rates",
                "res_model": "res.currency.rate",
                "view_mode": "pivot,list",
                "view_id": pivot.id,
                "domain": [("currency_id", "=", currency.id)],
                "context": {"group_by": ["name:month"]},
            }
        )
        self.start_tour(
            f"/odoo/action-{action.id}", "web_jalali_group_by_jalali_month", login="jalali_user"
        )

    def _rates_calendar_action(self):
        """A calendar of the rates of a new currency on 30 Aban, 1 Azar and
        30 Azar 1405, opening on 2 Azar 1405 (23 November 2026)."""
        currency = self.env["res.currency"].create({"name": "JLC", "symbol": "J"})
        for day in (
            datetime.date(2026, 11, 21),
            datetime.date(2026, 11, 22),
            datetime.date(2026, 12, 21),
        ):
            self.env["res.currency.rate"].create(
                {"name": day, "rate": 1.0, "currency_id": currency.id}
            )
        calendar = self.env["ir.ui.view"].create(
            {
                "name": "rates calendar",
                "model": "res.currency.rate",
                "type": "calendar",
                "arch": '<calendar date_start="name" mode="month"><field name="rate"/></calendar>',
            }
        )
        return self.env["ir.actions.act_window"].create(
            {
                "name": "Rates",
                "res_model": "res.currency.rate",
                "view_mode": "calendar",
                "view_id": calendar.id,
                "domain": [("currency_id", "=", currency.id)],
                "context": {"initial_date": "2026-11-23 08:00:00"},
            }
        )

    def test_persian_user_sees_a_jalali_month_in_the_calendar_view(self):
        action = self._rates_calendar_action()
        self.start_tour(
            f"/odoo/action-{action.id}", "web_jalali_calendar_month", login="jalali_user"
        )

    def test_other_users_keep_the_gregorian_month_in_the_calendar_view(self):
        new_test_user(
            self.env,
            "gregorian_user",
            groups="base.group_user,base.group_system",
            lang="en_US",
            tz="Asia/Tehran",
        )
        action = self._rates_calendar_action()
        self.start_tour(
            f"/odoo/action-{action.id}",
            "web_jalali_calendar_month_gregorian",
            login="gregorian_user",
        )
