"""Interactions are found by their subject however it was typed (crm.cid.fold.mixin)."""

from odoo.tests import tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install", "crm_interaction")
class TestForgivingSearch(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        channel = cls.env.ref("crm_interaction.crm_interaction_channel_phone")
        create = cls.Interaction.create
        cls.card = create(
            {
                "channel_id": channel.id,
                # Arabic kaf and yeh, ASCII digits
                "subject": "درخواست كارت 12 براي علي",
                "user_id": cls.agent.id,
            }
        )
        cls.order = create(
            {
                "channel_id": channel.id,
                # ZWNJ, a diacritic and teh marbuta
                "subject": "پیگیری\u200cسفارشِ شركة بتا",
                "user_id": cls.other_agent.id,
            }
        )
        cls.other = create({"channel_id": channel.id, "subject": "تماس دیگر"})
        cls.all_three = cls.card | cls.order | cls.other

    def _find(self, operator, value, user=None):
        Interaction = self.Interaction.with_user(user) if user else self.Interaction
        return Interaction.search([("id", "in", self.all_three.ids), ("subject", operator, value)])

    def test_letter_variants_digits_and_zwnj_are_forgiven(self):
        cases = [
            ("درخواست کارت ۱۲", self.card),  # Persian kaf, Persian digits
            ("كارت ١٢", self.card),  # Arabic kaf, Arabic-Indic digits
            ("برای علی", self.card),
            ("پیگیریسفارش", self.order),  # without the ZWNJ
            ("پیگیری سفارش", self.order),  # a space for the ZWNJ
            ("پيگيري\u200cسفارش", self.order),  # Arabic yeh, with the ZWNJ
            ("شرکه", self.order),  # ة typed as ه
            ("تماس", self.other),
            ("ناموجود", self.Interaction),
        ]
        for value, expected in cases:
            with self.subTest(value=value):
                self.assertEqual(self._find("ilike", value), expected)
                self.assertEqual(self._find("like", value), expected)

    def test_whole_subject_and_negation(self):
        self.assertEqual(self._find("=ilike", "درخواست کارت ۱۲ برای علی"), self.card)
        self.assertEqual(self._find("=ilike", "درخواست کارت"), self.Interaction)
        self.assertEqual(self._find("=ilike", "درخواست کارت%"), self.card)
        self.assertEqual(self._find("not ilike", "کارت"), self.order | self.other)
        self.assertEqual(self._find("not like", "كارت ۱۲"), self.order | self.other)

    def test_name_search_and_display_name_search(self):
        found = self.Interaction.name_search("درخواست کارت", [("id", "in", self.all_three.ids)])
        self.assertEqual([row[0] for row in found], self.card.ids)

    def test_folded_column_follows_the_subject(self):
        self.assertEqual(self.card.cid_fold_text, "درخواستکارت12برایعلی")
        self.card.subject = "ارسال فاكتور"
        self.assertEqual(self._find("ilike", "فاکتور"), self.card)
        self.assertEqual(self._find("ilike", "کارت"), self.Interaction)
        self.card.subject = False
        self.assertFalse(self.card.cid_fold_text)

    def test_search_by_empty_or_invisible_terms_is_the_plain_search(self):
        self.assertEqual(self._find("ilike", ""), self.all_three)
        self.assertEqual(self._find("ilike", "\u200c"), self.order)

    def test_record_rules_still_apply(self):
        self.assertEqual(self._find("ilike", "کارت", user=self.agent), self.card)
        self.assertEqual(self._find("ilike", "سفارش", user=self.agent), self.Interaction)

    def test_the_search_uses_the_trigram_index(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'crm_interaction' "
            "AND indexdef LIKE '%%cid_fold_text%%'"
        )
        indexes = [row[0] for row in self.env.cr.fetchall()]
        self.assertTrue(any("gin_trgm_ops" in index for index in indexes), indexes)
        query = self.Interaction._search([("subject", "ilike", "درخواست کارت")])
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute("EXPLAIN " + query.select().code, query.select().params)
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn("cid_fold_text", plan)
        self.assertRegex(plan, r"Bitmap Index Scan on \S*cid_fold_text")

    def test_ingested_subject_is_folded_too(self):
        # ingest() writes its batches in SQL, outside create(): the folded
        # column must be filled all the same
        [result] = self.Interaction.ingest(
            [self.item("fold-1", mobile="09123456789", subject="پيگيري سفارش ٣")]
        )
        ingested = self.Interaction.browse(result["id"])
        self.assertEqual(ingested.cid_fold_text, "پیگیریسفارش3")
        found = self.Interaction.search(
            [("id", "=", ingested.id), ("subject", "ilike", "پیگیری\u200cسفارش ۳")]
        )
        self.assertEqual(found, ingested)
