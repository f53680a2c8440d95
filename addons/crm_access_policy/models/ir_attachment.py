from odoo import api, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.orm.models import parse_read_group_spec

# Fields of an attachment that are its content, or lead to it: besides its
# binary fields (the file, its PDF thumbnail), where it is stored, the text
# indexed from it, the link it stands for and the token that serves it to
# anyone who holds it.
CONTENT_FIELDS = frozenset({"store_fname", "index_content", "url", "access_token"})
# The link an attachment stands for (a file kept elsewhere): emptied when
# read, refused elsewhere.
LINK_FIELD = "url"
# Fields that decide who is served an attachment: its document, and whether
# anyone (public) or whoever holds a token is.
SERVING_FIELDS = frozenset({"res_model", "res_id", "res_field", "public", "access_token"})


class IrAttachment(models.Model):
    """Attachments of documents seen masked: their content is withheld.

    A user who sees a document masked (``crm.access.quoted.
    _crm_access_masked_document_ids``: a contact outside their portfolio, a
    lead, ticket or interaction of such a customer, a quotation of one) may
    see that it has attachments, with their names (identity values quoted
    in a name or a description are masked, ``crm.access.quoted``), types and
    sizes, but not read their content (:meth:`_crm_access_content_fields`):
    the scan of a national ID card of another team's customer is customer
    data as much as the number on the card. The content is refused on every
    read path: ``read``, ``search_read``, ``web_read`` (all through
    ``_read_format``; the link of an attachment standing for a file kept
    elsewhere is read empty, as every list of files asks for it; a form's
    ``datas`` read with ``bin_size`` is the size), exports, the HTTP routes
    that stream it (``ir.binary``: ``/web/content``, ``/web/image``, mail's
    zip of attachments; mail's PDF first page in the controllers), mail's
    Store (``ir_attachment_store.py``: no token), and as a search condition
    or a group. Nor can such an attachment be copied, moved to another
    document, made public, be given a token that would serve it, or be
    linked to a message, which would send it out
    (``mail_message_attachments.py``). Files the user created (uploaded to
    the document's chatter) stay theirs to read.

    The attachments of a message have the message's document as their own,
    so those of a masked customer's chatter are covered alike. Only
    internal users are concerned (portal users reach attachments through
    their own documents and tokens); Odoo's own flows working as superuser
    (mail sending, reports) are unchanged. Attachments of models that cannot
    hold a customer cost no query.
    """

    _name = "ir.attachment"
    _inherit = ("ir.attachment", "crm.access.quoted")

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------

    def _crm_access_quoted_fields(self):
        return ("name", "description")

    def _crm_access_quoted_masked_ids(self, user=None):
        documents = {(attachment.res_model, attachment.res_id) for attachment in self}
        masked = self._crm_access_masked_documents(documents, user)
        return {
            attachment.id
            for attachment in self
            if (attachment.res_model, attachment.res_id) in masked
        }

    @api.model
    def _crm_access_content_fields(self):
        """Return the names of the fields holding or leading to the content
        of an attachment: its binary fields and :data:`CONTENT_FIELDS`."""
        binary = {name for name, field in self._fields.items() if field.type == "binary"}
        return frozenset(binary | CONTENT_FIELDS)

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, *, active_test=True, **kwargs):
        if kwargs.get("bypass_access") or not self._crm_access_content_searched(domain):
            return super()._search(domain, offset, limit, order, active_test=active_test, **kwargs)
        # a condition on the content (the text indexed from a file) tests it:
        # attachments the user may not read the content of never match it
        query = super()._search(domain, 0, None, order, active_test=active_test, **kwargs)
        found = self.browse(query)
        kept = found - found._crm_access_content_masked()
        end = offset + limit if limit else None
        return kept[offset:end]._as_query(bool(order))

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), *args, **kwargs):
        specs = [*groupby, *(spec for spec in aggregates if spec != "__count")]
        fnames = {parse_read_group_spec(spec)[0] for spec in specs}
        if fnames & self._crm_access_content_fields() and self._crm_access_content_restricted():
            # groups would give the content of every attachment at once
            raise AccessError(
                self.env._(
                    "You may not group or aggregate attachments by their content. "
                    "Group them by name, type or document instead."
                )
            )
        return super()._read_group(domain, groupby, aggregates, *args, **kwargs)

    def _read_format(self, fnames, load="_classic_read"):
        # read, search_read, web_read and web_search_read all format their
        # rows here (mail's Store too): refused before the content is loaded
        names = set(fnames or ())
        if self.env.context.get("bin_size"):
            # the size of the file, as forms read it (ir.attachment._compute_datas)
            names.discard("datas")
        if names & (self._crm_access_content_fields() - {LINK_FIELD}):
            self._crm_access_check_content()
        if names & self._crm_access_file_fields():
            self._crm_access_count_content()
        rows = super()._read_format(fnames, load=load)
        if LINK_FIELD in names:
            # every list of files asks for the link (the chatter's among
            # them): emptied, not refused
            linked = self.browse([row["id"] for row in rows if row.get(LINK_FIELD)])
            hidden = set(linked._crm_access_content_masked().ids)
            for row in rows:
                if row["id"] in hidden:
                    row[LINK_FIELD] = False
        return rows

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        # also called on the attachments reached by a path from another
        # model (a message's attachment_ids/datas)
        content = self._crm_access_content_fields()
        if any(path and path[0] in content for path in fields):
            self._crm_access_check_content()
        return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

    def copy_data(self, default=None):
        # a copy takes the content along, to a document of the user's choice
        self._crm_access_check_content()
        return super().copy_data(default=default)

    def write(self, vals):
        if SERVING_FIELDS & set(vals):
            # moved to another document, made public or given a token of the
            # user's choice, the content would be served elsewhere
            self._crm_access_check_content()
        return super().write(vals)

    # ------------------------------------------------------------------
    # Public methods
    # ------------------------------------------------------------------

    def generate_access_token(self):
        """Return the access tokens of these attachments, generated when
        missing: a token serves the content to whoever holds it.

        :raise AccessError: for an attachment of a document the user sees masked
        """
        self._crm_access_check_content()
        return super().generate_access_token()

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    def _crm_access_check_content(self):
        """Refuse the content of these attachments to a user who sees one
        of their documents masked (:meth:`_crm_access_content_masked`).

        :raise AccessError: when the user may not read the content of one
        """
        if self._crm_access_content_masked():
            raise AccessError(
                self.env._(
                    "This file belongs to a customer outside your portfolio: you may see "
                    "that it exists, not its content. Ask the customer's team or a "
                    "manager for it."
                )
            )

    @api.model
    def _crm_access_file_fields(self):
        """Return the names of the binary fields of an attachment: the file."""
        return frozenset(name for name, field in self._fields.items() if field.type == "binary")

    def _crm_access_count_content(self):
        """Count the files of these attachments, read by the current user, as
        a read of the customers of their documents
        (``crm.access.quoted._crm_access_document_customers``): in the access
        log, for the alarm, refused while the user is suspended.

        :raise AccessError: while the user's reads are suspended, or past the
            layoff window
        """
        if self.env.su or not self.env.user._is_internal():
            return
        Quoted = self.env["crm.access.quoted"]
        # the documents of the files, which the user may not be allowed to
        # read: only to count the read of their customers
        attachments = self.sudo().filtered(
            lambda attachment: (
                attachment.res_id and Quoted._crm_access_model_may_mask(attachment.res_model)
            )
        )
        customers = self.env["res.partner"]
        for model, found in attachments.grouped("res_model").items():
            customers |= Quoted._crm_access_document_customers(model, found.mapped("res_id"))
        customers._crm_access_audit("open" if len(customers) == 1 else "list")

    @api.model
    def _crm_access_content_restricted(self, user=None):
        """Whether ``user`` may be refused the content of some attachments:
        an internal user who does not see every identity value (portal users
        and guests reach attachments through their own documents and
        tokens).

        :param user: the user the data is for; by default the current user,
            never refused as superuser (``env.su``: Odoo's own flows)
        """
        if user is None:
            if self.env.su:
                return False
            user = self.env.user
        return bool(user) and user._is_internal() and not user._crm_access_sees_full_values()

    def _crm_access_content_masked(self, user=None):
        """Return the attachments of ``self`` whose document ``user`` sees
        masked (``crm.access.quoted._crm_access_masked_documents``, decided
        once per model), but those the user created (a file they uploaded to
        the document's chatter). Attachments of models that cannot hold a
        customer (``crm.access.quoted._crm_access_model_may_mask``) cost no query.

        :param user: as for :meth:`_crm_access_content_restricted`
        """
        if not self or not self._crm_access_content_restricted(user):
            return self.browse()
        user = user if user is not None else self.env.user
        Quoted = self.env["crm.access.quoted"]
        # the documents of the attachments, which the user may not be allowed
        # to read: only to decide what is withheld
        attachments = self.sudo().filtered(
            lambda attachment: (
                attachment.res_id
                # a file the user brought in is theirs to see
                and attachment.create_uid.id != user.id
                and Quoted._crm_access_model_may_mask(attachment.res_model)
            )
        )
        if not attachments:
            return self.browse()
        documents = {(attachment.res_model, attachment.res_id) for attachment in attachments}
        masked = self.env["crm.access.quoted"]._crm_access_masked_documents(documents, user)
        return self.browse(
            attachment.id
            for attachment in attachments
            if (attachment.res_model, attachment.res_id) in masked
        )

    @api.model
    def _crm_access_content_searched(self, domain):
        """Whether ``domain`` tests the content of attachments, for a user
        who may be refused some (:meth:`_crm_access_content_restricted`)."""
        content = self._crm_access_content_fields()
        return (
            any(
                condition.field_expr.split(".")[0] in content
                for condition in Domain(domain).iter_conditions()
            )
            and self._crm_access_content_restricted()
        )
