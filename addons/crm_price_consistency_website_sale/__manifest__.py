{
    "name": "Price Consistency: Web Shop",
    "summary": "Prices of the web shop are price quotes of the web unit, locked like every other",
    "version": "19.0.1.0.0",
    "category": "Website/eCommerce",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_price_consistency", "website_sale"],
    "installable": True,
    "auto_install": True,
}
