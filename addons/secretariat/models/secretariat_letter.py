from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain

from odoo.addons.crm_cid.tools import jalali

from ..tools.ids import is_record_id
from ..tools.numbering import render

KINDS = [("incoming", "Incoming"), ("outgoing", "Outgoing"), ("internal", "Internal")]
CONFIDENTIALITY = [("normal", "Normal"), ("confidential", "Confidential"), ("secret", "Secret")]
# the numbering and its registration are system fields: only action_register writes them
NUMBER_FIELDS = ("indicator_number", "sequence_number", "number_year", "registered_at")
LOCKED_WHEN_REGISTERED = ("kind", "secretariat_id", "series_id")
# the group that may handle each confidentiality level (normal: every clerk)
LEVEL_GROUPS = {
    "confidential": "secretariat.group_secretariat_confidential",
    "secret": "secretariat.group_secretariat_manager",
}
# keywords understood by the search on jalali_period, besides "1404" and "1404/05"
PERIOD_KEYWORDS = ("this_month", "last_month", "this_year", "last_year")


class SecretariatLetter(models.Model):
    _name = "secretariat.letter"
    _description = "Letter"
    _inherit = ("mail.thread", "mail.activity.mixin", "crm.cid.fold.mixin")
    _cid_fold_fields = ("subject",)
    _order = "registered_at desc nulls first, id desc"
    _parent_name = "parent_id"
    _check_company_auto = True

    def _default_secretariat_id(self):
        return self.env["secretariat.secretariat"].search(
            [("company_id", "in", self.env.companies.ids)], limit=1
        )

    kind = fields.Selection(selection=KINDS, required=True, default="incoming", tracking=True)
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("registered", "Registered"),
            ("referred", "Referred"),
            ("done", "Done"),
            ("archived", "Archived"),
            ("cancelled", "Void"),
        ],
        required=True,
        default="draft",
        index=True,
        tracking=True,
        copy=False,
    )
    secretariat_id = fields.Many2one(
        "secretariat.secretariat",
        required=True,
        index=True,
        default=_default_secretariat_id,
        check_company=True,
        tracking=True,
    )
    series_id = fields.Many2one(
        "secretariat.series",
        required=True,
        index=True,
        compute="_compute_series_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('secretariat_id', '=', secretariat_id), ('kind', 'in', [kind, False])]",
        check_company=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        related="secretariat_id.company_id", store=True, index=True, precompute=True
    )
    indicator_number = fields.Char(readonly=True, copy=False, index="trigram", tracking=True)
    sequence_number = fields.Integer(string="Counter", readonly=True, copy=False, aggregator=None)
    number_year = fields.Integer(
        string="Numbering year",
        readonly=True,
        copy=False,
        aggregator=None,
        help="Jalali year of the counter.",
    )
    registered_at = fields.Datetime(string="Registered on", readonly=True, copy=False)
    registered_by_id = fields.Many2one("res.users", string="Registered by", readonly=True)
    letter_date = fields.Date(
        string="Letter date", default=fields.Date.context_today, help="The date on the letter."
    )
    sender_number = fields.Char(
        string="Sender's number", help="The number the sender gave the letter."
    )
    sender_date = fields.Date(string="Sender's date")
    partner_id = fields.Many2one(
        "res.partner",
        string="Correspondent",
        index=True,
        tracking=True,
        help="Sender of an incoming letter, addressee of an outgoing one. "
        "Type a name, a mobile, a national ID or a customer number.",
    )
    cid = fields.Char(related="partner_id.cid", string="CID")
    internal_user_id = fields.Many2one(
        "res.users",
        string="Internal correspondent",
        help="The colleague who wrote or receives an internal letter.",
    )
    subject = fields.Char(required=True, tracking=True)
    summary = fields.Text()
    template_id = fields.Many2one(
        "secretariat.letter.template",
        string="Template",
        domain="[('kind', '=', kind)]",
        check_company=True,
    )
    body = fields.Html(compute="_compute_body", store=True, readonly=False, precompute=True)
    confidentiality = fields.Selection(
        selection=CONFIDENTIALITY, required=True, default="normal", index=True, tracking=True
    )
    urgency = fields.Selection(
        selection=[("normal", "Normal"), ("urgent", "Urgent"), ("immediate", "Immediate")],
        required=True,
        default="normal",
    )
    archive_code = fields.Char(
        string="Archive classification", help="Filing code of the archive (e.g. 12-4-3)."
    )
    cancel_reason = fields.Char(readonly=True, copy=False)
    is_void = fields.Boolean(
        string="Void", compute="_compute_is_void", store=True, help="Cancelled: the number stays."
    )
    parent_id = fields.Many2one(
        "secretariat.letter",
        string="Related to",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
    )
    relation_type = fields.Selection(
        selection=[
            ("reply", "Reply to"),
            ("follow_up", "Follow-up of"),
            ("enclosure", "Enclosure of"),
        ],
        string="Relation",
    )
    child_ids = fields.One2many("secretariat.letter", "parent_id", string="Related letters")
    thread_ids = fields.Many2many(
        "secretariat.letter", compute="_compute_thread_ids", string="Thread"
    )
    referral_ids = fields.One2many("secretariat.letter.referral", "letter_id", string="Referrals")
    referral_count = fields.Integer(compute="_compute_referral_count")
    link_ids = fields.One2many("secretariat.letter.link", "letter_id", string="Related documents")
    attachment_count = fields.Integer(compute="_compute_attachment_count", string="Attachments")
    # Jalali renderings, in the secretariat's time zone, in the reader's digits
    registered_at_jalali = fields.Char(
        string="Registered on (Jalali)", compute="_compute_jalali_text"
    )
    letter_date_jalali = fields.Char(string="Letter date (Jalali)", compute="_compute_jalali_text")
    sender_date_jalali = fields.Char(
        string="Sender's date (Jalali)", compute="_compute_jalali_text"
    )
    jalali_year = fields.Integer(
        compute="_compute_jalali",
        store=True,
        index=True,
        aggregator=None,
        help="Of the registration, or of the letter's date while it is a draft.",
    )
    jalali_month = fields.Selection(
        selection=[(str(month), name) for month, name in enumerate(jalali.MONTH_NAMES, 1)],
        compute="_compute_jalali",
        store=True,
    )
    jalali_period = fields.Char(
        string="Jalali period",
        compute="_compute_jalali_period",
        search="_search_jalali_period",
        help="Search with 1404, 1404/05 (Persian digits too).",
    )

    _number_uniq = models.UniqueIndex(
        "(series_id, number_year, sequence_number) WHERE sequence_number IS NOT NULL",
        "This indicator counter was already given in this series and year.",
    )
    _indicator_uniq = models.UniqueIndex(
        "(secretariat_id, indicator_number) WHERE indicator_number IS NOT NULL",
        "This indicator number already exists in this secretariat.",
    )
    _numbered_when_registered = models.Constraint(
        "CHECK(state = 'draft' OR indicator_number IS NOT NULL OR state = 'cancelled')",
        "A registered letter has an indicator number.",
    )
    _draft_unnumbered = models.Constraint(
        "CHECK(state != 'draft' OR indicator_number IS NULL)",
        "A draft letter has no indicator number.",
    )

    @api.depends("secretariat_id", "kind")
    def _compute_series_id(self):
        series = self.env["secretariat.series"].search(
            [("secretariat_id", "in", self.secretariat_id.ids)]
        )
        for letter in self:
            if letter.indicator_number:
                continue
            current = letter.series_id
            if (
                current
                and current.secretariat_id == letter.secretariat_id
                and current.kind in (letter.kind, False)
            ):
                continue
            candidates = series.filtered(
                lambda s, letter=letter: (
                    s.secretariat_id == letter.secretariat_id and s.kind in (letter.kind, False)
                )
            )
            # a series for this very kind first, then one for every kind
            letter.series_id = candidates.sorted(lambda s: (not s.kind, s.sequence, s.id))[:1]

    @api.depends("template_id")
    def _compute_body(self):
        for letter in self:
            if letter.template_id:
                letter.body = letter.template_id._render_body(letter)
            elif not letter.body:
                letter.body = False

    @api.depends("state")
    def _compute_is_void(self):
        for letter in self:
            letter.is_void = letter.state == "cancelled"

    def _compute_thread_ids(self):
        roots = self.browse()
        for letter in self:
            root = letter
            while root.parent_id:
                root = root.parent_id
            roots |= root
        members = self.search([("id", "child_of", roots.ids)]) if roots else self.browse()
        for letter in self:
            root = letter
            while root.parent_id:
                root = root.parent_id
            thread = members.filtered(lambda m, root=root: m.id in root._thread_member_ids())
            letter.thread_ids = thread - letter

    def _thread_member_ids(self):
        """Ids of this letter and all the letters below it (loaded records only)."""
        ids, todo = set(), self
        while todo:
            ids.update(todo.ids)
            todo = todo.child_ids.filtered(lambda c: c.id not in ids)
        return ids

    def _compute_referral_count(self):
        counts = dict(
            self.env["secretariat.letter.referral"]._read_group(
                [("letter_id", "in", self.ids)], ["letter_id"], ["__count"]
            )
        )
        for letter in self:
            letter.referral_count = counts.get(letter, 0)

    def _compute_attachment_count(self):
        counts = dict(
            self.env["ir.attachment"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for letter in self:
            letter.attachment_count = counts.get(letter.id, 0)

    @api.depends("registered_at", "letter_date", "sender_date", "secretariat_id.tz")
    @api.depends_context("lang")
    def _compute_jalali_text(self):
        lang = self.env.lang
        for letter in self:
            tz = letter.secretariat_id.tz
            letter.registered_at_jalali = jalali.format_datetime(letter.registered_at, lang, tz)
            letter.letter_date_jalali = jalali.format_date(letter.letter_date, lang=lang)
            letter.sender_date_jalali = jalali.format_date(letter.sender_date, lang=lang)

    @api.depends("registered_at", "letter_date", "secretariat_id.tz")
    def _compute_jalali(self):
        for letter in self:
            tz = letter.secretariat_id.tz
            year, month = jalali.year_month(letter.registered_at or letter.letter_date, tz)
            letter.jalali_year = year
            letter.jalali_month = str(month) if month else False

    @api.depends("jalali_year", "jalali_month")
    def _compute_jalali_period(self):
        for letter in self:
            letter.jalali_period = (
                f"{letter.jalali_year}/{int(letter.jalali_month):02d}"
                if letter.jalali_year and letter.jalali_month
                else False
            )

    def _search_jalali_period(self, operator, value):
        if operator not in ("in", "ilike", "="):
            return NotImplemented
        values = [value] if isinstance(value, str) else list(value)
        domain = Domain.FALSE
        for text in values:
            domain |= self._jalali_period_domain(text)
        return domain

    @api.model
    def _jalali_period_domain(self, text):
        """Letters registered (drafts: dated) in a Jalali year or month.

        :param str text: ``1404``, ``1404/05`` or one of ``PERIOD_KEYWORDS``
        :raises UserError: for any other text
        """
        today = jalali.today()
        if text in PERIOD_KEYWORDS:
            year = today.year - (text == "last_year")
            month = today.month if text.endswith("month") else None
            if text == "last_month":
                year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        else:
            try:
                year, month = jalali.parse_period(text)
            except ValueError:
                raise UserError(
                    self.env._(
                        "%(text)s is not a Jalali period: type a year such as 1404 or a "
                        "month such as 1404/05.",
                        text=text,
                    )
                ) from None
        start, end = jalali.month_bounds(year, month)
        utc_start, utc_end = jalali.utc_bounds(start, end)
        registered = Domain("registered_at", ">=", utc_start) & Domain(
            "registered_at", "<", utc_end
        )
        dated = (
            Domain("registered_at", "=", False)
            & Domain("letter_date", ">=", start)
            & Domain("letter_date", "<", end)
        )
        return registered | dated

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A letter cannot be related to itself."))

    @api.constrains("sender_date", "letter_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for letter in self:
            for date in (letter.sender_date, letter.letter_date):
                if date and date > today:
                    raise ValidationError(
                        self.env._(
                            "The date %(date)s of letter %(subject)s is in the future.",
                            date=jalali.format_date(date, lang=self.env.lang),
                            subject=letter.subject,
                        )
                    )

    @api.depends("indicator_number", "subject", "state", "confidentiality")
    @api.depends_context("uid")
    def _compute_display_name(self):
        # labels of many2one links are read as superuser (a timeline entry, a
        # referral): the subject of a classified letter shows only to the
        # people cleared for its level
        user = self.env.user
        cleared = {level: user.has_group(group) for level, group in LEVEL_GROUPS.items()}
        for letter in self:
            number = letter.indicator_number or self.env._("Draft")
            if cleared.get(letter.confidentiality, True):
                letter.display_name = f"{number} - {letter.subject or ''}"
            else:
                letter.display_name = self.env._("%(number)s (classified)", number=number)

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if self.template_id.subject and not self.subject:
            self.subject = self.template_id.subject

    @api.model_create_multi
    def create(self, vals_list):
        templates = self.env["secretariat.letter.template"].browse(
            [vals["template_id"] for vals in vals_list if vals.get("template_id")]
        )
        # letters created from a document's "Letters" button concern it (a
        # key of our own: a default_link_ids would reach other models' links)
        document = self.env.context.get("secretariat_link_document")
        for vals in vals_list:
            if document and "link_ids" not in vals:
                res_model, res_id = document
                vals["link_ids"] = [Command.create({"res_model": res_model, "res_id": res_id})]
            if vals.get("template_id") and not vals.get("subject"):
                vals["subject"] = templates.browse(vals["template_id"]).subject
            self._check_no_number_written(vals)
            self._check_level_allowed(vals.get("confidentiality"))
            if vals.get("state", "draft") != "draft":
                raise UserError(
                    self.env._(
                        "Create letters as drafts, then register them to give them a number."
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        self._check_no_number_written(vals)
        self._check_level_allowed(vals.get("confidentiality"))
        locked = [name for name in LOCKED_WHEN_REGISTERED if name in vals]
        if locked and not self.env.context.get("secretariat_registering"):
            numbered = self.filtered(
                lambda letter: (
                    letter.indicator_number
                    and any(
                        letter[name] != self._convert_for_compare(name, vals[name])
                        for name in locked
                    )
                )
            )
            if numbered:
                raise UserError(
                    self.env._(
                        "Letter %(number)s is registered: its kind, secretariat and series "
                        "can no longer change.",
                        number=numbered[0].indicator_number,
                    )
                )
        if "state" in vals and not self.env.context.get("secretariat_registering"):
            raise UserError(
                self.env._("Use the letter's buttons (register, done, cancel...) to change state.")
            )
        return super().write(vals)

    def _convert_for_compare(self, name, value):
        field = self._fields[name]
        if field.type == "many2one":
            return self.env[field.comodel_name].browse(value)
        return value

    @api.ondelete(at_uninstall=False)
    def _unlink_except_registered(self):
        numbered = self.filtered("indicator_number")
        if numbered:
            raise UserError(
                self.env._(
                    "Letter %(number)s is registered and cannot be deleted: cancel it, its "
                    "number stays in the register as void.",
                    number=numbered[0].indicator_number,
                )
            )

    def action_register(self):
        """Register draft letters: give each its indicator number.

        The number is unique and gapless per series and Jalali year of the
        registration (the secretariat's time zone decides the day). Letters
        are numbered in the order of their ids.

        :return: True
        :raises UserError: for a letter that is not a draft or misses data
        """
        self.check_access("write")
        not_draft = self.filtered(lambda letter: letter.state != "draft")
        if not_draft:
            raise UserError(
                self.env._(
                    "Letter %(name)s is already registered or cancelled.",
                    name=not_draft[0].display_name,
                )
            )
        for letter in self:
            letter._check_registrable()
        for letter in self.sorted("id"):
            letter._register_one()
        return True

    def _check_registrable(self):
        self.ensure_one()
        if self.kind in ("incoming", "outgoing") and not self.partner_id:
            raise UserError(
                self.env._(
                    "Letter %(subject)s needs a correspondent (sender or addressee) before "
                    "it is registered.",
                    subject=self.subject,
                )
            )
        if self.kind == "outgoing" and not self.body:
            raise UserError(
                self.env._(
                    "Outgoing letter %(subject)s has no text: write it or apply a template.",
                    subject=self.subject,
                )
            )
        if not self.series_id.active or self.series_id.secretariat_id != self.secretariat_id:
            raise UserError(
                self.env._(
                    "Choose an active series of secretariat %(secretariat)s for letter "
                    "%(subject)s.",
                    secretariat=self.secretariat_id.name,
                    subject=self.subject,
                )
            )

    def _register_one(self):
        """Take the next counter of the letter's series and write its number."""
        self.ensure_one()
        now = fields.Datetime.now()
        year, _month = jalali.year_month(now, self.secretariat_id.tz)
        series = self.series_id
        counter = self.env["secretariat.counter"]._take_next(series, year)
        number = render(
            series.number_format,
            jyear=year,
            kind=self.kind,
            seq=counter,
            padding=series.padding,
            branch=self.secretariat_id.code,
            series=series.code,
        )
        self.with_context(secretariat_registering=True).write(
            {
                "state": "registered",
                "registered_at": now,
                "registered_by_id": self.env.uid,
                "sequence_number": counter,
                "number_year": year,
                "indicator_number": number,
            }
        )

    def _check_level_allowed(self, level):
        """Refuse to classify a letter above the user's own clearance.

        Record rules check a letter before it is changed; this keeps a clerk
        from making a letter secret, which would hide it from themselves.
        """
        group = LEVEL_GROUPS.get(level)
        if group and not self.env.su and not self.env.user.has_group(group):
            labels = dict(self._fields["confidentiality"]._description_selection(self.env))
            raise AccessError(
                self.env._(
                    "You may not classify letters as %(level)s: ask a secretariat manager.",
                    level=labels[level],
                )
            )

    def _check_no_number_written(self, vals):
        if self.env.context.get("secretariat_registering"):
            return
        written = [name for name in NUMBER_FIELDS if vals.get(name)]
        if written:
            raise UserError(
                self.env._(
                    "Indicator numbers are given by the secretariat when a letter is "
                    "registered; they cannot be typed in."
                )
            )

    def _set_state(self, state, allowed_from, **extra):
        wrong = self.filtered(lambda letter: letter.state not in allowed_from)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Letter %(name)s is %(state)s: this step is not possible now.",
                    name=wrong[0].display_name,
                    state=labels[wrong[0].state],
                )
            )
        self.check_access("write")
        self.with_context(secretariat_registering=True).write(dict(state=state, **extra))
        return True

    def action_done(self):
        """Mark registered or referred letters as dealt with."""
        return self._set_state("done", ("registered", "referred"))

    def action_file(self):
        """Archive dealt-with letters; they need an archive classification code."""
        missing = self.filtered(lambda letter: not letter.archive_code)
        if missing:
            raise UserError(
                self.env._(
                    "Give letter %(name)s an archive classification before archiving it.",
                    name=missing[0].display_name,
                )
            )
        return self._set_state("archived", ("done",))

    def action_cancel(self, reason=None):
        """Cancel letters. A registered letter keeps its number, marked void.

        :param str reason: why (shown in the register)
        """
        if reason is not None and not isinstance(reason, str):
            raise UserError(self.env._("The reason must be a text."))
        extra = {"cancel_reason": reason} if reason else {}
        return self._set_state("cancelled", ("draft", "registered", "referred", "done"), **extra)

    def action_open_refer(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "secretariat.secretariat_letter_refer_action"
        )
        action["context"] = {"default_letter_ids": self.ids}
        return action

    def action_open_referrals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "secretariat.secretariat_letter_referral_action"
        )
        action["domain"] = [("letter_id", "=", self.id)]
        action["context"] = {"default_letter_id": self.id}
        return action

    def action_print(self):
        self.ensure_one()
        # data={} rather than None: XML-RPC cannot send None values
        return self.env.ref("secretariat.secretariat_letter_report").report_action(self, data={})

    def refer(self, user_ids, instruction=None, deadline=None):
        """Refer registered letters to colleagues (erja').

        Each recipient gets a referral with its own state and a to-do activity
        on the letter due at the deadline.

        :param list user_ids: ids of the recipients (``res.users``)
        :param str instruction: what to do
        :param str deadline: ``YYYY-MM-DD`` (Gregorian), optional
        :return: ids of the referrals created
        :raises UserError: for a draft or closed letter, or no recipient
        """
        if not user_ids or not isinstance(user_ids, (list, tuple)):
            raise UserError(self.env._("Choose at least one recipient for the referral."))
        if not all(is_record_id(user_id) for user_id in user_ids):
            raise UserError(self.env._("Some recipients of the referral do not exist."))
        self._secretariat_check_referral_args(instruction, deadline)
        users = self.env["res.users"].browse(user_ids).exists()
        if len(users) != len(set(user_ids)):
            raise UserError(self.env._("Some recipients of the referral do not exist."))
        wrong = self.filtered(lambda letter: letter.state not in ("registered", "referred"))
        if wrong:
            raise UserError(
                self.env._(
                    "Letter %(name)s must be registered, and not closed, to be referred.",
                    name=wrong[0].display_name,
                )
            )
        referrals = self.env["secretariat.letter.referral"].create(
            [
                {
                    "letter_id": letter.id,
                    "user_id": user.id,
                    "instruction": instruction or False,
                    "deadline": deadline or False,
                }
                for letter in self
                for user in users
            ]
        )
        self.filtered(lambda letter: letter.state == "registered")._set_state(
            "referred", ("registered",)
        )
        return referrals.ids

    @api.model
    def _secretariat_check_referral_args(self, instruction, deadline):
        """Refuse an instruction that is not text or a deadline that is not a date.

        :raises UserError: saying what to send instead
        """
        if instruction and not isinstance(instruction, str):
            raise UserError(self.env._("The instruction of a referral must be text."))
        if not deadline:
            return
        try:
            valid = isinstance(deadline, str) and bool(fields.Date.to_date(deadline))
        except ValueError:
            valid = False
        if not valid:
            raise UserError(
                self.env._("The deadline must be a date written YYYY-MM-DD, such as 2025-03-21.")
            )

    def link_documents(self, res_model, res_ids):
        """Link letters to documents (invoices, payments, orders, tickets...).

        :param str res_model: the documents' model, e.g. ``account.move``
        :param list res_ids: their ids; the caller must be able to read them
        :return: ids of the links (existing links are kept, not duplicated)
        """
        if (
            not isinstance(res_ids, (list, tuple))
            or not res_ids
            or not all(is_record_id(res_id) for res_id in res_ids)
        ):
            raise UserError(self.env._("Give the ids of the documents to link."))
        if not isinstance(res_model, str) or res_model not in self.env:
            raise UserError(
                self.env._("%(model)s is not a document model.", model=repr(res_model)[:100])
            )
        self.check_access("write")
        Link = self.env["secretariat.letter.link"]
        existing = Link.search(
            [
                ("letter_id", "in", self.ids),
                ("res_model", "=", res_model),
                ("res_id", "in", res_ids),
            ]
        )
        known = {(link.letter_id.id, link.res_id) for link in existing}
        new = Link.create(
            [
                {"letter_id": letter.id, "res_model": res_model, "res_id": res_id}
                for letter in self
                for res_id in dict.fromkeys(res_ids)
                if (letter.id, res_id) not in known
            ]
        )
        return (existing | new).ids

    @api.model
    @api.readonly
    def letters_of_document(self, res_model, res_id):
        """Ids of the letters (readable by the caller) that concern a document."""
        if not isinstance(res_model, str) or not is_record_id(res_id):
            raise UserError(self.env._("Give the model and the id of a document."))
        links = self.env["secretariat.letter.link"].search(
            [("res_model", "=", res_model), ("res_id", "=", res_id)]
        )
        return links.letter_id._filtered_access("read").ids

    @api.model
    def find_correspondent(self, keys, name=None):
        """The customer identified by some keys, for a letter's correspondent.

        :param dict keys: as for ``res.partner.cid_resolve`` (``cid``, ``mobile``,
            ``national_id``, ``email``...), in any format
        :param str name: when given and no customer matches, one is created
            with this name
        :return: the partner id
        :raises UserError: when the keys point at different customers or at
            nobody (and no name is given)
        """
        Partner = self.env["res.partner"]
        if name:
            return Partner.cid_find_or_create(keys, {"name": name})["partner_id"]
        result = Partner.cid_resolve(keys)
        if result["errors"]:
            raise UserError(Partner._cid_errors_message(result["errors"]))
        if result["conflict"]:
            raise UserError(Partner._cid_conflict_message(result))
        if not result["partner_id"]:
            raise UserError(self.env._("No customer has these keys."))
        return result["partner_id"]

    @api.model
    @api.readonly
    def read_register(
        self, jalali_year, jalali_month=None, kind=None, secretariat_id=None, series_id=None
    ):
        """The indicator register: registered letters of a Jalali year or month.

        Only the letters the caller may read are listed; void letters are
        listed too, with ``void`` true.

        :param int jalali_year: e.g. 1404
        :param int jalali_month: 1 to 12, optional
        :param str kind: ``incoming``, ``outgoing`` or ``internal``, optional
        :return: list of dicts in register order (``number``, ``kind``,
            ``subject``, ``registered_at`` (UTC), ``registered_at_jalali``,
            ``letter_date_jalali``, ``correspondent``, ``cid``, ``state``,
            ``void``, ``secretariat``, ``series``, ``id``)
        """
        if not isinstance(jalali_year, int) or (
            jalali_month is not None and jalali_month not in range(1, 13)
        ):
            raise UserError(self.env._("Give a Jalali year (1404) and optionally a month (1-12)."))
        if kind is not None and kind not in dict(KINDS):
            raise UserError(self.env._("The kind must be incoming, outgoing or internal."))
        period = f"{jalali_year}/{jalali_month}" if jalali_month else str(jalali_year)
        domain = self._jalali_period_domain(period) & Domain("indicator_number", "!=", False)
        if kind:
            domain &= Domain("kind", "=", kind)
        if secretariat_id:
            domain &= Domain("secretariat_id", "=", secretariat_id)
        if series_id:
            domain &= Domain("series_id", "=", series_id)
        letters = self.search(domain, order="registered_at, id")
        return [letter._register_line() for letter in letters]

    def _register_line(self):
        self.ensure_one()
        return {
            "id": self.id,
            "number": self.indicator_number,
            "kind": self.kind,
            "subject": self.subject,
            "registered_at": fields.Datetime.to_string(self.registered_at),
            "registered_at_jalali": self.registered_at_jalali,
            "letter_date_jalali": self.letter_date_jalali or False,
            "correspondent": self.partner_id.display_name or self.internal_user_id.name or False,
            "cid": self.cid or False,
            "state": self.state,
            "void": self.is_void,
            "secretariat": self.secretariat_id.name,
            "series": self.series_id.name,
        }

    def _register_order(self):
        """The numbered letters of ``self`` in register order."""
        return self.filtered("indicator_number").sorted(
            lambda letter: (
                letter.secretariat_id.id,
                letter.series_id.id,
                letter.number_year,
                letter.sequence_number,
            )
        )

    def _attachment_names(self):
        """Names of the files attached to the letter, for the printed note."""
        self.ensure_one()
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "=", self.id)], order="id"
        )
        return attachments.mapped("name")

    def _jalali_long(self, value):
        """``5 فروردین 1404`` for the printed letter."""
        return jalali.format_date_long(value, self.env.lang, self.secretariat_id.tz)
