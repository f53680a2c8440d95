/**
 * The date picker in Jalali: month grids, month and year panels, titles and
 * the previous/next buttons follow Jalali months and years when the Jalali
 * calendar is active. The picked values stay luxon DateTimes (Gregorian
 * inside), so the fields save what they always saved.
 */
import { DateTimePicker } from "@web/core/datetime/datetime_picker";
import { getStartOfLocalWeek, isInRange, today } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { jalaliMonthLength, toGregorian, toJalali, toPersianDigits } from "./jalali";
import { isJalaliActive } from "./jalali_luxon";

const { Info } = luxon;

const DAYS_PER_WEEK = 7;
const WEEKS_PER_MONTH = 6;
const GRID_COUNT = 10;
const GRID_MARGIN = 1;

/** @param {luxon.DateTime} date */
const jalaliOf = (date) => toJalali(date.year, date.month, date.day);

/**
 * The start of the Jalali day year/month/day, in the zone and locale of `date`.
 * @param {luxon.DateTime} date
 */
function atJalali(date, year, month, day) {
    const g = toGregorian(year, month, day);
    return date.set({ year: g.year, month: g.month, day: g.day }).startOf("day");
}

/** Number written with the digits of `date`'s numbering system. */
const digits = (number, date) =>
    date.numberingSystem === "arabext" ? toPersianDigits(number) : String(number);

/** Long name of a Jalali month, as the browser names it. */
const monthName = (date, year, month) =>
    atJalali(date, year, month, 15).toLocaleString({ month: "long" });

/** @param {luxon.DateTime} start @param {number} years */
function yearsRange(start, years) {
    const { year } = jalaliOf(start);
    return [start, atJalali(start, year + years, 1, 1).minus({ millisecond: 1 })];
}

function toItem({ range, label, isOutOfRange = false, isValid = true, extraClass = "" }) {
    return {
        id: range[0].toISODate(),
        includesToday: isInRange(today(), range),
        isOutOfRange,
        isValid,
        label,
        range,
        extraClass,
    };
}

function dayItems(date, { maxDate, minDate, showWeekNumbers, isDateValid, dayCellClass }) {
    const { year, month } = jalaliOf(date);
    const first = atJalali(date, year, month, 1);
    const monthRange = [first, first.plus({ days: jalaliMonthLength(year, month) - 1 }).endOf("day")];
    const weeks = [];
    let day = getStartOfLocalWeek(first);
    for (let w = 0; w < WEEKS_PER_MONTH; w++) {
        const days = [];
        for (let d = 0; d < DAYS_PER_WEEK; d++) {
            const range = [day, day.endOf("day")];
            days.push(
                toItem({
                    range,
                    label: digits(jalaliOf(day).day, day),
                    isOutOfRange: !isInRange(day, monthRange),
                    isValid: isInRange(range, [minDate, maxDate]) && (isDateValid?.(day) ?? true),
                    extraClass: dayCellClass?.(day) || "",
                })
            );
            day = day.plus({ days: 1 });
        }
        weeks.push({ number: days[3].range[0].weekNumber, days });
    }
    const daysOfWeek = weeks[0].days.map(({ range: [d] }) => [
        d.weekdayShort,
        d.weekdayLong,
        Info.weekdays("narrow", { locale: d.locale })[d.weekday - 1],
    ]);
    if (showWeekNumbers) {
        daysOfWeek.unshift(["", _t("Week numbers"), ""]);
    }
    return [{ id: "__month__0", number: month, daysOfWeek, weeks }];
}

