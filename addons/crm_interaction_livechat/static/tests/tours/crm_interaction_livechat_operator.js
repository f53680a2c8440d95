import { registry } from "@web/core/registry";

// The operator, at work elsewhere in Odoo, sees the visitor's last line in
// the messaging menu, opens the conversation in a chat window, reads the
// visitor's lines and answers.
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
            content: "The visitor's lines are in the chat window",
            trigger: ".o-mail-ChatWindow .o-mail-Message:contains(سفارشم هنوز نرسیده)",
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
            content: "The answer is stored",
            trigger:
                ".o-mail-ChatWindow .o-mail-Message[data-persistent]:contains(فردا ارسال خواهد شد)",
        },
    ],
});
