from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SecretariatCommon


@tagged("post_install", "-at_install", "secretariat")
class TestLetterAccess(SecretariatCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.normal = cls.make_letter(subject="عادی")
        cls.confidential = cls.make_letter(subject="محرمانه", confidentiality="confidential")
        cls.secret = cls.make_letter(subject="سری", confidentiality="secret")
        (cls.normal | cls.confidential | cls.secret).action_register()

    def visible(self, user):
        return self.Letter.with_user(user).search(
            [("id", "in", (self.normal | self.confidential | self.secret).ids)]
        )

    def test_visibility_matrix(self):
        self.assertEqual(self.visible(self.staff), self.Letter)
        self.assertEqual(self.visible(self.clerk), self.normal)
        self.assertEqual(self.visible(self.officer), self.normal | self.confidential)
        self.assertEqual(self.visible(self.manager), self.normal | self.confidential | self.secret)

    def test_clerk_cannot_read_confidential_or_secret(self):
        for letter in (self.confidential, self.secret):
            with self.subTest(letter=letter.subject), self.assertRaises(AccessError):
                letter.with_user(self.clerk).read(["subject"])

    def test_officer_cannot_read_secret(self):
        with self.assertRaises(AccessError):
            self.secret.with_user(self.officer).read(["subject", "body"])

    def test_staff_reads_only_what_is_referred_to_them(self):
        with self.assertRaises(AccessError):
            self.normal.with_user(self.staff).read(["subject"])
        self.secret.refer([self.staff.id], instruction="اقدام فوری")
        self.assertEqual(self.secret.with_user(self.staff).read(["subject"])[0]["subject"], "سری")
        with self.assertRaises(AccessError):
            self.secret.with_user(self.staff_other).read(["subject"])

    def test_staff_cannot_register_or_write(self):
        draft = self.make_letter()
        with self.assertRaises(AccessError):
            draft.with_user(self.staff).action_register()
        with self.assertRaises(AccessError):
            self.make_letter(user=self.staff)
        self.assertFalse(draft.indicator_number)

    def test_clerk_cannot_create_or_raise_to_secret(self):
        with self.assertRaises(AccessError):
            self.make_letter(user=self.clerk, confidentiality="secret")
        letter = self.make_letter(user=self.clerk)
        with self.assertRaises(AccessError):
            letter.with_user(self.clerk).write({"confidentiality": "secret"})
        self.assertEqual(letter.confidentiality, "normal")

    def test_clerk_registers_and_refers_normal_letters(self):
        letter = self.make_letter(user=self.clerk)
        letter.action_register()
        ids = letter.refer([self.staff.id])
        self.assertEqual(letter.state, "referred")
        self.assertEqual(len(ids), 1)

    def test_attachments_follow_the_letter(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "scan.pdf",
                "raw": b"%PDF-1.4 scan",
                "res_model": "secretariat.letter",
                "res_id": self.secret.id,
            }
        )
        with self.assertRaises(AccessError):
            attachment.with_user(self.officer).read(["name", "raw"])
        self.assertEqual(self.secret.attachment_count, 1)

    def test_configuration_is_for_managers(self):
        with self.assertRaises(AccessError):
            self.head.with_user(self.clerk).write({"code": "X"})
        with self.assertRaises(AccessError):
            self.head.series_ids[:1].with_user(self.officer).write({"padding": 3})
        self.head.with_user(self.manager).write({"code": "TT"})
        self.assertEqual(self.head.code, "TT")

    def test_linked_documents_follow_the_letter(self):
        document = self.env["res.partner"].create({"name": "سند مرتبط", "is_company": True})
        self.secret.link_documents("res.partner", [document.id])
        self.normal.link_documents("res.partner", [document.id])
        Link = self.env["secretariat.letter.link"]
        self.assertEqual(Link.with_user(self.clerk).search([]).letter_id, self.normal)
        self.assertEqual(
            self.Letter.with_user(self.clerk).letters_of_document("res.partner", document.id),
            self.normal.ids,
        )
        as_manager = self.Letter.with_user(self.manager)
        self.assertEqual(
            set(as_manager.letters_of_document("res.partner", document.id)),
            set((self.normal | self.secret).ids),
        )
        with self.assertRaises(AccessError):
            self.normal.with_user(self.staff).link_documents("res.partner", [document.id])

    def test_classified_subject_stays_out_of_link_labels(self):
        # many2one labels are read as superuser by the web client
        label = self.secret.with_user(self.clerk).sudo().display_name
        self.assertIn(self.secret.indicator_number, label)
        self.assertNotIn("سری", label)
        self.assertIn("سری", self.secret.with_user(self.manager).display_name)
        self.assertIn("عادی", self.normal.with_user(self.clerk).sudo().display_name)
