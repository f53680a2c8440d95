{
    "name": "Jalali Calendar for the Web Client",
    "summary": "Persian users read and pick dates in the Jalali (Solar Hijri) calendar",
    "version": "19.0.1.1.0",
    "category": "Hidden/Tools",
    "license": "LGPL-3",
    "author": "CRM Suite Authors",
    "website": "https://github.com/crm-suite/crm-suite",
    "maintainers": [],
    "development_status": "Beta",
    "depends": ["web"],
    "external_dependencies": {"python": ["jdatetime"]},
    "assets": {
        "web.assets_backend": ["web_jalali/static/src/**/*"],
        "web.assets_unit_tests": ["web_jalali/static/tests/**/*.test.js"],
        "web.assets_tests": ["web_jalali/static/tests/tours/*.js"],
    },
    "installable": True,
}
