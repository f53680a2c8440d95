from collections import defaultdict

from odoo import api, models
from odoo.fields import Domain

from ..tools.mask import may_be_identity_value
from ..tools.mask_text import mask_quoted_values, quoted_pairs, quoted_values

# Fields of a message holding its text.
TEXT_FIELDS = ("body", "preview")
# Operators of a search testing a text inside the body.
TEXT_OPERATORS = frozenset({"like", "ilike", "=like", "=ilike", "=", "in"})


class MailMessage(models.Model):
    """Identity values quoted in the text of messages, masked as on the card.

    A note on a customer's card may give a mobile, an e-mail or a national
    ID in its text ("his wife's mobile is 0912..."), and an e-mail received
    from a customer carries its signature. The text is shown as written,
    except, for a user who sees customers masked somewhere:

    - every identity value quoted on a document the user sees masked (a
      customer outside the portfolio, a lead or ticket of such a customer or
      without customer outside the portfolio), whoever's value it is;
    - on any other document, the identity values of the customers the user
      sees masked (the values of their identity keys, in any spelling).

    This holds on ``read``, ``search_read``, ``web_read`` and
    ``web_search_read`` (body and preview) and in mail's Store (chatter,
    ``/mail/thread/messages``, inbox, bus notifications, for the user the
    data is for). A search of the text for a whole phone number, e-mail or
    identity number tests a customer's value: it is bounded and counted as
    a search of customers' numbers is.
    """

    _inherit = "mail.message"

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------

    def read(self, fields=None, load="_classic_read"):
        rows = super().read(fields, load=load)
        self._crm_access_mask_text_rows(rows)
        return rows

    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        rows = super().search_read(
            domain, fields, offset=offset, limit=limit, order=order, **read_kwargs
        )
        self._crm_access_mask_text_rows(rows)
        return rows

    def _to_store(self, store, fields, **kwargs):
        super()._to_store(store, fields, **kwargs)
        entries = store.data.get("mail.message", {})
        bodies = {}
        for message in self:
            body = entries.get((message.id,), {}).get("body")
            # the Store holds a body as ["markup", html]
            if isinstance(body, list) and len(body) == 2 and body[1]:
                bodies[message.id] = body[1]
        if not bodies:
            return
        hidden = self.browse(list(bodies))._crm_access_quoted_hidden(
            bodies, store.target.get_user(self.env)
        )
        for message_id, values in hidden.items():
            entry = entries[(message_id,)]
            entry["body"] = ["markup", mask_quoted_values(entry["body"][1], values)]

    @api.model
    def _crm_access_count_searched_values(self, domain):
        result = super()._crm_access_count_searched_values(domain)
        # a whole number or address looked for in the texts tests whether
        # some customer's value is quoted there
        values = []
        for condition in Domain(domain).iter_conditions():
            if condition.field_expr in TEXT_FIELDS and condition.operator in TEXT_OPERATORS:
                tested = condition.value if isinstance(condition.value, list) else [condition.value]
                values.extend(value for value in tested if may_be_identity_value(value))
        self.env["res.partner"]._crm_access_check_tested_values(values)
        return result

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    def _crm_access_mask_text_rows(self, rows):
        """Mask, in place, the quoted identity values of read ``rows`` the user may not see."""
        fnames = [fname for fname in TEXT_FIELDS if rows and fname in rows[0]]
        if not fnames or not self._crm_access_addresses_restricted():
            return
        texts = {
            row["id"]: " ".join(str(row[fname]) for fname in fnames if row[fname]) for row in rows
        }
        hidden = self.browse(list(texts))._crm_access_quoted_hidden(texts, self.env.user)
        for row in rows:
            for fname in fnames if row["id"] in hidden else ():
                row[fname] = mask_quoted_values(row[fname], hidden[row["id"]])

    def _crm_access_quoted_hidden(self, texts, user):
        """Return ``{message id: values}``: the identity values quoted in the
        ``texts`` of messages of ``self`` that ``user`` sees masked.

        No query when no text quotes any value (the common case); otherwise
        one for the documents and one for the keys of the values.

        :param dict texts: ``{message id: text}`` (a body, a preview)
        :param user: the user the data is for; an empty recordset stands
            for a recipient who is no known user
        """
        quoted = {mid: values for mid, text in texts.items() if (values := quoted_values(text))}
        if not quoted:
            return {}
        if not user:
            user = self.env.ref("base.public_user")
        if user._crm_access_sees_full_values():
            return {}
        messages = self.browse(list(quoted))
        hidden = {mid: quoted[mid] for mid in messages._crm_access_masked_document_messages(user)}
        rest = {mid: values for mid, values in quoted.items() if mid not in hidden}
        pairs = {value: quoted_pairs(value) for values in rest.values() for value in values}
        if not pairs:
            return hidden
        Partner = self.env["res.partner"]
        # the owners of the values quoted, which the user may not be allowed
        # to read: only to decide which values are masked
        keys = Partner.sudo()._cid_fetch_keys({pair for found in pairs.values() for pair in found})
        owners = defaultdict(set)
        for code, value, _partner_id, commercial_id, _cid in keys:
            owners[code, value].add(commercial_id)
        masked = set(
            Partner.browse({owner for found in owners.values() for owner in found})
            ._crm_access_masked_for(user)
            .ids
        )
        for mid, values in rest.items():
            found = [
                value
                for value in values
                if any(owners.get(pair, set()) & masked for pair in pairs[value])
            ]
            if found:
                hidden[mid] = found
        return hidden

    def _crm_access_masked_document_messages(self, user):
        """Return the ids of the messages of ``self`` whose document ``user``
        sees masked: a customer outside the user's portfolio, a record whose
        values the user reads masked (``crm.access.masked``: a lead or ticket
        of such a customer, or without customer outside the portfolio), a
        record of another model whose customer (``partner_id``) the user
        sees masked."""
        # the documents of the messages, which the user may not be allowed to
        # read: only to decide the masking
        documents = defaultdict(lambda: defaultdict(list))
        for message in self.sudo():
            if message.model in self.env and message.res_id:
                documents[message.model][message.res_id].append(message.id)
        Masked = self.env.registry["crm.access.masked"]
        found = set()
        for model, messages_of in documents.items():
            records = self.env[model].sudo().browse(list(messages_of)).exists()
            if model == "res.partner":
                masked = records._crm_access_masked_for(user)
            elif isinstance(records, Masked):
                masked = records.with_user(user).sudo(False)._crm_access_masked_records()
            elif records._fields.get("partner_id") and (
                records._fields["partner_id"].comodel_name == "res.partner"
            ):
                owners = records.partner_id._crm_access_masked_for(user)
                masked = records.filtered(lambda record, owners=owners: record.partner_id in owners)
            else:
                continue
            for record_id in masked.ids:
                found.update(messages_of[record_id])
        return found
