"""Customer numbers on contacts: the fields, their computes and the ORM overrides.

The other concerns of ``res.partner`` in this addon live in their own files:
``res_partner_search`` (finding contacts by any key), ``res_partner_resolve``
(the resolution API), ``res_partner_find_or_create`` (creation under advisory
locks) and ``res_partner_keys`` (keys added by hand and synchronised from the
contact's fields).
"""

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools.digits import digits_only
from ..tools.keys import KEY_UNIQUE_CONSTRAINTS
from ..tools.locks import CID_LOCK_NAMESPACE
from ..tools.names import fold_name
from ..tools.national_id import (
    LEGAL_ID_LENGTH,
    NationalIdError,
    normalize_legal_id,
    normalize_national_id,
)

# Former homes of shared constants, kept for the addons that import them from
# here: tools.locks.CID_LOCK_NAMESPACE and tools.keys.KEY_UNIQUE_CONSTRAINTS.
_LOCK_NAMESPACE = CID_LOCK_NAMESPACE
_KEY_UNIQUE_CONSTRAINTS = KEY_UNIQUE_CONSTRAINTS
# Fields that drive the synchronised keys.
_CID_SYNC_FIELDS = frozenset({"mobile", "phone", "email", "national_id", "active", "cid_own"})


class ResPartner(models.Model):
    _inherit = "res.partner"

    cid_own = fields.Char(
        string="Own CID",
        readonly=True,
        copy=False,
        help="Customer number given to this contact when it became a company or an "
        "individual without a company. It never changes and is never given again.",
    )
    cid = fields.Char(
        string="CID",
        compute="_compute_cid",
        store=True,
        index=True,
        readonly=True,
        help="Customer number. Contacts of a company carry their company's number.",
    )
    mobile = fields.Char(tracking=True)
    national_id = fields.Char(
        string="National ID",
        copy=False,
        groups="crm_cid.group_cid_sensitive",
        help="National code of a person (10 digits) or national ID of a legal entity "
        "(11 digits). Checked against its check digit.",
    )
    cid_key_ids = fields.One2many("crm.cid.key", "partner_id", string="Identity keys")
    cid_key_count = fields.Integer(string="Key count", compute="_compute_cid_key_count")
    cid_name_folded = fields.Char(
        string="Folded name",
        compute="_compute_cid_name_folded",
        store=True,
        index="trigram",
        help="The name with Arabic and Persian letter variants, ZWNJ and diacritics "
        "folded, for searching.",
    )
    cid_search = fields.Char(
        string="Customer key",
        store=False,
        search="_search_cid_search",
        help="Any identity key (mobile, e-mail, national ID, CID...) in any format, or a name.",
    )
    cid_is_customer = fields.Boolean(string="Is a customer", compute="_compute_cid_roles")
    cid_is_vendor = fields.Boolean(string="Is a vendor", compute="_compute_cid_roles")
    cid_is_employee = fields.Boolean(string="Is an employee", compute="_compute_cid_roles")
    cid_is_user = fields.Boolean(string="Is a user", compute="_compute_cid_roles")

    _cid_own_uniq = models.UniqueIndex(
        "(cid_own) WHERE cid_own IS NOT NULL", "This customer number is already used."
    )

    @api.depends("commercial_partner_id.cid_own")
    def _compute_cid(self):
        for partner in self:
            partner.cid = partner.commercial_partner_id.cid_own or partner.cid_own or False

    def _compute_cid_key_count(self):
        counts = dict(
            self.env["crm.cid.key"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.cid_key_count = counts.get(partner, 0)

    @api.depends("complete_name")
    def _compute_cid_name_folded(self):
        for partner in self:
            partner.cid_name_folded = fold_name(partner.complete_name) or False

    def _search_cid_search(self, operator, value):
        if operator not in ("in", "ilike", "like", "=", "=ilike"):
            return NotImplemented
        values = value if operator == "in" else [value]
        return Domain.OR(
            self._search_display_name("ilike", term)
            for term in values
            if isinstance(term, str) and term.strip()
        )

    def _compute_cid_roles(self):
        # crm_cid depends on base only; the ranks and employees exist when the
        # modules adding them (account, hr) are installed
        has_customer_rank = "customer_rank" in self._fields
        has_supplier_rank = "supplier_rank" in self._fields
        has_employees = "employee_ids" in self._fields
        for partner in self:
            commercial = partner.commercial_partner_id
            partner.cid_is_customer = has_customer_rank and bool(commercial.customer_rank)
            partner.cid_is_vendor = has_supplier_rank and bool(commercial.supplier_rank)
            # role badges only test existence; employees and users are not
            # readable by every contact manager
            partner.cid_is_employee = has_employees and bool(partner.sudo().employee_ids)
            partner.cid_is_user = any(not user.share for user in partner.sudo().user_ids)

    @api.onchange("mobile", "country_id", "company_id")
    def _onchange_mobile_validation(self):
        if self.mobile:
            self.mobile = (
                self._phone_format(fname="mobile", force_format="INTERNATIONAL") or self.mobile
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._cid_prepare_values(vals, creating=True)
        # new commercial partners get their number in the INSERT itself: one
        # sequence query for the batch instead of one write per partner
        new_customers = [
            vals
            for vals in vals_list
            if not vals.get("cid_own") and (vals.get("is_company") or not vals.get("parent_id"))
        ]
        for vals, number in zip(
            new_customers, self._cid_next_numbers(len(new_customers)), strict=True
        ):
            vals["cid_own"] = number
        partners = super().create(vals_list)
        partners._cid_assign()
        partners._cid_sync_keys(new=True)
        return partners

    def write(self, vals):
        self._cid_prepare_values(vals, creating=False)
        if "cid_own" in vals and all(p.cid_own == vals["cid_own"] for p in self):
            # writing back the number a contact already has (the standard merge
            # wizard copies every field of the kept contact onto itself)
            vals = dict(vals)
            del vals["cid_own"]
        if "cid_own" in vals:
            if not self.env.su:
                raise UserError(
                    self.env._("Customer numbers are assigned automatically and cannot be edited.")
                )
            assigned = self.filtered(lambda p: p.cid_own and p.cid_own != vals["cid_own"])
            if assigned:
                raise UserError(
                    self.env._(
                        "The customer number %(cid)s cannot be changed: customer numbers "
                        "are assigned once and kept for good.",
                        cid=assigned[0].cid_own,
                    )
                )
        result = super().write(vals)
        commercial_changed = {"parent_id", "is_company"} & vals.keys()
        if commercial_changed:
            self._cid_assign()
        if "active" in vals:
            self._cid_set_keys_active(vals["active"])
        if (commercial_changed or _CID_SYNC_FIELDS & vals.keys()) and not self.env.context.get(
            "crm_cid_skip_sync"
        ):
            self._cid_sync_keys()
        if commercial_changed:
            # the keys follow the new commercial entity through a related field;
            # say which customer already owns a value before the database does
            keys = (self | self.child_ids).sudo().cid_key_ids
            conflicts = keys._cid_get_conflicts()
            # a mobile or e-mail copied from the contact's own field is kept
            # archived and flagged, as when it is first typed (see
            # _cid_drop_conflicts); keys added on purpose still refuse
            synced = keys.browse(
                key.id
                for key, _other in conflicts
                if key.source == "partner" and key.uniqueness == "commercial"
            )
            synced.write({"active": False, "is_conflict": True})
            conflicts = [(key, other) for key, other in conflicts if key not in synced]
            if conflicts:
                key, other = conflicts[0]
                raise ValidationError(key._cid_conflict_message(other))
        return result

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            # a copy made as its own customer must not take the mobile and
            # e-mail that identify the original (one commercial entity each)
            if not vals.get("parent_id"):
                for field_name in ("mobile", "email"):
                    if not (default or {}).get(field_name):
                        vals.pop(field_name, None)
        return vals_list

    @api.model
    def _cid_national_id_message(self, error, key_type=None):
        """Return the translated message explaining why a national ID is invalid.

        :param NationalIdError error: the error raised by the normalisation tools
        :param key_type: the ``crm.cid.key.type`` concerned, for its label
        """
        label = key_type.name if key_type else self.env._("national ID")
        value = error.value
        if error.reason == "length":
            return self.env._(
                "%(value)s is not a valid %(type)s: a national code has 10 digits and the "
                "national ID of a legal entity 11.",
                value=value,
                type=label,
            )
        if error.reason == "all_same":
            return self.env._(
                "%(value)s is not a valid %(type)s: a number made of one repeated digit is "
                "not a real code.",
                value=value,
                type=label,
            )
        if error.reason == "checksum":
            return self.env._(
                "%(value)s is not a valid %(type)s: its check digit does not match. Check "
                "the number for typing errors.",
                value=value,
                type=label,
            )
        return self.env._(
            "%(value)s is not a valid %(type)s: only digits, spaces and dashes are allowed.",
            value=value,
            type=label,
        )

    @api.model
    def _cid_prepare_values(self, vals, creating):
        """Normalise the national ID and guard the CID in create/write values."""
        if creating and not self.env.su:
            # customer numbers come from the sequence; only data migrations
            # running as superuser may bring their own
            vals.pop("cid_own", None)
        raw = vals.get("national_id")
        if raw:
            try:
                # 11 digits is a legal entity's national ID, anything else is
                # checked as a person's national code
                vals["national_id"] = (
                    normalize_legal_id(raw)
                    if len(digits_only(raw)) == LEGAL_ID_LENGTH
                    else normalize_national_id(raw)
                )
            except NationalIdError as error:
                raise ValidationError(self._cid_national_id_message(error)) from error

    def _cid_assign(self):
        """Give a customer number to the commercial partners of ``self`` that have none."""
        todo = self.filtered(lambda p: not p.cid_own and p.commercial_partner_id == p)
        if not todo:
            return
        # the assignment is a system operation: the caller's right to create
        # or edit the partners was already checked; the callers synchronise
        # the keys (the CID key among them) once for the whole batch
        todo = todo.sudo().with_context(crm_cid_skip_sync=True)
        for partner, number in zip(todo, self._cid_next_numbers(len(todo)), strict=True):
            partner.cid_own = number

    @api.model
    def _cid_next_numbers(self, count):
        """Draw ``count`` customer numbers from the CID sequence.

        A standard sequence gives them in one query; another implementation
        (no gap, date ranges) is asked once per number.

        :param int count: how many numbers
        :return: list of formatted numbers (``C0000123``), in sequence order
        """
        if count <= 0:
            return []
        static = self._cid_number_format(self.env.company.id)
        if static:
            # a standard sequence whose prefix and suffix hold no date: its
            # configuration is known without reading it
            sequence_id, padding, prefix, suffix = static
            rows = self.env.execute_query(
                SQL(
                    "SELECT nextval(%s) FROM generate_series(1, %s)",
                    f"ir_sequence_{sequence_id:03d}",
                    count,
                )
            )
            return [f"{prefix}{number:0{padding}d}{suffix}" for (number,) in rows]
        # drawing numbers is a system operation; callers checked the rights to
        # create or edit the partners that receive them
        sequences = (
            self.env["ir.sequence"]
            .sudo()
            .search_fetch(
                [
                    ("code", "=", "res.partner.cid"),
                    ("company_id", "in", [self.env.company.id, False]),
                ],
                ["company_id", "implementation", "use_date_range", "padding", "prefix", "suffix"],
                order="id",
            )
        )
        # the company's own sequence before the shared one, in one query
        sequence = sequences.sorted(lambda s: not s.company_id)[:1]
        if not sequence:
            raise UserError(
                self.env._("The customer number sequence (code res.partner.cid) is missing.")
            )
        if sequence.implementation != "standard" or sequence.use_date_range:
            return [sequence._next() for _i in range(count)]
        rows = self.env.execute_query(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"ir_sequence_{sequence.id:03d}",
                count,
            )
        )
        # prefix and suffix interpolated once for the batch, as get_next_char
        # would for each number
        prefix, suffix = sequence._get_prefix_suffix()
        return [f"{prefix}{number:0{sequence.padding}d}{suffix}" for (number,) in rows]

    @api.model
    @tools.ormcache("company_id")
    def _cid_number_format(self, company_id):
        """Return ``(sequence id, padding, prefix, suffix)`` of the company's
        CID sequence when it is a standard one with a fixed prefix and suffix
        (no date in them), else None (the numbers are then drawn through the
        sequence record).

        Cached until a CID sequence changes (``ir.sequence`` clears it).
        Read as superuser, like the numbers themselves.
        """
        sequences = (
            self.env["ir.sequence"]
            .sudo()
            .with_context(active_test=True)
            .search_fetch(
                [("code", "=", "res.partner.cid"), ("company_id", "in", [company_id, False])],
                ["company_id", "implementation", "use_date_range", "padding", "prefix", "suffix"],
                order="id",
            )
        )
        sequence = sequences.sorted(lambda s: not s.company_id)[:1]
        if (
            not sequence
            or sequence.implementation != "standard"
            or sequence.use_date_range
            or "%" in (sequence.prefix or "")
            or "%" in (sequence.suffix or "")
        ):
            return None
        return (sequence.id, sequence.padding, sequence.prefix or "", sequence.suffix or "")
