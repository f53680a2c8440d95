from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import SecretariatCommon


class DocumentLettersCase(SecretariatCommon):
    """Checks shared by the bridges that show letters on an app's documents.

    A bridge's test sets ``document_model`` and ``document_groups`` (groups
    that may read every document) and implements ``_create_document``; the
    tests are this class's.
    """

    # Odoo's test loader only collects the methods a class defines itself,
    # unless told to take the inherited ones too
    allow_inherited_tests_method = True

    document_model = None
    document_groups = ""

    @classmethod
    def _create_document(cls, partner):
        raise NotImplementedError

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = f"base.group_user,{cls.document_groups}"
        cls.doc_clerk = new_test_user(
            cls.env, "sel_clerk", groups=f"{groups},secretariat.group_secretariat_clerk"
        )
        cls.doc_officer = new_test_user(
            cls.env, "sel_officer", groups=f"{groups},secretariat.group_secretariat_confidential"
        )
        cls.doc_outsider = new_test_user(cls.env, "sel_outsider", groups=groups)
        cls.document = cls._create_document(cls.customer)
        cls.other_document = cls._create_document(cls.customer)
        cls.request = cls.make_letter(subject="درخواست")
        cls.answer = cls.make_letter("outgoing", subject="پاسخ")
        cls.secret = cls.make_letter(subject="محرمانه", confidentiality="confidential")
        (cls.request | cls.answer | cls.secret).link_documents(
            cls.document_model, [cls.document.id]
        )

    def test_count_follows_links_and_clearance(self):
        documents = self.document | self.other_document
        self.assertEqual(
            documents.with_user(self.doc_officer).mapped("secretariat_letter_count"), [3, 0]
        )
        self.assertEqual(
            documents.with_user(self.doc_clerk).mapped("secretariat_letter_count"), [2, 0]
        )

    def test_action_lists_the_letters_and_links_new_ones(self):
        action = self.document.with_user(self.doc_clerk).action_open_secretariat_letters()
        self.assertEqual(action["res_model"], "secretariat.letter")
        Letter = self.env["secretariat.letter"]
        self.assertEqual(
            Letter.with_user(self.doc_clerk).search(action["domain"]), self.request | self.answer
        )
        self.assertEqual(
            Letter.with_user(self.doc_officer).search(action["domain"]),
            self.request | self.answer | self.secret,
        )
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)
        letter = (
            Letter.with_user(self.doc_clerk)
            .with_context(action["context"])
            .create({"subject": "نامه تازه", "secretariat_id": self.head.id})
        )
        self.assertEqual(
            sorted(Letter.letters_of_document(self.document_model, self.document.id)),
            sorted((self.request | self.answer | self.secret | letter).ids),
        )
        other = self.other_document.action_open_secretariat_letters()
        self.assertFalse(Letter.search(other["domain"]))

    def test_readers_count_only_the_letters_they_may_read(self):
        """An employee outside the secretariat counts the letters referred to them."""
        document = self.document.with_user(self.doc_outsider)
        Letter = self.env["secretariat.letter"].with_user(self.doc_outsider)
        self.assertEqual(document.secretariat_letter_count, 0)
        self.assertEqual(Letter.letters_of_document(self.document_model, self.document.id), [])
        self.secret.action_register()
        self.secret.refer([self.doc_outsider.id])
        document.invalidate_recordset(["secretariat_letter_count"])
        self.assertEqual(document.secretariat_letter_count, 1)
        self.assertEqual(
            Letter.search(document.action_open_secretariat_letters()["domain"]), self.secret
        )
        # reading a letter is not handling it: no linking
        with self.assertRaises(AccessError):
            self.secret.with_user(self.doc_outsider).link_documents(
                self.document_model, [self.other_document.id]
            )
        # a clerk who may not read the document may not link it either, and
        # learns no more than for a document that does not exist
        with self.assertRaises(UserError):
            self.request.with_user(self.clerk).link_documents(
                self.document_model, [self.other_document.id]
            )
        self.assertEqual(self.request.link_ids.res_id, self.document.id)
        self.assertEqual(self.other_document.secretariat_letter_count, 0)
