{
    "name": "Customer ID: Website Sign-up and Portal",
    "summary": "People who sign up or are invited become users of the customer that holds "
    "their e-mail, once the address is proven; their login becomes a username key",
    "version": "19.0.1.0.0",
    "category": "Website",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_cid", "auth_signup", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "data/mail_template_data.xml",
        "views/auth_signup_templates.xml",
    ],
    "assets": {
        "web.assets_tests": ["crm_cid_portal/static/tests/tours/*.js"],
    },
    "auto_install": True,
    "installable": True,
}
