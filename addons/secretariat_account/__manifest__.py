{
    "name": "Secretariat: accounting documents",
    "summary": "Letters about invoices, bills and payments, from the documents themselves",
    "version": "19.0.1.0.0",
    "category": "Productivity",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["secretariat", "account"],
    "data": [
        "views/account_move_views.xml",
        "views/account_payment_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
