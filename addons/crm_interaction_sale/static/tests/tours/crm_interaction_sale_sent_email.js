import { registry } from "@web/core/registry";

// A salesperson sends a draft quotation to the customer by e-mail, from the
// order's "Send" button and the mail composer it opens.
registry.category("web_tour.tours").add("crm_interaction_sale_send_quotation", {
    steps: () => [
        {
            content: "Send the quotation",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_quotation_send]",
            run: "click",
        },
        {
            content: "The composer addresses the customer",
            trigger: ".modal .o_mail_composer_form_view .o_field_widget[name=partner_ids] .o_tag",
        },
        {
            trigger: ".modal button.o_mail_send:enabled",
            run: "click",
        },
        {
            content: "The quotation is marked as sent",
            trigger:
                ".o_form_view .o_field_statusbar button.o_arrow_button_current[data-value=sent]",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ],
});

// On the customer's form, a salesperson writes to the customer ("Send
// message"), then leaves an internal note ("Log note").
registry.category("web_tour.tours").add("crm_interaction_sale_chatter_message_and_note", {
    steps: () => [
        {
            content: "Write to the customer",
            trigger: ".o-mail-Chatter .o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            content: "The customer is among the recipients",
            trigger: ".o-mail-Chatter .o-mail-RecipientsInput .o_tag:contains(مهسا رضایی)",
        },
        {
            trigger: ".o-mail-Chatter .o-mail-Composer-input",
            run: "edit نسخه تازه پیش فاکتور را فرستادم",
        },
        {
            trigger: ".o-mail-Chatter .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The message is stored",
            trigger:
                ".o-mail-Chatter .o-mail-Message[data-persistent]:contains(نسخه تازه پیش فاکتور را فرستادم)",
        },
        {
            content: "Leave an internal note",
            trigger: ".o-mail-Chatter .o-mail-Chatter-logNote",
            run: "click",
        },
        {
            trigger: ".o-mail-Chatter .o-mail-Composer-input",
            run: "edit مشتری تخفیف بیشتر خواست",
        },
        {
            trigger: ".o-mail-Chatter .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The note is stored",
            trigger:
                ".o-mail-Chatter .o-mail-Message[data-persistent]:contains(مشتری تخفیف بیشتر خواست)",
        },
    ],
});
