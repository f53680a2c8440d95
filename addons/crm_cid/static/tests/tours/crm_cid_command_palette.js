import { registry } from "@web/core/registry";

// Ctrl+K, a mobile typed with Persian digits and spaces: the customer opens.
registry.category("web_tour.tours").add("crm_cid_command_palette", {
    steps: () => [
        {
            content: "Open the command palette from the contacts list",
            trigger: ".o_list_view, .o_kanban_view",
            run: "press ctrl+k",
        },
        {
            trigger: ".o_command_palette_search input",
            run: "edit ۰۹۱۲ ۶۶۶ ۵۵۴۴",
        },
        {
            content: "The customer is offered",
            trigger: ".o_command:contains(Palette Customer)",
            run: "click",
        },
        {
            content: "Their form is open",
            trigger: ".o_last_breadcrumb_item:contains(Palette Customer)",
        },
    ],
});
