import { CalendarController } from "@web/views/calendar/calendar_controller";
import { patch } from "@web/core/utils/patch";
import { toJalali } from "./jalali";
import { isJalaliActive } from "./jalali_luxon";
import { jalaliOfDate, plusJalaliMonths } from "./jalali_periods";
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

/** @returns {string} the Jalali month of `date` and its year: «آذر ۱۴۰۵» */
export function jalaliMonthTitle(date) {
    const { year, month } = jalaliOfDate(date);
    return `${jalaliMonthName(year, month)} ${jalaliYearName(year)}`;
}

/**
 * For Persian users the calendar view's month and year scales are Jalali
 * months and years (see calendar_view_patch.js): the title names them, and
 * the previous and next buttons move by one Jalali month or year. The week
 * and day scales keep their grids; their titles name the Jalali months and
 * years they cover.
 */
patch(CalendarController.prototype, {
    get currentYear() {
        if (!isJalaliActive()) {
            return super.currentYear;
        }
        return jalaliYearName(jalaliOfDate(this.date).year);
    },

    get currentMonth() {
        if (!isJalaliActive()) {
            return super.currentMonth;
        }
        return jalaliMonthTitle(this.date);
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
        if (scale === "month") {
            return ` - ${jalaliMonthTitle(date)}`;
        }
        return ` - ${jalaliSpanTitle(date.startOf("week"), date.endOf("week"))}`;
    },

    async setDate(move) {
        const { scale } = this.model;
        if (!isJalaliActive() || !["month", "year"].includes(scale) || move === "today") {
            return super.setDate(move);
        }
        const months = (scale === "year" ? 12 : 1) * (move === "next" ? 1 : -1);
        await this.model.load({ date: plusJalaliMonths(this.model.date, months) });
    },
});
