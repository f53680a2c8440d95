import datetime

import pytz

from odoo import api, models
from odoo.fields import Domain
from odoo.models import parse_read_group_spec
from odoo.tools import DEFAULT_SERVER_DATE_FORMAT, DEFAULT_SERVER_DATETIME_FORMAT, SQL

from ..tools.periods import (
    JALALI_GRANULARITIES,
    period_parts,
    period_range,
    period_start,
    shift_period,
    to_persian_digits,
)
from .jalali_sql import create_functions

#: Context key sent by the web client of Persian users with its grouping calls
#: (web_read_group, formatted_read_group, formatted_read_grouping_sets).
JALALI_GROUP_KEY = "web_jalali_group"


class Base(models.AbstractModel):
    """Grouping by month, quarter or year in Jalali periods, for the web client.

    Only the requests of the web client of Persian users carry the context key
    ``web_jalali_group``: business code grouping by ``date:month`` keeps its
    Gregorian months.
    """

    _inherit = "base"

    def init(self):
        result = super().init()
        if self._name == "base":
            create_functions(self.env.cr)
        return result

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _jalali_group_field(self, groupby_spec):
        """Return ``(field, granularity)`` when ``groupby_spec`` is to be grouped
        in Jalali periods on a field of this model, else ``(None, None)``."""
        if not self.env.context.get(JALALI_GROUP_KEY) or "." in groupby_spec.split(":")[0]:
            return None, None
        fname, __, granularity = parse_read_group_spec(groupby_spec)
        field = self._fields.get(fname)
        if (
            field is None
            or field.type not in ("date", "datetime")
            or granularity not in JALALI_GRANULARITIES
        ):
            return None, None
        return field, granularity

    def _jalali_user_tz(self):
        tz = self.env.context.get("tz")
        return pytz.timezone(tz) if tz in pytz.all_timezones_set else None

    def _jalali_period_label(self, start, granularity):
        """Return the label of the Jalali period starting on ``start`` (a date):
        «آذر ۱۴۰۵», «پاییز ۱۴۰۵» or «۱۴۰۵»."""
        year, index = period_parts(start, granularity)
        year_label = to_persian_digits(year)
        if granularity == "month":
            names = self._jalali_month_names()
        elif granularity == "quarter":
            names = self._jalali_quarter_names()
        else:
            return year_label
        return self.env._("%(period)s %(year)s", period=names[index - 1], year=year_label)

    def _jalali_month_names(self):
        return (
            self.env._("Farvardin"),
            self.env._("Ordibehesht"),
            self.env._("Khordad"),
            self.env._("Tir"),
            self.env._("Mordad"),
            self.env._("Shahrivar"),
            self.env._("Mehr"),
            self.env._("Aban"),
            self.env._("Azar"),
            self.env._("Dey"),
            self.env._("Bahman"),
            self.env._("Esfand"),
        )

    def _jalali_quarter_names(self):
        # the Jalali quarters are the seasons
        return (
            self.env._("Spring"),
            self.env._("Summer"),
            self.env._("Autumn"),
            self.env._("Winter"),
        )

    # ------------------------------------------------------------------
    # read_group
    # ------------------------------------------------------------------

    def _read_group_groupby(self, alias, groupby_spec, query):
        field, granularity = self._jalali_group_field(groupby_spec)
        if field is None:
            return super()._read_group_groupby(alias, groupby_spec, query)
        # the day in the user's timezone, with the access checks of the ORM
        day = super()._read_group_groupby(alias, f"{field.name}:day", query)
        start = SQL("web_jalali_period_start((%s)::date, %s)", day, granularity)
        if field.type == "datetime":
            return SQL("(%s)::timestamp", start)
        return start

    def _jalali_group_bounds(self, field, granularity, value):
        """Return ``(range_start, range_end, label)`` of the Jalali period
        starting on ``value`` (the value of its group, a date or a datetime in
        the user's timezone): its bounds as server strings, in UTC for a
        datetime field (start included, end excluded), and its label."""
        is_datetime = field.type == "datetime"
        fmt = DEFAULT_SERVER_DATETIME_FORMAT if is_datetime else DEFAULT_SERVER_DATE_FORMAT
        start_day = value.date() if is_datetime else value
        range_start = value
        range_end = shift_period(start_day, granularity)
        if is_datetime:
            range_end = datetime.datetime.combine(range_end, datetime.time())
            tz = self._jalali_user_tz()
            if tz:
                range_start = tz.localize(range_start).astimezone(pytz.utc)
                range_end = tz.localize(range_end).astimezone(pytz.utc)
        label = self._jalali_period_label(start_day, granularity)
        return range_start.strftime(fmt), range_end.strftime(fmt), label

    def _web_read_group_groupby_formatter(self, groupby_spec, values):
        field, granularity = self._jalali_group_field(groupby_spec)
        if field is None:
            return super()._web_read_group_groupby_formatter(groupby_spec, values)
        fname = field.name

        def formatter(value):
            if not value:
                return value, [(fname, "=", value)]
            range_start, range_end, label = self._jalali_group_bounds(field, granularity, value)
            domain = ["&", (fname, ">=", range_start), (fname, "<", range_end)]
            return (range_start, label), domain

        return formatter

    # ------------------------------------------------------------------
    # the deprecated read_group
    # ------------------------------------------------------------------

    def _jalali_read_group_spec(self, group):
        """Return ``(field, granularity)`` when the ``read_group`` groupby
        ``group`` (``date``, ``date:quarter``...) is grouped in Jalali periods,
        else ``(None, None)``. ``read_group`` groups a date without granularity
        by month."""
        fname = group.split(":")[0]
        field = self._fields.get(fname)
        if field is not None and field.type in ("date", "datetime") and ":" not in group:
            group = f"{group}:month"
        return self._jalali_group_field(group)

    def _read_group_format_result(self, rows_dict, lazy_groupby):
        # read_group asks _read_group for the periods, already Jalali with the
        # context key: their labels, ranges and domains are Jalali too
        gregorian = []
        for group in lazy_groupby:
            field, granularity = self._jalali_read_group_spec(group)
            if field is None:
                gregorian.append(group)
                continue
            for row in rows_dict:
                value = row[group]
                if not value:
                    row.setdefault("__range", {})[group] = False
                    row["__domain"] &= Domain(field.name, "=", value)
                    continue
                range_start, range_end, label = self._jalali_group_bounds(field, granularity, value)
                row[group] = label
                row.setdefault("__range", {})[group] = {"from": range_start, "to": range_end}
                row["__domain"] &= Domain(field.name, ">=", range_start) & Domain(
                    field.name, "<", range_end
                )
        # the other groupbys, and the domains turned into lists
        return super()._read_group_format_result(rows_dict, gregorian)

    @api.model
    def _read_group_fill_temporal(
        self, data, groupby, annoted_aggregates, fill_from=False, fill_to=False, min_groups=False
    ):
        field, granularity = self._jalali_read_group_spec(groupby[0]) if groupby else (None, None)
        if field is None:
            return super()._read_group_fill_temporal(
                data, groupby, annoted_aggregates, fill_from, fill_to, min_groups
            )
        first_group = groupby[0]
        rows = [(row[first_group], row) for row in data]
        empty = {
            name: self._read_group_empty_value(spec) for name, spec in annoted_aggregates.items()
        }
        for group in groupby[1:]:
            empty[group] = self._read_group_empty_value(group)
        filled = self._jalali_fill_periods(rows, field, granularity, fill_from, fill_to, min_groups)
        return [row if row is not None else {**empty, first_group: value} for value, row in filled]

    @api.model
    def _web_read_group_fill_temporal(
        self, groups, groupby, aggregates, fill_from=False, fill_to=False, min_groups=False
    ):
        field, granularity = self._jalali_group_field(groupby[0]) if groupby else (None, None)
        if field is None:
            return super()._web_read_group_fill_temporal(
                groups, groupby, aggregates, fill_from, fill_to, min_groups
            )
        empty = tuple(self._read_group_empty_value(spec) for spec in groupby[1:] + aggregates)
        filled = self._jalali_fill_periods(
            [(group[0], group) for group in groups],
            field,
            granularity,
            fill_from,
            fill_to,
            min_groups,
        )
        return [group if group is not None else (value, *empty) for value, group in filled]

    @api.model
    def _jalali_fill_periods(self, rows, field, granularity, fill_from, fill_to, min_groups):
        """Fill the Jalali periods missing among grouped rows (graph views).

        :param list rows: ``(period start, row)`` pairs, in the order of the periods
        :return: the ``(period start, row)`` pairs of the rows and of the
            missing periods, in order, with ``None`` as the row of a missing
            period; the rows without date come last
        """
        is_datetime = field.type == "datetime"

        def to_day(value):
            if isinstance(value, str):
                value = datetime.date.fromisoformat(value[:10])
            return value.date() if isinstance(value, datetime.datetime) else value

        existing = sorted(to_day(value) for value, __ in rows if value)
        first = period_start(to_day(fill_from), granularity) if fill_from else None
        last = period_start(to_day(fill_to), granularity) if fill_to else None
        first = first or (existing[0] if existing else last)
        last = last or (existing[-1] if existing else first)
        if not first:
            return rows
        if min_groups and min_groups > 0:
            last = max(last, shift_period(first, granularity, min_groups - 1))
        if first > last:
            return rows

        def to_value(day):
            return datetime.datetime.combine(day, datetime.time()) if is_datetime else day

        by_value = {}
        for value, row in rows:
            by_value.setdefault(value, []).append(row)
        wanted = sorted(set(existing).union(period_range(first, last, granularity)))
        result = []
        for day in wanted:
            value = to_value(day)
            result.extend((value, row) for row in by_value.get(value) or [None])
        for empty_value in (False, None):
            result.extend((empty_value, row) for row in by_value.get(empty_value, ()))
        return result
