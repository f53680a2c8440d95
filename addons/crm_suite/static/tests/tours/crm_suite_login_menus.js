import { registry } from "@web/core/registry";

// A person opens the login page, signs in and finds the suite's menus.
registry.category("web_tour.tours").add("crm_suite_login_menus", {
    steps: () => [
        {
            trigger: `.oe_login_form input[name="login"]`,
            run: "edit crm_suite_tour_agent",
        },
        {
            trigger: `.oe_login_form input[name="password"]`,
            run: "edit crm-suite-Tour-1",
        },
        {
            content: "Sign in",
            trigger: `.oe_login_form button[type="submit"]`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the app switcher",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "The suite is an app",
            trigger: `.o_app[data-menu-xmlid="crm_suite.crm_suite_menu_root"]`,
            run: "click",
        },
        {
            content: "Its customers menu is there",
            trigger: `.o_menu_sections [data-menu-xmlid="crm_suite.crm_suite_menu_customers"]`,
        },
        {
            content: "The customers list opened",
            trigger: ".o_list_view, .o_kanban_view",
        },
    ],
});
