#!/usr/bin/env bash
# Regenerate every addon's i18n/<addon>.pot and i18n/fa.po from a scratch
# database with the suite installed; prints the terms still untranslated.
#   scripts/update_translations.sh [ADDON ...]   (default: every addon)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

db=${I18N_DB:-crm_suite_i18n}
addons=$(suite_addons --with-tests)
export_list=${*:-${addons//,/ }}
terms=$(mktemp --suffix=.pot)
trap 'dropdb --if-exists "$db" >/dev/null 2>&1; rm -f "$terms"' EXIT

dropdb --if-exists "$db" >/dev/null 2>&1
"${ODOO[@]}" -c "$ODOO_CONF" --addons-path="$root/addons" -d "$db" -i "$addons" \
    --without-demo --stop-after-init --http-port="$(free_port)" --log-level=warn
# shellcheck disable=SC2086
"${ODOO[@]}" --addons-path="$root/addons" i18n export -d "$db" -o "$terms" $export_list
modules=${export_list// /,}
"$PYTHON" "$root/scripts/update_translations.py" --modules="$modules" "$terms" "$root/addons"
for po in "$root"/addons/*/i18n/fa.po; do msgfmt -c -o /dev/null "$po"; done
oca-checks-po --fix --no-verbose "$root"/addons/*/i18n/*.po >/dev/null 2>&1 || true
