from odoo import fields, models


class SecretariatLetterReferral(models.Model):
    _inherit = "secretariat.letter.referral"

    department_id = fields.Many2one(
        "hr.department",
        string="Department",
        index="btree_not_null",
        readonly=True,
        help="The department the letter was referred to, through its manager.",
    )

    def _get_escalation_targets(self):
        """The referrer's manager in the org chart, when they have one.

        The manager is the user of the parent of the referrer's employee in
        the letter's company (or any company when there is none there);
        without one, the secretariat's manager as before.
        """
        targets = super()._get_escalation_targets()
        # the scheduled job reads the org chart, which its user may not see;
        # only the managers' users come out of it
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search([("user_id", "in", self.referrer_id.ids)], order="id")
        )
        by_user_company = {}
        for employee in employees:
            by_user_company.setdefault((employee.user_id, employee.company_id), employee)
            by_user_company.setdefault((employee.user_id, None), employee)
        for referral in self:
            referrer = referral.referrer_id
            employee = by_user_company.get((referrer, referral.company_id)) or by_user_company.get(
                (referrer, None)
            )
            manager = employee.parent_id.user_id if employee else None
            if manager and manager != referrer:
                targets[referral] = manager.sudo(False)
        return targets
