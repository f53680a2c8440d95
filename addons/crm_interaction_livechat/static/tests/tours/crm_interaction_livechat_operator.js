import { registry } from "@web/core/registry";

// The operator, at work elsewhere in Odoo, sees the visitor's last line in
// the messaging menu, opens the conversation in a chat window and answers;
// the messaging menu then shows the answer, once stored, as the last line.
registry.category("web_tour.tours").add("crm_interaction_livechat_operator", {
    steps: () => [
        {
            trigger: ".o_menu_systray i[aria-label=Messages]",
            run: "click",
        },
        {
            content: "The conversation shows the visitor's last line",
            trigger: ".o-mail-MessagingMenu .o-mail-NotificationItem:contains(۰۹۱۲ ۴۴۴ ۳۳۲۲)",
            run: "click",
        },
        {
            trigger: ".o-mail-ChatWindow .o-mail-Composer-input",
            run: "edit سفارش شما فردا ارسال خواهد شد",
        },
        {
            trigger: ".o-mail-ChatWindow .o-mail-Composer-input",
            run: "press Enter",
        },
        {
            trigger: ".o_menu_systray i[aria-label=Messages]",
            run: "click",
        },
        {
            content: "The answer is stored: it is the conversation's last line",
            trigger: ".o-mail-MessagingMenu .o-mail-NotificationItem:contains(فردا ارسال خواهد شد)",
        },
    ],
});
