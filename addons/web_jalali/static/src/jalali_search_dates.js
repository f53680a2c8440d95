/**
 * Date filters of the search panel in Jalali periods.
 *
 * Same options as the web client's (`@web/search/utils/dates`), with the same
 * ids ("month", "month-1", "first_quarter", "year-1", ...), so that saved
 * favorites and default filters keep working, but each option stands for a
 * Jalali month, season (quarter) or year, and its domain selects exactly that
 * Jalali period.
 */
import { _t } from "@web/core/l10n/translation";
import { Domain } from "@web/core/domain";
import { serializeDate, serializeDateTime } from "@web/core/l10n/dates";
import { clamp } from "@web/core/utils/numbers";
import { pick } from "@web/core/utils/objects";
import { QUARTER_OPTIONS, toGeneratorId } from "@web/search/utils/dates";
import { toGregorian, toJalali, toPersianDigits } from "./jalali";

const { DateTime } = luxon;

/** The Jalali quarters are the seasons. */
export function jalaliQuarterName(quarter) {
    return [_t("Spring"), _t("Summer"), _t("Autumn"), _t("Winter")][quarter - 1].toString();
}

/** @returns {string} the name of the Jalali month (1-12), in the user's language */
export function jalaliMonthName(year, month) {
    const first = DateTime.fromObject(toGregorian(year, month, 1));
    return first.reconfigure({ outputCalendar: "persian" }).toLocaleString({ month: "long" });
}

/** @returns {string} a Jalali year in Persian digits */
export function jalaliYearName(year) {
    return toPersianDigits(year);
}

/**
 * @param {luxon.DateTime} referenceMoment
 * @returns {{ year: number, month: number }} the Jalali year and month of that moment
 */
function jalaliReference(referenceMoment) {
    const { year, month, day } = referenceMoment;
    return toJalali(year, month, day);
}

/**
 * The period options of a date filter, in Jalali periods.
 * @see getPeriodOptions of @web/search/utils/dates
 */
export function getJalaliPeriodOptions(referenceMoment, optionsParams) {
    const { startYear, endYear, startMonth, endMonth, customOptions = [] } = optionsParams;
    const reference = jalaliReference(referenceMoment);
    const referenceIndex = reference.year * 12 + reference.month - 1;
    const months = [];
    for (let monthOffset = startMonth; monthOffset <= endMonth; monthOffset++) {
        const index = referenceIndex + monthOffset + 12 * clamp(0, startYear, endYear);
        const year = Math.floor(index / 12);
        const month = (index % 12) + 1;
        months.push({
            id: toGeneratorId("month", monthOffset),
            defaultYearId: toGeneratorId("year", clamp(year - reference.year, startYear, endYear)),
            description: jalaliMonthName(year, month),
            granularity: "month",
            groupNumber: 1,
            plusParam: { months: monthOffset },
            jalaliMonth: month,
        });
    }
    const defaultYearId = toGeneratorId("year", clamp(0, startYear, endYear));
    const quarters = Object.values(QUARTER_OPTIONS).map((option) => ({
        ...option,
        description: jalaliQuarterName(option.setParam.quarter),
        defaultYearId,
    }));
    const years = [];
    for (let offset = startYear; offset <= endYear; offset++) {
        years.push({
            id: toGeneratorId("year", offset),
            description: jalaliYearName(reference.year + offset),
            granularity: "year",
            groupNumber: 2,
            plusParam: { years: offset },
            jalaliYear: reference.year + offset,
        });
    }
    const custom = customOptions.map((option) => ({
        id: option.id,
        description: option.description,
        granularity: "withDomain",
        groupNumber: 3,
        domain: option.domain,
    }));
    return [...months.reverse(), ...quarters, ...years.reverse(), ...custom];
}

/**
 * The domain and description of a Jalali period: `length` months from the
 * Jalali month `month` of `year`.
 */
export function constructJalaliRange({ fieldName, fieldType, year, month, length }) {
    const first = DateTime.fromObject(toGregorian(year, month, 1));
    const nextIndex = year * 12 + month - 1 + length;
    const next = toGregorian(Math.floor(nextIndex / 12), (nextIndex % 12) + 1, 1);
    const last = DateTime.fromObject(next).minus({ days: 1 });
    const serialize = fieldType === "date" ? serializeDate : serializeDateTime;
    const domain = new Domain([
        "&",
        [fieldName, ">=", serialize(first.startOf("day"))],
        [fieldName, "<=", serialize(last.endOf("day"))],
    ]);
    let description = jalaliYearName(year);
    if (length === 1) {
        description = `${jalaliMonthName(year, month)} ${description}`;
    } else if (length === 3) {
        description = `${jalaliQuarterName((month + 2) / 3)} ${description}`;
    }
    return { domain, description };
}

/**
 * The domain and description of the selected options of a date filter, in
 * Jalali periods: each selected year crossed with each selected month or
 * quarter (or the whole year when none is selected).
 * @see constructDateDomain of @web/search/utils/dates
 */
export function constructJalaliDateDomain(referenceMoment, searchItem, selectedOptionIds) {
    const options = getJalaliPeriodOptions(referenceMoment, searchItem.optionsParams);
    const selected = selectedOptionIds
        .map((id) => options.find((option) => option.id === id))
        .filter(Boolean);
    const withDomain = selected.find((option) => option.granularity === "withDomain");
    if (withDomain) {
        const { domain, description } = pick(withDomain, "domain", "description");
        return { description, domain: Domain.and([domain, searchItem.domain]) };
    }
    const years = selected
        .filter((option) => option.granularity === "year")
        .map((option) => option.jalaliYear)
        .sort((a, b) => a - b);
    const parts = selected
        .filter((option) => option.granularity !== "year")
        .map((option) =>
            option.granularity === "quarter"
                ? { month: (option.setParam.quarter - 1) * 3 + 1, length: 3 }
                : { month: option.jalaliMonth, length: 1 }
        )
        .sort((a, b) => a.length - b.length || a.month - b.month);
    const { fieldName, fieldType } = searchItem;
    const ranges = [];
    for (const year of years) {
        for (const part of parts.length ? parts : [{ month: 1, length: 12 }]) {
            ranges.push(constructJalaliRange({ fieldName, fieldType, year, ...part }));
        }
    }
    const domain = Domain.and([
        Domain.combine(
            ranges.map((range) => range.domain),
            "OR"
        ),
        searchItem.domain,
    ]);
    const description = ranges.map((range) => range.description).join("/");
    return { domain, description };
}
