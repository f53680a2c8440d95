{
    "name": "Secretariat letters on the customer timeline",
    "summary": "Registered letters to and from a customer appear once among their interactions",
    "version": "19.0.1.0.0",
    "category": "Productivity",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["secretariat", "crm_interaction"],
    "data": [
        "views/crm_interaction_views.xml",
        "views/secretariat_letter_views.xml",
    ],
    "post_init_hook": "_post_init_hook",
    "auto_install": True,
    "installable": True,
}
