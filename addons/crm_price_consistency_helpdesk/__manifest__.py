{
    "name": "Price Consistency: Helpdesk",
    "summary": "Support gives prices and makes quotations from OCA helpdesk tickets",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "license": "AGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_price_consistency", "helpdesk_mgmt", "helpdesk_mgmt_sale"],
    "data": [
        "wizards/crm_price_check_views.xml",
        "views/crm_price_quote_views.xml",
        "views/helpdesk_ticket_views.xml",
    ],
    "assets": {
        "web.assets_tests": ["crm_price_consistency_helpdesk/static/tests/tours/*.js"],
    },
    "auto_install": True,
    "installable": True,
}
