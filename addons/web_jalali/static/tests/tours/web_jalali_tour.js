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

/**
 * Checks the days of the calendar view's month grid that belong to the month
 * shown (the others are greyed out): how many, the first and the last, each as
 * [Gregorian date, day number shown].
 */
function checkMonthGrid(count, first, last) {
    const cells = [...document.querySelectorAll(".fc-daygrid-day[data-date]:not(.fc-day-other)")];
    const days = cells.map((cell) => [
        cell.dataset.date,
        cell.querySelector(".fc-daygrid-day-number")?.textContent.trim(),
    ]);
    const found = JSON.stringify([days.length, days[0], days.at(-1)]);
    const expected = JSON.stringify([count, first, last]);
    if (found !== expected) {
        throw new Error(`Month grid: expected ${expected}, found ${found}`);
    }
}

/**
 * A Persian user opens a calendar of currency rates on 2 Azar 1405 (23
 * November 2026), in month scale: the grid is the Jalali month of Azar, from
 * its 1st (22 November) to its 30th (21 December), the rate of 1 Azar is on
 * its day, and the next month is Dey.
 */
registry.category("web_tour.tours").add("web_jalali_calendar_month", {
    steps: () => [
        {
            content: "The title names the Jalali month",
            trigger: ".o_calendar_header h5:contains(آذر ۱۴۰۵)",
        },
        {
            content: "The grid's month starts on 1 Azar and ends on 30 Azar",
            trigger: ".fc-daygrid-day[data-date='2026-11-22'] .o_event",
            run: () => checkMonthGrid(30, ["2026-11-22", "۱"], ["2026-12-21", "۳۰"]),
        },
        {
            content: "The rate of 30 Aban is on the greyed day before",
            trigger: ".fc-daygrid-day.fc-day-other[data-date='2026-11-21'] .o_event",
        },
        {
            content: "Next month",
            trigger: ".o_calendar_button_next",
            run: "click",
        },
        {
            content: "Dey 1405, from 22 December",
            trigger: ".o_calendar_header h5:contains(دی ۱۴۰۵)",
            run: () => checkMonthGrid(30, ["2026-12-22", "۱"], ["2027-01-20", "۳۰"]),
        },
    ],
});

/** The same calendar for a user of another language: Gregorian November 2026. */
registry.category("web_tour.tours").add("web_jalali_calendar_month_gregorian", {
    steps: () => [
        {
            content: "The title names the Gregorian month",
            trigger: ".o_calendar_header h5:contains(November 2026)",
        },
        {
            content: "The grid's month starts on 1 November and ends on 30 November",
            trigger: ".fc-daygrid-day[data-date='2026-11-22'] .o_event",
            run: () => checkMonthGrid(30, ["2026-11-01", "1"], ["2026-11-30", "30"]),
        },
    ],
});
