from odoo.tests import TransactionCase, new_test_user

# valid check digits, computed once and kept as plain data
NATIONAL_ID_A = "0012345679"
NATIONAL_ID_B = "1234567891"
NATIONAL_ID_C = "0023456787"
LEGAL_ID_A = "14001234562"


class CidCommon(TransactionCase):
    """Users per access rung and a small customer base, built once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Partner = cls.env["res.partner"]
        cls.Key = cls.env["crm.cid.key"]
        cls.KeyType = cls.env["crm.cid.key.type"]
        # explicit e-mails: the generated ones repeat the first letter of the
        # login, and an e-mail belongs to one commercial entity
        cls.user_cid = new_test_user(
            cls.env, "cid_user", groups="base.group_user", email="cid.user@example.com"
        )
        cls.user_sensitive = new_test_user(
            cls.env,
            "cid_sensitive",
            groups="base.group_user,crm_cid.group_cid_sensitive",
            email="cid.sensitive@example.com",
        )
        cls.user_manager = new_test_user(
            cls.env,
            "cid_manager",
            groups="base.group_user,base.group_partner_manager,crm_cid.group_cid_manager",
            email="cid.manager@example.com",
        )
        cls.company = cls.Partner.create(
            {
                "name": "شرکت آلفا",
                "is_company": True,
                "email": "info@alpha.example.com",
                "phone": "021 8888 0000",
                "national_id": LEGAL_ID_A,
            }
        )
        cls.contact = cls.Partner.create(
            {
                "name": "Reza Karimi",
                "parent_id": cls.company.id,
                "mobile": "09122222222",
                "email": "reza@alpha.example.com",
            }
        )
        cls.person = cls.Partner.create(
            {
                "name": "علی کریمی",
                "mobile": "09123456789",
                "email": "ali@example.com",
                "national_id": NATIONAL_ID_A,
            }
        )
        cls.type_mobile = cls.env.ref("crm_cid.key_type_mobile")
        cls.type_email = cls.env.ref("crm_cid.key_type_email")
        cls.type_national_id = cls.env.ref("crm_cid.key_type_national_id")
        cls.type_telegram = cls.env.ref("crm_cid.key_type_telegram")

    def keys_of(self, partner, code=None):
        """Return the active keys of ``partner`` (of type ``code`` if given), as superuser."""
        domain = [("partner_id", "=", partner.id)]
        if code:
            domain.append(("type_code", "=", code))
        return self.Key.sudo().search(domain)
