import random

import phonenumbers

from odoo.tests import BaseCase, tagged

from odoo.addons.crm_cid.tools import digits, emails, keys, phone
from odoo.addons.crm_cid.tools.national_id import NationalIdError

MOBILE = "+989123456789"
TEHRAN = "+982188887777"

# (raw, expected E.164 or None), region IR
PHONE_CASES = [
    # every prefix form of one mobile number
    ("09123456789", MOBILE),
    ("+989123456789", MOBILE),
    ("00989123456789", MOBILE),
    ("989123456789", MOBILE),
    ("9123456789", MOBILE),
    ("+98 912 345 6789", MOBILE),
    ("0098 912 345 6789", MOBILE),
    ("98 912 345 6789", MOBILE),
    ("+98 0912 345 6789", MOBILE),
    ("+98 (0) 912 345 6789", MOBILE),
    ("912 345 6789", MOBILE),
    # separators
    ("0912 345 6789", MOBILE),
    ("0912-345-6789", MOBILE),
    ("0912.345.6789", MOBILE),
    ("0912/345/6789", MOBILE),
    ("(0912) 345 6789", MOBILE),
    ("+98 (912) 345-6789", MOBILE),
    ("0912\u2013345\u20136789", MOBILE),
    ("0912\u00a0345\u00a06789", MOBILE),
    ("  09123456789  ", MOBILE),
    ("\u200f09123456789\u200e", MOBILE),
    # Persian, Arabic-Indic, fullwidth and mixed digits
    ("۰۹۱۲۳۴۵۶۷۸۹", MOBILE),
    ("+۹۸۹۱۲۳۴۵۶۷۸۹", MOBILE),
    ("۰۰۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹", MOBILE),
    ("۹۸۹۱۲۳۴۵۶۷۸۹", MOBILE),
    ("۹۱۲۳۴۵۶۷۸۹", MOBILE),
    ("۰۹۱۲-۳۴۵-۶۷۸۹", MOBILE),
    ("٠٩١٢٣٤٥٦٧٨٩", MOBILE),
    ("+٩٨ ٩١٢ ٣٤٥ ٦٧٨٩", MOBILE),
    ("۰۹۱2٣۴5۶۷۸۹", MOBILE),
    ("0912 ۳۴۵ ٦٧٨٩", MOBILE),
    ("０９１２３４５６７８９", MOBILE),
    (9123456789, MOBILE),
    # other operators
    ("0935 123 4567", "+989351234567"),
    ("0901 123 4567", "+989011234567"),
    ("0921 123 4567", "+989211234567"),
    ("0990 123 4567", "+989901234567"),
    ("0939-123-4567", "+989391234567"),
    # landlines with area codes
    ("021 8888 7777", TEHRAN),
    ("02188887777", TEHRAN),
    ("(021) 88887777", TEHRAN),
    ("021-88887777", TEHRAN),
    ("+98 21 8888 7777", TEHRAN),
    ("0098 21 8888 7777", TEHRAN),
    ("982188887777", TEHRAN),
    ("2188887777", TEHRAN),
    ("۰۲۱ ۸۸۸۸ ۷۷۷۷", TEHRAN),
    ("031 3222 3333", "+983132223333"),
    ("(031) 32223333", "+983132223333"),
    ("051-3844-5566", "+985138445566"),
    ("+98 51 3844 5566", "+985138445566"),
    ("071 3623 4567", "+987136234567"),
    ("041 3554 1234", "+984135541234"),
    ("061 3333 4455", "+986133334455"),
    ("026 3444 5566", "+982634445566"),
    ("025 3770 1234", "+982537701234"),
    ("013 3333 2222", "+981333332222"),
    # foreign numbers
    ("+44 20 7946 0958", "+442079460958"),
    ("0044 20 7946 0958", "+442079460958"),
    ("+44 7911 123456", "+447911123456"),
    ("001 202 555 0123", "+12025550123"),
    ("+1 (202) 555-0123", "+12025550123"),
    ("+1 416 555 0199", "+14165550199"),
    ("+49 30 12345678", "+493012345678"),
    ("0049 151 23456789", "+4915123456789"),
    ("+971 50 123 4567", "+971501234567"),
    ("+90 532 123 45 67", "+905321234567"),
    ("+33 1 23 45 67 89", "+33123456789"),
    ("+93 70 123 4567", "+93701234567"),
    ("+964 770 123 4567", "+9647701234567"),
    ("+968 9123 4567", "+96891234567"),
    ("+7 912 345 67 89", "+79123456789"),
    ("+86 138 0013 8000", "+8613800138000"),
    ("+91 98765 43210", "+919876543210"),
    ("+۹۷۱ ۵۰ ۱۲۳ ۴۵۶۷", "+971501234567"),
    # garbage
    (None, None),
    ("", None),
    ("   ", None),
    ("abc", None),
    ("0912abc4567", None),
    ("0912 345 6789 ext 2", None),
    ("09123", None),
    ("0912345", None),
    ("091234567890", None),
    ("+98912345678", None),
    ("0912345678901234567", None),
    ("+98", None),
    ("0098", None),
    ("98", None),
    ("+", None),
    ("0", None),
    ("---", None),
    ("()", None),
    ("*141#", None),
    ("09123456789#", None),
    ("0912 345 6789, 0935 123 4567", None),
    ("09123456789 / 09351234567", None),
    ("+0098 912 345 6789", None),
    ("++989123456789", None),
    ("98+9123456789", None),
    (True, None),
    (9.5, None),
    (["09123456789"], None),
]

