"""Checks every link model built on ``crm.document.link.mixin`` passes.

Not a test module: each addon with a link model (interactions, letters...)
combines :class:`DocumentLinkChecks` with its own ``TransactionCase`` and
says how to make a record that holds links and which user adds them.
"""

from odoo.exceptions import UserError
from odoo.tools import SQL


class DocumentLinkChecks:
    """Link created, target deleted, and what a link tells its reader."""

    # Odoo's test loader only collects the methods a class defines itself,
    # unless told to take the inherited ones too
    allow_inherited_tests_method = True

    #: technical name of the link model
    link_model = None
    #: its many2one to the record holding the links
    holder_field = None

    def _link_holder(self):
        """A record holding links that :meth:`_link_user` may write."""
        raise NotImplementedError

    def _link_user(self):
        """A user who may add links to :meth:`_link_holder` (no administrator)."""
        raise NotImplementedError

    def _link(self, holder, document, user=None):
        Link = self.env[self.link_model]
        if user:
            Link = Link.with_user(user)
        return Link.create(
            {self.holder_field: holder.id, "res_model": document._name, "res_id": document.id}
        )

    def _links_to(self, document):
        return self.env[self.link_model].search(
            [("res_model", "=", document._name), ("res_id", "=", document.id)]
        )

    def test_link_shows_the_document_and_opens_it(self):
        document = self.env["res.partner"].create({"name": "Document Link Alpha"})
        link = self._link(self._link_holder(), document, self._link_user())
        self.assertEqual(link.with_user(self._link_user()).name, "Document Link Alpha")
        action = link.action_open_document()
        self.assertEqual((action["res_model"], action["res_id"]), ("res.partner", document.id))

    def test_link_to_a_deleted_document_is_vacuumed(self):
        document = self.env["res.partner"].create({"name": "Document Link Gone"})
        kept = self.env["res.partner"].create({"name": "Document Link Kept"})
        holder = self._link_holder()
        self._link(holder, document)
        self._link(holder, kept)
        document.unlink()
        self.env[self.link_model]._gc_document_links()
        self.assertFalse(self._links_to(document))
        self.assertEqual(len(self._links_to(kept)), 1)

    def test_link_to_a_model_gone_is_vacuumed(self):
        link = self._link(self._link_holder(), self.env["res.partner"].create({"name": "X"}))
        # as after the uninstallation of the module of the document's model
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET res_model = 'x.gone' WHERE id = %s",
                SQL.identifier(link._table),
                link.id,
            )
        )
        link.invalidate_recordset()
        with self.assertRaises(UserError):
            link.action_open_document()
        self.env[self.link_model]._gc_document_links()
        self.assertFalse(link.exists())

    def test_unreadable_and_missing_documents_are_refused_alike(self):
        secret = self.env["ir.config_parameter"].create({"key": "crm.test.secret", "value": "1"})
        missing = self.env["res.partner"].create({"name": "Document Link Missing"})
        missing_id = missing.id
        missing.unlink()
        holder, user = self._link_holder(), self._link_user()
        messages = []
        for model, res_id in (
            ("ir.config_parameter", secret.id),
            ("ir.config_parameter", secret.id + 100000),
            ("res.partner", missing_id),
        ):
            with self.subTest(model=model, res_id=res_id), self.assertRaises(UserError) as caught:
                self.env[self.link_model].with_user(user).create(
                    {self.holder_field: holder.id, "res_model": model, "res_id": res_id}
                )
            messages.append(str(caught.exception).replace(str(res_id), "ID"))
        self.assertEqual(messages[0], messages[1], "no oracle: the same answer for both")
        for model, res_id in (("no.such.model", 1), ("res.partner", 0), ("res.partner", "1")):
            with self.subTest(model=model, res_id=res_id), self.assertRaises(UserError):
                self.env[self.link_model].with_user(user).create(
                    {self.holder_field: holder.id, "res_model": model, "res_id": res_id}
                )
        self.assertFalse(self.env[self.link_model].search([(self.holder_field, "=", holder.id)]))

    def test_link_never_shows_a_document_its_reader_may_not_read(self):
        secret = self.env["ir.config_parameter"].create({"key": "crm.test.hidden", "value": "1"})
        link = self._link(self._link_holder(), secret)
        self.assertEqual(link.name, "crm.test.hidden")
        as_user = link.with_user(self._link_user())
        self.assertNotIn("crm.test.hidden", as_user.name)
        self.assertNotIn("crm.test.hidden", as_user.read(["name"])[0]["name"])
        self.assertNotIn("crm.test.hidden", as_user.display_name or "")

    def test_a_given_name_is_not_stored(self):
        document = self.env["res.partner"].create({"name": "Document Link Real"})
        link = self.env[self.link_model].create(
            {
                self.holder_field: self._link_holder().id,
                "res_model": document._name,
                "res_id": document.id,
                "name": "Something else",
            }
        )
        self.assertEqual(link.name, "Document Link Real")

    def test_a_link_cannot_be_moved_to_another_document(self):
        first = self.env["res.partner"].create({"name": "Document Link First"})
        secret = self.env["ir.config_parameter"].create({"key": "crm.test.moved", "value": "1"})
        link = self._link(self._link_holder(), first, self._link_user())
        with self.assertRaises(UserError):
            link.with_user(self._link_user()).write(
                {"res_model": "ir.config_parameter", "res_id": secret.id}
            )
        self.assertEqual((link.res_model, link.res_id), ("res.partner", first.id))
