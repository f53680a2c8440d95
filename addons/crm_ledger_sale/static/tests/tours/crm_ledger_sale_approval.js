import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_ledger_sale_approval", {
    steps: () => [
        {
            content: "The banner shows the customer's caution",
            trigger: ".o_form_view div[name='ledger_caution']:contains('Late delivery')",
        },
        {
            content: "The order waits for a sales manager",
            trigger: ".o_form_view div[name='ledger_needs_approval']",
        },
        {
            content: "Approve despite the caution",
            trigger: "button[name='action_ledger_approve']",
            run: "click",
        },
        {
            content: "The approval is shown",
            trigger: ".o_form_view span[name='ledger_approved']",
        },
        {
            content: "Confirm the order",
            trigger: "button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The order is confirmed",
            trigger: ".o_form_view:not(:has(button[name='action_confirm']))",
        },
    ],
});
