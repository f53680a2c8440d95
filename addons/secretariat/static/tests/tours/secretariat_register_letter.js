import { registry } from "@web/core/registry";

// A clerk records an incoming letter, finds the sender by a mobile typed with
// Persian digits, registers it and sees its indicator number.
registry.category("web_tour.tours").add("secretariat_register_letter", {
    steps: () => [
        {
            content: "New letter",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=subject] input",
            run: "edit درخواست مرجوعی کالا",
        },
        {
            content: "The sender, by mobile",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit ۰۹۱۲ ۸۸۸ ۷۷۶۶",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Customer)",
            run: "click",
        },
        {
            content: "Register",
            trigger: "button[name=action_register]",
            run: "click",
        },
        {
            content: "The number is shown",
            trigger: ".o_field_widget[name=indicator_number]:contains(/و/)",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Registered)",
        },
    ],
});
