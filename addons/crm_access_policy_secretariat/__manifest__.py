{
    "name": "CRM Access Policy: letters",
    "summary": "Letters, referrals and their documents seen by the customer's portfolio; "
    "secretariat clerks work the letters",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_access_policy", "secretariat"],
    "data": [
        "security/crm_access_policy_secretariat_groups.xml",
        "security/crm_access_policy_secretariat_security.xml",
    ],
    "auto_install": True,
    "installable": True,
}
