import { registry } from "@web/core/registry";

/** The value of a cookie set by the test before the web client loaded. */
function testCookie(name) {
    const prefix = `${name}=`;
    const found = document.cookie.split("; ").find((item) => item.startsWith(prefix));
    return found ? decodeURIComponent(found.slice(prefix.length)) : "";
}

// An agent has the web client open when their extension rings twice: a
// customer, then a number nobody holds, made a customer from the card.
registry.category("web_tour.tours").add("crm_interaction_ringing", {
    steps: () => {
        // no CID given by the test must fail the tour, not match every card
        const cid = testCookie("crm_interaction_tour_cid") || "(no CID given)";
        return [
            {
                content: "The web client is open",
                trigger: ".o_main_navbar",
            },
            {
                content: "The known caller's card pops with the customer's name and CID",
                trigger: `.o_crm_interaction_ringing:not(:contains(Unknown caller)):contains(Tour Caller):contains(${cid})`,
            },
            {
                content: "The unknown caller's card offers a new customer",
                trigger:
                    ".o_crm_interaction_ringing:contains(Unknown caller) .o_notification_buttons button:contains(New customer)",
                run: "click",
            },
            {
                content: "The new customer opens, named after the number",
                trigger: ".o_form_view .o_breadcrumb .active:contains(09359998877)",
            },
        ];
    },
});
