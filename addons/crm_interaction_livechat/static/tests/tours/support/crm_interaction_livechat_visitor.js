import { registry } from "@web/core/registry";

// A visitor opens the live chat on the support page, asks about an order,
// then gives their mobile number (in Persian digits) in a second line.
registry.category("web_tour.tours").add("crm_interaction_livechat_visitor", {
    steps: () => [
        {
            trigger: ".o-livechat-root:shadow .o-livechat-LivechatButton",
            run: "click",
        },
        {
            trigger: ".o-livechat-root:shadow .o-mail-ChatWindow .o-mail-Composer-input",
            run: "edit سلام، سفارشم هنوز نرسیده",
        },
        {
            trigger: ".o-livechat-root:shadow .o-mail-ChatWindow .o-mail-Composer-input",
            run: "press Enter",
        },
        {
            content: "The first line is stored",
            trigger:
                ".o-livechat-root:shadow .o-mail-Message[data-persistent]:contains(سفارشم هنوز نرسیده)",
        },
        {
            trigger: ".o-livechat-root:shadow .o-mail-ChatWindow .o-mail-Composer-input",
            run: "edit شماره همراه من ۰۹۱۲ ۴۴۴ ۳۳۲۲ است",
        },
        {
            trigger: ".o-livechat-root:shadow .o-mail-ChatWindow .o-mail-Composer-input",
            run: "press Enter",
        },
        {
            content: "The second line is stored",
            trigger:
                ".o-livechat-root:shadow .o-mail-Message[data-persistent]:contains(۰۹۱۲ ۴۴۴ ۳۳۲۲)",
        },
    ],
});
