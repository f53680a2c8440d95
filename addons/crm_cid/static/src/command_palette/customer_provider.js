import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

// Below this many characters the palette is most likely being used for
// menus and commands: no look-up.
const MIN_LENGTH = 4;
const LIMIT = 5;

registry.category("command_categories").add("crm_cid_customers", {}, { sequence: 15 });

/**
 * Customers in the command palette (Ctrl+K): whatever identifies them (a
 * mobile in Persian digits, an e-mail, a national ID with dashes, a CID or
 * a name) goes through res.partner's name search, which resolves keys
 * through the identity-key index. The typed text is repeated in each
 * command's label so that the palette's fuzzy filter keeps the result even
 * when the customer's name does not contain it.
 */
registry.category("command_provider").add("crm_cid_customers", {
    async provide(env, options) {
        const text = (options.searchValue || "").trim();
        if (text.length < MIN_LENGTH) {
            return [];
        }
        const found = await env.services.orm.call("res.partner", "name_search", [], {
            name: text,
            limit: LIMIT,
        });
        return found.map(([id, name]) => ({
            name: `${name} · ${text}`,
            category: "crm_cid_customers",
            action() {
                env.services.action.doAction({
                    type: "ir.actions.act_window",
                    name: _t("Customer"),
                    res_model: "res.partner",
                    res_id: id,
                    views: [[false, "form"]],
                    target: "current",
                });
            },
        }));
    },
});
