import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

/**
 * Pops the caller's card when the PBX says the user's extension is ringing
 * (bus notification "crm_interaction/ringing", sent by
 * crm.interaction._interaction_ring with the card built for this user).
 */
export const crmRingingService = {
    dependencies: ["bus_service", "notification", "action", "orm"],
    start(env, { bus_service, notification, action, orm }) {
        const openCustomer = (partnerId) =>
            action.doAction({
                type: "ir.actions.act_window",
                res_model: "res.partner",
                res_id: partnerId,
                views: [[false, "form"]],
            });
        bus_service.subscribe("crm_interaction/ringing", ({ number, card }) => {
            const lines = [];
            if (card.found) {
                lines.push(`${card.name} · ${card.cid || ""}`);
                for (const caution of card.cautions || []) {
                    lines.push(`⚠ ${caution}`);
                }
                for (const item of (card.last_interactions || []).slice(0, 3)) {
                    lines.push(`${item.date} · ${item.channel} · ${item.subject || ""}`);
                }
            } else {
                lines.push(_t("Unknown caller"));
            }
            const buttons = [];
            if (card.found) {
                buttons.push({
                    name: _t("Open customer"),
                    primary: true,
                    onClick: () => openCustomer(card.partner_id),
                });
            } else {
                buttons.push({
                    name: _t("New customer"),
                    primary: true,
                    onClick: async () => {
                        const result = await orm.call("res.partner", "cid_find_or_create", [
                            { mobile: number },
                            { name: number },
                        ]);
                        openCustomer(result.partner_id);
                    },
                });
            }
            notification.add(lines.join("\n"), {
                title: _t("Incoming call: %s", card.number || number),
                type: card.found ? "info" : "warning",
                sticky: true,
                className: "o_crm_interaction_ringing",
                buttons,
            });
        });
        bus_service.start();
    },
};

registry.category("services").add("crm_interaction_ringing", crmRingingService);
