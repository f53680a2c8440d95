from odoo.tests import BaseCase, tagged

from ..tools.locks import LOCK_BUCKETS, key_lock_token


@tagged("crm_cid")
class TestKeyLockToken(BaseCase):
    def test_token_is_stable_and_bounded(self):
        token = key_lock_token("mobile", "+989123456789")
        self.assertEqual(token, key_lock_token("mobile", "+989123456789"))
        self.assertIn(token, range(LOCK_BUCKETS))

    def test_type_is_part_of_the_token(self):
        values = [f"+98912{n:07d}" for n in range(200)]
        mobile = [key_lock_token("mobile", v) for v in values]
        phone = [key_lock_token("phone", v) for v in values]
        self.assertNotEqual(mobile, phone)

    def test_many_keys_need_at_most_the_bucket_count_of_locks(self):
        tokens = {key_lock_token("email", f"c{n}@example.com") for n in range(20000)}
        self.assertLessEqual(len(tokens), LOCK_BUCKETS)
        # and they spread over most buckets rather than a few
        self.assertGreater(len(tokens), LOCK_BUCKETS * 0.9)
