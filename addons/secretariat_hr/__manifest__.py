{
    "name": "Secretariat referrals to departments",
    "summary": "Refer letters to departments; overdue referrals escalate up the org chart",
    "version": "19.0.1.0.0",
    "category": "Productivity",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["secretariat", "hr"],
    "data": [
        "wizards/secretariat_letter_refer_views.xml",
        "views/secretariat_letter_referral_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
