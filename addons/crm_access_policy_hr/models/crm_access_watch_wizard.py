from odoo import fields, models


class CrmAccessWatchWizard(models.TransientModel):
    _inherit = "crm.access.watch.wizard"

    department_ids = fields.Many2many(
        "hr.department",
        string="Departments",
        help="The users of the employees of these departments (sub-departments included) "
        "are switched too.",
    )

    def _crm_access_target_users(self):
        users = super()._crm_access_target_users()
        if not self.department_ids:
            return users
        # the wizard is for user administrators, who may not read employees;
        # only the users linked to the departments' employees are taken
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search([("department_id", "child_of", self.department_ids.ids)])
        )
        return users | employees.user_id.filtered(lambda user: not user.share).sudo(False)
