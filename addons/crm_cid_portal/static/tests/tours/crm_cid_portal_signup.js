import { registry } from "@web/core/registry";

// The sign-up link e-mailed to an existing customer's address: the form shows
// the customer's name and address, the visitor chooses a password and lands
// on their portal, signed in as that customer.
registry.category("web_tour.tours").add("crm_cid_portal_signup_link", {
    steps: () => [
        {
            content: "The link's customer is filled in",
            trigger: ".oe_signup_form input[name=name]:value(مریم احمدی)",
        },
        {
            content: "No mobile is asked once the address is proven",
            trigger: ".oe_signup_form:not(:has(input[name=mobile]))",
        },
        {
            trigger: ".oe_signup_form input[name=password]",
            run: "edit Portal-Signup-2026",
        },
        {
            trigger: ".oe_signup_form input[name=confirm_password]",
            run: "edit Portal-Signup-2026",
        },
        {
            trigger: ".oe_signup_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Signed in on the customer's portal",
            trigger: ".o_portal_my_home",
        },
    ],
});
