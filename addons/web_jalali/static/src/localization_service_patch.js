import { localizationService } from "@web/core/l10n/localization_service";
import { patch } from "@web/core/utils/patch";
import { activateJalali, isJalaliLang } from "./jalali_luxon";

/**
 * Once the user's language is known, Persian users get the Jalali calendar.
 * This runs before any view is rendered: the other services and components
 * only format dates after the localization service has started.
 */
patch(localizationService, {
    async start() {
        const localization = await super.start(...arguments);
        if (isJalaliLang(localization.code)) {
            activateJalali();
        }
        return localization;
    },
});
