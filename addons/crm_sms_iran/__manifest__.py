{
    "name": "Text messages through Iranian SMS panels",
    "summary": "Send Odoo's text messages through Kavenegar, Ghasedak or Melipayamak, "
    "with delivery reports on the customer's timeline",
    "version": "19.0.1.0.0",
    "category": "Marketing/SMS",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["sms", "crm_interaction"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "data/ir_cron_data.xml",
        "views/res_config_settings_views.xml",
        "views/crm_interaction_views.xml",
    ],
    "installable": True,
}
