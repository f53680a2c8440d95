import re
from contextlib import contextmanager
from datetime import date, datetime

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.orm.domains import DomainBool, DomainCondition, DomainNary, DomainNot
from odoo.tools import SQL, Query

from ..tools.mask import mask_email, mask_formatted_email, mask_national_id, mask_phone

# Partner fields whose reading counts as reading sensitive data.
SENSITIVE_FIELDS = frozenset({"national_id", "cid_key_ids", "comment"})
# Partner fields shown masked outside the portfolio, with their masking.
MASKED_FIELDS = {
    "phone": mask_phone,
    "mobile": mask_phone,
    "phone_sanitized": mask_phone,
    "email": mask_email,
    "email_normalized": mask_email,
    "email_formatted": mask_formatted_email,
    "national_id": mask_national_id,
}
# What a display name holds when it may carry a phone, an e-mail or an ID:
# a digit (of any script) or an "@"; a name without either holds none.
MAY_REVEAL = re.compile(r"[@\d]")
# Alias of the commercial entity in the SQL test of the values seen in full.
OWNER_ALIAS = "crm_access_owner"
# cursor cache key of what a read of contacts found about them (see _crm_access_read_facts)
_READ_FACTS = "crm_access_policy.read_facts"
# What decides the masking and the audit of a contact read: its entity, with
# the entity's CID, salesperson, portfolio team and colleague flag.
FACT_FIELDS = ("commercial_partner_id", "cid", "user_id", "portfolio_team_id")
FACT_FIELDS += ("crm_access_is_colleague",)
# Values a domain may hold for its SQL to be compiled once and kept: plain
# values, never a query or a record whose meaning is data read at the time.
_PLAIN_TYPES = (bool, int, float, str, date, datetime, type(None))
# Masked fields whose values other modules put into display names (an e-mail
# with the context key show_email, a phone...), longest values replaced first.
DISPLAY_NAME_FIELDS = (
    "phone",
    "mobile",
    "phone_sanitized",
    "email",
    "email_normalized",
    "national_id",
)


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ("res.partner", "crm.access.audited", "crm.access.masked")

    portfolio_team_id = fields.Many2one(
        "crm.team",
        string="Portfolio team",
        index="btree_not_null",
        tracking=True,
        help="The sales team whose members serve this customer. Agents see the "
        "customers of their teams and those they are salesperson of.",
    )
    crm_access_grantee_ids = fields.Many2many(
        "res.users",
        "crm_access_grantee_rel",
        "partner_id",
        "user_id",
        string="Temporary access",
        readonly=True,
        copy=False,
        help="Users holding a granted, unexpired temporary access to this customer "
        "(maintained by the access grants).",
    )
    crm_access_is_colleague = fields.Boolean(
        string="Colleague",
        compute="_compute_crm_access_is_colleague",
        store=True,
        help="The contact of an internal user, archived ones included (the bots too): "
        "its values are no customer data, never masked nor counted in the access log.",
    )

    @api.depends("user_ids.share")
    def _compute_crm_access_is_colleague(self):
        # stored, so that the masking and the audit of the contacts mail hands
        # out (authors, recipients, followers) tell colleagues from customers
        # with the contacts' own row, without reading their users each time;
        # archived users count (an ex-colleague's messages are no customer data)
        for partner in self.with_context(active_test=False):
            partner.crm_access_is_colleague = any(not user.share for user in partner.user_ids)

    def read(self, fields=None, load="_classic_read"):
        with self._crm_access_read_scope():
            return super().read(fields, load=load)

    def fetch(self, field_names=None):
        if (
            field_names is not None
            and self.env.cr.cache.get(_READ_FACTS) is not None
            and self._crm_access_fetch_queries(field_names)
        ):
            # a public read: the fields that decide its masking and its audit
            # come in the query it makes anyway (_crm_access_facts_in_memory)
            field_names = [*field_names, *FACT_FIELDS]
        return super().fetch(field_names)

    def _crm_access_fetch_queries(self, field_names):
        """Whether fetching ``field_names`` of these records reads the table:
        a column is missing from memory for one of them."""
        for fname in field_names:
            field = self._fields.get(fname)
            if field is None or not field.store or not field.column_type:
                continue
            cache = field._get_cache(self.env)
            if any(record_id not in cache for record_id in self._ids):
                return True
        return False

    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        with self._crm_access_read_scope():
            return super().search_read(
                domain, fields, offset=offset, limit=limit, order=order, **read_kwargs
            )

    @api.depends_context("uid")
    def _compute_display_name(self):
        super()._compute_display_name()
        # computed as superuser for name_search, many2one labels and web_read:
        # the values in the name are masked as the user would read them
        shown = {}
        for partner in self:
            name = partner.display_name
            # a name without a digit nor an "@" holds no phone, e-mail or ID
            if name and isinstance(partner.id, int) and MAY_REVEAL.search(name):
                values = partner._crm_access_values_in(name)
                if values:
                    shown[partner] = values
        if not shown:
            return
        masked = self.browse([partner.id for partner in shown])._crm_access_masked_records(
            real_user=True
        )
        for partner, values in shown.items():
            if partner in masked:
                name = partner.display_name
                for value, mask in values:
                    name = name.replace(value, mask(value))
                partner.display_name = name

    def _crm_access_values_in(self, text):
        """Return ``[(value, mask function)]``: the masked values of this
        contact, or of its commercial entity (whose tax ID and address a
        contact shows as its own), found in ``text``, the longest first."""
        values = {}
        for fname, value in self._crm_access_label_values():
            if value in text:
                values.setdefault(value, MASKED_FIELDS[fname])
        return sorted(values.items(), key=lambda item: len(item[0]), reverse=True)

    def _crm_access_label_values(self):
        """Return ``[(field, value)]``: the identity values of this contact
        and of its commercial entity that a label may show."""
        self.ensure_one()
        # the national ID is readable by its group only; it is only looked for
        # in a text already computed, and masked there
        partner = self.sudo()
        return [
            (fname, value)
            for holder in partner | partner.commercial_partner_id
            for fname in DISPLAY_NAME_FIELDS
            if fname in holder._fields and (value := holder[fname]) and isinstance(value, str)
        ]

    def _crm_access_customers(self):
        # one plain query: reading commercial_partner_id as the reader would
        # fetch every column of the partners again under the record rules,
        # for every audited read
        if not self._origin.ids:
            return self.browse()
        facts = self._crm_access_read_facts()
        if facts is not None:
            return self.browse(sorted(facts[1]))
        cached = self._crm_access_cached_customer_ids()
        if cached is not None:
            return self.browse(sorted(cached))
        self.flush_model(["commercial_partner_id", "cid"])
        rows = self.env.execute_query(
            SQL(
                "SELECT DISTINCT c.id FROM res_partner p "
                "JOIN res_partner c ON c.id = p.commercial_partner_id "
                "WHERE p.id = ANY(%s) AND c.cid IS NOT NULL",
                self._origin.ids,
            )
        )
        return self.browse(row[0] for row in rows)

    def _crm_access_cached_customer_ids(self):
        """Return the ids of the commercial entities with a CID of these
        contacts, as :meth:`_crm_access_customers` would find them, when the
        cache holds the commercial entity of each and the CID of each entity,
        none waiting to be computed again; None otherwise.

        The cache holds the values of the transaction, pending writes
        included: what the query would find once they are flushed. The
        contacts mail hands out through its Store were just fetched with
        their rows, one Store entry at a time: deciding from them costs no
        query per entry.
        """
        owners = _cached_values(self, "commercial_partner_id", self._origin.ids)
        if owners is None:
            return None
        owner_ids = {owner for owner in owners.values() if owner}
        cids = _cached_values(self, "cid", owner_ids)
        if cids is None:
            return None
        # the query's "cid IS NOT NULL": the cache holds None for NULL
        return {owner for owner in owner_ids if cids[owner] is not None}

    def _crm_access_kind(self, fnames):
        if SENSITIVE_FIELDS.intersection(fnames or ()):
            return "sensitive"
        return super()._crm_access_kind(fnames)

    def _crm_access_portfolio_domain(self):
        """Commercial entities in the current user's portfolio.

        The same portfolio as the interaction rules of this module: customers
        the user is salesperson of, customers of a portfolio team the user
        belongs to or leads, customers nobody was given, and customers the
        user holds a temporary access grant to.
        """
        return [
            "|",
            *self._crm_access_standing_portfolio_domain(),
            ("crm_access_grantee_ids", "in", [self.env.uid]),
        ]

    def _crm_access_standing_portfolio_domain(self):
        """The current user's portfolio without the temporary grants: what they keep."""
        uid = self.env.uid
        return [
            "|",
            "|",
            "|",
            ("user_id", "=", uid),
            ("portfolio_team_id.member_ids", "in", [uid]),
            ("portfolio_team_id.user_id", "=", uid),
            "&",
            ("user_id", "=", False),
            ("portfolio_team_id", "=", False),
        ]

    def cid_add_key(self, key_type, value, verified=False, source="rpc"):
        # a key identifies the customer on every channel: users bound to
        # their portfolio add keys only there (checked again by the key itself)
        if self._crm_access_keys_bound():
            self._crm_access_check_key_portfolio()
        return super().cid_add_key(key_type, value, verified=verified, source=source)

    @api.model
    def _crm_access_keys_bound(self):
        """Whether the user adds, changes and archives identity keys only in their portfolio.

        Everybody but the superuser (the capture, the merge and the import
        run as superuser), those who see every interaction (Managers) and
        the identity administrators, who run the imports and merges.
        """
        user = self.env.user
        return not (
            self.env.su
            or user.has_group("crm_interaction.group_interaction_all")
            or user.has_group("crm_cid.group_cid_manager")
        )

    def _crm_access_check_key_portfolio(self, copying=False):
        """Refuse unless the customers of these contacts are in the user's portfolio.

        :param bool copying: the user copies the contacts or their keys (a
            copy would carry their identity values into the user's portfolio)
        """
        # the portfolio test reads teams and grants the user may not read
        customers = self.sudo().commercial_partner_id
        outside = customers - customers.filtered_domain(self._crm_access_portfolio_domain())
        if not outside:
            return
        customer = outside[0].with_env(self.env).display_name
        if copying:
            raise AccessError(
                self.env._(
                    "%(customer)s is not in your portfolio: you cannot copy it or its "
                    "identity keys.",
                    customer=customer,
                )
            )
        raise AccessError(
            self.env._(
                "%(customer)s is not in your portfolio: ask their team to add the key.",
                customer=customer,
            )
        )

    # ------------------------------------------------------------------
    # Masking outside the portfolio (crm.access.masked)
    # ------------------------------------------------------------------

    def _crm_access_mask_fields(self):
        return [fname for fname in MASKED_FIELDS if fname in self._fields]

    def _crm_access_mask_owner(self):
        return self.commercial_partner_id

    @api.model
    def _crm_access_search_fields(self):
        search_fields = super()._crm_access_search_fields()
        if "phone_mobile_search" in self._fields:
            # searches phone and mobile in any format; "=" is its whole-number match
            search_fields["phone_mobile_search"] = "="
        return search_fields

    def _crm_access_masked_ids(self):
        facts = self._crm_access_read_facts(masking=True)
        if facts is not None:
            return facts[0]
        return super()._crm_access_masked_ids()

    @contextmanager
    def _crm_access_read_scope(self):
        """Within this block (a public read), what the masking and the audit
        need to know about the contacts read is found by one query
        (:meth:`_crm_access_read_facts`), kept until the block ends."""
        cache = self.env.cr.cache
        outer = _READ_FACTS not in cache
        if outer:
            cache[_READ_FACTS] = {}
        try:
            yield
        finally:
            if outer:
                cache.pop(_READ_FACTS, None)

    def _crm_access_read_facts(self, masking=False):
        """Return ``(masked ids, customer ids)`` of these contacts, or None
        outside of :meth:`_crm_access_read_scope`.

        The masked ids are those whose commercial entity the current user
        does not see in full (none when the user sees every value); the
        customer ids are the commercial entities with a CID (the audit's
        :meth:`_crm_access_customers`). One query gives both for the
        masking and the audit of a read; nothing is written meanwhile.

        :param bool masking: the masked ids are needed; otherwise they are
            None unless known already (a read of no masked field tests no
            portfolio)
        """
        memo = self.env.cr.cache.get(_READ_FACTS)
        if memo is None or not self._ids:
            return None
        if not all(isinstance(record_id, int) for record_id in self._ids):
            return None
        sees_all = self._crm_access_user_sees_full_values()
        key = (self.env.uid, sees_all, tuple(sorted(set(self._ids))))
        if key not in memo or (masking and memo[key][0] is None):
            self.flush_model(["commercial_partner_id", "cid"])
            test_owner = masking and not sees_all
            # the contacts a read has just fetched with their entity, decided
            # from memory; the others (and those only a grant may unmask) by
            # the query below
            rows = self._crm_access_facts_in_memory(test_owner)
            undecided = sorted(set(key[2]) - {row[0] for row in rows})
            rows += self.browse(undecided)._crm_access_facts_in_database(test_owner)
            masked = None
            if masking or sees_all:
                # a contact of nobody is nobody's customer data; a contact is
                # seen in full when its commercial entity is, on any row
                seen = {row[0] for row in rows if row[3]}
                masked = frozenset(
                    row[0] for row in rows if row[2] and not sees_all and row[0] not in seen
                )
            memo[key] = (masked, frozenset(row[1] for row in rows if row[1]))
        return memo[key]

    def _crm_access_facts_in_memory(self, test_owner):
        """Return the rows of :meth:`_crm_access_facts_in_database` that the
        ORM cache decides: the contacts whose entity's CID, salesperson,
        portfolio team and colleague flag are in memory, none waiting to be
        recomputed, and whose entity is unmasked by one of those (when
        ``test_owner``); the rest, a temporary grant among them, is left to
        the query. Each condition is one of the portfolio's
        (:meth:`_crm_access_unmasked_owner_domain`)."""
        partners = self.sudo().with_context(active_test=False)
        commercial = _cached_values(partners, "commercial_partner_id", self._ids, partial=True)
        owner_ids = {owner for owner in commercial.values() if owner}
        cids = _cached_values(partners, "cid", owner_ids, partial=True)
        unmasked = self._crm_access_unmasked_in_memory(owner_ids) if test_owner else owner_ids
        rows = []
        for record_id in self._ids:
            if record_id not in commercial:
                continue
            owner = commercial[record_id]
            if not owner:
                rows.append((record_id, None, False, False))
                continue
            if owner not in cids or owner not in unmasked:
                continue
            customer = owner if cids[owner] else None
            rows.append((record_id, customer, True, True))
        return rows

    def _crm_access_unmasked_in_memory(self, owner_ids):
        """Return the ids, among the commercial entities ``owner_ids``, that
        the ORM cache shows the user sees in full: their salesperson, their
        portfolio team and their colleague flag in memory, none waiting to
        be computed again, and one of them putting the entity in the
        portfolio (the user's own customer, one of a team the user belongs
        to or leads, a customer of nobody, the user's own contact or
        company, a colleague). Each is a condition of
        :meth:`_crm_access_unmasked_owner_domain`; the others, a temporary
        grant among them, are left to the query."""
        partners = self.sudo().with_context(active_test=False)
        salespeople = _cached_values(partners, "user_id", owner_ids, partial=True)
        teams_of = _cached_values(partners, "portfolio_team_id", owner_ids, partial=True)
        colleague = _cached_values(partners, "crm_access_is_colleague", owner_ids, partial=True)
        decided = set(salespeople).intersection(teams_of, colleague)
        if not decided:
            return set()
        user = self.env.user
        teams = user._crm_access_portfolio_team_ids()
        own = set(user._crm_access_own_partner_ids())
        return {
            owner
            for owner in decided
            if salespeople[owner] == user.id
            or (teams_of[owner] and teams_of[owner] in teams)
            or (not salespeople[owner] and not teams_of[owner])
            or owner in own
            or colleague[owner]
        }

    def _crm_access_facts_in_database(self, test_owner):
        """Return ``(contact id, customer id or None, has an entity,
        entity seen in full)`` of these contacts, one query; the entity is
        taken as seen in full unless ``test_owner``."""
        if not self._ids:
            return []
        if test_owner:
            # the commercial entity joined with what the portfolio's
            # condition joins, and the condition tested on that row:
            # planned faster than a sub-query per contact
            from_clause, where = self._crm_access_unmasked_owner_sql()
            owner = SQL.identifier(OWNER_ALIAS, "id")
            unmasked = SQL("COALESCE(%s IS NOT NULL AND %s, FALSE)", owner, where)
        else:
            from_clause = SQL('"res_partner" AS %s', SQL.identifier(OWNER_ALIAS))
            owner = SQL.identifier(OWNER_ALIAS, "id")
            unmasked = SQL("TRUE")
        if " JOIN " in from_clause.code:
            # a join tree in parentheses: its rows are those of the entity
            from_clause = SQL("(%s)", from_clause)
        rows = self.env.execute_query(
            SQL(
                "SELECT r.id, CASE WHEN %s IS NOT NULL THEN %s END, "
                "r.commercial_partner_id IS NOT NULL, %s "
                "FROM res_partner AS r LEFT JOIN %s ON %s = r.commercial_partner_id "
                "WHERE r.id = ANY(%s)",
                SQL.identifier(OWNER_ALIAS, "cid"),
                owner,
                unmasked,
                from_clause,
                owner,
                list(self._ids),
            )
        )
        return [tuple(row) for row in rows]

    def _crm_access_mask_values(self, fnames):
        return {fname: MASKED_FIELDS[fname](self[fname]) for fname in fnames if self[fname]}

    @api.model
    def _crm_access_unmasked_ids(self, partner_ids):
        """Return the ids, among ``partner_ids``, whose values the user sees in full.

        Customers of the user's portfolio (temporary grants included), the
        user's own contact and company, and the contacts of colleagues
        (internal users) are shown in full; one query for the whole set,
        none for the entities memory decides
        (:meth:`_crm_access_unmasked_in_memory`).
        """
        if not partner_ids:
            return set()
        # the entities of colleagues are seen in full by everyone: told by
        # their flag (users archived ones included, as in the SQL below),
        # which comes with their row, so that a message notified to each of
        # many users, or naming many recipients, costs no query per user or
        # recipient; the flag of partners the user may not be allowed to
        # read, only to narrow down
        colleagues = {
            owner.id
            for owner in self.sudo().with_context(active_test=False).browse(sorted(partner_ids))
            if owner.crm_access_is_colleague
        }
        others = set(partner_ids) - colleagues
        # the portfolio's customers whose salesperson and team are in memory
        colleagues.update(self._crm_access_unmasked_in_memory(others))
        others -= colleagues
        if not others:
            return colleagues
        # only narrows down ids the user has just read, through the teams and
        # users of those partners, which the user may not be allowed to read
        from_clause, where = self._crm_access_unmasked_owner_sql()
        rows = self.env.execute_query(
            SQL(
                "SELECT %s FROM %s WHERE %s = ANY(%s) AND %s",
                SQL.identifier(OWNER_ALIAS, "id"),
                from_clause,
                SQL.identifier(OWNER_ALIAS, "id"),
                sorted(others),
                where,
            )
        )
        return colleagues | {row[0] for row in rows}

    @api.model
    def _crm_access_unmasked_owner_domain(self):
        """Return the domain of the commercial entities whose values the user
        sees in full (see :meth:`_crm_access_unmasked_ids`); to be searched
        as superuser."""
        return Domain.OR(
            [
                Domain(self._crm_access_portfolio_domain()),
                Domain("id", "in", self.env.user._crm_access_own_partners().ids),
                Domain("user_ids", "any", [("share", "=", False)]),
            ]
        )

    @api.model
    def _crm_access_unmasked_owner_sql(self):
        """Return ``(from clause, condition)``: the SQL of
        :meth:`_crm_access_unmasked_owner_domain`, on the table ``res_partner``
        under the alias :data:`OWNER_ALIAS`.

        Every audited read and search of a restricted user tests its records
        against that domain: it is turned into SQL once per worker and domain
        (the user's, with their own contacts), not at every read. The SQL
        holds no data read at the time, only sub-queries on the teams,
        grants and users, so that a change of portfolio counts at once.
        """
        domain = self._crm_access_unmasked_owner_domain()
        if not _is_plain(domain):
            return self._crm_access_compile_owner_domain(domain)
        try:
            return self._crm_access_unmasked_owner_sql_cached(str(domain), domain)
        except _NotKept as made:
            return made.result

    @api.model
    @tools.ormcache("key")
    def _crm_access_unmasked_owner_sql_cached(self, key, domain):
        # ``key`` is the text of ``domain``, whose values are plain: equal
        # texts give the same SQL
        count = self.env.cr.sql_log_count
        result = self._crm_access_compile_owner_domain(domain)
        if self.env.cr.sql_log_count != count:
            # the domain was turned into SQL by reading data (ids found by a
            # search): that SQL would go stale, it is not kept
            raise _NotKept(result)
        return result

    @api.model
    def _crm_access_compile_owner_domain(self, domain):
        """Return ``(from clause, condition)`` of a domain of res.partner
        searched as superuser, all records (archived included), for the
        alias :data:`OWNER_ALIAS`."""
        partners = self.sudo().with_context(active_test=False)
        domain = Domain(domain).optimize_full(partners)
        query = Query(partners.env, OWNER_ALIAS, SQL.identifier(partners._table))
        if domain.is_true():
            where = SQL("TRUE")
        elif domain.is_false():
            where = SQL("FALSE")
        else:
            where = domain._to_sql(partners, OWNER_ALIAS, query)
        return query.from_clause, SQL("(%s)", where)

    @api.model
    def _crm_access_unmasked_owner_test(self, owner, correlated=True):
        """Return an SQL condition: the commercial entity whose id is the SQL
        ``owner`` is seen in full by the user (false for none).

        :param bool correlated: test each owner by its primary key (for a
            few records); otherwise against the set of every owner seen in
            full, which PostgreSQL computes once (for a search, where the
            test may be made on many rows)
        """
        from_clause, where = self._crm_access_unmasked_owner_sql()
        if not correlated:
            return SQL(
                "%s IN (SELECT %s FROM %s WHERE %s)",
                owner,
                SQL.identifier(OWNER_ALIAS, "id"),
                from_clause,
                where,
            )
        return SQL(
            "EXISTS(SELECT 1 FROM %s WHERE %s = %s AND %s)",
            from_clause,
            SQL.identifier(OWNER_ALIAS, "id"),
            owner,
            where,
        )

    # ------------------------------------------------------------------
    # Limited card
    # ------------------------------------------------------------------

    @api.model
    def crm_access_limited_card(self, partner_id):
        """Return the limited card of a customer, inside or outside the portfolio.

        For an agent who must serve a customer of another portfolio: the
        name, the CID, identity keys masked as outside the portfolio, counts
        of open tickets and opportunities, the list of open tickets (number,
        title, stage) and the caution flags; never what the customer said.
        Every opening is counted in the access log (kind ``card``).

        :param int partner_id: a contact or company; the card is its
            commercial entity's
        :return: ``{"partner_id", "name", "cid", "in_portfolio", "keys":
            [{"type", "label", "value"}], "open_ticket_count", "open_tickets":
            [{"id", "number", "name", "stage"}], "open_opportunity_count",
            "cautions": [{"code", "message"}], "grant": {"id", "state",
            "expires_at"} or False}``
        :raises UserError: when ``partner_id`` is not the id of a contact
        :raises AccessError: when the user may not read the contact or is not
            an internal user
        """
        if not isinstance(partner_id, int) or isinstance(partner_id, bool):
            raise UserError(self.env._("Give the id of the customer as a number."))
        partner = self.browse(partner_id).exists()
        if not partner:
            raise UserError(self.env._("There is no contact with id %(id)s.", id=partner_id))
        return self.env["crm.access.card"]._crm_access_card_values(partner)

    def action_crm_access_limited_card(self):
        """Open the limited card of this customer in a dialog (logged)."""
        self.ensure_one()
        card = self.env["crm.access.card"].create({"partner_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Limited card"),
            "res_model": "crm.access.card",
            "res_id": card.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }


