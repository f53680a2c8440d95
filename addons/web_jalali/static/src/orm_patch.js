import { ORM } from "@web/core/orm_service";
import { patch } from "@web/core/utils/patch";
import { isJalaliActive } from "./jalali_luxon";

/** Context key asking the server to group dates by Jalali months, quarters and years. */
export const JALALI_GROUP_KEY = "web_jalali_group";

/** The grouping calls of the views (lists, kanban, graph, pivot). */
const GROUPING_METHODS = new Set([
    "web_read_group",
    "formatted_read_group",
    "formatted_read_grouping_sets",
]);

/**
 * Persian users' views group by Jalali periods: only their grouping calls carry
 * the context key, so that buttons and other calls of business code still
 * group by Gregorian months on the server.
 */
patch(ORM.prototype, {
    call(model, method, args = [], kwargs = {}) {
        if (GROUPING_METHODS.has(method) && isJalaliActive()) {
            kwargs = { ...kwargs, context: { ...kwargs.context, [JALALI_GROUP_KEY]: true } };
        }
        return super.call(model, method, args, kwargs);
    },
});
