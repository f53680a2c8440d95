import { SearchModel } from "@web/search/search_model";
import { patch } from "@web/core/utils/patch";

/**
 * The date filters of the search panel ("November", "2026", quarters) cover
 * Gregorian months and years: their names stay Gregorian, so that a filter
 * never reads as a Jalali month while it selects a Gregorian one.
 */
patch(SearchModel.prototype, {
    setup() {
        super.setup(...arguments);
        if (this.referenceMoment.outputCalendar === "persian") {
            this.referenceMoment = this.referenceMoment.reconfigure({ outputCalendar: "gregory" });
        }
    },
});
