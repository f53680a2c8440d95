{
    "name": "CRM Access Policy: HR",
    "summary": "Employee data stays out of CRM screens; layoff mode by department",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_access_policy", "hr"],
    "data": [
        "security/crm_access_policy_hr_security.xml",
        "views/crm_access_watch_wizard_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
