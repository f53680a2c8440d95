import { registry } from "@web/core/registry";

// A Persian user reads every word of the suite's screens in Persian. Each tour
// opens one screen and collects the visible interface text (menus, labels,
// buttons, column headers, tabs, selection values, placeholders), leaving out
// record data (what a person typed: names, e-mail addresses, codes, amounts),
// then fails on any word written in Latin letters.

// Field widgets whose text is record data. Selections, radios, status bars and
// badges show labels of the interface: those are read.
const DATA_WIDGETS = [
    ".o_field_widget:not(.o_field_selection):not(.o_field_radio):not(.o_field_statusbar)" +
        ":not(.o_field_badge):not(.o_field_boolean):not(.o_field_boolean_toggle)",
    // list cells of text, number and many2one fields
    "td.o_list_char",
    "td.o_list_text",
    "td.o_list_number",
    "td.o_list_many2one",
    "td .o_field_many2many_tags",
    // messages and their authors in the chatter
    ".o-mail-Message-body",
    ".o-mail-Message-author",
    ".o-mail-Message-trackingOld",
    ".o-mail-Message-trackingNew",
    // the record shown in a form, named in the breadcrumb
    ".o_form_view .o_last_breadcrumb_item",
    // the signed-in user's name and avatar
    ".o_user_menu .oe_topbar_name",
    "code",
    "pre",
].join(", ");

const LATIN_WORD = /[A-Za-z][A-Za-z'’-]*/g;
// e-mail addresses and web addresses are data, even as examples in a placeholder
const ADDRESSES = /[\w.+-]+@[\w-]+(\.[\w-]+)+|https?:\/\/\S+/g;

function isVisible(element) {
    if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
        return false;
    }
    // shown to screen readers only (visually-hidden: a 1px clipped box)
    const { width, height } = element.getBoundingClientRect();
    return width > 1 && height > 1;
}

function describe(element) {
    const parts = [];
    for (let node = element; node && parts.length < 3; node = node.parentElement) {
        const name = node.getAttribute("name") || node.dataset.menuXmlid;
        const cls = [...node.classList].filter((c) => c.startsWith("o_")).slice(0, 2);
        parts.push(node.tagName.toLowerCase() + (name ? `[${name}]` : "") + cls.map((c) => `.${c}`).join(""));
    }
    return parts.join(" < ");
}

/** Return ["word in «text» (where)", ...] for each Latin word of the interface. */
export function latinInterfaceWords(root = document.body) {
    const found = [];
    const check = (text, element, kind) => {
        for (const word of text.replace(ADDRESSES, " ").match(LATIN_WORD) || []) {
            found.push(`${word} in «${text.trim().slice(0, 80)}» (${kind} ${describe(element)})`);
        }
    };
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!node.nodeValue.trim() || !element || element.closest("script, style, template")) {
            continue;
        }
        if (!isVisible(element) || element.closest(DATA_WIDGETS)) {
            continue;
        }
        check(node.nodeValue, element, "text");
    }
    for (const input of root.querySelectorAll("[placeholder]")) {
        if (isVisible(input) && input.getAttribute("placeholder").trim()) {
            check(input.getAttribute("placeholder"), input, "placeholder");
        }
    }
    return found;
}

function checkScreen(screen) {
    return {
        content: `Every interface word of the ${screen} is Persian`,
        trigger: "body:not(:has(.o_loading_indicator))",
        run() {
            const words = latinInterfaceWords();
            if (words.length) {
                throw new Error(
                    `Latin interface text on the ${screen}:\n${[...new Set(words)].join("\n")}`
                );
            }
        },
    };
}

const tours = {
    crm_suite_fa_login: {
        screen: "login page",
        steps: [{ trigger: ".oe_login_form input[name='login']" }],
    },
    crm_suite_fa_customers: {
        screen: "customers list",
        steps: [{ trigger: ".o_list_view .o_data_row" }],
    },
    crm_suite_fa_customer: {
        screen: "customer form",
        steps: [
            { trigger: ".o_form_view .o_field_widget[name='cid']" },
            { trigger: ".o-mail-Chatter" },
        ],
    },
    crm_suite_fa_interactions: {
        screen: "interactions list",
        steps: [{ trigger: ".o_list_view .o_data_row" }],
    },
    crm_suite_fa_letters: {
        screen: "letters list",
        steps: [{ trigger: ".o_list_view .o_data_row" }],
    },
    crm_suite_fa_price_check: {
        screen: "price check",
        steps: [
            {
                content: "Open the price check",
                trigger: ".o_list_view",
                async run() {
                    const { action } = odoo.__WOWL_DEBUG__.root.env.services;
                    await action.doAction("crm_price_consistency.crm_price_check_action");
                },
            },
            { trigger: ".modal .o_form_view .o_field_widget[name='product_id']" },
        ],
    },
    crm_suite_fa_statement: {
        screen: "customer statement",
        steps: [
            {
                content: "Choose the customer",
                trigger: ".o_form_view .o_field_widget[name='partner_id'] input",
                run: "edit کیمیا",
            },
            {
                trigger: ".o-autocomplete--dropdown-item:contains(کیمیا)",
                run: "click",
            },
            {
                content: "From the first day of 1400",
                trigger: ".o_form_view .o_field_widget[name='date_from'] input",
                run: "edit 1400/01/01",
            },
            {
                content: "To the last day of 1410",
                trigger: ".o_form_view .o_field_widget[name='date_to'] input",
                run: "edit 1410/12/29",
            },
            {
                content: "Close the date picker",
                trigger: ".o_form_view .o_form_label:contains(مشتری)",
                run: "click",
            },
            {
                content: "Show the statement",
                trigger: ".o_form_view button[name='action_compute']",
                run: "click",
            },
            { trigger: ".o_field_widget[name='line_ids'] .o_data_row" },
        ],
    },
};

for (const [name, { screen, steps }] of Object.entries(tours)) {
    registry.category("web_tour.tours").add(name, {
        steps: () => [...steps, checkScreen(screen)],
    });
}
