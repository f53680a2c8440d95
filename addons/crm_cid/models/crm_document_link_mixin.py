from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class CrmDocumentLinkMixin(models.AbstractModel):
    """A link from a record of the suite to any document, by model and id.

    The one abstraction behind "the documents an interaction concerns" and
    "the documents a letter concerns": a concrete link model inherits it and
    adds its many2one to the record that holds the links (and the unique index
    on that pair). What every link model gets here:

    * creating a link needs the right to read the document; a document that
      does not exist and one the user may not read are refused with the same
      message, so that linking is no oracle;
    * the name of the document is read live with the reader's rights: a link
      never shows the name of a document its reader may not read;
    * a link never outlives its document: documents that inherit
      ``crm.document.linked.mixin`` drop their links when they are deleted,
      and the daily vacuum drops links to any other deleted document.
    """

    _name = "crm.document.link.mixin"
    _description = "Link to a document"

    res_model = fields.Char(string="Document model", required=True)
    res_id = fields.Many2oneReference(string="Document ID", model_field="res_model", required=True)
    name = fields.Char(string="Document", compute="_compute_name")

    # "which records concern this document?"
    _document_idx = models.Index("(res_model, res_id)")

    @api.depends("res_model", "res_id")
    @api.depends_context("uid")
    def _compute_name(self):
        readable = self._document_link_readable()
        for link in self:
            document = readable.get((link.res_model, link.res_id))
            link.name = document.display_name if document else self.env._("Restricted document")

    @api.model_create_multi
    def create(self, vals_list):
        self._document_link_check(vals_list)
        # the name is the document's own, read with each reader's rights
        return super().create(
            [{k: v for k, v in vals.items() if k != "name"} for vals in vals_list]
        )

    def write(self, vals):
        # a link's target never changes: a write could point it at a document
        # its writer may not read
        if {"res_model", "res_id"} & vals.keys() and not self.env.su:
            raise UserError(
                self.env._("A link cannot be moved to another document: delete it and link again.")
            )
        return super().write(vals)

    def action_open_document(self):
        """Open the linked document (the client checks the reader's rights on it)."""
        self.ensure_one()
        if self.res_model not in self.env:
            raise UserError(
                self.env._(
                    "%(model)s is not a document model of this database.", model=self.res_model
                )
            )
        # the document's form, without the context of the link's screen
        document = self.env[self.res_model].browse(self.res_id)
        return document._get_records_action(context={})

    @api.model
    def _document_link_check(self, vals_list):
        """Refuse links to a model that holds no documents or to a document
        that does not exist or that the user may not read (one message for
        both). One query per model.

        :raises UserError: for the first bad link
        """
        wanted = defaultdict(set)
        for vals in vals_list:
            model, res_id = vals.get("res_model"), vals.get("res_id")
            Model = self.env.get(model) if isinstance(model, str) else None
            if Model is None or Model._abstract or Model._transient:
                raise UserError(
                    self.env._("%(model)s is not a document model of this database.", model=model)
                )
            if isinstance(res_id, bool) or not isinstance(res_id, int) or res_id <= 0:
                raise UserError(
                    self.env._("Give the id of the %(model)s document to link.", model=model)
                )
            wanted[model].add(res_id)
        for model, ids in wanted.items():
            found = self.env[model].browse(ids).exists()._filtered_access("read")
            missing = ids - set(found.ids)
            if missing:
                raise UserError(
                    self.env._(
                        "The document %(model)s %(id)s does not exist or you may not read it.",
                        model=model,
                        id=min(missing),
                    )
                )

    def _document_link_readable(self):
        """``{(model, id): document}`` of the linked documents the user may read."""
        by_model = defaultdict(set)
        for link in self:
            if link.res_model in self.env and link.res_id:
                by_model[link.res_model].add(link.res_id)
        readable = {}
        for model, ids in by_model.items():
            documents = self.env[model].browse(ids).exists()._filtered_access("read")
            readable.update(((model, document.id), document) for document in documents)
        return readable

    @api.model
    def _document_link_models(self):
        """The concrete link models of the registry."""
        names = self.env.registry.descendants(["crm.document.link.mixin"], "_inherit")
        return [self.env[name] for name in names if not self.env[name]._abstract]

    @api.autovacuum
    def _gc_document_links(self):
        """Drop the links whose document was deleted (or whose model is gone).

        Documents that inherit ``crm.document.linked.mixin`` drop their links
        at once; this catches every other model, once a day.
        """
        if self._abstract:
            return
        self.flush_model()
        known = {
            model: self.env[model]._table
            for (model,) in self.env.execute_query(
                SQL("SELECT DISTINCT res_model FROM %s", SQL.identifier(self._table))
            )
            if model in self.env and not self.env[model]._abstract
        }
        # a model that is gone took its documents with it
        self.env.execute_query(
            SQL(
                "DELETE FROM %s WHERE res_model != ALL(%s)",
                SQL.identifier(self._table),
                list(known),
            )
        )
        for model, table in known.items():
            self.env.execute_query(
                SQL(
                    """DELETE FROM %(links)s AS link
                        WHERE link.res_model = %(model)s
                          AND NOT EXISTS (SELECT 1 FROM %(documents)s AS document
                                           WHERE document.id = link.res_id)""",
                    links=SQL.identifier(self._table),
                    model=model,
                    documents=SQL.identifier(table),
                )
            )
        self.invalidate_model()
