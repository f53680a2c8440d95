{
    "name": "Price Consistency: Tier Validation",
    "summary": "Prices that stray from their quote wait for a Pricing Manager's approval",
    "version": "19.0.1.0.0",
    "category": "Sales/Sales",
    "license": "AGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_price_consistency", "sale_tier_validation"],
    "data": [
        "security/crm_price_consistency_tier_security.xml",
        "data/tier_definition_data.xml",
    ],
    "auto_install": True,
    "installable": True,
}