# (raw, region, expected)
PHONE_REGION_CASES = [
    ("9123456789", "US", "+19123456789"),
    ("(202) 555-0123", "US", "+12025550123"),
    ("011 44 20 7946 0958", "US", "+442079460958"),
    ("0044 20 7946 0958", "US", "+442079460958"),
    ("020 7946 0958", "GB", "+442079460958"),
    ("020 7946 0958", "gb", "+442079460958"),
    ("+989123456789", None, MOBILE),
    ("09123456789", None, None),
    ("09123456789", "ZZ", None),
]

# (value, expected)
IS_MOBILE_CASES = [
    (MOBILE, True),
    ("+989351234567", True),
    (TEHRAN, False),
    ("+442079460958", False),
    ("+447911123456", True),
    ("+12025550123", True),  # FIXED_LINE_OR_MOBILE in North America
    ("09123456789", False),  # not E.164
    ("+98", False),
    ("", False),
    (None, False),
]

# (raw, expected)
DIGIT_CASES = [
    ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
    ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
    ("０１２３４５６７８９", "0123456789"),
    ("\u0966\u0967\u0968", "012"),  # Devanagari
    ("پلاک ۱۲ واحد ٣", "پلاک 12 واحد 3"),
    ("abc 123", "abc 123"),
    ("x²", "x²"),  # a superscript is not a decimal digit
    (1365, "1365"),
    ("", ""),
    (None, None),
]

# (raw, expected)
DIGITS_ONLY_CASES = [
    ("۰۹۱۲-۳۴۵ 67٨٩", "09123456789"),
    ("کد: ۱۲۳/۴", "1234"),
    ("abc", ""),
    ("", ""),
    (None, ""),
]

