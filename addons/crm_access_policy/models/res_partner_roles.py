from odoo import api, models

# Who may see a role of a person on the customer 360 (the role badges of the
# contact form and the caller card): the groups, any of which shows the role.
# Roles not listed (customer, user) are seen by whoever sees the contact.
ROLE_GROUPS = {
    "vendor": (
        "account.group_account_invoice",
        "account.group_account_readonly",
        "crm_access_policy.group_crm_accountant",
    ),
    "employee": ("hr.group_hr_user",),
}
ROLES = ("customer", "vendor", "employee", "user")


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _crm_access_visible_roles(self):
        """Return the set of roles (``ROLES``) the current user may see."""
        if self.env.su:
            return set(ROLES)
        groups = self.env.user.all_group_ids
        visible = set(ROLES) - set(ROLE_GROUPS)
        for role, xmlids in ROLE_GROUPS.items():
            # the groups of modules that are not installed give nobody the role
            allowed = [self.env.ref(xmlid, raise_if_not_found=False) for xmlid in xmlids]
            if any(group and group in groups for group in allowed):
                visible.add(role)
        return visible

    @api.depends_context("uid")
    def _compute_cid_roles(self):
        result = super()._compute_cid_roles()
        visible = self._crm_access_visible_roles()
        if "vendor" not in visible:
            self.cid_is_vendor = False
        if "employee" not in visible:
            self.cid_is_employee = False
        return result

    def _crm_access_roles(self):
        """Return the roles of this person the current user may see, as codes."""
        self.ensure_one()
        flags = {
            "customer": self.cid_is_customer,
            "vendor": self.cid_is_vendor,
            "employee": self.cid_is_employee,
            "user": self.cid_is_user,
        }
        return [role for role in ROLES if flags[role]]
