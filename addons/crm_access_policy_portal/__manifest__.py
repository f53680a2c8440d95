{
    "name": "CRM Access Policy: Portal",
    "summary": "Portal access granted only by the portfolio that sees the customer in full",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_access_policy", "portal"],
    "auto_install": True,
    "installable": True,
}