# (raw, expected)
EMAIL_CASES = [
    ("ali@example.com", "ali@example.com"),
    ("Ali@Example.COM", "ali@example.com"),
    ("  ali@example.com  ", "ali@example.com"),
    ('"Reza" <R@Example.com>', "r@example.com"),
    ("Reza Ahmadi <reza@example.ir>", "reza@example.ir"),
    ('"احمدی، رضا" <Reza@Example.IR>', "reza@example.ir"),
    ("<ali@example.com>", "ali@example.com"),
    ("mailto:Ali@Example.com", "ali@example.com"),
    ("ali۱۳۶۵@example.com", "ali1365@example.com"),
    ("ali@example.com.", "ali@example.com"),
    ("\u200fali@example.com\u200e", "ali@example.com"),
    ("ali+crm@example.co.ir", "ali+crm@example.co.ir"),
    ("first.last@sub.example.ir", "first.last@sub.example.ir"),
    ("ali@مثال.ایران", "ali@xn--mgbh0fb.xn--mgba3a4f16a"),
    ("ali@مثال.ايران", "ali@xn--mgbh0fb.xn--mgba3a4f16a"),  # Arabic yeh
    ("Ali@Bücher.de", "ali@xn--bcher-kva.de"),
    (None, None),
    ("", None),
    ("   ", None),
    ("ali.example.com", None),
    ("@example.com", None),
    ("ali@", None),
    ("ali@example", None),
    ("ali @example.com", None),
    ("ali@exa mple.com", None),
    ("a@b@example.com", None),
    ("ali@example..com", None),
    ("ali@-example.com", None),
    ("ali@exa_mple.com", None),
    ("ali@example.com, reza@example.com", None),
    ("Reza <>", None),
    (42, None),
]

# (key_type, raw, expected)
KEY_CASES = [
    ("mobile", "0912 345 6789", MOBILE),
    ("mobile", "021 8888 7777", TEHRAN),  # the key type does not filter
    ("phone", "۰۲۱-۸۸۸۸۷۷۷۷", TEHRAN),
    ("whatsapp", "+98 912 345 6789", MOBILE),
    ("mobile", "abc", None),
    ("email", '"Reza" <R@Example.com>', "r@example.com"),
    ("email", "not an address", None),
    ("national_id", "۰۰۱-۱۵۳۷۰۲-۷", "0011537027"),
    ("legal_id", "۱۰۱۰۲۶۳۱۴۰۹", "10102631409"),
    ("telegram", "@Reza_Ahmadi", "reza_ahmadi"),
    ("telegram", "https://t.me/Reza_Ahmadi/", "reza_ahmadi"),
    ("telegram", "t.me/reza_ahmadi", "reza_ahmadi"),
    ("telegram", "http://telegram.me/Reza", "reza"),
    ("telegram", "  @ reza_ahmadi ", "reza_ahmadi"),
    ("instagram", "@Reza.Ahmadi", "reza.ahmadi"),
    ("instagram", "https://www.instagram.com/reza.ahmadi/", "reza.ahmadi"),
    ("instagram", "instagram.com/reza.ahmadi/?hl=fa", "reza.ahmadi"),
    ("instagram", "@", None),
    ("username", "  Reza.Ahmadi  ", "reza.ahmadi"),
    ("username", "Reza   Ahmadi", "reza ahmadi"),
    ("username", "user۱۲", "user12"),
    ("customer_number", " cn-۱۲۳۴ ", "CN-1234"),
    ("customer_number", "ab  12", "AB 12"),
    ("customer_number", 1234, "1234"),
    ("external_id", "  Sap:Ab-۱۲  ", "Sap:Ab-12"),
    ("external_id", "Ext   Id 7", "Ext Id 7"),
    ("cid", "c-0000123", "C0000123"),
    ("cid", " C 000 0123 ", "C0000123"),
    ("cid", "c۰۰۰۰۱۲۳", "C0000123"),
    ("mobile", None, None),
    ("username", "   ", None),
    ("cid", "", None),
    ("national_id", "", None),
    ("legal_id", None, None),
    ("email", False, None),
]

