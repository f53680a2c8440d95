/**
 * The range of a date group grouped by the server in Jalali periods.
 *
 * The web client computes each date group's `range` itself, as the group's
 * start plus a Gregorian month, quarter or year. The grouping calls of
 * Persian users ask the server for Jalali months, seasons and years (see
 * orm_patch.js), so for them the range ends where the Jalali period ends, as
 * the group's domain does.
 */
import { patch } from "@web/core/utils/patch";
import { RelationalModel } from "@web/model/relational_model/relational_model";
import { isJalaliActive } from "./jalali_luxon";
import { JALALI_PERIOD_MONTHS, plusJalaliMonths } from "./jalali_periods";

/**
 * Sets the Jalali range of the groups (and of their sub-groups) grouped by
 * a date field in Jalali periods.
 * @param {object[]} groups the groups' data, as made by _postprocessReadGroup
 * @param {string[]} groupBy e.g. ["date:month", "user_id"]
 * @param {object} fields the model's fields
 */
export function setJalaliGroupRanges(groups, groupBy, fields) {
    if (!groupBy.length) {
        return;
    }
    const [fieldName, granularity] = groupBy[0].split(":");
    const months = JALALI_PERIOD_MONTHS[granularity];
    const isDate = ["date", "datetime"].includes(fields[fieldName]?.type);
    for (const group of groups) {
        if (months && isDate && group.value && group.range) {
            group.range = { from: group.value, to: plusJalaliMonths(group.value, months) };
        }
        if (group.groups) {
            setJalaliGroupRanges(group.groups, groupBy.slice(1), fields);
        }
    }
}

patch(RelationalModel.prototype, {
    async _postprocessReadGroup(config) {
        const result = await super._postprocessReadGroup(...arguments);
        if (isJalaliActive()) {
            setJalaliGroupRanges(result.groups, config.groupBy, config.fields);
        }
        return result;
    },
});
