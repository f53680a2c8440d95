from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.crm_cid.tools import jalali

from ..tools.ids import is_record_id

OPEN_STATES = ("sent", "seen")
# who may refer a letter of each confidentiality level (read it and refer it)
REFER_GROUPS = {
    "normal": "secretariat.group_secretariat_clerk",
    "confidential": "secretariat.group_secretariat_confidential",
    "secret": "secretariat.group_secretariat_manager",
}
# fields that decide who reads the letter: set once, when the referral is made
FIXED_FIELDS = ("letter_id", "user_id", "referrer_id", "parent_id", "activity_id")


class SecretariatLetterReferral(models.Model):
    """A letter referred (erja') to a colleague, with an instruction and a deadline."""

    _name = "secretariat.letter.referral"
    _description = "Letter referral"
    _order = "create_date desc, id desc"
    _rec_name = "letter_id"

    letter_id = fields.Many2one(
        "secretariat.letter", string="Letter", required=True, index=True, ondelete="cascade"
    )
    indicator_number = fields.Char(related="letter_id.indicator_number")
    subject = fields.Char(related="letter_id.subject")
    confidentiality = fields.Selection(related="letter_id.confidentiality")
    urgency = fields.Selection(related="letter_id.urgency")
    company_id = fields.Many2one(related="letter_id.company_id", store=True, index=True)
    referrer_id = fields.Many2one(
        "res.users",
        string="Referred by",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
    user_id = fields.Many2one("res.users", string="Recipient", required=True, index=True)
    instruction = fields.Text()
    deadline = fields.Date(index=True)
    deadline_jalali = fields.Char(string="Deadline (Jalali)", compute="_compute_deadline_jalali")
    state = fields.Selection(
        selection=[
            ("sent", "Sent"),
            ("seen", "Seen"),
            ("answered", "Answered"),
            ("forwarded", "Forwarded"),
        ],
        required=True,
        default="sent",
        index=True,
        readonly=True,
    )
    reply = fields.Text()
    answered_at = fields.Datetime(readonly=True)
    parent_id = fields.Many2one(
        "secretariat.letter.referral", string="Forwarded from", readonly=True, index=True
    )
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    escalated_at = fields.Datetime(readonly=True, copy=False)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )

    @api.depends("deadline")
    @api.depends_context("lang")
    def _compute_deadline_jalali(self):
        for referral in self:
            referral.deadline_jalali = jalali.format_date(referral.deadline, lang=self.env.lang)

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for referral in self:
            referral.is_overdue = bool(
                referral.deadline and referral.deadline < today and referral.state in OPEN_STATES
            )

    def _search_is_overdue(self, operator, value):
        if operator != "in":
            return NotImplemented
        overdue = Domain("deadline", "<", fields.Date.context_today(self)) & Domain(
            "state", "in", OPEN_STATES
        )
        if True in value and False in value:
            return Domain.TRUE
        return overdue if True in value else ~overdue

    @api.model_create_multi
    def create(self, vals_list):
        self._check_create_allowed(vals_list)
        referrals = super().create(vals_list)
        referrals._schedule_activities()
        return referrals

    def write(self, vals):
        if not self.env.su:
            fixed = [name for name in FIXED_FIELDS if name in vals]
            changed = [
                name
                for name in fixed
                for referral in self
                if referral[name].id != (vals[name] or False)
            ]
            if changed:
                raise AccessError(
                    self.env._(
                        "A referral's letter, recipient, referrer and origin never change: "
                        "refer or forward the letter again instead."
                    )
                )
        return super().write(vals)

    def _check_create_allowed(self, vals_list):
        """Refuse referrals the user may not make, before anything is written.

        A referral opens its letter to the recipient, so it is made only by
        someone cleared for the letter's level (a clerk for normal letters, an
        officer for confidential ones, a secretariat manager for secret ones)
        who may read it, or by the recipient of an open referral of the same
        letter who forwards it. Values given as context defaults count too.
        """
        if self.env.su:
            return
        user = self.env.user
        context = self.env.context
        for vals in vals_list:

            def given(name, vals=vals):
                return vals[name] if name in vals else context.get(f"default_{name}")

            referrer_id = given("referrer_id")
            if referrer_id and referrer_id != user.id:
                raise AccessError(self.env._("You may only refer letters in your own name."))
            letter = self.env["secretariat.letter"].browse(given("letter_id") or [])
            if len(letter) != 1 or not letter.sudo().exists():
                raise UserError(self.env._("Choose the letter to refer."))
            parent = self.browse(given("parent_id") or [])
            if parent:
                # forwarding: the user holds an open referral of this very letter
                # (checked as superuser: the user may not read the letter)
                parent = parent.sudo()
                if (
                    len(parent) != 1
                    or not parent.exists()
                    or parent.letter_id != letter.sudo()
                    or parent.state not in OPEN_STATES
                    or (
                        parent.user_id != user
                        and not user.has_group("secretariat.group_secretariat_manager")
                    )
                ):
                    raise AccessError(
                        self.env._("You may only forward an open referral addressed to you.")
                    )
                continue
            # the level is read as superuser only to compare it with the
            # user's clearance; the letter itself must be readable by them
            level = letter.sudo().confidentiality
            if not user.has_group(REFER_GROUPS.get(level, REFER_GROUPS["secret"])):
                raise AccessError(
                    self.env._(
                        "You may not refer this letter: its confidentiality level needs a "
                        "clearance you do not have. Forward a referral you received instead."
                    )
                )
            letter.check_access("read")

    def _schedule_activities(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("secretariat.letter")
        # bookkeeping of referrals created under the caller's rights: recipients
        # get their to-do even when the referrer may not write on the letter
        activities = (
            self.env["mail.activity"]
            .sudo()
            .create(
                [
                    {
                        "activity_type_id": todo.id,
                        "res_model_id": model_id,
                        "res_id": referral.letter_id.id,
                        "user_id": referral.user_id.id,
                        "summary": self.env._("Referral: %(subject)s", subject=referral.subject),
                        "note": referral.instruction or False,
                        "date_deadline": referral.deadline or fields.Date.context_today(self),
                    }
                    for referral in self
                ]
            )
        )
        for referral, activity in zip(self, activities, strict=True):
            # the to-do of the referral just created (the field is fixed for users)
            referral.sudo().activity_id = activity

    def _check_recipient(self):
        others = self.filtered(lambda referral: referral.user_id != self.env.user)
        if others and not self.env.user.has_group("secretariat.group_secretariat_manager"):
            raise UserError(
                self.env._("Only the recipient of a referral can answer or forward it.")
            )
        closed = self.filtered(lambda referral: referral.state not in OPEN_STATES)
        if closed:
            raise UserError(self.env._("This referral was already answered or forwarded."))

    def _close_activities(self, feedback):
        # the recipient closes their own to-do, which they may not be allowed to
        # edit on a letter they can only read
        self.activity_id.sudo().action_feedback(feedback=feedback)

    def action_mark_seen(self):
        """The recipient read the referral."""
        self.filtered(
            lambda referral: referral.state == "sent" and referral.user_id == self.env.user
        ).write({"state": "seen"})
        return True

    def action_answer(self):
        self.ensure_one()
        return self.answer(self.reply)

    def answer(self, reply):
        """Answer referrals (their recipient only).

        :param str reply: the answer, required
        :return: True
        """
        if not reply or not isinstance(reply, str) or not reply.strip():
            raise UserError(self.env._("Write the answer to the referral."))
        self._check_recipient()
        self.write({"state": "answered", "reply": reply, "answered_at": fields.Datetime.now()})
        self._close_activities(reply)
        for referral in self:
            referral.letter_id.message_post(
                body=self.env._(
                    "Referral to %(user)s answered: %(reply)s",
                    user=referral.user_id.name,
                    reply=reply,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def forward(self, user_ids, instruction=None, deadline=None):
        """Forward referrals to other colleagues (their recipient only).

        :return: ids of the new referrals
        """
        if not user_ids or not isinstance(user_ids, (list, tuple)):
            raise UserError(self.env._("Choose at least one recipient for the referral."))
        if not all(is_record_id(user_id) for user_id in user_ids):
            raise UserError(self.env._("Some recipients of the referral do not exist."))
        self.env["secretariat.letter"]._secretariat_check_referral_args(instruction, deadline)
        self._check_recipient()
        users = self.env["res.users"].browse(user_ids).exists()
        new = self.create(
            [
                {
                    "letter_id": referral.letter_id.id,
                    "user_id": user.id,
                    "parent_id": referral.id,
                    "instruction": instruction or referral.instruction,
                    "deadline": deadline or referral.deadline,
                }
                for referral in self
                for user in users
            ]
        )
        self.write({"state": "forwarded", "answered_at": fields.Datetime.now()})
        self._close_activities(self.env._("Forwarded"))
        return new.ids

    def _get_escalation_targets(self):
        """Who hears of each overdue referral: ``{referral: user}``.

        Here the letter's secretariat manager or, without one, the referrer;
        an extension may look up the referrer's own manager instead.
        """
        return {
            referral: referral.letter_id.secretariat_id.manager_id or referral.referrer_id
            for referral in self
        }

    @api.model
    def _cron_escalate_overdue(self):
        """Tell a manager about overdue referrals, once each.

        The manager chosen by ``_get_escalation_targets`` gets a to-do on the
        letter and the letter's history records the escalation.
        """
        overdue = self.search(Domain("is_overdue", "=", True) & Domain("escalated_at", "=", False))
        if not overdue:
            return overdue
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("secretariat.letter")
        today = fields.Date.context_today(self)
        targets = overdue._get_escalation_targets()
        vals_list = []
        for referral in overdue:
            target = targets[referral]
            vals_list.append(
                {
                    "activity_type_id": todo.id,
                    "res_model_id": model_id,
                    "res_id": referral.letter_id.id,
                    "user_id": target.id,
                    "summary": self.env._(
                        "Overdue referral to %(user)s", user=referral.user_id.name
                    ),
                    "note": referral.instruction or False,
                    "date_deadline": today,
                }
            )
        # a scheduled job: it sees every referral and writes bookkeeping only
        self.env["mail.activity"].sudo().create(vals_list)
        overdue.write({"escalated_at": fields.Datetime.now()})
        for referral in overdue:
            referral.letter_id.message_post(
                body=self.env._(
                    "Referral to %(user)s is overdue since %(date)s: escalated.",
                    user=referral.user_id.name,
                    date=referral.deadline_jalali,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return overdue
