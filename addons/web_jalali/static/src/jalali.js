/**
 * Jalali (Solar Hijri) <-> Gregorian conversion, on plain numbers.
 *
 * The Jalali calendar is computed arithmetically: 33-year cycles holding 8 leap
 * years (years whose rest modulo 33 is 1, 5, 9, 13, 17, 22, 26 or 30), and
 * 1 Farvardin 1 falling on 21 March 622 (proleptic Gregorian). This is the rule
 * of the Python library jdatetime and of the browsers' "persian" calendar; it
 * matches the official calendar of Iran for the years people use today.
 * Months 1-6 have 31 days, 7-11 have 30, Esfand has 29 (30 in leap years).
 *
 * No dependency: usable from the web client, from tests and from Node.
 */

const LEAP_RESTS = [1, 5, 9, 13, 17, 22, 26, 30];
const DAYS_PER_CYCLE = 33 * 365 + LEAP_RESTS.length; // 12053
/** leapsUpTo[r]: how many leap years among the rests 1..r of a cycle */
const leapsUpTo = Array.from(
    { length: 33 },
    (_, r) => LEAP_RESTS.filter((rest) => rest <= r).length
);

/** Earliest and latest Jalali years handled (a wide, safe range). */
export const MIN_JALALI_YEAR = 1;
export const MAX_JALALI_YEAR = 9377;

const mod = (a, b) => ((a % b) + b) % b;

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (negative before).
 * @param {number} year
 * @param {number} month 1-12
 * @param {number} day
 */
export function gregorianToDays(year, month, day) {
    const y = month <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const mp = mod(month + 9, 12);
    const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
    const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
}

/**
 * Inverse of gregorianToDays.
 * @param {number} days days since 1970-01-01
 * @returns {{ year: number, month: number, day: number }}
 */
export function daysToGregorian(days) {
    const z = days + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

/** Days from 1970-01-01 to 1 Farvardin 1. */
const JALALI_EPOCH = gregorianToDays(622, 3, 21);

/**
 * @param {number} year Jalali year
 * @returns {boolean} whether Esfand of that year has 30 days
 */
export function isJalaliLeapYear(year) {
    return LEAP_RESTS.includes(mod(year, 33));
}

/**
 * @param {number} year Jalali year
 * @param {number} month 1-12
 * @returns {number} number of days of that Jalali month
 */
export function jalaliMonthLength(year, month) {
    if (month <= 6) {
        return 31;
    }
    if (month <= 11) {
        return 30;
    }
    return isJalaliLeapYear(year) ? 30 : 29;
}

/**
 * @param {number} year
 * @param {number} month
 * @param {number} day
 * @returns {boolean} whether the numbers form a Jalali date of the handled range
 */
export function isValidJalaliDate(year, month, day) {
    return (
        Number.isInteger(year) &&
        Number.isInteger(month) &&
        Number.isInteger(day) &&
        year >= MIN_JALALI_YEAR &&
        year <= MAX_JALALI_YEAR &&
        month >= 1 &&
        month <= 12 &&
        day >= 1 &&
        day <= jalaliMonthLength(year, month)
    );
}

/**
 * Days from 1970-01-01 to a Jalali date.
 */
export function jalaliToDays(year, month, day) {
    const n = year - 1;
    const cycles = Math.floor(n / 33);
    const rest = n - cycles * 33;
    const yearStart = 365 * n + 8 * cycles + leapsUpTo[rest];
    const monthStart = month <= 7 ? 31 * (month - 1) : 186 + 30 * (month - 7);
    return JALALI_EPOCH + yearStart + monthStart + day - 1;
}

/**
 * Jalali date of a day counted from 1970-01-01.
 * @param {number} days
 * @returns {{ year: number, month: number, day: number }}
 */
export function daysToJalali(days) {
    let n = days - JALALI_EPOCH;
    const cycles = Math.floor(n / DAYS_PER_CYCLE);
    n -= cycles * DAYS_PER_CYCLE;
    let year = cycles * 33 + 1;
    for (;;) {
        const length = isJalaliLeapYear(year) ? 366 : 365;
        if (n < length) {
            break;
        }
        n -= length;
        year++;
    }
    if (n < 186) {
        return { year, month: Math.floor(n / 31) + 1, day: (n % 31) + 1 };
    }
    n -= 186;
    return { year, month: Math.floor(n / 30) + 7, day: (n % 30) + 1 };
}

/**
 * @param {number} year Gregorian year
 * @param {number} month 1-12
 * @param {number} day
 * @returns {{ year: number, month: number, day: number }} the Jalali date
 */
export function toJalali(year, month, day) {
    return daysToJalali(gregorianToDays(year, month, day));
}

/**
 * @param {number} year Jalali year
 * @param {number} month 1-12
 * @param {number} day
 * @returns {{ year: number, month: number, day: number }} the Gregorian date
 * @throws {RangeError} when the numbers are not a Jalali date
 */
export function toGregorian(year, month, day) {
    if (!isValidJalaliDate(year, month, day)) {
        throw new RangeError(`${year}/${month}/${day} is not a Jalali date`);
    }
    return daysToGregorian(jalaliToDays(year, month, day));
}

const PERSIAN_ZERO = 0x06f0;
const ARABIC_INDIC_ZERO = 0x0660;

/**
 * Replaces Persian (۰-۹) and Arabic-Indic (٠-٩) digits by ASCII digits; also
 * turns the Arabic decimal and thousands separators and the Persian slash-like
 * date separator into their ASCII counterparts.
 * @param {string} text
 * @returns {string}
 */
export function toAsciiDigits(text) {
    return String(text)
        .replace(/[\u06f0-\u06f9]/g, (c) => String(c.charCodeAt(0) - PERSIAN_ZERO))
        .replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - ARABIC_INDIC_ZERO))
        .replace(/[\u066b]/g, ".")
        .replace(/[\u066c]/g, ",")
        .replace(/[\u2044\u2215]/g, "/");
}

/**
 * Replaces ASCII digits by Persian digits.
 * @param {string | number} text
 * @returns {string}
 */
export function toPersianDigits(text) {
    return String(text).replace(/[0-9]/g, (c) => String.fromCharCode(PERSIAN_ZERO + Number(c)));
}
