{
    "name": "Customer Ledger: caller card cautions",
    "summary": "Overdue, credit-limit and dissatisfied flags on the interaction caller card",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": [],
    "development_status": "Alpha",
    "depends": ["crm_ledger", "crm_interaction"],
    "auto_install": True,
    "installable": True,
}
