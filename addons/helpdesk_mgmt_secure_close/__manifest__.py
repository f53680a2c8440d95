{
    "name": "Helpdesk: secure portal closing",
    "summary": "Only a ticket's own customer, or staff allowed to change it, can close it "
    "from the portal, by POST with a CSRF token",
    "version": "19.0.1.0.0",
    "category": "Services/Helpdesk",
    "license": "AGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["helpdesk_mgmt"],
    "data": ["views/helpdesk_ticket_templates.xml"],
    "auto_install": True,
    "installable": True,
}
