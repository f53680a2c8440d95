"""Grouping by Jalali months, quarters and years, as the web client of Persian users asks."""

import datetime

from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tests import TransactionCase, new_test_user, tagged

JALALI = {"web_jalali_group": True}


@tagged("post_install", "-at_install", "web_jalali")
class TestJalaliGroupBy(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.currency = cls.env["res.currency"].create(
            {"name": "JLT", "symbol": "J", "rounding": 0.01, "active": True}
        )
        days = {
            "esfand_29": datetime.date(2026, 3, 20),  # 29 Esfand 1404
            "farvardin_1": datetime.date(2026, 3, 21),  # 1 Farvardin 1405
            "aban_30": datetime.date(2026, 11, 21),  # 30 Aban 1405
            "azar_1": datetime.date(2026, 11, 22),  # 1 Azar 1405
            "azar_2": datetime.date(2026, 11, 23),
        }
        Rate = cls.env["res.currency.rate"]
        cls.rates = {
            key: Rate.create({"name": day, "rate": 1.0, "currency_id": cls.currency.id})
            for key, day in days.items()
        }
        cls.domain = [("currency_id", "=", cls.currency.id)]
        # moments (UTC) on both sides of midnight in Tehran (UTC+3:30), 1 Farvardin 1405
        moments = {
            "esfand_29": datetime.datetime(2026, 3, 20, 20, 0),  # 23:30 Tehran, 29 Esfand
            "farvardin_1": datetime.datetime(2026, 3, 20, 21, 0),  # 00:30 Tehran, 1 Farvardin
            "aban_30": datetime.datetime(2026, 11, 21, 20, 29),  # 23:59 Tehran, 30 Aban
            "azar_1": datetime.datetime(2026, 11, 21, 20, 30),  # 00:00 Tehran, 1 Azar
            "azar_2": datetime.datetime(2026, 11, 22, 12, 0),
        }
        for key, moment in moments.items():
            cls.env.cr.execute(
                "UPDATE res_currency_rate SET create_date = %s WHERE id = %s",
                (moment, cls.rates[key].id),
            )
        Rate.invalidate_model(["create_date"])

    def _model(self, jalali=True, tz="Asia/Tehran", lang="fa_IR"):
        context = {"tz": tz, "lang": lang, **(JALALI if jalali else {})}
        return self.env["res.currency.rate"].with_context(**context)

    def _ids(self, *keys):
        return sorted(self.rates[key].id for key in keys)

    def _groups(self, spec, **kwargs):
        model = self._model(**kwargs)
        groups = model.formatted_read_group(self.domain, [spec], ["__count"])
        for group in groups:
            # the group's domain selects exactly the records counted in it
            found = model.search(Domain.AND([self.domain, group["__extra_domain"]]))
            self.assertEqual(len(found), group["__count"], group)
        return [(group[spec], group["__count"]) for group in groups]

    def _group_ids(self, spec, **kwargs):
        model = self._model(**kwargs)
        groups = model.formatted_read_group(self.domain, [spec], ["__count"])
        return [
            sorted(model.search(Domain.AND([self.domain, group["__extra_domain"]])).ids)
            for group in groups
        ]

    def test_date_by_jalali_month(self):
        self.assertEqual(
            self._groups("name:month"),
            [
                (("2026-02-20", "اسفند ۱۴۰۴"), 1),
                (("2026-03-21", "فروردین ۱۴۰۵"), 1),
                (("2026-10-23", "آبان ۱۴۰۵"), 1),
                (("2026-11-22", "آذر ۱۴۰۵"), 2),
            ],
        )
        self.assertEqual(
            self._group_ids("name:month"),
            [
                self._ids("esfand_29"),
                self._ids("farvardin_1"),
                self._ids("aban_30"),
                self._ids("azar_1", "azar_2"),
            ],
        )

    def test_date_by_jalali_quarter_and_year(self):
        self.assertEqual(
            self._groups("name:quarter"),
            [
                (("2025-12-22", "زمستان ۱۴۰۴"), 1),
                (("2026-03-21", "بهار ۱۴۰۵"), 1),
                (("2026-09-23", "پاییز ۱۴۰۵"), 3),
            ],
        )
        self.assertEqual(
            self._groups("name:year"),
            [(("2025-03-21", "۱۴۰۴"), 1), (("2026-03-21", "۱۴۰۵"), 4)],
        )

    def test_datetime_by_jalali_month_in_the_users_timezone(self):
        self.assertEqual(
            self._groups("create_date:month"),
            [
                # starts of the periods in UTC: midnight in Tehran
                (("2026-02-19 20:30:00", "اسفند ۱۴۰۴"), 1),
                (("2026-03-20 20:30:00", "فروردین ۱۴۰۵"), 1),
                (("2026-10-22 20:30:00", "آبان ۱۴۰۵"), 1),
                (("2026-11-21 20:30:00", "آذر ۱۴۰۵"), 2),
            ],
        )
        self.assertEqual(
            self._group_ids("create_date:month"),
            [
                self._ids("esfand_29"),
                self._ids("farvardin_1"),
                self._ids("aban_30"),
                self._ids("azar_1", "azar_2"),
            ],
        )
        # in UTC, 00:30 in Tehran is still 29 Esfand, and 00:00 still 30 Aban
        self.assertEqual(
            [count for __, count in self._groups("create_date:month", tz="UTC")], [2, 2, 1]
        )

    def test_without_the_context_key_grouping_stays_gregorian(self):
        self.assertEqual([count for __, count in self._groups("name:month", jalali=False)], [2, 3])
        self.assertEqual(
            [value[0] for value, __ in self._groups("name:month", jalali=False)],
            ["2026-03-01", "2026-11-01"],
        )
        # business code grouping with _read_group keeps Gregorian months too
        rows = self._model(jalali=False)._read_group(self.domain, ["name:month"], ["__count"])
        self.assertEqual(rows, [(datetime.date(2026, 3, 1), 2), (datetime.date(2026, 11, 1), 3)])

    def test_other_granularities_are_untouched(self):
        jalali = self._groups("name:week")
        gregorian = self._groups("name:week", jalali=False)
        self.assertEqual(jalali, gregorian)
        self.assertEqual(
            self._groups("name:month_number"), self._groups("name:month_number", jalali=False)
        )

    def test_order_and_sub_groups(self):
        model = self._model()
        groups = model.formatted_read_group(
            self.domain, ["name:year", "name:month"], ["__count"], order="name:month desc"
        )
        self.assertEqual(
            [(g["name:year"][1], g["name:month"][1], g["__count"]) for g in groups],
            [
                ("۱۴۰۵", "آذر ۱۴۰۵", 2),
                ("۱۴۰۵", "آبان ۱۴۰۵", 1),
                ("۱۴۰۵", "فروردین ۱۴۰۵", 1),
                ("۱۴۰۴", "اسفند ۱۴۰۴", 1),
            ],
        )

    def test_graph_fills_empty_jalali_months(self):
        model = self._model().with_context(fill_temporal=True)
        groups = model.formatted_read_group(self.domain, ["name:month"], ["__count"])
        self.assertEqual(
            [(g["name:month"][1], g["__count"]) for g in groups],
            [
                ("اسفند ۱۴۰۴", 1),
                ("فروردین ۱۴۰۵", 1),
                ("اردیبهشت ۱۴۰۵", 0),
                ("خرداد ۱۴۰۵", 0),
                ("تیر ۱۴۰۵", 0),
                ("مرداد ۱۴۰۵", 0),
                ("شهریور ۱۴۰۵", 0),
                ("مهر ۱۴۰۵", 0),
                ("آبان ۱۴۰۵", 1),
                ("آذر ۱۴۰۵", 2),
            ],
        )
        model = self._model().with_context(
            fill_temporal={"fill_from": "2026-11-25", "min_groups": 3}
        )
        groups = model.formatted_read_group(
            [*self.domain, ("name", ">=", "2026-11-22")], ["create_date:month"], ["__count"]
        )
        self.assertEqual(
            [(g["create_date:month"], g["__count"]) for g in groups],
            [
                (("2026-11-21 20:30:00", "آذر ۱۴۰۵"), 2),
                (("2026-12-21 20:30:00", "دی ۱۴۰۵"), 0),
                (("2027-01-20 20:30:00", "بهمن ۱۴۰۵"), 0),
            ],
        )

    def test_list_kanban_and_pivot_calls(self):
        model = self._model()
        result = model.web_read_group(
            self.domain,
            ["name:month"],
            ["__count"],
            auto_unfold=True,
            unfold_read_specification={"name": {}},
        )
        self.assertEqual(result["length"], 4)
        last = result["groups"][-1]
        self.assertEqual(last["name:month"], ("2026-11-22", "آذر ۱۴۰۵"))
        self.assertEqual(
            sorted(record["id"] for record in last["__records"]), self._ids("azar_1", "azar_2")
        )
        pivot = model.formatted_read_grouping_sets(
            self.domain, [["name:quarter"], ["name:quarter", "name:month"], []], ["__count"]
        )
        self.assertEqual([g["__count"] for g in pivot[0]], [1, 1, 3])
        self.assertEqual(len(pivot[1]), 4)
        self.assertEqual(pivot[2][0]["__count"], 5)

    def test_through_a_many2one_path(self):
        Partner = self.env["res.partner"].with_context(tz="Asia/Tehran", lang="fa_IR", **JALALI)
        partner = Partner.create({"name": "Jalali"})
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id = %s",
            (datetime.datetime(2026, 3, 20, 21, 0), partner.id),
        )
        self.env["res.partner"].invalidate_model(["create_date"])
        child = Partner.create({"name": "Child", "parent_id": partner.id})
        groups = Partner.formatted_read_group(
            [("id", "=", child.id)], ["parent_id.create_date:month"], ["__count"]
        )
        self.assertEqual(groups[0]["parent_id.create_date:month"][1], "فروردین ۱۴۰۵")
        self.assertEqual(Partner.search(groups[0]["__extra_domain"]), child)

    def test_access_rights_still_apply(self):
        user = new_test_user(self.env, "jalali_grouper", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["ir.cron"].with_user(user).with_context(**JALALI).formatted_read_group(
                [], ["nextcall:month"], ["__count"]
            )

    def test_labels_in_english_without_persian(self):
        groups = self._model(lang="en_US").formatted_read_group(
            self.domain, ["name:month"], ["__count"]
        )
        self.assertEqual(groups[-1]["name:month"][1], "Azar ۱۴۰۵")

    # ------------------------------------------------------------------
    # the deprecated read_group
    # ------------------------------------------------------------------

    def _deprecated_read_group(self, model, *args, **kwargs):
        with self.assertWarnsRegex(DeprecationWarning, "read_group is deprecated"):
            return model.read_group(*args, **kwargs)

    def _read_group(self, groupby, **kwargs):
        """read_group's rows as (value, count, range) after checking that each
        row's domain selects exactly the records counted in it."""
        model = self._model(**kwargs)
        rows = self._deprecated_read_group(model, self.domain, ["rate"], groupby, lazy=False)
        key = groupby[0] if isinstance(groupby, list) else groupby
        for row in rows:
            found = model.search(Domain.AND([self.domain, row["__domain"]]))
            self.assertEqual(len(found), row["__count"], row)
        return [(row[key], row["__count"], row["__range"][key]) for row in rows]

    def test_read_group_in_jalali_months_seasons_and_years(self):
        self.assertEqual(
            self._read_group(["name:month"]),
            [
                ("اسفند ۱۴۰۴", 1, {"from": "2026-02-20", "to": "2026-03-21"}),
                ("فروردین ۱۴۰۵", 1, {"from": "2026-03-21", "to": "2026-04-21"}),
                ("آبان ۱۴۰۵", 1, {"from": "2026-10-23", "to": "2026-11-22"}),
                ("آذر ۱۴۰۵", 2, {"from": "2026-11-22", "to": "2026-12-22"}),
            ],
        )
        # a date without granularity is grouped by month
        self.assertEqual(
            [label for label, __, __ in self._read_group(["name"])],
            ["اسفند ۱۴۰۴", "فروردین ۱۴۰۵", "آبان ۱۴۰۵", "آذر ۱۴۰۵"],
        )
        self.assertEqual(
            self._read_group(["name:quarter"]),
            [
                ("زمستان ۱۴۰۴", 1, {"from": "2025-12-22", "to": "2026-03-21"}),
                ("بهار ۱۴۰۵", 1, {"from": "2026-03-21", "to": "2026-06-22"}),
                ("پاییز ۱۴۰۵", 3, {"from": "2026-09-23", "to": "2026-12-22"}),
            ],
        )
        self.assertEqual(
            self._read_group(["name:year"]),
            [
                ("۱۴۰۴", 1, {"from": "2025-03-21", "to": "2026-03-21"}),
                ("۱۴۰۵", 4, {"from": "2026-03-21", "to": "2027-03-21"}),
            ],
        )

    def test_read_group_datetime_in_the_users_timezone(self):
        self.assertEqual(
            self._read_group(["create_date:month"]),
            [
                (
                    "اسفند ۱۴۰۴",
                    1,
                    {"from": "2026-02-19 20:30:00", "to": "2026-03-20 20:30:00"},
                ),
                (
                    "فروردین ۱۴۰۵",
                    1,
                    {"from": "2026-03-20 20:30:00", "to": "2026-04-20 20:30:00"},
                ),
                ("آبان ۱۴۰۵", 1, {"from": "2026-10-22 20:30:00", "to": "2026-11-21 20:30:00"}),
                ("آذر ۱۴۰۵", 2, {"from": "2026-11-21 20:30:00", "to": "2026-12-21 20:30:00"}),
            ],
        )

    def test_read_group_lazy_with_sub_groups_and_other_fields(self):
        model = self._model()
        rows = self._deprecated_read_group(
            model, self.domain, ["rate"], ["name:year", "currency_id", "name:month"]
        )
        self.assertEqual(
            [(row["name:year"], row["name_count"]) for row in rows], [("۱۴۰۴", 1), ("۱۴۰۵", 4)]
        )
        self.assertEqual(rows[1]["__context"], {"group_by": ["currency_id", "name:month"]})
        rows = self._deprecated_read_group(
            model, self.domain, ["rate"], ["currency_id", "name:month"], lazy=False
        )
        self.assertEqual(
            [(row["currency_id"][0], row["name:month"], row["__count"]) for row in rows],
            [
                (self.currency.id, "اسفند ۱۴۰۴", 1),
                (self.currency.id, "فروردین ۱۴۰۵", 1),
                (self.currency.id, "آبان ۱۴۰۵", 1),
                (self.currency.id, "آذر ۱۴۰۵", 2),
            ],
        )
        for row in rows:
            found = model.search(Domain.AND([self.domain, row["__domain"]]))
            self.assertEqual(len(found), row["__count"], row)

    def test_read_group_fills_empty_jalali_months(self):
        model = self._model().with_context(fill_temporal=True)
        rows = self._deprecated_read_group(
            model, [*self.domain, ("name", ">=", "2026-10-01")], ["rate"], ["name:month"]
        )
        self.assertEqual(
            [(row["name:month"], row["name_count"]) for row in rows],
            [("آبان ۱۴۰۵", 1), ("آذر ۱۴۰۵", 2)],
        )
        model = self._model().with_context(
            fill_temporal={"fill_from": "2026-09-25", "min_groups": 4}
        )
        rows = self._deprecated_read_group(
            model, [*self.domain, ("name", ">=", "2026-10-01")], ["rate"], ["name:month"]
        )
        self.assertEqual(
            [(row["name:month"], row["name_count"]) for row in rows],
            [("مهر ۱۴۰۵", 0), ("آبان ۱۴۰۵", 1), ("آذر ۱۴۰۵", 2), ("دی ۱۴۰۵", 0)],
        )
        self.assertEqual(
            rows[0]["__range"]["name:month"], {"from": "2026-09-23", "to": "2026-10-23"}
        )

    def test_read_group_without_the_context_key_stays_gregorian(self):
        self.assertEqual(
            self._read_group(["name:month"], jalali=False, lang="en_US"),
            [
                ("March 2026", 2, {"from": "2026-03-01", "to": "2026-04-01"}),
                ("November 2026", 3, {"from": "2026-11-01", "to": "2026-12-01"}),
            ],
        )
        # other granularities are untouched by the key
        self.assertEqual(
            self._read_group(["name:week"]), self._read_group(["name:week"], jalali=False)
        )

    def test_read_group_access_rights_still_apply(self):
        user = new_test_user(self.env, "jalali_reader", groups="base.group_user")
        with self.assertRaises(AccessError):
            self._deprecated_read_group(
                self.env["ir.cron"].with_user(user).with_context(**JALALI),
                [],
                ["interval_number"],
                ["nextcall:month"],
            )
