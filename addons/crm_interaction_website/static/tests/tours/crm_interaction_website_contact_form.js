import { registry } from "@web/core/registry";

// A visitor sends the contact form (set to create leads) with a mobile typed
// in Persian digits, and an e-mail nobody has yet.
registry.category("web_tour.tours").add("crm_interaction_website_contact_form", {
    url: "/contactus",
    steps: () => [
        {
            trigger: "form[data-model_name='crm.lead'] input[name=contact_name]",
            run: "edit مریم احمدی",
        },
        {
            trigger: "input[name=phone]",
            run: "edit ۰۹۱۲ ۱۱۱ ۲۲۳۳",
        },
        {
            trigger: "input[name=email_from]",
            run: "edit maryam.home@example.org",
        },
        {
            trigger: "input[name=partner_name]",
            run: "edit خانه",
        },
        {
            trigger: "input[name=name]",
            run: "edit درخواست پیش‌فاکتور",
        },
        {
            trigger: "textarea[name=description]",
            run: "edit ۱۰ عدد شیر فلکه",
        },
        {
            content: "Send the form",
            trigger: ".s_website_form_send",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The thank-you page is shown",
            trigger: "#wrap:has(h1:contains('Thank You!'))",
        },
    ],
});
