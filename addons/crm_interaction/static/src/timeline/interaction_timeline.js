import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

import { Component, onWillStart, useState } from "@odoo/owl";

const PAGE_SIZE = 50;

/**
 * A customer's interactions on every channel, newest first, 50 at a time.
 *
 * Each "Load more" asks the server for the page after the last item shown
 * (a cursor on date and id), so the thousandth page costs what the first does.
 */
export class InteractionTimeline extends Component {
    static template = "crm_interaction.InteractionTimeline";
    static props = standardWidgetProps;

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({
            options: { channels: [], reasons: [], teams: [], directions: [] },
            filters: { channel: "", reason: "", team: "", direction: "" },
            items: [],
            nextCursor: false,
            loading: false,
            loaded: false,
        });
        onWillStart(async () => {
            if (!this.partnerId) {
                return;
            }
            this.state.options = await this.orm.call("crm.interaction", "timeline_options", []);
            await this.load();
        });
    }

    get partnerId() {
        return this.props.record.resId;
    }

    get filterParams() {
        const f = this.state.filters;
        return {
            channel_ids: f.channel ? [parseInt(f.channel)] : [],
            reason_ids: f.reason ? [parseInt(f.reason)] : [],
            team_ids: f.team ? [parseInt(f.team)] : [],
            directions: f.direction ? [f.direction] : [],
        };
    }

    get emptyText() {
        return _t("No interaction with this customer yet.");
    }

    async load(more = false) {
        this.state.loading = true;
        try {
            const page = await this.orm.call("crm.interaction", "timeline_page", [this.partnerId], {
                filters: this.filterParams,
                cursor: more ? this.state.nextCursor : false,
                limit: PAGE_SIZE,
            });
            this.state.items = more ? [...this.state.items, ...page.items] : page.items;
            this.state.nextCursor = page.next_cursor;
            this.state.loaded = true;
        } finally {
            this.state.loading = false;
        }
    }

    onFilterChange(name, ev) {
        this.state.filters[name] = ev.target.value;
        this.load();
    }

    onLoadMore() {
        this.load(true);
    }

    onRefresh() {
        this.load();
    }

    async onLogInteraction() {
        const action = await this.orm.call("res.partner", "action_interaction_log", [
            [this.partnerId],
        ]);
        await this.action.doAction(action, { onClose: () => this.load() });
    }

    openInteraction(item) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "crm.interaction",
            res_id: item.id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    directionIcon(item) {
        return {
            inbound: "fa-arrow-down text-success",
            outbound: "fa-arrow-up text-primary",
            internal: "fa-exchange text-muted",
        }[item.direction];
    }

    durationText(item) {
        if (!item.duration) {
            return "";
        }
        const minutes = Math.floor(item.duration / 60);
        const seconds = String(item.duration % 60).padStart(2, "0");
        return `${minutes}:${seconds}`;
    }
}

export const interactionTimeline = {
    component: InteractionTimeline,
};

registry.category("view_widgets").add("crm_interaction_timeline", interactionTimeline);
