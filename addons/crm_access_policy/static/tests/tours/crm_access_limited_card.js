import { registry } from "@web/core/registry";

// An agent finds a customer of another team, opens the limited card (the
// mobile is masked) and asks for temporary access with a reason.
registry.category("web_tour.tours").add("crm_access_limited_card", {
    steps: () => [
        {
            content: "Search the customer of the other team by name",
            trigger: ".o_searchview_input",
            run: "edit Tour South Shop",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Only the masked mobile is listed",
            trigger: ".o_data_row:contains(Tour South Shop):contains(0917***2233)",
        },
        {
            content: "Open the limited card",
            trigger: ".o_data_row:contains(Tour South Shop) button[name=action_crm_access_limited_card]",
            run: "click",
        },
        {
            content: "The card shows the CID and the masked keys",
            trigger: ".modal .o_field_widget[name=keys_text]:contains(***2233)",
        },
        {
            trigger: ".modal button[name=action_request_access]",
            run: "click",
        },
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Walk-in customer, their agent is away",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The request is saved",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
