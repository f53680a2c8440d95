{
    "name": "Live chat conversations as interactions",
    "summary": "Each live chat conversation is one interaction on the visitor's CID",
    "version": "19.0.1.0.0",
    "category": "Website/Live Chat",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": ["crm-suite"],
    "development_status": "Alpha",
    "depends": ["crm_interaction", "im_livechat"],
    "assets": {
        # the support page loads this bundle instead of the web client's in test mode
        "im_livechat.assets_livechat_support_tours": [
            "crm_interaction_livechat/static/tests/tours/support/*",
        ],
        "web.assets_tests": ["crm_interaction_livechat/static/tests/tours/*.js"],
    },
    "auto_install": True,
    "installable": True,
}
