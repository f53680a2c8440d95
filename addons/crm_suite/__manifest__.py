{
    "name": "CRM Suite",
    "summary": "One customer identity across sales, support, letters and accounting, in Persian",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_cid", "crm_interaction", "queue_job"],
    "data": [
        "views/crm_suite_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/crm_cid_key_demo.xml",
        "demo/crm_interaction_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["crm_suite/static/tests/tours/*.js"],
    },
    "application": True,
    "installable": True,
}
