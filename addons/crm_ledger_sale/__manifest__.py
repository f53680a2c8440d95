{
    "name": "Customer Ledger: cautions on sales",
    "summary": "Caution flags on quotations and orders; a manager approves confirming for a "
    "flagged customer",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": [],
    "development_status": "Alpha",
    "depends": ["crm_ledger", "sale"],
    "data": [
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/sale_portal_templates.xml",
    ],
    "assets": {
        "web.assets_tests": ["crm_ledger_sale/static/tests/tours/*.js"],
    },
    "auto_install": True,
    "installable": True,
}
