#!/usr/bin/env bash
# Builds the demo database: Persian as the language, Iran as the company's
# country (with the Rial), the whole suite installed with its demo data.
# Used by scripts/run.sh (when the database does not exist yet) and checked
# by scripts/test.sh. Database name from $DEMO_DB (default crm_suite).
#
# Options:  --reset   drop the database first if it exists
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

db=${DEMO_DB:-crm_suite}
force=()
[[ ${1:-} == --reset ]] && force=(--force)

addons=$(suite_addons)
common=(-c "$ODOO_CONF" --addons-path="$root/addons")

echo "creating database '$db' (Persian, Iran) ..."
"${ODOO[@]}" --addons-path="$root/addons" db init "${force[@]}" --with-demo --language fa_IR --country IR "$db"
# the company keeps its books in Rial (scripts/demo_rial.py): accounting is
# installed first without its demo data (an addon gets demo data only when
# every addon it depends on has it, hence base's flag, restored right after),
# then the currency is set and the waiting demo data is loaded
echo "installing accounting ..."
"${ODOO[@]}" shell "${common[@]}" -d "$db" --no-http --log-level=warn <<'PY'
env.cr.execute("UPDATE ir_module_module SET demo = false WHERE name = 'base'")  # noqa: F821
env.cr.commit()  # noqa: F821
PY
"${ODOO[@]}" "${common[@]}" -d "$db" -i account --stop-after-init --http-port="$(free_port)" \
    --http-interface=127.0.0.1 --log-level=info
echo "setting the company's currency to the Rial, then loading accounting's demo data ..."
"${ODOO[@]}" shell "${common[@]}" -d "$db" --no-http --log-level=info <"$root/scripts/demo_rial.py"
echo "installing $addons with demo data ..."
"${ODOO[@]}" "${common[@]}" -d "$db" -i "$addons" --stop-after-init --http-port="$(free_port)" \
    --http-interface=127.0.0.1 --log-level=info
# a Persian office: Odoo's generic English contacts (US addresses) are archived
echo "archiving Odoo's generic demo contacts ..."
"${ODOO[@]}" shell "${common[@]}" -d "$db" --no-http --log-level=warn <<'PY'
env["res.partner"]._crm_suite_demo_hide_generic_contacts()  # noqa: F821 (odoo shell provides env)
# letters registered while the addons were installed (in English) are named
# on their customers' timelines again, in Persian
Letter = env["secretariat.letter"].with_context(lang="fa_IR")  # noqa: F821
if hasattr(Letter, "_interaction_sync"):
    Letter.search([("indicator_number", "!=", False)])._interaction_sync()
env.cr.commit()  # noqa: F821
PY
echo "demo database '$db' ready"
