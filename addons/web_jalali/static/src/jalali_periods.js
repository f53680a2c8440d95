/**
 * Jalali periods (months, seasons, years) on luxon dates, for the views: the
 * calendar view's month and year grids and the range of the groups the server
 * made in Jalali periods.
 *
 * Every function keeps the zone, locale and time of day of the dates it is
 * given and only moves their calendar day.
 */
import { jalaliMonthLength, toGregorian, toJalali } from "./jalali";

/** Length in months of the Jalali periods, by granularity. */
export const JALALI_PERIOD_MONTHS = { month: 1, quarter: 3, year: 12 };

/**
 * @param {luxon.DateTime} date
 * @returns {{ year: number, month: number, day: number }} the Jalali date of its day
 */
export function jalaliOfDate(date) {
    return toJalali(date.year, date.month, date.day);
}

/**
 * @param {luxon.DateTime} date
 * @returns {luxon.DateTime} `date` moved to the Gregorian day of the Jalali date
 */
export function atJalaliDay(date, year, month, day) {
    const gregorian = toGregorian(year, month, day);
    return date.set({ year: gregorian.year, month: gregorian.month, day: gregorian.day });
}

/**
 * Adds `count` Jalali months (negative to go back) to `date`, keeping its day
 * of the month, or the last day of a shorter month (31 Shahrivar + 1 month is
 * 30 Mehr).
 * @param {luxon.DateTime} date
 * @param {number} count
 */
export function plusJalaliMonths(date, count) {
    const jalali = jalaliOfDate(date);
    const index = jalali.year * 12 + jalali.month - 1 + count;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    return atJalaliDay(date, year, month, Math.min(jalali.day, jalaliMonthLength(year, month)));
}

/**
 * The Jalali month, season or year holding the day of `date`.
 * @param {luxon.DateTime} date
 * @param {"month"|"quarter"|"year"} granularity
 * @returns {{ start: luxon.DateTime, end: luxon.DateTime }} the start of its
 *      first day and the end of its last day
 */
export function jalaliPeriodRange(date, granularity) {
    const months = JALALI_PERIOD_MONTHS[granularity];
    if (!months) {
        throw new Error(`No Jalali period for the granularity ${granularity}`);
    }
    const jalali = jalaliOfDate(date);
    const firstMonth = Math.floor((jalali.month - 1) / months) * months + 1;
    const start = atJalaliDay(date, jalali.year, firstMonth, 1).startOf("day");
    const end = plusJalaliMonths(start, months).minus({ days: 1 }).endOf("day");
    return { start, end };
}

/**
 * The whole weeks covering the days from `start` to `end`.
 * @param {luxon.DateTime} start
 * @param {luxon.DateTime} end
 * @param {number} firstDayOfWeek 0 (Sunday) to 6 (Saturday)
 * @returns {{ start: luxon.DateTime, end: luxon.DateTime }} the start of the
 *      first week's first day and the end of the last week's last day
 */
export function coveringWeeks(start, end, firstDayOfWeek) {
    const weekStart = (date) => date.minus({ days: (date.weekday - firstDayOfWeek + 7) % 7 });
    return {
        start: weekStart(start).startOf("day"),
        end: weekStart(end).plus({ days: 6 }).endOf("day"),
    };
}
