{
    "name": "Price Consistency",
    "summary": "One price for a customer, whether sales, support, the web or an API gives it",
    "version": "19.0.2.1.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": [
        "crm_cid",
        "crm_interaction",
        "sale_management",
    ],
    "data": [
        "security/crm_price_consistency_groups.xml",
        "security/ir.model.access.csv",
        "security/crm_price_consistency_security.xml",
        "data/ir_sequence_data.xml",
        "wizards/crm_price_check_views.xml",
        "views/crm_price_quote_views.xml",
        "views/crm_price_log_views.xml",
        "views/sale_order_views.xml",
        "views/product_category_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_price_consistency_menus.xml",
        "report/crm_price_quote_reports.xml",
    ],
    "assets": {
        "web.report_assets_common": [
            "crm_price_consistency/static/src/scss/crm_price_quote_report.scss"
        ],
    },
    "demo": ["demo/crm_price_consistency_demo.xml"],
    "installable": True,
}
