import { registry } from "@web/core/registry";

// The customer signs a quotation that waits for a sales manager (data from the Python test).
registry.category("web_tour.tours").add("crm_ledger_sale_portal_sign", {
    steps: () => [
        {
            content: "Open the signature dialog",
            trigger: "a:contains('Sign')",
            run: "click",
        },
        {
            content: "Type the signer's name",
            trigger: ".modal .o_web_sign_name_and_signature input",
            run: "fill Reza Ahmadi",
        },
        {
            trigger: ".modal canvas.o_web_sign_signature",
            run: "canvasNotEmpty",
        },
        {
            content: "Sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The customer is told the order is being reviewed",
            trigger: "#quote_content div[name='ledger_review']",
        },
    ],
});
