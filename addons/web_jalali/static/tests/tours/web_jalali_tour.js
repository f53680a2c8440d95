import { registry } from "@web/core/registry";

/**
 * A Persian user reads a date in Jalali on a form, picks another Jalali day in
 * the date picker and saves; the test then checks the Gregorian value stored.
 * The record's date is 1405/09/01 (22 November 2026).
 */
registry.category("web_tour.tours").add("web_jalali_pick_date", {
    steps: () => [
        {
            content: "The date reads in Jalali, with Persian digits",
            trigger: ".o_field_widget[name=name] button[data-tooltip='۱۴۰۵/۰۹/۰۱']:contains(۱ آذر)",
            run: "click",
        },
        {
            content: "Once focused, the date is written in full",
            trigger: ".o_field_widget[name=name] input:value(۱۴۰۵/۰۹/۰۱)",
        },
        {
            content: "The picker opens on the Jalali month",
            trigger: ".o_datetime_picker .o_datetime_picker_header:contains(آذر ۱۴۰۵)",
        },
        {
            content: "Go to the next Jalali month",
            trigger: ".o_datetime_picker .o_next",
            run: "click",
        },
        {
            trigger: ".o_datetime_picker .o_datetime_picker_header:contains(دی ۱۴۰۵)",
        },
        {
            content: "Pick 15 Dey",
            trigger: ".o_datetime_picker .o_date_item_cell:not(.o_out_of_range):contains(/^۱۵$/)",
            run: "click",
        },
        {
            content: "The field shows the picked Jalali day",
            trigger:
                ".o_field_widget[name=name] input:value(۱۴۰۵/۱۰/۱۵), .o_field_widget[name=name] button:contains(۱۵ دی)",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});
