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

/**
 * A Persian user opens a pivot of currency rates grouped by month, with rates
 * on 30 Aban and on 1 and 2 Azar 1405: the rows are Jalali months. Then the
 * list grouped by month: opening the Azar group shows its two rates only.
 */
registry.category("web_tour.tours").add("web_jalali_group_by_jalali_month", {
    steps: () => [
        {
            content: "The pivot's rows are Jalali months",
            trigger: ".o_pivot .o_pivot_header_cell_closed:contains(آذر ۱۴۰۵)",
        },
        {
            trigger: ".o_pivot .o_pivot_header_cell_closed:contains(آبان ۱۴۰۵)",
        },
        {
            content: "Switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the Azar group",
            trigger: ".o_group_header:contains(آذر ۱۴۰۵):contains(2)",
            run: "click",
        },
        {
            content: "It holds its two rates",
            trigger: ".o_data_row:count(2)",
        },
    ],
});
