{
    "name": "Customer Identity: import contract test",
    "summary": "Test only: a create() override that reaches imported customers "
    "through the import's hooks",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tests",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_cid"],
    "data": [],
    "installable": True,
}
