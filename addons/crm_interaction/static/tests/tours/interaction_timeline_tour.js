import { registry } from "@web/core/registry";

// Log a call from the customer's timeline, then read it there.
registry.category("web_tour.tours").add("crm_interaction_log_and_timeline", {
    steps: () => [
        {
            content: "Open the timeline tab of the customer",
            trigger: ".o_notebook .nav-link:contains(Timeline)",
            run: "click",
        },
        {
            content: "Nothing logged yet",
            trigger: ".o_crm_interaction_timeline_empty",
        },
        {
            content: "Open the log-interaction dialog from the timeline",
            trigger: ".o_crm_interaction_timeline_log",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=subject] input",
            run: "edit Tour call about the invoice",
        },
        {
            trigger: ".modal .o_field_widget[name=summary] textarea",
            run: "edit Promised a corrected invoice by Monday",
        },
        {
            content: "Log it",
            trigger: ".modal button[name=action_log]",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The call is on the timeline",
            trigger:
                ".o_crm_interaction_timeline_item:contains(Tour call about the invoice):contains(Promised a corrected invoice)",
        },
        {
            content: "Filter on outbound only: the inbound call disappears",
            trigger: ".o_crm_interaction_timeline_filters select[name=direction]",
            run: "select outbound",
        },
        {
            trigger:
                ".o_crm_interaction_timeline:not(:has(.o_crm_interaction_timeline_item:contains(Tour call about the invoice)))",
        },
    ],
});
