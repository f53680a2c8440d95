{
    "name": "CRM Access Policy: leads and opportunities",
    "summary": "A lead's copies of its customer's e-mail and phone follow the policy; "
    "the caller card counts the customer's open opportunities",
    "version": "19.0.1.0.1",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_access_policy", "crm"],
    "auto_install": True,
    "installable": True,
}
