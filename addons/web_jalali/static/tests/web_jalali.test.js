import { describe, expect, test } from "@odoo/hoot";
import { click, queryAll, queryAllAttributes, queryAllTexts } from "@odoo/hoot-dom";
import { animationFrame, mockDate, mockTimeZone } from "@odoo/hoot-mock";
import {
    clickSave,
    contains,
    defineModels,
    defineParams,
    fields,
    getFacetTexts,
    isOptionSelected,
    makeMockEnv,
    models,
    mountView,
    mountWithCleanup,
    mountWithSearch,
    onRpc,
    patchWithCleanup,
    serverState,
    toggleMenuItem,
    toggleMenuItemOption,
    toggleSearchBarMenu,
} from "@web/../tests/web_test_helpers";

import { DateTimePicker } from "@web/core/datetime/datetime_picker";
import { SearchBar } from "@web/search/search_bar/search_bar";
import {
    formatDate,
    formatDateTime,
    parseDate,
    parseDateTime,
    serializeDate,
    serializeDateTime,
} from "@web/core/l10n/dates";
import {
    isJalaliLeapYear,
    isValidJalaliDate,
    jalaliMonthLength,
    toAsciiDigits,
    toGregorian,
    toJalali,
    toPersianDigits,
} from "@web_jalali/jalali";
import { isJalaliActive, isJalaliLang } from "@web_jalali/jalali_luxon";
import {
    coveringWeeks,
    jalaliPeriodRange,
    plusJalaliMonths,
} from "@web_jalali/jalali_periods";
import { setJalaliGroupRanges } from "@web_jalali/group_range_patch";
import { RelationalModel } from "@web/model/relational_model/relational_model";

const { DateTime } = luxon;

class Visit extends models.Model {
    _name = "visit";
    name = fields.Char();
    day = fields.Date();
    moment = fields.Datetime();
    amount = fields.Float();
    count = fields.Integer();
    _records = [{ id: 1, name: "۱۲ فروردین", day: "2026-11-22", amount: 1.5, count: 3 }];
}

class Meeting extends models.Model {
    _name = "meeting";
    name = fields.Char();
    day = fields.Date();
    _records = [
        { id: 1, name: "First of Azar", day: "2026-11-22" },
        { id: 2, name: "Last of Azar", day: "2026-12-21" },
        { id: 3, name: "First of Dey", day: "2026-12-22" },
    ];
}
defineModels([Visit, Meeting]);
onRpc("has_group", () => true);

