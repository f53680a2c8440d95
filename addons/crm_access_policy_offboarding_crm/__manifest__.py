{
    "name": "CRM Access Policy: offboarding of opportunities",
    "summary": "A leaving user's open opportunities go to their successor",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_access_policy_offboarding", "crm"],
    "auto_install": True,
    "installable": True,
}
