import { CalendarController } from "@web/views/calendar/calendar_controller";
import { patch } from "@web/core/utils/patch";
import { toJalali } from "./jalali";
import { isJalaliActive } from "./jalali_luxon";
import { jalaliMonthName, jalaliYearName } from "./jalali_search_dates";

/** @param {luxon.DateTime} date */
const jalaliOf = ({ year, month, day }) => toJalali(year, month, day);

/**
 * The Jalali months (and years) covered by the days from `start` to `end`:
 * «آذر ۱۴۰۵», «آبان - آذر ۱۴۰۵» or «اسفند ۱۴۰۴ - فروردین ۱۴۰۵».
 */
export function jalaliSpanTitle(start, end) {
    const first = jalaliOf(start);
    const last = jalaliOf(end);
    const firstMonth = jalaliMonthName(first.year, first.month);
    const lastMonth = jalaliMonthName(last.year, last.month);
    if (first.year !== last.year) {
        return `${firstMonth} ${jalaliYearName(first.year)} - ${lastMonth} ${jalaliYearName(last.year)}`;
    }
    if (first.month !== last.month) {
        return `${firstMonth} - ${lastMonth} ${jalaliYearName(first.year)}`;
    }
    return `${firstMonth} ${jalaliYearName(first.year)}`;
}

/**
 * The calendar view keeps its Gregorian grid (FullCalendar has no Jalali
 * calendar), so for Persian users its title names the Jalali months and years
 * that the grid covers instead of mixing a Jalali month with a Gregorian year.
 */
patch(CalendarController.prototype, {
    get currentYear() {
        if (!isJalaliActive()) {
            return super.currentYear;
        }
        const first = jalaliOf(this.date.startOf("year")).year;
        const last = jalaliOf(this.date.endOf("year")).year;
        return `${jalaliYearName(first)} - ${jalaliYearName(last)}`;
    },

    get currentMonth() {
        if (!isJalaliActive()) {
            return super.currentMonth;
        }
        return jalaliSpanTitle(this.date.startOf("month"), this.date.endOf("month"));
    },

    get weekHeader() {
        if (!isJalaliActive()) {
            return super.weekHeader;
        }
        return jalaliSpanTitle(this.model.rangeStart, this.model.rangeEnd);
    },

    get dayHeader() {
        if (!isJalaliActive()) {
            return super.dayHeader;
        }
        return this.date.toLocaleString({ day: "numeric", month: "long", year: "numeric" });
    },

    get currentDate() {
        const text = super.currentDate;
        if (!text || !isJalaliActive()) {
            return text;
        }
        const { scale } = this.model.meta;
        const date = this.model.meta.date || luxon.DateTime.now();
        const start = scale === "week" ? date.startOf("week") : date.startOf("month");
        const end = scale === "week" ? date.endOf("week") : date.endOf("month");
        return ` - ${jalaliSpanTitle(start, end)}`;
    },
});
