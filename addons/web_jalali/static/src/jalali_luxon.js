/**
 * Jalali calendar for the web client, through luxon.
 *
 * Every date the web client shows goes through luxon (`toFormat`,
 * `toLocaleString`), and luxon formats with the browser's Intl in the calendar
 * of `Settings.defaultOutputCalendar`. For Persian users this module sets that
 * calendar to "persian" and the digits to Persian ("arabext"), so that forms,
 * lists, kanban cards, the chatter and the date picker read in Jalali.
 *
 * Three luxon methods are adjusted so that nothing else changes:
 * - `toFormat` keeps machine formats (the server's "yyyy-MM-dd..." and any date
 *   or call asking for Latin digits) in the Gregorian calendar, ASCII digits;
 * - `toLocaleString` adds the year to a day-and-month format when the Jalali
 *   year is not the current one (the web client leaves the year out by
 *   comparing Gregorian years, which differ from Jalali ones from January to
 *   March);
 * - `fromFormat` reads typed dates whose year is below JALALI_YEAR_LIMIT as
 *   Jalali dates, with Persian, Arabic-Indic or ASCII digits.
 * Users of other languages keep luxon's defaults and none of this applies.
 */
import { patch } from "@web/core/utils/patch";
import { isValidJalaliDate, toAsciiDigits, toGregorian, toJalali } from "./jalali";

const { DateTime, Settings } = luxon;

/** Typed years below this are Jalali years (1700 Jalali is 2321 Gregorian). */
export const JALALI_YEAR_LIMIT = 1700;

const MACHINE_FORMAT = /^yyyy-(MM|LL)-dd/;
const TIME_UNITS = ["hour", "minute", "second", "millisecond"];

/**
 * @param {string} [langCode] a language code such as "fa_IR" or "fa-IR"
 * @returns {boolean} whether that language reads dates in the Jalali calendar
 */
export function isJalaliLang(langCode) {
    return /^fa([_-]|$)/i.test(langCode || "");
}

/** @returns {boolean} whether the web client currently shows Jalali dates */
export function isJalaliActive() {
    return Settings.defaultOutputCalendar === "persian";
}

/** Switches luxon's defaults to the Jalali calendar and Persian digits. */
export function activateJalali() {
    Settings.defaultOutputCalendar = "persian";
    Settings.defaultNumberingSystem = "arabext";
}

/**
 * Whether a formatting is meant for programs rather than for people: Persian
 * users' dates have Persian digits, so Latin digits are asked for only by code
 * that writes values for the server or for keys (e.g. "MM/yyyy" keys of
 * spreadsheet pivots), and "yyyy-MM-dd..." is the ISO/SQL layout.
 * @param {luxon.DateTime} date
 * @param {string} fmt a luxon format
 * @param {object} opts the options given to toFormat
 */
function isMachineFormat(date, fmt, opts) {
    return (opts.numberingSystem || date.numberingSystem) === "latn" || MACHINE_FORMAT.test(fmt);
}

/** @param {luxon.DateTime} date */
const jalaliYear = (date) => toJalali(date.year, date.month, date.day).year;

patch(DateTime.prototype, {
    toFormat(fmt, opts = {}) {
        if (this.outputCalendar === "persian" && isMachineFormat(this, fmt, opts)) {
            opts = { ...opts, outputCalendar: "gregory", numberingSystem: "latn" };
        }
        return super.toFormat(fmt, opts);
    },

    toLocaleString(formatOpts = DateTime.DATE_SHORT, opts = {}) {
        if (
            this.outputCalendar === "persian" &&
            this.isValid &&
            formatOpts?.month &&
            formatOpts.day &&
            !formatOpts.year &&
            jalaliYear(this) !== jalaliYear(DateTime.now().setZone(this.zone))
        ) {
            formatOpts = { ...formatOpts, year: "numeric" };
        }
        return super.toLocaleString(formatOpts, opts);
    },
});

/**
 * Reads `text` (ASCII digits) with the luxon format `fmt` as a Jalali date.
 * @returns {DateTime | null} null when the text holds no Jalali year
 */
function fromJalaliFormat(text, fmt, opts) {
    const explained = DateTime.fromFormatExplain(text, fmt, { ...opts, numberingSystem: "latn" });
    const parts = explained.result;
    if (!parts || parts.year === undefined || parts.year >= JALALI_YEAR_LIMIT) {
        return null;
    }
    const month = parts.month ?? 1;
    const day = parts.day ?? 1;
    if (!isValidJalaliDate(parts.year, month, day)) {
        return DateTime.invalid("not a Jalali date", `${parts.year}/${month}/${day}`);
    }
    const values = toGregorian(parts.year, month, day);
    for (const unit of TIME_UNITS) {
        if (parts[unit] !== undefined) {
            values[unit] = parts[unit];
        }
    }
    const { locale, numberingSystem, outputCalendar, zone, setZone } = opts;
    let result = DateTime.fromObject(values, {
        locale,
        numberingSystem,
        outputCalendar,
        zone: explained.zone || zone,
    });
    if (explained.zone && !setZone) {
        result = result.setZone(zone || Settings.defaultZone);
    }
    return result;
}

patch(DateTime, {
    fromFormat(text, fmt, opts = {}) {
        if (!isJalaliActive() || typeof text !== "string") {
            return super.fromFormat(text, fmt, opts);
        }
        const ascii = toAsciiDigits(text);
        const jalali = fromJalaliFormat(ascii, fmt, opts);
        if (jalali) {
            return jalali;
        }
        return super.fromFormat(ascii, fmt, ascii === text ? opts : { ...opts, numberingSystem: "latn" });
    },
});
