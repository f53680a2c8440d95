import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";
import { patch } from "@web/core/utils/patch";
import { session } from "@web/session";
import { PhoneField } from "@web/views/fields/phone/phone_field";

/** A "Dial" button beside phone numbers, for users with a PBX extension. */
patch(PhoneField.prototype, {
    setup() {
        super.setup(...arguments);
        this.notification = useService("notification");
        this.orm = useService("orm");
    },
    get crmCanDial() {
        return Boolean(session.crm_interaction_can_dial);
    },
    async onCrmDial() {
        const number = this.props.record.data[this.props.name];
        try {
            await this.orm.call("crm.interaction", "dial", [number]);
            this.notification.add(_t("Your phone rings first, then %s is called.", number), {
                type: "success",
            });
        } catch (error) {
            this.notification.add(error.data?.message || _t("The call could not be started."), {
                type: "danger",
            });
        }
    },
});
