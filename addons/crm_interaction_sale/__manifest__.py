{
    "name": "Interactions on sales orders",
    "summary": "Log and count customer interactions from quotations and sales orders",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_interaction", "sale"],
    "data": ["views/sale_order_views.xml"],
    "assets": {
        "web.assets_tests": ["crm_interaction_sale/static/tests/tours/*.js"],
    },
    "auto_install": True,
    "installable": True,
}
