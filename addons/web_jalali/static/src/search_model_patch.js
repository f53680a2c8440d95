import { SearchModel } from "@web/search/search_model";
import { patch } from "@web/core/utils/patch";
import { getPeriodOptions } from "@web/search/utils/dates";
import { isJalaliActive } from "./jalali_luxon";
import { constructJalaliDateDomain, getJalaliPeriodOptions } from "./jalali_search_dates";

/**
 * For Persian users, the date filters of the search panel ("this month",
 * quarters, years) name and select Jalali months, seasons and years.
 */
patch(SearchModel.prototype, {
    toggleDateFilter(searchItemId, generatorId) {
        const searchItem = this.searchItems[searchItemId];
        if (!isJalaliActive() || searchItem?.type !== "dateFilter") {
            return super.toggleDateFilter(...arguments);
        }
        // The web client adds the default (Gregorian) year of a month chosen
        // without a year: replace it by the Jalali year of that month.
        const before = new Set(this._getSelectedGeneratorIds(searchItemId));
        const blocked = this.blockNotification;
        this.blockNotification = true;
        try {
            super.toggleDateFilter(...arguments);
        } finally {
            this.blockNotification = blocked;
        }
        const toggled = generatorId ? [generatorId] : searchItem.defaultGeneratorIds;
        const gregorian = getPeriodOptions(this.referenceMoment, searchItem.optionsParams);
        const jalali = getJalaliPeriodOptions(this.referenceMoment, searchItem.optionsParams);
        for (const id of toggled) {
            if (before.has(id) || id.startsWith("year") || id.startsWith("custom")) {
                continue;
            }
            const added = gregorian.find((option) => option.id === id)?.defaultYearId;
            const wanted = jalali.find((option) => option.id === id)?.defaultYearId;
            if (!added || !wanted || added === wanted || before.has(added) || toggled.includes(added)) {
                continue;
            }
            const isElement = (yearId) => (queryElem) =>
                queryElem.searchItemId === searchItemId && queryElem.generatorId === yearId;
            const index = this.query.findIndex(isElement(added));
            if (index < 0) {
                continue;
            }
            if (this.query.some(isElement(wanted))) {
                this.query.splice(index, 1);
            } else {
                this.query[index] = { ...this.query[index], generatorId: wanted };
            }
        }
        this._notify();
    },

    _enrichItem(searchItem) {
        const item = super._enrichItem(...arguments);
        if (item && item.options && searchItem.type === "dateFilter" && isJalaliActive()) {
            const descriptions = Object.fromEntries(
                getJalaliPeriodOptions(this.referenceMoment, searchItem.optionsParams).map(
                    (option) => [option.id, option.description]
                )
            );
            item.options = item.options.map((option) => ({
                ...option,
                description: descriptions[option.id] ?? option.description,
            }));
        }
        return item;
    },

    _getDateFilterDomain(dateFilter, generatorIds, key = "domain") {
        if (!isJalaliActive()) {
            return super._getDateFilterDomain(...arguments);
        }
        return constructJalaliDateDomain(this.referenceMoment, dateFilter, generatorIds)[key];
    },
});
