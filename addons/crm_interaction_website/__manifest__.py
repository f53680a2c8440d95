{
    "name": "Interactions from the website's forms",
    "summary": "Leads sent by the website's contact form carry the customer's CID, found by "
    "mobile, e-mail or national ID in any format",
    "version": "19.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_interaction_crm", "website_crm"],
    "data": [
        "security/ir.model.access.csv",
        "data/ir_model_fields_data.xml",
        "views/crm_lead_views.xml",
    ],
    "assets": {
        "web.assets_tests": ["crm_interaction_website/static/tests/tours/*.js"],
    },
    "auto_install": True,
    "installable": True,
}
