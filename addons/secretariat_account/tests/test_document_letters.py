from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install", "secretariat_account")
class TestDocumentLetters(AccountTestInvoicingCommon):
    """Invoices, bills and payments show the letters that concern them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # the accountant of the common fixtures also runs the secretariat here
        cls.env.user.sudo().group_ids = [
            Command.link(cls.env.ref("secretariat.group_secretariat_manager").id)
        ]
        groups = "base.group_user,account.group_account_invoice"
        cls.clerk = new_test_user(
            cls.env, "sed_clerk", groups=f"{groups},secretariat.group_secretariat_clerk"
        )
        cls.officer = new_test_user(
            cls.env, "sed_officer", groups=f"{groups},secretariat.group_secretariat_confidential"
        )
        cls.accountant = new_test_user(cls.env, "sed_accountant", groups=groups)
        cls.secretariat = cls.env["secretariat.secretariat"].create(
            {"name": "دبیرخانه مالی", "code": "TST-FIN", "company_id": cls.env.company.id}
        )
        cls.invoice = cls.init_invoice("out_invoice", partner=cls.partner_a, amounts=[1200])
        cls.bill = cls.init_invoice("in_invoice", partner=cls.partner_b, amounts=[300])
        cls.payment = cls.env["account.payment"].create(
            {
                "amount": 1200,
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": cls.partner_a.id,
            }
        )
        Letter = cls.env["secretariat.letter"]
        cls.objection = Letter.create(
            {
                "kind": "incoming",
                "subject": "اعتراض به صورتحساب",
                "partner_id": cls.partner_a.id,
                "secretariat_id": cls.secretariat.id,
            }
        )
        cls.notice = Letter.create(
            {
                "kind": "outgoing",
                "subject": "اعلام واریز",
                "partner_id": cls.partner_a.id,
                "secretariat_id": cls.secretariat.id,
            }
        )
        cls.audit = Letter.create(
            {
                "kind": "incoming",
                "subject": "بازرسی مالیاتی",
                "partner_id": cls.partner_a.id,
                "secretariat_id": cls.secretariat.id,
                "confidentiality": "confidential",
            }
        )
        (cls.objection | cls.audit).link_documents("account.move", [cls.invoice.id])
        (cls.notice | cls.objection).link_documents("account.payment", [cls.payment.id])

    def _letters_of(self, action, user):
        return self.env["secretariat.letter"].with_user(user).search(action["domain"])

    def test_counts_follow_the_links_and_the_readers_clearance(self):
        documents = self.invoice | self.bill
        self.assertEqual(
            documents.with_user(self.officer).mapped("secretariat_letter_count"), [2, 0]
        )
        # the clerk may not read the confidential letter: it is not counted
        self.assertEqual(documents.with_user(self.clerk).mapped("secretariat_letter_count"), [1, 0])
        self.assertEqual(self.payment.with_user(self.clerk).secretariat_letter_count, 2)

    def test_action_opens_the_document_letters_and_links_new_ones(self):
        action = self.invoice.with_user(self.officer).action_open_secretariat_letters()
        self.assertEqual(action["res_model"], "secretariat.letter")
        self.assertEqual(self._letters_of(action, self.officer), self.objection | self.audit)
        self.assertEqual(self._letters_of(action, self.clerk), self.objection)
        action = self.payment.with_user(self.clerk).action_open_secretariat_letters()
        self.assertEqual(self._letters_of(action, self.clerk), self.objection | self.notice)
        # a letter created from there concerns the document and its customer
        letter = (
            self.env["secretariat.letter"]
            .with_user(self.clerk)
            .with_context(action["context"])
            .create({"subject": "رسید", "secretariat_id": self.secretariat.id})
        )
        self.assertEqual(letter.partner_id, self.partner_a)
        self.assertEqual(
            sorted(
                self.env["secretariat.letter"].letters_of_document(
                    "account.payment", self.payment.id
                )
            ),
            sorted((self.objection | self.notice | letter).ids),
        )

    def test_employee_counts_only_the_letters_referred_to_them(self):
        invoice = self.invoice.with_user(self.accountant)
        Letter = self.env["secretariat.letter"].with_user(self.accountant)
        self.assertEqual(invoice.secretariat_letter_count, 0)
        self.assertEqual(Letter.letters_of_document("account.move", self.invoice.id), [])
        # the form opens for them all the same
        self.assertEqual(Form(invoice).partner_id, self.partner_a)
        self.objection.action_register()
        self.objection.refer([self.accountant.id])
        invoice.invalidate_recordset(["secretariat_letter_count"])
        self.assertEqual(invoice.secretariat_letter_count, 1)
        action = invoice.action_open_secretariat_letters()
        self.assertEqual(Letter.search(action["domain"]), self.objection)
        # reading a letter is not handling it: no linking
        with self.assertRaises(AccessError):
            self.objection.with_user(self.accountant).link_documents("account.move", [self.bill.id])
        self.assertEqual(self.bill.secretariat_letter_count, 0)

    def test_link_dialog_links_existing_letters(self):
        action = self.bill.with_user(self.clerk).action_link_secretariat_letters()
        wizard = Form(
            self.env[action["res_model"]].with_user(self.clerk).with_context(action["context"])
        )
        wizard.letter_ids.add(self.notice)
        wizard.save().action_confirm()
        self.assertEqual(self.bill.with_user(self.clerk).secretariat_letter_count, 1)
        self.assertEqual(
            self.notice.link_ids.mapped("res_model"), ["account.payment", "account.move"]
        )

    def test_deleting_a_document_drops_its_links(self):
        self.notice.link_documents("account.move", [self.bill.id])
        self.bill.unlink()
        self.assertEqual(self.notice.link_ids.mapped("res_model"), ["account.payment"])
