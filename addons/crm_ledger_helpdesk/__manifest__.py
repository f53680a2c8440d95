{
    "name": "Customer Ledger: cautions on helpdesk tickets",
    "summary": "Caution flags on tickets; support marks a customer dissatisfied from a ticket",
    "version": "19.0.1.0.0",
    "category": "After-Sales",
    "license": "AGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": [],
    "development_status": "Alpha",
    "depends": ["crm_ledger", "helpdesk_mgmt"],
    "data": [
        "security/ir.model.access.csv",
        "wizards/helpdesk_ticket_dissatisfied_views.xml",
        "views/helpdesk_ticket_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
