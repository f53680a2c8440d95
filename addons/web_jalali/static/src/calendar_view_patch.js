/**
 * The calendar view's month and year scales in Jalali months, for Persian users.
 *
 * FullCalendar only knows Gregorian months, so the month grid is FullCalendar's
 * generic day grid ("dayGrid") given the whole weeks (from the first day of
 * the week, Saturday in Persian) that cover the Jalali month, as a visible
 * range. The days of the neighbouring months are greyed out like in the
 * Gregorian view, or blank when the view hides them (`month_overflow="0"`),
 * and every day shows its Jalali day number in Persian digits. The model
 * loads the records of those same days, and the year scale shows the twelve
 * Jalali months of the Jalali year. Other users keep FullCalendar's Gregorian
 * months.
 */
import { patch } from "@web/core/utils/patch";
import { CalendarModel } from "@web/views/calendar/calendar_model";
import { CalendarCommonRenderer } from "@web/views/calendar/calendar_common/calendar_common_renderer";
import { CalendarYearRenderer } from "@web/views/calendar/calendar_year/calendar_year_renderer";
import { toPersianDigits } from "./jalali";
import { isJalaliActive } from "./jalali_luxon";
import { atJalaliDay, coveringWeeks, jalaliOfDate, jalaliPeriodRange } from "./jalali_periods";
import { jalaliMonthName, jalaliYearName } from "./jalali_search_dates";

const { DateTime } = luxon;

/**
 * The days a Jalali month grid shows.
 * @param {luxon.DateTime} date a day of the month
 * @param {number} firstDayOfWeek 0 (Sunday) to 6 (Saturday)
 * @returns {{ month: { start, end }, grid: { start, end } }} the Jalali
 *      month's days and the whole weeks around them (start of the first day,
 *      end of the last day)
 */
export function jalaliMonthGrid(date, firstDayOfWeek) {
    const month = jalaliPeriodRange(date, "month");
    return { month, grid: coveringWeeks(month.start, month.end, firstDayOfWeek) };
}

/** A FullCalendar range (end excluded) of the days from `start` to `end`. */
const toFullCalendarRange = ({ start, end }) => ({
    start: start.toISODate(),
    end: end.plus({ days: 1 }).toISODate(),
});

/**
 * @returns {luxon.DateTime} the day of a FullCalendar day cell, read back by
 *      FullCalendar itself (as its `data-date`): converting `info.date` with
 *      luxon can fall on the day before around a change of daylight saving time
 */
const cellDay = (info) => DateTime.fromISO(info.view.calendar.formatIso(info.date, true));

/**
 * FullCalendar options drawing the Jalali month of `date`.
 * @param {luxon.DateTime} date a day of the month
 * @param {object} params
 * @param {number} params.firstDayOfWeek
 * @param {boolean} params.showOtherDays whether the days of the neighbouring
 *      months are shown (greyed out) or left blank
 * @param {Function} [params.dayCellClassNames] the view's own class names
 */
export function jalaliMonthOptions(date, { firstDayOfWeek, showOtherDays, dayCellClassNames }) {
    const { month, grid } = jalaliMonthGrid(date, firstDayOfWeek);
    const options = {
        initialView: "dayGrid",
        // the web client's styles of month grids (month and year scales)
        viewClassNames: ["fc-dayGridMonth-view"],
        initialDate: date.toISODate(),
        visibleRange: toFullCalendarRange(grid),
        dayCellContent: (info) => toPersianDigits(jalaliOfDate(cellDay(info)).day),
        dayCellClassNames(info) {
            const classNames = dayCellClassNames ? [...dayCellClassNames.call(this, info)] : [];
            classNames.push("o_jalali_day");
            const day = cellDay(info).toISODate();
            if (day < month.start.toISODate() || day > month.end.toISODate()) {
                classNames.push("fc-day-other");
            } else if (day === month.start.toISODate()) {
                classNames.push("o_jalali_month_start");
            }
            return classNames;
        },
    };
    if (!showOtherDays) {
        // the days out of the valid range are drawn blank and take no event
        options.validRange = toFullCalendarRange(month);
    }
    return options;
}

patch(CalendarModel.prototype, {
    /**
     * The month scale covers the Jalali month (with the weeks around it when
     * the grid shows them) and the year scale the Jalali year.
     */
    computeRange() {
        const { scale, date, firstDayOfWeek } = this.meta;
        if (!isJalaliActive() || !["month", "year"].includes(scale)) {
            return super.computeRange();
        }
        if (scale === "year") {
            return jalaliPeriodRange(date, "year");
        }
        const { month, grid } = jalaliMonthGrid(date, firstDayOfWeek);
        return this.monthOverflow ? grid : month;
    },
});

patch(CalendarCommonRenderer.prototype, {
    get options() {
        const options = super.options;
        const { model } = this.props;
        if (!isJalaliActive() || model.scale !== "month") {
            return options;
        }
        return {
            ...options,
            ...jalaliMonthOptions(model.date, {
                firstDayOfWeek: model.firstDayOfWeek,
                showOtherDays: model.monthOverflow,
                dayCellClassNames: options.dayCellClassNames,
            }),
        };
    },

    /** The week and day scales' column headers give the Jalali day number. */
    headerTemplateProps(date) {
        const props = super.headerTemplateProps(date);
        if (isJalaliActive() && this.props.model.scale !== "month") {
            props.day = toPersianDigits(jalaliOfDate(DateTime.fromJSDate(date)).day);
        }
        return props;
    },
});

patch(CalendarYearRenderer.prototype, {
    /** The year's twelve grids are the Jalali months of the Jalali year. */
    getOptionsForMonth(month) {
        const options = super.getOptionsForMonth(month);
        if (!isJalaliActive()) {
            return options;
        }
        const { model } = this.props;
        const { year } = jalaliOfDate(model.date);
        const index = this.months.indexOf(month) + 1;
        const first = atJalaliDay(model.date, year, index, 1).startOf("day");
        const title = `${jalaliMonthName(year, index)} ${jalaliYearName(year)}`;
        return {
            ...options,
            ...jalaliMonthOptions(first, {
                firstDayOfWeek: model.firstDayOfWeek,
                showOtherDays: false,
                dayCellClassNames: options.dayCellClassNames,
            }),
            titleFormat: () => title,
        };
    },
});
