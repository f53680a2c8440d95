"""Letters are found by their subject however it was typed (crm.cid.fold.mixin)."""

from odoo.tests import tagged

from odoo.addons.secretariat.tests.common import SecretariatCommon


@tagged("post_install", "-at_install", "crm_suite")
class TestLetterForgivingSearch(SecretariatCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # typed on an Arabic keyboard: Arabic kaf, ASCII digits
        cls.card = cls.make_letter(subject="درخواست كارت شماره 25", user=cls.clerk)
        cls.refund = cls.make_letter(subject="درخواست استرداد وجه", user=cls.clerk)
        cls.secret = cls.make_letter(subject="درخواست كارت محرمانه", confidentiality="secret")
        cls.letters = cls.card | cls.refund | cls.secret

    def _find(self, value, operator="ilike", user=None):
        Letter = self.Letter.with_user(user or self.clerk)
        return Letter.search([("id", "in", self.letters.ids), ("subject", operator, value)])

    def test_subject_typed_with_persian_letters_and_digits_is_found(self):
        self.assertEqual(self._find("درخواست کارت"), self.card)
        self.assertEqual(self._find("کارت شماره ۲۵"), self.card)
        self.assertEqual(self._find("درخواست"), self.card | self.refund)
        self.assertEqual(self._find("کارت", operator="not ilike"), self.refund)
        self.assertEqual(self._find("کارت شماره ۲۶"), self.Letter)
        # a ZWNJ, a space or nothing between the parts of a word
        self.assertEqual(self._find("درخواست\u200cکارت"), self.card)
        self.assertEqual(self._find("درخواستکارت"), self.card)

    def test_the_folded_subject_is_indexed(self):
        self.assertEqual(self.card.cid_fold_text, "درخواستکارتشماره25")
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'secretariat_letter' "
            "AND indexdef LIKE '%%cid_fold_text%%gin_trgm_ops%%'"
        )
        self.assertEqual(len(self.env.cr.fetchall()), 1)

    def test_folded_search_keeps_record_rules(self):
        # the clerk never finds the secret letter, the manager does, whatever the spelling
        self.assertEqual(self._find("کارت"), self.card)
        self.assertEqual(self._find("کارت", user=self.manager), self.card | self.secret)
        # a plain employee sees no letter that was not referred to them
        self.assertEqual(self._find("درخواست کارت", user=self.staff_other), self.Letter)