# (text, expected candidates)
GUESS_CASES = [
    ("reza@example.com", [("email", "reza@example.com")]),
    ('"Reza" <R@Example.com>', [("email", "r@example.com")]),
    ("@Reza_Ahmadi", [("telegram", "reza_ahmadi"), ("instagram", "reza_ahmadi")]),
    ("https://t.me/Reza", [("telegram", "reza")]),
    ("instagram.com/reza.ahmadi/", [("instagram", "reza.ahmadi")]),
    ("0011537027", [("national_id", "0011537027")]),
    ("۰۰۱۱۵۳۷۰۲۷", [("national_id", "0011537027")]),
    # a valid national code that is also a valid mobile number without its 0
    (
        "9123456787",
        [
            ("national_id", "9123456787"),
            ("mobile", "+989123456787"),
            ("phone", "+989123456787"),
        ],
    ),
    ("10102631409", [("legal_id", "10102631409")]),
    ("09123456789", [("mobile", MOBILE), ("phone", MOBILE)]),
    ("۰۹۱۲ ۳۴۵ ۶۷۸۹", [("mobile", MOBILE), ("phone", MOBILE)]),
    ("+98 21 8888 7777", [("phone", TEHRAN), ("mobile", TEHRAN)]),
    ("C0000123", [("cid", "C0000123")]),
    ("c-0000123", [("cid", "C0000123")]),
    ("C123", [("customer_number", "C123"), ("username", "c123")]),
    ("Reza Ahmadi", [("customer_number", "REZA AHMADI"), ("username", "reza ahmadi")]),
    ("12345", [("customer_number", "12345"), ("username", "12345")]),
    ("ali@", [("customer_number", "ALI@"), ("username", "ali@")]),
    ("", []),
    ("   ", []),
    (None, []),
]


@tagged("crm_cid")
class TestToolsDigits(BaseCase):
    def test_unicode_digits_become_ascii(self):
        for raw, expected in DIGIT_CASES:
            with self.subTest(raw=raw):
                self.assertEqual(digits.to_ascii_digits(raw), expected)

    def test_digits_only_keeps_converted_digits(self):
        for raw, expected in DIGITS_ONLY_CASES:
            with self.subTest(raw=raw):
                self.assertEqual(digits.digits_only(raw), expected)

    def test_non_text_is_refused(self):
        with self.assertRaises(TypeError):
            digits.to_ascii_digits(["۱"])


@tagged("crm_cid")
class TestToolsPhone(BaseCase):
    def test_phone_table_normalises_to_e164(self):
        self.assertGreaterEqual(len(PHONE_CASES), 60)
        for raw, expected in PHONE_CASES:
            with self.subTest(raw=raw):
                self.assertEqual(phone.normalize_phone(raw), expected)

    def test_region_applies_to_numbers_without_prefix_only(self):
        for raw, region, expected in PHONE_REGION_CASES:
            with self.subTest(raw=raw, region=region):
                self.assertEqual(phone.normalize_phone(raw, region=region), expected)

    def test_is_mobile_follows_number_type(self):
        for value, expected in IS_MOBILE_CASES:
            with self.subTest(value=value):
                self.assertIs(phone.is_mobile(value), expected)

    def test_iranian_mobile_shortcut_agrees_with_phonenumbers(self):
        """The shortcut for usual Iranian mobiles answers as the full parsing does.

        Generated inputs: every prefix form (and broken ones), random digit
        groups and separators, numbers valid or not, Persian digits, several
        regions. Each one is normalised twice: as normalize_phone does (the
        shortcut first) and by phonenumbers alone.
        """
        rnd = random.Random(4)
        prefixes = ["", "0", "+98", "0098", "98", "+98 0", "+98(0)", "00", "+", "+0098"]
        prefixes += ["9", "098", "+980", "0 0 9 8", "+ 98", "(+98)", "(0)"]
        separators = ["", " ", "-", ".", "/", "(", ")", " - "]

        def grouped(number):
            groups, start = [], 0
            while start < len(number):
                size = rnd.randint(1, 4)
                groups.append(number[start : start + size])
                start += size
            return rnd.choice(separators).join(groups)

        def full_parsing(raw, region):
            text = phone._clean(raw)
            number = text and phone._parse(text, region.upper() if region else None)
            return number and phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.E164
            )

        valid = 0
        for _i in range(5000):
            length = rnd.choice([8, 9, 10, 10, 10, 11, 12])
            number = rnd.choice("99999801") + "".join(
                rnd.choice("0123456789") for _j in range(length - 1)
            )
            raw = rnd.choice(prefixes) + rnd.choice(["", " "]) + grouped(number)
            if rnd.random() < 0.1:
                raw = raw.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
            region = rnd.choice(["IR", "IR", "ir", "US", "DE", None])
            expected = full_parsing(raw, region)
            valid += bool(expected)
            with self.subTest(raw=raw, region=region):
                self.assertEqual(phone.normalize_phone(raw, region=region), expected)
        # the generated set exercises both answers
        self.assertGreater(valid, 300)

    def test_search_variants_are_the_normalised_value_or_nothing(self):
        self.assertEqual(phone.phone_search_variants("۰۹۱۲ ۳۴۵ ۶۷۸۹"), [MOBILE])
        self.assertEqual(
            phone.phone_search_variants("020 7946 0958", region="GB"), ["+442079460958"]
        )
        self.assertEqual(phone.phone_search_variants("not a number"), [])
        self.assertEqual(phone.phone_search_variants(None), [])


