{
    "name": "CRM Access Policy: leads",
    "summary": "The e-mail and phone a lead copies from its customer are masked, "
    "counted and unsearchable outside the portfolio, as the customer's own",
    "version": "19.0.1.0.0",
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
