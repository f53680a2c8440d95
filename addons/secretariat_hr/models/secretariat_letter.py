from odoo import models
from odoo.exceptions import UserError

from odoo.addons.secretariat.tools.ids import is_record_id


class SecretariatLetter(models.Model):
    _inherit = "secretariat.letter"

    def refer_departments(self, department_ids, instruction=None, deadline=None):
        """Refer registered letters to departments (erja' to a unit).

        Each department's manager receives the referral, marked with the
        department, and shares the work out by forwarding it to members.

        :param list department_ids: ids of ``hr.department`` records
        :param str instruction: what to do
        :param str deadline: ``YYYY-MM-DD`` (Gregorian), optional
        :return: ids of the referrals created
        :raises UserError: when a department does not exist or its manager
            has no user to receive the referral
        """
        if not department_ids or not isinstance(department_ids, (list, tuple)):
            raise UserError(self.env._("Choose at least one department for the referral."))
        if not all(is_record_id(department_id) for department_id in department_ids):
            raise UserError(self.env._("Some departments of the referral do not exist."))
        departments = self.env["hr.department"].browse(department_ids).exists()
        if len(departments) != len(set(department_ids)):
            raise UserError(self.env._("Some departments of the referral do not exist."))
        headless = departments.filtered(lambda department: not department.manager_id.user_id)
        if headless:
            raise UserError(
                self.env._(
                    "Department %(department)s has no manager with a user account: give it "
                    "one, or refer the letter to a colleague.",
                    department=headless[0].display_name,
                )
            )
        # a manager of two departments gets one referral, for the first
        department_of = {}
        for department in departments:
            department_of.setdefault(department.manager_id.user_id, department)
        referrals = self.env["secretariat.letter.referral"].browse(
            self.refer(
                [user.id for user in department_of],
                instruction=instruction,
                deadline=deadline,
            )
        )
        for user, referrals_of_user in referrals.grouped("user_id").items():
            referrals_of_user.write({"department_id": department_of[user].id})
        return referrals.ids