@tagged("crm_cid")
class TestToolsEmail(BaseCase):
    def test_email_table(self):
        for raw, expected in EMAIL_CASES:
            with self.subTest(raw=raw):
                self.assertEqual(emails.normalize_email(raw), expected)

    def test_normalising_twice_changes_nothing(self):
        for raw, expected in EMAIL_CASES:
            if expected:
                with self.subTest(raw=raw):
                    self.assertEqual(emails.normalize_email(expected), expected)


@tagged("crm_cid")
class TestToolsKeys(BaseCase):
    def test_key_types_are_the_canonical_codes(self):
        self.assertEqual(
            set(keys.KEY_TYPES),
            {
                "mobile",
                "phone",
                "email",
                "national_id",
                "legal_id",
                "customer_number",
                "username",
                "telegram",
                "whatsapp",
                "instagram",
                "external_id",
                "cid",
            },
        )

    def test_normalize_key_dispatches_per_type(self):
        for key_type, raw, expected in KEY_CASES:
            with self.subTest(key_type=key_type, raw=raw):
                self.assertEqual(keys.normalize_key(key_type, raw), expected)

    def test_normalize_key_is_idempotent(self):
        for key_type, raw, expected in KEY_CASES:
            if expected:
                with self.subTest(key_type=key_type, raw=raw):
                    self.assertEqual(keys.normalize_key(key_type, expected), expected)

    def test_normalize_key_passes_region_to_phones(self):
        self.assertEqual(keys.normalize_key("phone", "020 7946 0958", region="GB"), "+442079460958")

    def test_unknown_key_type_is_refused(self):
        with self.assertRaises(ValueError):
            keys.normalize_key("fax", "021 8888 7777")

    def test_invalid_identity_numbers_propagate_their_reason(self):
        with self.assertRaises(NationalIdError) as caught:
            keys.normalize_key("national_id", "0011537028")
        self.assertEqual(caught.exception.reason, "checksum")
        with self.assertRaises(NationalIdError) as caught:
            keys.normalize_key("legal_id", "1010263140")
        self.assertEqual(caught.exception.reason, "length")

    def test_guess_key_types_table(self):
        for text, expected in GUESS_CASES:
            with self.subTest(text=text):
                self.assertEqual(keys.guess_key_types(text), expected)

    def test_guessed_values_are_what_normalize_key_stores(self):
        for text, expected in GUESS_CASES:
            for key_type, value in expected:
                with self.subTest(text=text, key_type=key_type):
                    self.assertEqual(keys.normalize_key(key_type, value), value)

    def test_guess_key_types_never_raises(self):
        garbage = [object(), 12.5, b"0912", ["x"], True, "\x00", "@", "@@", "+", "٠"]
        garbage += ["http://t.me/", "-", "C", "1111111111", "00000000000", "a" * 5000]
        for text in garbage:
            with self.subTest(text=text if not isinstance(text, str) else text[:20]):
                self.assertIsInstance(keys.guess_key_types(text), list)