/** Panels of the picker, by precision, in the Jalali calendar. */
const JALALI_LEVELS = {
    days: {
        getTitle(date) {
            const { year, month } = jalaliOf(date);
            return `${monthName(date, year, month)} ${digits(year, date)}`;
        },
        getItems: dayItems,
        shift(date, n) {
            const { year, month } = jalaliOf(date);
            const index = year * 12 + month - 1 + n;
            return atJalali(date, Math.floor(index / 12), (index % 12) + 1, 1);
        },
    },
    months: {
        getTitle: (date) => digits(jalaliOf(date).year, date),
        getItems(date, { maxDate, minDate }) {
            const { year } = jalaliOf(date);
            return Array.from({ length: 12 }, (_, i) => {
                const start = atJalali(date, year, i + 1, 1);
                const end = start.plus({ days: jalaliMonthLength(year, i + 1) - 1 }).endOf("day");
                return toItem({
                    range: [start, end],
                    label: monthName(date, year, i + 1),
                    isValid: isInRange([start, end], [minDate, maxDate]),
                });
            });
        },
        shift: (date, n) => atJalali(date, jalaliOf(date).year + n, 1, 1),
    },
    years: {
        getTitle(date) {
            const start = Math.floor(jalaliOf(date).year / 10) * 10;
            return `${digits(start - 1, date)} - ${digits(start + 10, date)}`;
        },
        getItems(date, { maxDate, minDate }) {
            const start = Math.floor(jalaliOf(date).year / 10) * 10;
            return Array.from({ length: GRID_COUNT + 2 * GRID_MARGIN }, (_, k) => {
                const i = k - GRID_MARGIN;
                const range = yearsRange(atJalali(date, start + i, 1, 1), 1);
                return toItem({
                    range,
                    label: digits(start + i, date),
                    isOutOfRange: i < 0 || i >= GRID_COUNT,
                    isValid: isInRange(range, [minDate, maxDate]),
                });
            });
        },
        shift: (date, n) => atJalali(date, jalaliOf(date).year + 10 * n, 1, 1),
    },
    decades: {
        getTitle(date) {
            const start = Math.floor(jalaliOf(date).year / 100) * 100;
            return `${digits(start - 10, date)} - ${digits(start + 100, date)}`;
        },
        getItems(date, { maxDate, minDate }) {
            const start = Math.floor(jalaliOf(date).year / 100) * 100;
            return Array.from({ length: GRID_COUNT + 2 * GRID_MARGIN }, (_, k) => {
                const i = k - GRID_MARGIN;
                const range = yearsRange(atJalali(date, start + 10 * i, 1, 1), 10);
                return toItem({
                    range,
                    label: digits(start + 10 * i, date),
                    isOutOfRange: i < 0 || i >= GRID_COUNT,
                    isValid: isInRange(range, [minDate, maxDate]),
                });
            });
        },
        shift: (date, n) => atJalali(date, jalaliOf(date).year + 100 * n, 1, 1),
    },
};

patch(DateTimePicker.prototype, {
    adjustFocus(values, focusedDateIndex) {
        const willAdjust = this.shouldAdjustFocusDate || !this.state.focusDate;
        super.adjustFocus(values, focusedDateIndex);
        if (willAdjust && isJalaliActive()) {
            const date =
                values[focusedDateIndex] || values[focusedDateIndex === 1 ? 0 : 1] || today();
            const { year, month } = jalaliOf(date);
            this.state.focusDate = this.clamp(atJalali(date, year, month, 1));
        }
    },

    onWillRender() {
        super.onWillRender();
        if (!isJalaliActive()) {
            return;
        }
        const { dayCellClass, isDateValid, range, showWeekNumbers } = this.props;
        const level = JALALI_LEVELS[this.state.precision];
        const { focusDate } = this.state;
        this.title = level.getTitle(focusDate);
        this.items = level.getItems(focusDate, {
            maxDate: this.maxDate,
            minDate: this.minDate,
            showWeekNumbers: showWeekNumbers ?? !range,
            isDateValid,
            dayCellClass,
        });
    },

    next(ev) {
        if (!isJalaliActive()) {
            return super.next(ev);
        }
        ev.preventDefault();
        const level = JALALI_LEVELS[this.state.precision];
        this.state.focusDate = this.clamp(level.shift(this.state.focusDate, 1));
    },

    previous(ev) {
        if (!isJalaliActive()) {
            return super.previous(ev);
        }
        ev.preventDefault();
        const level = JALALI_LEVELS[this.state.precision];
        this.state.focusDate = this.clamp(level.shift(this.state.focusDate, -1));
    },
});