const iso = ({ year, month, day }) =>
    `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

describe("conversion", () => {
    test("edges of the year: 1 Farvardin, Esfand 29 and 30, leap years", () => {
        const cases = [
            // [jalali, gregorian]
            [[1404, 1, 1], "2025-03-21"],
            [[1403, 12, 30], "2025-03-20"],
            [[1403, 1, 1], "2024-03-20"],
            [[1404, 12, 29], "2026-03-20"],
            [[1405, 1, 1], "2026-03-21"],
            [[1405, 9, 1], "2026-11-22"],
            [[1399, 12, 30], "2021-03-20"],
            [[1400, 1, 1], "2021-03-21"],
            [[1354, 12, 30], "1976-03-20"],
            [[1300, 1, 1], "1921-03-21"],
            [[1500, 12, 29], "2122-03-20"],
            [[1, 1, 1], "0622-03-21"],
        ];
        for (const [[y, m, d], gregorian] of cases) {
            expect(iso(toGregorian(y, m, d))).toBe(gregorian);
            const [gy, gm, gd] = gregorian.split("-").map(Number);
            expect(toJalali(gy, gm, gd)).toEqual({ year: y, month: m, day: d });
        }
        expect([1354, 1399, 1403, 1408].map(isJalaliLeapYear)).toEqual([true, true, true, true]);
        expect([1400, 1402, 1404, 1405].map(isJalaliLeapYear)).toEqual([
            false,
            false,
            false,
            false,
        ]);
        expect(jalaliMonthLength(1403, 12)).toBe(30);
        expect(jalaliMonthLength(1404, 12)).toBe(29);
        expect(jalaliMonthLength(1404, 6)).toBe(31);
        expect(jalaliMonthLength(1404, 7)).toBe(30);
    });

    test("bad dates are refused", () => {
        expect(isValidJalaliDate(1404, 12, 30)).toBe(false);
        expect(isValidJalaliDate(1404, 13, 1)).toBe(false);
        expect(isValidJalaliDate(1404, 7, 31)).toBe(false);
        expect(isValidJalaliDate(1404, 0, 1)).toBe(false);
        expect(isValidJalaliDate(1404.5, 1, 1)).toBe(false);
        expect(() => toGregorian(1404, 12, 30)).toThrow(RangeError);
    });

    test("every day from 1300 to 1500 goes there and back, one day after the other", () => {
        let previous = null;
        let count = 0;
        for (let y = 1300; y <= 1500; y++) {
            for (let m = 1; m <= 12; m++) {
                for (let d = 1; d <= jalaliMonthLength(y, m); d++) {
                    const g = toGregorian(y, m, d);
                    const back = toJalali(g.year, g.month, g.day);
                    if (back.year !== y || back.month !== m || back.day !== d) {
                        throw new Error(`${y}/${m}/${d} came back as ${JSON.stringify(back)}`);
                    }
                    const date = DateTime.utc(g.year, g.month, g.day);
                    if (previous && date.diff(previous, "days").days !== 1) {
                        throw new Error(`${y}/${m}/${d} does not follow the day before`);
                    }
                    previous = date;
                    count++;
                }
            }
        }
        expect(count).toBe(73414);
    });

    test("the browser's Persian calendar agrees with the conversion (1300-1500)", () => {
        const intl = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", {
            timeZone: "UTC",
            year: "numeric",
            month: "numeric",
            day: "numeric",
        });
        const read = (date) => {
            const parts = Object.fromEntries(
                intl.formatToParts(date).map(({ type, value }) => [type, value])
            );
            return `${parseInt(parts.year)}/${parts.month}/${parts.day}`;
        };
        const disagreements = [];
        for (let y = 1300; y <= 1500; y++) {
            for (let m = 1; m <= 12; m++) {
                for (const d of [1, jalaliMonthLength(y, m)]) {
                    const g = toGregorian(y, m, d);
                    const shown = read(new Date(Date.UTC(g.year, g.month - 1, g.day)));
                    if (shown !== `${y}/${m}/${d}`) {
                        disagreements.push(`${y}/${m}/${d} shown as ${shown}`);
                    }
                }
            }
        }
        expect(disagreements).toEqual([]);
    });

    test("digits: Persian, Arabic-Indic and ASCII", () => {
        expect(toAsciiDigits("۱۴۰۵/۰۹/۰۱")).toBe("1405/09/01");
        expect(toAsciiDigits("١٤٠٥/٠٩/٠١")).toBe("1405/09/01");
        expect(toAsciiDigits("1405/09/01")).toBe("1405/09/01");
        expect(toPersianDigits("1405/09/01")).toBe("۱۴۰۵/۰۹/۰۱");
        expect(isJalaliLang("fa_IR")).toBe(true);
        expect(isJalaliLang("fa-IR")).toBe(true);
        expect(isJalaliLang("fr_FR")).toBe(false);
        expect(isJalaliLang("")).toBe(false);
    });
});

describe("Jalali periods", () => {
    test("a Jalali month, season and year, and whole weeks around a month", () => {
        const day = DateTime.local(2026, 11, 23, 15, 30); // 2 Azar 1405
        const range = (granularity) => {
            const { start, end } = jalaliPeriodRange(day, granularity);
            return [start.toISO({ includeOffset: false }), end.toISO({ includeOffset: false })];
        };
        expect(range("month")).toEqual(["2026-11-22T00:00:00.000", "2026-12-21T23:59:59.999"]);
        expect(range("quarter")).toEqual(["2026-09-23T00:00:00.000", "2026-12-21T23:59:59.999"]);
        expect(range("year")).toEqual(["2026-03-21T00:00:00.000", "2027-03-20T23:59:59.999"]);
        expect(() => jalaliPeriodRange(day, "week")).toThrow(/No Jalali period/);
        // Esfand of a leap year has 30 days
        const esfand = jalaliPeriodRange(DateTime.local(2025, 3, 1), "month");
        expect([esfand.start.toISODate(), esfand.end.toISODate()]).toEqual([
            "2025-02-19",
            "2025-03-20",
        ]);
        // Saturday-first weeks around Azar 1405 (Sunday 22 November to Monday 21 December)
        const { start, end } = jalaliPeriodRange(day, "month");
        const weeks = coveringWeeks(start, end, 6);
        expect([weeks.start.toISODate(), weeks.end.toISODate()]).toEqual([
            "2026-11-21",
            "2026-12-25",
        ]);
        const sundayWeeks = coveringWeeks(start, end, 0);
        expect([sundayWeeks.start.toISODate(), sundayWeeks.end.toISODate()]).toEqual([
            "2026-11-22",
            "2026-12-26",
        ]);
    });

    test("moving by Jalali months keeps the day, or the last day of a shorter month", () => {
        const move = (iso, count) => plusJalaliMonths(DateTime.fromISO(iso), count).toISODate();
        expect(move("2026-11-23", 1)).toBe("2026-12-23"); // 2 Azar -> 2 Dey
        expect(move("2026-09-22", 1)).toBe("2026-10-22"); // 31 Shahrivar -> 30 Mehr
        expect(move("2026-02-20", 1)).toBe("2026-03-21"); // 1 Esfand -> 1 Farvardin
        expect(move("2026-02-20", -1)).toBe("2026-01-21"); // 1 Esfand -> 1 Bahman
        expect(move("2025-03-20", 12)).toBe("2026-03-20"); // 30 Esfand 1403 -> 29 Esfand 1404
        expect(move("2026-03-21", -12)).toBe("2025-03-21"); // 1 Farvardin 1405 -> 1404
        const moment = DateTime.local(2026, 11, 23, 9, 15);
        expect(plusJalaliMonths(moment, 1).toFormat("HH:mm", { numberingSystem: "latn" })).toBe(
            "09:15"
        );
    });

    test("group ranges follow Jalali periods, sub-groups included", () => {
        const fields = { day: { type: "date" }, user_id: { type: "many2one" } };
        const group = (iso) => ({
            value: DateTime.fromISO(iso),
            range: { from: DateTime.fromISO(iso), to: null },
        });
        const seasons = [group("2026-09-23"), { value: false }];
        seasons[0].groups = [{ value: 7, groups: [group("2026-11-22")] }];
        setJalaliGroupRanges(seasons, ["day:quarter", "user_id", "day:month"], fields);
        expect(seasons[0].range.to.toISODate()).toBe("2026-12-22");
        expect(seasons[0].groups[0].groups[0].range.to.toISODate()).toBe("2026-12-22");
        expect(seasons[1].range).toBe(undefined);
        const weeks = [group("2026-11-21")];
        setJalaliGroupRanges(weeks, ["day:week"], fields);
        expect(weeks[0].range.to).toBe(null);
    });
});

describe("Persian user", () => {
    defineParams({
        lang_parameters: {
            date_format: "%Y/%m/%d",
            time_format: "%H:%M:%S",
            week_start: 6,
            direction: "rtl",
        },
    });

    const startAsPersian = async () => {
        serverState.lang = "fa-IR";
        await makeMockEnv();
        expect(isJalaliActive()).toBe(true);
    };

    test("dates and date-times are shown in Jalali, sent in Gregorian", async () => {
        await startAsPersian();
        const date = DateTime.local(2026, 11, 22);
        expect(formatDate(date)).toBe("۱۴۰۵/۰۹/۰۱");
        expect(formatDateTime(DateTime.local(2026, 11, 22, 9, 5, 0))).toBe(
            "۱۴۰۵/۰۹/۰۱ ۰۹:۰۵:۰۰"
        );
        expect(serializeDate(date)).toBe("2026-11-22");
        expect(serializeDateTime(DateTime.utc(2025, 3, 20, 23, 30))).toBe("2025-03-20 23:30:00");
        expect(date.toFormat("yyyy-MM-dd")).toBe("2026-11-22");
        // keys written for programs: Latin digits asked for, Gregorian kept
        expect(date.reconfigure({ numberingSystem: "latn" }).toFormat("MM/yyyy")).toBe("11/2026");
        expect(date.toFormat("MM/yyyy", { numberingSystem: "latn" })).toBe("11/2026");
        expect(date.toFormat("MM/yyyy")).toBe("۰۹/۱۴۰۵");
        expect(date.toLocaleString({ day: "numeric", month: "long", year: "numeric" })).toBe(
            "۱ آذر ۱۴۰۵"
        );
        expect(date.toFormat("MMMM")).toBe("آذر");
    });

    test("a day and month without year get the year when it is not this Jalali year", async () => {
        // 5 Farvardin 1405: in the same Gregorian year as 19 Esfand 1404
        mockDate("2026-03-25 12:00:00");
        await startAsPersian();
        const noYear = { day: "numeric", month: "long" };
        expect(DateTime.local(2026, 3, 10).toLocaleString(noYear)).toBe("۱۹ اسفند ۱۴۰۴");
        expect(DateTime.local(2026, 4, 21).toLocaleString(noYear)).toBe("۱ اردیبهشت");
        expect(DateTime.local(2026, 3, 10).toLocaleString(DateTime.DATE_MED)).toBe(
            "۱۹ اسفند ۱۴۰۴"
        );
    });

    test("typed Jalali dates, in any digits, are read as Jalali", async () => {
        await startAsPersian();
        for (const typed of ["۱۴۰۵/۰۹/۰۱", "١٤٠٥/٠٩/٠١", "1405/09/01", "1405/9/1", "14050901"]) {
            expect(parseDate(typed).toISODate()).toBe("2026-11-22", { message: typed });
        }
        expect(parseDate("1403/12/30").toISODate()).toBe("2025-03-20");
        expect(parseDate("2026/11/22").toISODate()).toBe("2026-11-22");
        const dateTime = parseDateTime("۱۴۰۵/۰۱/۰۱ ۱۰:۳۰:۰۰");
        expect(dateTime.toISODate()).toBe("2026-03-21");
        expect([dateTime.hour, dateTime.minute]).toEqual([10, 30]);
        expect(() => parseDate("1404/12/30")).toThrow(/not a correct date/);
        expect(() => parseDate("1404/07/31")).toThrow(/not a correct date/);
    });

    test("the date picker shows Jalali months and picks Gregorian values", async () => {
        mockDate("2026-11-23 12:00:00");
        await startAsPersian();
        const picked = [];
        await mountWithCleanup(DateTimePicker, {
            props: {
                type: "date",
                value: DateTime.local(2026, 11, 25),
                onSelect: (value) => picked.push(value.toISODate()),
            },
        });
        expect(".o_datetime_picker_header").toHaveText("آذر ۱۴۰۵");
        const cells = queryAllTexts(".o_date_item_cell");
        // weeks start on Saturday: 30 Aban (Saturday 21 November) opens the grid
        expect(cells.slice(0, 9)).toEqual(["۳۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸"]);
        expect(".o_date_item_cell.o_selected").toHaveText("۴");
        expect(".o_date_item_cell.o_today").toHaveText("۲");
        expect(".o_date_item_cell:not(.o_out_of_range)").toHaveCount(30);

        await click(".o_next");
        await animationFrame();
        expect(".o_datetime_picker_header").toHaveText("دی ۱۴۰۵");
        await click(".o_date_item_cell:not(.o_out_of_range):contains(/^۱۵$/)");
        expect(picked).toEqual(["2027-01-05"]);

        await click(".o_zoom_out");
        await animationFrame();
        expect(".o_datetime_picker_header").toHaveText("۱۴۰۵");
        expect(queryAllTexts(".o_date_item_cell").slice(0, 3)).toEqual([
            "فروردین",
            "اردیبهشت",
            "خرداد",
        ]);
        await click(".o_previous");
        await animationFrame();
        expect(".o_datetime_picker_header").toHaveText("۱۴۰۴");
        await click(".o_date_item_cell:contains(اسفند)");
        await animationFrame();
        expect(".o_datetime_picker_header").toHaveText("اسفند ۱۴۰۴");
        expect(".o_date_item_cell:not(.o_out_of_range)").toHaveCount(29);
    });

    test("views: a list cell reads in Jalali, a typed Jalali date saves Gregorian", async () => {
        mockDate("2026-11-23 12:00:00");
        await startAsPersian();
        await mountView({
            type: "list",
            resModel: "visit",
            arch: `<list><field name="day"/></list>`,
        });
        expect(".o_data_cell[name=day]").toHaveText("۱ آذر");

        onRpc("web_save", ({ args }) => {
            expect.step(args[1]);
        });
        await mountView({
            type: "form",
            resModel: "visit",
            resId: 1,
            arch: `<form><field name="day"/><field name="amount"/><field name="count"/><field name="name"/></form>`,
        });
        await contains(".o_field_widget[name=day] button").click();
        await contains(".o_field_widget[name=day] input").edit("١٤٠٥/١٠/١٥");
        await contains(".o_field_widget[name=amount] input").edit("۱۲٫۵");
        await contains(".o_field_widget[name=count] input").edit("۴۲");
        await contains(".o_field_widget[name=name] input").edit("پلاک ۱۲");
        await clickSave();
        expect.verifySteps([
            { day: "2027-01-05", amount: 12.5, count: 42, name: "پلاک ۱۲" },
        ]);
    });

    test("the views' grouping calls ask the server for Jalali periods", async () => {
        await startAsPersian();
        onRpc("web_read_group", ({ kwargs }) => {
            expect.step(`web_read_group ${kwargs.context.web_jalali_group}`);
        });
        await mountView({
            type: "list",
            resModel: "visit",
            arch: `<list><field name="name"/></list>`,
            groupBy: ["day:month"],
        });
        expect.verifySteps(["web_read_group true"]);
    });

    const mountCalendar = async (attrs = "") => {
        const domains = [];
        onRpc("meeting", "search_read", ({ kwargs }) => {
            domains.push(kwargs.domain);
        });
        await mountView({
            type: "calendar",
            resModel: "meeting",
            arch: `<calendar date_start="day" mode="month" ${attrs}/>`,
        });
        return domains;
    };
    /** [data-date, text] of the month grid's cells: the days of the Jalali month only */
    const monthDays = () =>
        queryAll(".fc-daygrid-day[data-date]:not(.fc-day-other)").map((cell) => [
            cell.dataset.date,
            cell.querySelector(".fc-daygrid-day-number")?.textContent,
        ]);

    test("the calendar's month grid is the Jalali month, from Saturday", async () => {
        mockDate("2026-11-23 12:00:00"); // 2 Azar 1405
        await startAsPersian();
        const domains = await mountCalendar();
        expect(".o_calendar_header h5").toHaveText("آذر ۱۴۰۵");
        // weeks from Saturday 30 Aban to Friday 4 Dey; the other months' days greyed out
        const dates = queryAllAttributes(".fc-daygrid-day", "data-date");
        expect(dates.length).toBe(35);
        expect([dates[0], dates.at(-1)]).toEqual(["2026-11-21", "2026-12-25"]);
        expect(".fc-day-other").toHaveCount(5);
        expect(".fc-col-header-cell:first").toHaveText("شنبه");
        const days = monthDays();
        expect(days.length).toBe(30);
        expect(days[0]).toEqual(["2026-11-22", "۱"]);
        expect(days.at(-1)).toEqual(["2026-12-21", "۳۰"]);
        // events on their days, the records of the whole grid loaded
        expect(domains.at(-1)).toEqual([
            ["day", "<=", "2026-12-25"],
            ["day", ">=", "2026-11-21"],
        ]);
        expect(".fc-daygrid-day[data-date='2026-11-22'] .o_event").toHaveText("First of Azar");
        expect(".fc-daygrid-day[data-date='2026-12-21'] .o_event").toHaveText("Last of Azar");

        await contains(".o_calendar_button_next").click();
        expect(".o_calendar_header h5").toHaveText("دی ۱۴۰۵");
        expect(monthDays()[0]).toEqual(["2026-12-22", "۱"]);
        expect(monthDays().length).toBe(30);
        expect(".fc-daygrid-day:not(.fc-day-other) .o_event").toHaveText("First of Dey");

        await contains(".o_calendar_button_prev").click();
        await contains(".o_calendar_button_prev").click();
        expect(".o_calendar_header h5").toHaveText("آبان ۱۴۰۵");
        expect(monthDays()[0]).toEqual(["2026-10-23", "۱"]);
        expect(monthDays().length).toBe(30);

        await contains(".o_calendar_button_today").click();
        expect(".o_calendar_header h5").toHaveText("آذر ۱۴۰۵");
    });

    test("without the other months' days, the grid shows the Jalali month alone", async () => {
        mockDate("2026-03-10 12:00:00"); // 19 Esfand 1404, 29 days
        await startAsPersian();
        const domains = await mountCalendar(`month_overflow="0"`);
        expect(".o_calendar_header h5").toHaveText("اسفند ۱۴۰۴");
        const dated = queryAll(".fc-daygrid-day[data-date]");
        expect(dated.length).toBe(29);
        expect(dated[0].dataset.date).toBe("2026-02-20");
        expect(dated[0]).toHaveText("۱");
        expect(dated.at(-1).dataset.date).toBe("2026-03-20");
        expect(dated.at(-1)).toHaveText("۲۹");
        expect(domains.at(-1)).toEqual([
            ["day", "<=", "2026-03-20"],
            ["day", ">=", "2026-02-20"],
        ]);
        await contains(".o_calendar_button_next").click();
        expect(".o_calendar_header h5").toHaveText("فروردین ۱۴۰۵");
        expect(".fc-daygrid-day[data-date]").toHaveCount(31);
        expect(".fc-daygrid-day[data-date]:first").toHaveAttribute("data-date", "2026-03-21");
    });

    test("the calendar's year is the Jalali year, its week and day read in Jalali", async () => {
        mockDate("2026-11-23 12:00:00");
        await startAsPersian();
        const domains = await mountCalendar();
        await contains(".o_view_scale_selector .scale_button_selection").click();
        await contains(".o-dropdown--menu .o_scale_button_year").click();
        expect(".o_calendar_header h5").toHaveText("۱۴۰۵");
        expect(domains.at(-1)).toEqual([
            ["day", "<=", "2027-03-20"],
            ["day", ">=", "2026-03-21"],
        ]);
        const titles = queryAllTexts(".fc-toolbar-title");
        expect(titles.length).toBe(12);
        expect([titles[0], titles[8], titles[11]]).toEqual([
            "فروردین ۱۴۰۵",
            "آذر ۱۴۰۵",
            "اسفند ۱۴۰۵",
        ]);
        const firstMonth = queryAll(".fc-month:first .fc-daygrid-day[data-date]");
        expect(firstMonth.length).toBe(31);
        expect(firstMonth[0].dataset.date).toBe("2026-03-21");
        expect(firstMonth[0]).toHaveText("۱");
        await contains(".o_calendar_button_next").click();
        expect(".o_calendar_header h5").toHaveText("۱۴۰۶");
        expect(".fc-month:first .fc-daygrid-day[data-date]:first").toHaveAttribute(
            "data-date",
            "2027-03-21"
        );

        await contains(".o_view_scale_selector .scale_button_selection").click();
        await contains(".o-dropdown--menu .o_scale_button_week").click();
        // the week of 2 Azar 1406, from Saturday 29 Aban
        expect(".o_calendar_header h5").toHaveText(/آبان - آذر ۱۴۰۶/);
        expect(queryAllTexts(".fc-col-header-cell .o_cw_day_number")).toEqual([
            "۲۹",
            "۳۰",
            "۱",
            "۲",
            "۳",
            "۴",
            "۵",
        ]);
        await contains(".o_view_scale_selector .scale_button_selection").click();
        await contains(".o-dropdown--menu .o_scale_button_day").click();
        expect(".o_calendar_header h5").toHaveText("۲ آذر ۱۴۰۶");
    });

    test("the month grid's days are right in a timezone far from UTC", async () => {
        mockTimeZone(-7);
        mockDate("2026-11-23 12:00:00");
        await startAsPersian();
        await mountCalendar();
        expect(monthDays()[0]).toEqual(["2026-11-22", "۱"]);
        expect(".fc-daygrid-day[data-date='2026-11-22'] .o_event").toHaveText("First of Azar");
    });

    test("a date group's range is its Jalali period", async () => {
        await startAsPersian();
        const ranges = [];
        patchWithCleanup(RelationalModel.prototype, {
            async _postprocessReadGroup() {
                const result = await super._postprocessReadGroup(...arguments);
                for (const group of result.groups) {
                    ranges.push([group.range.from.toISODate(), group.range.to.toISODate()]);
                }
                return result;
            },
        });
        // Esfand 1404, as the server groups it for Persian users
        onRpc("web_read_group", () => ({
            groups: [
                {
                    "day:month": ["2026-02-20", "اسفند ۱۴۰۴"],
                    __count: 1,
                    __extra_domain: [
                        "&",
                        ["day", ">=", "2026-02-20"],
                        ["day", "<", "2026-03-21"],
                    ],
                },
            ],
            length: 1,
        }));
        await mountView({
            type: "list",
            resModel: "visit",
            arch: `<list><field name="name"/></list>`,
            groupBy: ["day:month"],
        });
        expect(".o_group_header").toHaveText("اسفند ۱۴۰۴ (1)");
        expect(ranges).toEqual([["2026-02-20", "2026-03-21"]]);
    });

    const mountDateFilter = async () => {
        serverState.lang = "fa-IR";
        const searchBar = await mountWithSearch(SearchBar, {
            resModel: "visit",
            searchViewId: false,
            searchMenuTypes: ["filter"],
            searchViewArch: `<search><filter string="Day" name="day" date="day"/></search>`,
            context: { search_default_day: 1 },
        });
        expect(isJalaliActive()).toBe(true);
        return searchBar.env.searchModel;
    };

    test("date filters name and select Jalali months, seasons and years", async () => {
        mockDate("2026-11-23 12:00:00"); // 2 Azar 1405
        const searchModel = await mountDateFilter();
        expect(searchModel.domain).toEqual([
            "&",
            ["day", ">=", "2026-11-22"],
            ["day", "<=", "2026-12-21"],
        ]);
        expect(getFacetTexts()).toEqual(["Day: آذر ۱۴۰۵"]);
        await toggleSearchBarMenu();
        await toggleMenuItem("Day");
        expect(queryAllTexts`.o-dropdown--menu .o_item_option`).toEqual([
            "آذر",
            "آبان",
            "مهر",
            // seasons: translated by the Persian catalogue, not loaded in unit tests
            "Winter",
            "Autumn",
            "Summer",
            "Spring",
            "۱۴۰۵",
            "۱۴۰۴",
            "۱۴۰۳",
        ]);
        // the whole Jalali year 1405
        await toggleMenuItemOption("Day", "آذر");
        expect(searchModel.domain).toEqual([
            "&",
            ["day", ">=", "2026-03-21"],
            ["day", "<=", "2027-03-20"],
        ]);
        // spring 1404 and 1405: two ranges
        await toggleMenuItemOption("Day", "Spring");
        await toggleMenuItemOption("Day", "۱۴۰۴");
        expect(searchModel.domain).toEqual([
            "|",
            "&",
            ["day", ">=", "2025-03-21"],
            ["day", "<=", "2025-06-21"],
            "&",
            ["day", ">=", "2026-03-21"],
            ["day", "<=", "2026-06-21"],
        ]);
        expect(getFacetTexts()).toEqual(["Day: Spring ۱۴۰۴/Spring ۱۴۰۵"]);
    });

    test("a date-time filter covers the Jalali month from local midnight to local midnight", async () => {
        mockDate("2026-11-23 12:00:00");
        serverState.lang = "fa-IR";
        const searchBar = await mountWithSearch(SearchBar, {
            resModel: "visit",
            searchViewId: false,
            searchMenuTypes: ["filter"],
            searchViewArch: `<search><filter string="Moment" name="moment" date="moment"/></search>`,
            context: { search_default_moment: 1 },
        });
        expect(searchBar.env.searchModel.domain).toEqual([
            "&",
            ["moment", ">=", serializeDateTime(DateTime.local(2026, 11, 22))],
            ["moment", "<=", serializeDateTime(DateTime.local(2026, 12, 21).endOf("day"))],
        ]);
    });

    test("a month of the last Jalali year gets that year, not the Gregorian one", async () => {
        mockDate("2026-04-05 12:00:00"); // 16 Farvardin 1405
        const searchModel = await mountDateFilter();
        await toggleSearchBarMenu();
        await toggleMenuItem("Day");
        // unselect this month (and so the filter), then pick Esfand alone
        await toggleMenuItemOption("Day", "۱۴۰۵");
        expect(searchModel.domain).toEqual([]);
        await toggleMenuItemOption("Day", "اسفند");
        expect(searchModel.domain).toEqual([
            "&",
            ["day", ">=", "2026-02-20"],
            ["day", "<=", "2026-03-20"],
        ]);
        expect(isOptionSelected("Day", "۱۴۰۴")).toBe(true);
        expect(isOptionSelected("Day", "۱۴۰۵")).toBe(false);
        expect(getFacetTexts()).toEqual(["Day: اسفند ۱۴۰۴"]);
    });
});

describe("other languages", () => {
    test("grouping calls carry no Jalali key", async () => {
        serverState.lang = "en-US";
        onRpc("web_read_group", ({ kwargs }) => {
            expect.step(`web_read_group ${kwargs.context.web_jalali_group}`);
        });
        await mountView({
            type: "list",
            resModel: "visit",
            arch: `<list><field name="name"/></list>`,
            groupBy: ["day:month"],
        });
        expect.verifySteps(["web_read_group undefined"]);
    });

    test("date filters stay Gregorian", async () => {
        serverState.lang = "en-US";
        mockDate("2026-11-23 12:00:00");
        const searchBar = await mountWithSearch(SearchBar, {
            resModel: "visit",
            searchViewId: false,
            searchMenuTypes: ["filter"],
            searchViewArch: `<search><filter string="Day" name="day" date="day"/></search>`,
            context: { search_default_day: 1 },
        });
        expect(searchBar.env.searchModel.domain).toEqual([
            "&",
            ["day", ">=", "2026-11-01"],
            ["day", "<=", "2026-11-30"],
        ]);
        expect(getFacetTexts()).toEqual(["Day: November 2026"]);
    });

    test("the calendar keeps its Gregorian month grid and group ranges", async () => {
        serverState.lang = "en-US";
        mockDate("2026-11-23 12:00:00");
        await mountView({
            type: "calendar",
            resModel: "meeting",
            arch: `<calendar date_start="day" mode="month"/>`,
        });
        expect(".o_calendar_header h5").toHaveText("November 2026");
        const dated = queryAll(".fc-daygrid-day[data-date]:not(.fc-day-other)");
        expect(dated.length).toBe(30);
        expect(dated[0].dataset.date).toBe("2026-11-01");
        expect(dated[0].querySelector(".fc-daygrid-day-number")).toHaveText("1");
        await contains(".o_calendar_button_next").click();
        expect(".o_calendar_header h5").toHaveText("December 2026");

        const ranges = [];
        patchWithCleanup(RelationalModel.prototype, {
            async _postprocessReadGroup() {
                const result = await super._postprocessReadGroup(...arguments);
                ranges.push(...result.groups.map((g) => g.range.to.toISODate()));
                return result;
            },
        });
        await mountView({
            type: "list",
            resModel: "visit",
            arch: `<list><field name="name"/></list>`,
            groupBy: ["day:month"],
        });
        expect(ranges).toEqual(["2026-12-01"]);
    });

    test("stay Gregorian and untouched", async () => {
        serverState.lang = "en-US";
        await makeMockEnv();
        expect(isJalaliActive()).toBe(false);
        const date = DateTime.local(2026, 11, 22);
        expect(formatDate(date)).toBe("11/22/2026");
        expect(parseDate("11/22/2026").toISODate()).toBe("2026-11-22");
        expect(date.toFormat("MMMM")).toBe("November");
        await mountWithCleanup(DateTimePicker, { props: { type: "date", value: date } });
        expect(".o_datetime_picker_header").toHaveText("November 2026");
    });

    test("number inputs are left as typed", async () => {
        serverState.lang = "en-US";
        await mountView({
            type: "form",
            resModel: "visit",
            resId: 1,
            arch: `<form><field name="count"/></form>`,
        });
        await contains(".o_field_widget[name=count] input").edit("۴۲");
        expect(".o_field_widget[name=count] input").toHaveValue("۴۲");
        expect(".o_field_widget[name=count]").toHaveClass("o_field_invalid");
    });
});