def _cached_values(records, fname, ids, partial=False):
    """Return ``{id: value}`` of the field ``fname`` of the records ``ids``
    (of the model of ``records``) as the cache holds them, or None when one
    of them is missing from the cache or waits to be computed again; with
    ``partial``, the values of those that are not."""
    field = records._fields[fname]
    cache = field._get_cache(records.env)
    pending = records.env.transaction.tocompute.get(field, ())
    values = {}
    for record_id in ids:
        if record_id in pending or record_id not in cache:
            if not partial:
                return None
            continue
        values[record_id] = cache[record_id]
    return values


class _NotKept(Exception):
    """The SQL of a domain read data when it was made: used once, not kept."""

    def __init__(self, result):
        super().__init__()
        self.result = result


def _is_plain(value):
    """Whether ``value`` (a domain or a domain's value) holds plain values
    only: no query, record, SQL or custom condition, whose text would not
    tell what they stand for."""
    if isinstance(value, _PLAIN_TYPES):
        return True
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(_is_plain(item) for item in value)
    if isinstance(value, DomainCondition):
        return _is_plain(value.value)
    if isinstance(value, DomainNot):
        return _is_plain(value.child)
    if isinstance(value, DomainNary):
        return all(_is_plain(child) for child in value.children)
    return isinstance(value, DomainBool)
