import { registry } from "@web/core/registry";

// A support agent, on a customer's ticket, checks the price of a product,
// sees the price quoted and turns it into a quotation for the customer.
registry.category("web_tour.tours").add("crm_price_support_quotation", {
    steps: () => [
        {
            content: "Check a price from the ticket",
            trigger: ".o_form_view button[name=action_crm_price_check]",
            run: "click",
        },
        {
            content: "The product",
            trigger: ".modal .o_field_widget[name=product_id] input",
            run: "edit یخچال",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(یخچال ساید)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=quantity] input",
            run: "edit 3",
        },
        {
            content: "Ask the price service",
            trigger: ".modal button[name=action_check]",
            run: "click",
        },
        {
            content: "The quoted price shows",
            trigger: ".modal .o_field_widget[name=price_unit]:contains(100.00)",
        },
        {
            trigger: ".modal .o_field_widget[name=quote_id]:contains(PQ)",
        },
        {
            content: "Create the quotation",
            trigger: ".modal button[name=action_create_quotation]",
            run: "click",
        },
        {
            content: "The quotation carries the quoted price",
            trigger:
                ".o_form_view .o_field_widget[name=order_line] td[name=price_unit]:contains(100.00)",
        },
    ],
});
