from collections import defaultdict

from markupsafe import Markup

from odoo import api, models
from odoo.fields import Domain

from ..tools.mask import may_be_identity_value
from ..tools.mask_text import mask_quoted_values, quoted_pairs, quoted_values

# Operators of a search testing a text inside a free-text field.
TEXT_OPERATORS = frozenset({"like", "ilike", "=like", "=ilike", "=", "in"})


class CrmAccessQuoted(models.AbstractModel):
    """Identity values quoted in free text, masked as on the customer's card.

    A note on a customer's card may give a mobile, an e-mail or a national
    ID in its text ("his wife's mobile is 0912..."), an e-mail received from
    a customer carries its signature, a ticket's description the phone the
    customer left. Free-text fields (:meth:`_crm_access_quoted_fields`) are
    shown as written, except, for a user who sees customers masked somewhere:

    - every identity value quoted in a record the user sees masked
      (:meth:`_crm_access_quoted_masked_ids`: a customer outside the
      portfolio, a lead or ticket seen masked, a message or activity on
      such a document), whoever's value it is;
    - in any other record, the identity values of the customers the user
      sees masked (the values of their identity keys, in any spelling).

    This holds on ``read`` and ``search_read`` (so ``web_read`` and
    ``web_search_read``), through ``base._crm_access_rows_read``. A search
    of these fields for a whole phone number, e-mail or identity number
    tests a customer's value: it is bounded and counted as a search of
    customers' numbers is.

    An HTML text is read as shown: a value split by markup (part of a number
    in bold, an ``&nbsp;``, a comment between its digits) is found and masked
    across the tags. A search for such a value as a whole finds nothing, the
    stored text holding the markup: it answers no question, and is counted
    all the same.
    """

    _name = "crm.access.quoted"
    _description = "Identity values quoted in free text, masked outside need-to-know"

    @api.model
    def _crm_access_quoted_fields(self):
        """Return the names of the free-text fields of this model."""
        return ()

    def _crm_access_quoted_masked_ids(self, user=None):
        """Return the ids of the records of ``self`` (which exist) that
        ``user`` sees masked: every value quoted in them is masked.

        By default, the records themselves as documents
        (:meth:`_crm_access_masked_document_ids`).
        """
        return self._crm_access_masked_document_ids(self._name, self.ids, user)

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------

    def _crm_access_rows_read(self, rows):
        rows = super()._crm_access_rows_read(rows)
        self._crm_access_mask_quoted_rows(rows)
        return rows

    @api.model
    def _search(self, domain, *args, bypass_access=False, **kwargs):
        if not bypass_access and not self.env.su:
            self._crm_access_count_quoted_searches(domain)
        return super()._search(domain, *args, bypass_access=bypass_access, **kwargs)

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    @api.model
    def _crm_access_count_quoted_searches(self, domain):
        """Bound and count the whole numbers and addresses ``domain`` looks
        for in the free-text fields: whether some customer's value is quoted
        there."""
        fnames = set(self._crm_access_quoted_fields())
        if not fnames or self.env.user._crm_access_sees_full_values():
            return
        values = []
        for condition in Domain(domain).iter_conditions():
            if condition.field_expr in fnames and condition.operator in TEXT_OPERATORS:
                tested = condition.value if isinstance(condition.value, list) else [condition.value]
                values.extend(value for value in tested if may_be_identity_value(value))
        self.env["res.partner"]._crm_access_check_tested_values(values)

    def _crm_access_mask_quoted_rows(self, rows):
        """Mask, in place, the quoted identity values of read ``rows`` the user may not see."""
        fnames = [fname for fname in self._crm_access_quoted_fields() if rows and fname in rows[0]]
        if not fnames or self.env.user._crm_access_sees_full_values():
            return
        texts = {
            row["id"]: joined_text(row[fname] for fname in fnames if row[fname])
            for row in rows
            if isinstance(row["id"], int)
        }
        hidden = self.browse(list(texts))._crm_access_quoted_hidden(texts, self.env.user)
        for row in rows:
            for fname in fnames if row["id"] in hidden else ():
                row[fname] = mask_quoted_values(row[fname], hidden[row["id"]])

    def _crm_access_quoted_hidden(self, texts, user):
        """Return ``{record id: values}``: the identity values quoted in the
        ``texts`` of records of ``self`` that ``user`` sees masked.

        No query when no text quotes any value (the common case); otherwise
        one for the records seen masked and one for the keys of the values.

        :param dict texts: ``{record id: text}``
        :param user: the user the data is for; an empty recordset stands
            for a recipient who is no known user
        """
        quoted = {rid: values for rid, text in texts.items() if (values := quoted_values(text))}
        if not quoted:
            return {}
        user = target_user(self.env, user)
        if user._crm_access_sees_full_values():
            return {}
        # existence only, of records the user may not read (the documents of
        # messages): nothing of them is returned
        records = self.sudo().browse(list(quoted)).exists()
        hidden = {rid: quoted[rid] for rid in records._crm_access_quoted_masked_ids(user)}
        rest = {rid: values for rid, values in quoted.items() if rid not in hidden}
        hidden.update(self._crm_access_values_of_masked(rest, user))
        return hidden

    @api.model
    def _crm_access_values_of_masked(self, quoted, user):
        """Return ``{key: values}``: among the identity values ``quoted``
        (``{key: values quoted in one text}``), those a customer holds whom
        ``user`` sees masked (one of its identity keys, in any spelling).

        One query for the keys of all the values (:meth:`_crm_access_quoted_owners`),
        none when no value may be a key.

        :param user: the user the data is for (not one who sees every value)
        """
        owners = self._crm_access_quoted_owners(
            {value for values in quoted.values() for value in values}
        )
        if not owners:
            return {}
        masked = set(
            self.env["res.partner"]
            .browse(sorted(set().union(*owners.values())))
            ._crm_access_masked_for(user)
            .ids
        )
        hidden = {}
        for key, values in quoted.items():
            found = [value for value in values if owners.get(value, set()) & masked]
            if found:
                hidden[key] = found
        return hidden

    def _crm_access_quoted_hidden_by_user(self, values, users):
        """Return ``{user id: values}``: for each of ``users``, the ``values``
        quoted in the record ``self`` that the user sees masked, as
        :meth:`_crm_access_quoted_hidden` decides for one user (every value
        when the user sees the record masked, the values of the customers
        the user sees masked otherwise); users with none are left out.

        One decision per user, one query for the keys of the values; none
        when ``values`` is empty or every user sees every value.

        :param list values: values as :func:`quoted_values` returned them
        :param users: internal users (``res.users``) the data is for
        """
        self.ensure_one()
        users = users.filtered(lambda user: not user._crm_access_sees_full_values())
        if not values or not users:
            return {}
        hidden = {}
        rest = self.env["res.users"]
        for user in users:
            if self.id in self._crm_access_quoted_masked_ids(user):
                hidden[user.id] = list(values)
            else:
                rest |= user
        owners = self._crm_access_quoted_owners(values) if rest else {}
        if not owners:
            return hidden
        customers = self.env["res.partner"].browse(sorted(set().union(*owners.values())))
        for user in rest:
            masked = set(customers._crm_access_masked_for(user).ids)
            found = [value for value in values if owners.get(value, set()) & masked]
            if found:
                hidden[user.id] = found
        return hidden

    @api.model
    def _crm_access_quoted_owners(self, values):
        """Return ``{value: ids of commercial entities}``: the customers
        holding each of the quoted ``values`` (one of their identity keys, in
        any spelling); values nobody holds are left out. One query, none when
        no value may be an identity value.

        :param values: values as :func:`quoted_values` returned them
        """
        pairs = {value: quoted_pairs(value) for value in values}
        wanted = {pair for found in pairs.values() for pair in found}
        if not wanted:
            return {}
        # the owners of the values quoted, which the user may not be allowed
        # to read: only to decide which values are masked
        keys = self.env["res.partner"].sudo()._cid_fetch_keys(wanted)
        holders = defaultdict(set)
        for code, value, _partner_id, commercial_id, _cid in keys:
            holders[code, value].add(commercial_id)
        owners = {
            value: set().union(*(holders.get(pair, ()) for pair in found))
            for value, found in pairs.items()
        }
        return {value: ids for value, ids in owners.items() if ids}

    @api.model
    def _crm_access_model_may_mask(self, model):
        """Whether a document of ``model`` may be seen masked: a contact, a
        record masking its values (``crm.access.masked``), or one with a
        customer (``partner_id``). Told from the model alone: no query, so
        that the documents of other models cost nothing to the callers
        (e-mails, attachments and printouts of documents)."""
        if not model or model not in self.env:
            return False
        Document = self.env[model]
        if model == "res.partner" or isinstance(Document, self.pool["crm.access.masked"]):
            return True
        field = Document._fields.get("partner_id")
        return bool(field and field.type == "many2one" and field.comodel_name == "res.partner")

    @api.model
    def _crm_access_document_customers(self, model, res_ids):
        """Return the customers (commercial entities) of the documents
        ``res_ids`` of ``model``: the contacts themselves, or the customer
        (``partner_id``) of each document; none for other models. Deleted
        documents are left out.

        For the callers counting a read of those customers (a printout, the
        content of a file): the user may not be allowed to read them.
        """
        if not res_ids or not self._crm_access_model_may_mask(model):
            return self.env["res.partner"]
        # the customers of documents the user may not be allowed to read:
        # only to count the read
        documents = self.env[model].sudo().browse(res_ids).exists()
        field = documents._fields.get("partner_id")
        # only the fields naming the customers: other values, loaded as
        # superuser, would then be served from the cache to the user (a
        # printout reads its documents after this)
        if model == "res.partner":
            holders = documents
        elif field is not None and field.comodel_name == "res.partner":
            documents.fetch(["partner_id"])
            holders = documents.partner_id
        else:
            return self.env["res.partner"]
        holders.fetch(["commercial_partner_id"])
        return holders.commercial_partner_id.with_env(self.env)

    @api.model
    def _crm_access_masked_documents(self, documents, user=None):
        """Return the ``(model, id)`` of the ``documents`` that ``user`` sees
        masked (:meth:`_crm_access_masked_document_ids`), decided once per model.

        :param documents: ``(model, id)`` pairs (the documents of messages or
            activities); unknown models and deleted records are left out
        :param user: as for :meth:`_crm_access_masked_document_ids`
        """
        ids_of = defaultdict(set)
        for model, res_id in documents:
            if model in self.env and res_id:
                ids_of[model].add(res_id)
        # contacts first: the customers of the other documents are often
        # among them, and are then read once
        models_first = sorted(ids_of, key=lambda model: (model != "res.partner", model))
        return {
            (model, record_id)
            for model in models_first
            for record_id in self._crm_access_masked_document_ids(
                model, sorted(ids_of[model]), user
            )
        }

    @api.model
    def _crm_access_masked_document_ids(self, model, res_ids, user=None):
        """Return the ids, among ``res_ids`` of ``model``, of the documents
        ``user`` sees masked: contacts outside the user's portfolio, records
        of a model masking its values (``crm.access.masked``: an interaction,
        a lead or a ticket of a customer outside the portfolio, one without
        customer outside its own portfolio), records of another model whose
        customer (``partner_id``) the user sees masked (a quotation).
        Deleted documents are left out.

        :param user: the user the data is for (default: the current user,
            ``env.su`` ignored); an empty recordset stands for a recipient
            who is no known user
        """
        user = target_user(self.env, user)
        if model not in self.env or not res_ids or user._crm_access_sees_full_values():
            return set()
        env = self.env(user=user, su=False)
        Document = env[model]
        if isinstance(Document, self.env.registry["crm.access.copied"]):
            records = Document.browse(res_ids)._crm_access_copied_existing()
        else:
            # existence only, of documents the user may not be allowed to
            # read: nothing of them is returned but their ids
            records = (
                Document.sudo().with_context(active_test=False).browse(res_ids).exists()
            ).with_env(env)
        if model == "res.partner":
            return set(records._crm_access_masked_for(user).ids)
        if isinstance(Document, self.env.registry["crm.access.masked"]):
            return set(records._crm_access_masked_records().ids)
        field = Document._fields.get("partner_id")
        if field is None or field.type != "many2one" or field.comodel_name != "res.partner":
            return set()
        # the customers of documents the user may not be allowed to read:
        # only to decide the masking
        records = records.sudo()
        # the customer field alone: other values of the documents, loaded as
        # superuser, would then be served from the cache to the user
        records.fetch(["partner_id"])
        owners = records.partner_id._crm_access_masked_for(user)
        return {record.id for record in records if record.partner_id in owners}


def joined_text(texts):
    """Return the ``texts`` of one record joined by spaces: ``Markup`` when one
    of them is (an HTML body is read as shown, the others escaped into it),
    a plain string otherwise."""
    texts = list(texts)
    if any(isinstance(text, Markup) for text in texts):
        return Markup(" ").join(texts)
    return " ".join(str(text) for text in texts)


def target_user(env, user):
    """Return the user data is for: ``user``, the current user when None, the
    public user for an empty recordset (a recipient who is no known user)."""
    if user is None:
        user = env.user
    return user or env.ref("base.public_user")
