{
    "name": "CRM Access Policy: helpdesk",
    "summary": "A ticket's copies of its customer's e-mail follow the policy; "
    "the caller card lists the customer's open tickets",
    "version": "19.0.1.1.0",
    "category": "Sales/CRM",
    "license": "AGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_access_policy", "helpdesk_mgmt"],
    "auto_install": True,
    "installable": True,
}
