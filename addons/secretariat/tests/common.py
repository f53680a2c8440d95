from odoo.tests import TransactionCase, new_test_user


class SecretariatCommon(TransactionCase):
    """One user per access rung, a customer and two secretariats, built once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Letter = cls.env["secretariat.letter"]
        cls.Secretariat = cls.env["secretariat.secretariat"]
        cls.staff = new_test_user(
            cls.env, "se_staff", groups="base.group_user", email="se.staff@example.com"
        )
        cls.staff_other = new_test_user(
            cls.env, "se_staff2", groups="base.group_user", email="se.staff2@example.com"
        )
        cls.clerk = new_test_user(
            cls.env,
            "se_clerk",
            groups="base.group_user,secretariat.group_secretariat_clerk",
            email="se.clerk@example.com",
        )
        cls.officer = new_test_user(
            cls.env,
            "se_officer",
            groups="base.group_user,secretariat.group_secretariat_confidential",
            email="se.officer@example.com",
        )
        cls.manager = new_test_user(
            cls.env,
            "se_manager",
            groups="base.group_user,secretariat.group_secretariat_manager",
            email="se.manager@example.com",
        )
        cls.head = cls.Secretariat.create(
            {"name": "دبیرخانه مرکزی", "code": "TST-T", "manager_id": cls.manager.id}
        )
        cls.branch = cls.Secretariat.create({"name": "دبیرخانه اصفهان", "code": "TST-ES"})
        cls.customer = cls.env["res.partner"].create(
            {"name": "مریم رضایی", "mobile": "09121112233", "email": "maryam@example.com"}
        )

    @classmethod
    def make_letter(cls, kind="incoming", secretariat=None, user=None, **values):
        vals = {
            "kind": kind,
            "subject": values.pop("subject", "درخواست استرداد وجه"),
            "secretariat_id": (secretariat or cls.head).id,
            "partner_id": cls.customer.id if kind != "internal" else False,
        }
        if kind == "outgoing":
            vals["body"] = "<p>با سلام</p>"
        vals.update(values)
        Letter = cls.Letter.with_user(user) if user else cls.Letter
        return Letter.create(vals)
