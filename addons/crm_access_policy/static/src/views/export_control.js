/**
 * Hide "Export" and "Export All" on customer data for users outside the
 * export group. The server refuses export_data for them anyway
 * (crm.access.audited); this keeps the browser from offering what it would
 * refuse.
 */
import { user } from "@web/core/user";
import { registry } from "@web/core/registry";
import { patch } from "@web/core/utils/patch";
import { onWillStart } from "@odoo/owl";
import { ListController } from "@web/views/list/list_controller";
import { KanbanController } from "@web/views/kanban/kanban_controller";

// Models that carry customer data (the models inheriting crm.access.audited).
export const CUSTOMER_DATA_MODELS = new Set([
    "res.partner",
    "crm.interaction",
    "crm.interaction.key",
    "crm.cid.key",
    "crm.access.log",
]);
const EXPORT_GROUP = "crm_access_policy.group_crm_export";

export async function mayExport(resModel) {
    return !CUSTOMER_DATA_MODELS.has(resModel) || (await user.hasGroup(EXPORT_GROUP));
}

for (const Controller of [ListController, KanbanController]) {
    patch(Controller.prototype, {
        setup() {
            super.setup(...arguments);
            onWillStart(async () => {
                if (this.isExportEnable && !(await mayExport(this.props.resModel))) {
                    this.isExportEnable = false;
                }
            });
        },
    });
}

const cogMenuRegistry = registry.category("cogMenu");
const exportAll = cogMenuRegistry.get("export-all-menu", null);
if (exportAll) {
    cogMenuRegistry.add(
        "export-all-menu",
        {
            ...exportAll,
            isDisplayed: async (env) =>
                (await exportAll.isDisplayed(env)) && (await mayExport(env.searchModel.resModel)),
        },
        { force: true, sequence: 10 }
    );
}
