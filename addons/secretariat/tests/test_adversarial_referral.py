from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SecretariatCommon


@tagged("post_install", "-at_install", "secretariat")
class TestAdversarialReferral(SecretariatCommon):
    """A referral opens its letter to the recipient: every way to make or bend one.

    Each row of ``ATTACKS`` is ``(name, user, attempt)``; the attempt is tried
    as that user and must raise ``AccessError`` and leave every referral as it
    was (the same rows, the same values), the letters unread. The allowed
    paths (a cleared clerk refers, a recipient forwards) still work.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Referral = cls.env["secretariat.letter.referral"]
        cls.normal = cls.make_letter(subject="عادی")
        cls.confidential = cls.make_letter(subject="محرمانه", confidentiality="confidential")
        cls.secret = cls.make_letter(subject="سری", confidentiality="secret")
        (cls.normal | cls.confidential | cls.secret).action_register()
        # the staff member already holds a referral of the normal letter
        cls.own = cls.Referral.browse(cls.normal.with_user(cls.clerk).refer([cls.staff.id]))
        cls.of_secret = cls.Referral.browse(cls.secret.refer([cls.staff_other.id]))

    def referral_vals(self, letter, user, **extra):
        return {"letter_id": letter.id, "user_id": user.id, **extra}

    # (name, user attribute, attempt(test, env of the user))
    ATTACKS = (
        (
            "employee refers a secret letter to themselves",
            "staff",
            lambda t, Referral: Referral.create(t.referral_vals(t.secret, t.staff)),
        ),
        (
            "employee refers a normal letter to themselves",
            "staff",
            lambda t, Referral: Referral.create(t.referral_vals(t.normal, t.staff)),
        ),
        (
            "the letter given as a context default",
            "staff",
            lambda t, Referral: Referral.with_context(default_letter_id=t.secret.id).create(
                {"user_id": t.staff.id}
            ),
        ),
        (
            "clerk refers a confidential letter",
            "clerk",
            lambda t, Referral: Referral.create(t.referral_vals(t.confidential, t.clerk)),
        ),
        (
            "clerk refers a secret letter",
            "clerk",
            lambda t, Referral: Referral.create(t.referral_vals(t.secret, t.staff)),
        ),
        (
            "officer refers a secret letter",
            "officer",
            lambda t, Referral: Referral.create(t.referral_vals(t.secret, t.officer)),
        ),
        (
            "clerk refers in a manager's name",
            "clerk",
            lambda t, Referral: Referral.create(
                t.referral_vals(t.normal, t.staff, referrer_id=t.manager.id)
            ),
        ),
        (
            "forward of an own referral pointed at another letter",
            "staff",
            lambda t, Referral: Referral.create(
                t.referral_vals(t.secret, t.staff, parent_id=t.own.id)
            ),
        ),
        (
            "forward of somebody else's referral",
            "staff",
            lambda t, Referral: Referral.create(
                t.referral_vals(t.secret, t.staff, parent_id=t.of_secret.id)
            ),
        ),
        (
            "recipient refers the letter again through refer()",
            "staff",
            lambda t, Referral: t.normal.with_env(Referral.env).refer([t.staff_other.id]),
        ),
        (
            "recipient moves their referral to the secret letter",
            "staff",
            lambda t, Referral: t.own.with_env(Referral.env).write({"letter_id": t.secret.id}),
        ),
        (
            "recipient hands their referral to a colleague",
            "staff",
            lambda t, Referral: t.own.with_env(Referral.env).write({"user_id": t.staff_other.id}),
        ),
        (
            "referrer moves the referral to a confidential letter",
            "clerk",
            lambda t, Referral: t.own.with_env(Referral.env).write(
                {"letter_id": t.confidential.id}
            ),
        ),
        (
            "recipient rewrites who referred and from where",
            "staff",
            lambda t, Referral: t.own.with_env(Referral.env).write(
                {"referrer_id": t.staff.id, "parent_id": t.of_secret.id}
            ),
        ),
        (
            "recipient points the referral at another to-do",
            "staff",
            lambda t, Referral: t.own.with_env(Referral.env).write(
                {"activity_id": t.of_secret.activity_id.id}
            ),
        ),
        (
            "clerk links the secret letter's referral to a normal letter",
            "clerk",
            lambda t, Referral: t.normal.with_env(Referral.env).write(
                {"referral_ids": [Command.link(t.of_secret.id)]}
            ),
        ),
    )

    def snapshot(self):
        fields = ["letter_id", "user_id", "referrer_id", "parent_id", "activity_id", "state"]
        return self.Referral.search([], order="id").read(fields)

    def test_attacks_are_refused_and_write_nothing(self):
        for name, login, attempt in self.ATTACKS:
            user = getattr(self, login)
            with self.subTest(attack=name):
                before = self.snapshot()
                with self.assertRaises(AccessError):
                    attempt(self, self.Referral.with_user(user))
                self.assertEqual(self.snapshot(), before)
                # the secret letter stays closed to all of them
                with self.assertRaises(AccessError):
                    self.secret.with_user(user).read(["subject"])

    def test_every_attack_names_a_real_user(self):
        # the table keeps up with the fixtures
        for name, login, _attempt in self.ATTACKS:
            with self.subTest(attack=name):
                self.assertTrue(getattr(self, login))

    def test_cleared_users_refer_at_their_level(self):
        allowed = [
            (self.clerk, self.normal),
            (self.officer, self.normal),
            (self.officer, self.confidential),
            (self.manager, self.secret),
        ]
        for user, letter in allowed:
            with self.subTest(user=user.login, letter=letter.subject):
                [referral_id] = letter.with_user(user).refer([self.staff_other.id])
                referral = self.Referral.browse(referral_id)
                self.assertEqual(referral.referrer_id, user)
                self.assertEqual(referral.letter_id, letter)
                self.assertTrue(referral.activity_id)

    def test_recipient_forwards_and_the_colleague_reads(self):
        [new_id] = self.of_secret.with_user(self.staff_other).forward([self.staff.id])
        forwarded = self.Referral.browse(new_id)
        self.assertEqual(forwarded.letter_id, self.secret)
        self.assertEqual(forwarded.parent_id, self.of_secret)
        self.assertEqual(forwarded.referrer_id, self.staff_other)
        self.assertEqual(self.secret.with_user(self.staff).read(["subject"])[0]["subject"], "سری")

    def test_harmless_writes_stay_open(self):
        # the recipient's answer, and rewriting a field with its own value
        self.own.with_user(self.staff).write({"letter_id": self.normal.id, "reply": "draft"})
        self.own.with_user(self.staff).answer("انجام شد")
        self.assertEqual(self.own.state, "answered")
