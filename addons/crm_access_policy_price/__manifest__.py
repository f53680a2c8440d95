{
    "name": "CRM Access Policy: prices",
    "summary": "Price quotes and prices given, seen by the customer's portfolio; "
    "no prices for secretariat clerks",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_access_policy", "crm_price_consistency"],
    "data": [
        "security/crm_access_policy_price_groups.xml",
        "security/ir.model.access.csv",
        "security/crm_access_policy_price_security.xml",
    ],
    "auto_install": True,
    "installable": True,
}
