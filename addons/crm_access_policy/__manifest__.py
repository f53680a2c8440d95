{
    "name": "CRM Access Policy",
    "summary": "Need-to-know access to customer data: roles, portfolios, export control, "
    "access log and bulk-extraction alarm",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["base_setup", "crm_cid", "crm_interaction", "sales_team"],
    "data": [
        "security/crm_access_policy_groups.xml",
        "security/ir.model.access.csv",
        "security/crm_access_policy_security.xml",
        "data/crm_access_policy_data.xml",
        "views/crm_access_log_views.xml",
        "views/crm_access_alarm_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_access_offboarding_views.xml",
        "views/res_users_views.xml",
        "wizard/crm_access_watch_wizard_views.xml",
        "report/crm_access_offboarding_report.xml",
    ],
    "demo": [
        "demo/crm_access_policy_demo.xml",
    ],
    "assets": {
        "web.assets_backend": ["crm_access_policy/static/src/views/*.js"],
    },
    "installable": True,
}
