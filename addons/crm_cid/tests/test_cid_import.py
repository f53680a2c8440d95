import base64
import io
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.sql_db import db_connect
from odoo.tests import tagged

from ..tools.locks import CID_LOCK_NAMESPACE as _LOCK_NAMESPACE
from ..tools.locks import key_lock_token
from ..tools.national_id import legal_id_check_digit
from .common import NATIONAL_ID_A, NATIONAL_ID_B, CidCommon

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@tagged("post_install", "-at_install", "crm_cid")
class TestCidImport(CidCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Import = cls.env["crm.cid.import"]
        cls.Engine = cls.env["crm.cid.import.engine"]
        cls.rows = [
            # 1: new customer, Persian digits everywhere
            {
                "name": "مریم احمدی",
                "mobile": "۰۹۱۳ ۱۱۱ ۲۲۲۲",
                "national_id": NATIONAL_ID_B.translate(_PERSIAN_DIGITS),
                "city": "تهران",
            },
            # 2: same mobile as row 1 in another format: the customer of row 1
            {"name": "Maryam Ahmadi", "mobile": "+989131112222", "email": "maryam@example.com"},
            # 3: the existing person, mobile written differently
            {"name": "Ali K", "mobile": "+98 912 345 6789"},
            # 4: invalid national code
            {"name": "Bad ID", "national_id": "0012345678", "mobile": "09135550000"},
            # 5: empty row
            {},
            # 6: keys of two different existing customers
            {"name": "Conflict", "mobile": "09123456789", "email": "reza@alpha.example.com"},
            # 7: invalid legal national ID
            {"name": "شرکت بتا", "is_company": "1", "legal_id": "14001234561"},
            # 8: new customer known by a handle; an unknown column
            {"name": "Newcomer", "telegram": "@NewComer", "fax": "021"},
            # 9: e-mail brought by row 2 makes it row 1's customer again
            {"name": "M. Ahmadi", "email": "MARYAM@example.com"},
            # 10: neither name nor key
            {"city": "شیراز"},
        ]

    def _partner_count(self):
        return self.Partner.with_context(active_test=False).search_count([])

    def _key_count(self):
        return self.Key.sudo().with_context(active_test=False).search_count([])

    def test_import_rows_gives_exact_result_per_row(self):
        partners_before = self._partner_count()
        keys_before = self._key_count()
        result = self.Import.import_rows(self.rows)
        lines = result["results"]
        self.assertEqual(
            [line["status"] for line in lines],
            [
                "created",
                "matched",
                "matched",
                "rejected",
                "rejected",
                "rejected",
                "rejected",
                "created",
                "matched",
                "rejected",
            ],
        )
        self.assertEqual([line["row"] for line in lines], list(range(1, 11)))
        self.assertEqual(result["counts"], {"created": 2, "matched": 3, "rejected": 5})
        maryam = self.Partner.browse(lines[0]["partner_id"])
        self.assertEqual(maryam.name, "مریم احمدی")
        self.assertEqual(maryam.mobile, "+989131112222")
        self.assertEqual(maryam.city, "تهران")
        self.assertEqual(maryam.sudo().national_id, NATIONAL_ID_B)
        self.assertEqual(lines[0]["cid"], maryam.cid)
        self.assertEqual(lines[1]["partner_id"], maryam.id)
        self.assertEqual(lines[8]["partner_id"], maryam.id)
        self.assertEqual(lines[2]["partner_id"], self.person.id)
        self.assertEqual(lines[2]["cid"], self.person.cid)
        self.assertIn("0012345678", lines[3]["reason"])
        self.assertIn("check digit", lines[3]["reason"])
        self.assertEqual(lines[4]["reason"], "The row is empty.")
        self.assertIn(self.person.cid, lines[5]["reason"])
        self.assertIn(self.company.cid, lines[5]["reason"])
        self.assertIn("14001234561", lines[6]["reason"])
        self.assertIn("neither a name nor", lines[9]["reason"])
        for index in (3, 4, 5, 6, 9):
            with self.subTest(row=index + 1):
                self.assertIs(lines[index]["data"], self.rows[index])
                self.assertFalse(lines[index]["partner_id"])
                self.assertFalse(lines[index]["cid"])
        for index in (0, 1, 2, 7, 8):
            self.assertFalse(lines[index]["reason"])
        self.assertTrue(any("fax" in warning for warning in result["warnings"]))
        self.assertFalse(result["queued"])
        # two customers, nothing for the rejected rows
        self.assertEqual(self._partner_count(), partners_before + 2)
        self.assertFalse(self.Partner.search([("name", "in", ["Bad ID", "Conflict", "شرکت بتا"])]))
        self.assertFalse(self.Partner.cid_resolve({"mobile": "09135550000"})["partner_id"])
        # row 1: cid, mobile, national code; row 2: e-mail; row 8: cid, telegram
        self.assertEqual(self._key_count(), keys_before + 6)
        self.assertEqual(
            sorted(self.keys_of(maryam).mapped("type_code")),
            ["cid", "email", "mobile", "national_id"],
        )
        self.assertEqual(self.keys_of(maryam, "email").source, "import")
        newcomer = self.Partner.browse(lines[7]["partner_id"])
        self.assertEqual(self.keys_of(newcomer, "telegram").value_normalized, "newcomer")
        self.assertEqual(
            self.Partner.cid_resolve({"telegram": "newcomer"})["partner_id"], newcomer.id
        )
        # the matched person is not touched without update_empty
        self.assertEqual(self.person.name, "علی کریمی")

    def test_second_import_of_same_rows_matches_everything(self):
        first = self.Import.import_rows(self.rows)
        partners_before = self._partner_count()
        second = self.Import.import_rows(self.rows)
        self.assertEqual(second["counts"], {"created": 0, "matched": 5, "rejected": 5})
        self.assertEqual(
            [line["partner_id"] for line in second["results"]],
            [line["partner_id"] for line in first["results"]],
        )
        self.assertEqual(self._partner_count(), partners_before)

    def test_update_empty_fills_only_empty_fields(self):
        rows = [
            {
                "name": "Another name",
                "mobile": "09123456789",
                "city": "Tabriz",
                "phone": "021 7777 1111",
            }
        ]
        self.Import.import_rows(rows)
        self.assertFalse(self.person.city)
        result = self.Import.import_rows(rows, {"update_empty": True})
        self.assertEqual(result["results"][0]["status"], "matched")
        self.assertEqual(self.person.city, "Tabriz")
        self.assertEqual(self.person.phone, "+982177771111")
        self.assertEqual(self.person.name, "علی کریمی")
        self.assertEqual(
            self.Partner.cid_resolve({"phone": "02177771111"})["partner_id"], self.person.id
        )

    def test_small_chunks_still_deduplicate_across_chunks(self):
        result = self.Import.import_rows(self.rows, {"chunk_size": 2})
        statuses = [line["status"] for line in result["results"]]
        self.assertEqual(statuses.count("created"), 2)
        self.assertEqual(result["results"][8]["partner_id"], result["results"][0]["partner_id"])

    def test_above_queue_threshold_without_job_queue_runs_inline(self):
        # as on a database without queue_job, whether it is installed here or not
        with patch.object(type(self.Engine), "_import_can_queue", lambda _self: False):
            result = self.Import.import_rows(self.rows, {"queue_threshold": 3, "chunk_size": 4})
        self.assertFalse(result["queued"])
        self.assertEqual(result["counts"], {"created": 2, "matched": 3, "rejected": 5})

    def test_above_queue_threshold_with_job_queue_runs_chained_jobs(self):
        if "queue.job" not in self.env:
            self.skipTest("the job queue (queue_job) is not installed")
        from odoo.addons.queue_job.tests.common import trap_jobs  # noqa: PLC0415 - optional addon

        partners_before = self._partner_count()
        with trap_jobs() as trap:
            result = self.Import.import_rows(self.rows, {"queue_threshold": 3, "chunk_size": 4})
            self.assertTrue(result["queued"])
            self.assertEqual({line["status"] for line in result["results"]}, {"queued"})
            trap.assert_jobs_count(3, only=self.Engine._import_rows_job)
            trap.assert_enqueued_job(
                self.Engine._import_rows_job,
                args=(
                    self.rows[8:],
                    8,
                    {"update_empty": False, "chunk_size": 4, "queue_threshold": 3},
                ),
            )
            self.assertEqual(self._partner_count(), partners_before)
            trap.perform_enqueued_jobs()
        # the chunks ran in order: row 9 found the customer of row 1
        self.assertEqual(self._partner_count(), partners_before + 2)
        self.assertEqual(
            self.Partner.cid_resolve({"email": "maryam@example.com"})["partner_id"],
            self.Partner.cid_resolve({"mobile": "09131112222"})["partner_id"],
        )

    def test_import_and_find_or_create_lock_the_same_keys(self):
        mobile = "+989130000009"
        # find-or-create holds the lock of this key in the test transaction...
        self.Partner._cid_lock_keys({"mobile": mobile})
        # ...so an import running in another transaction cannot take it
        with db_connect(self.env.cr.dbname).cursor() as other:
            other.execute(
                "SELECT pg_try_advisory_xact_lock(%s, %s)",
                (_LOCK_NAMESPACE, key_lock_token("mobile", mobile)),
            )
            self.assertFalse(other.fetchone()[0])
            other.rollback()

    def test_keys_without_name_and_legal_id_make_a_company(self):
        legal_id = "1400555000" + str(legal_id_check_digit("1400555000"))
        result = self.Import.import_rows(
            [{"mobile": "۰۹۱۳۷۷۷۸۸۸۸"}, {"name": "شرکت گاما", "legal_id": legal_id}]
        )
        self.assertEqual([line["status"] for line in result["results"]], ["created", "created"])
        nameless, company = self.Partner.browse([line["partner_id"] for line in result["results"]])
        self.assertEqual(nameless.name, "+989137778888")
        self.assertFalse(nameless.is_company)
        self.assertTrue(company.is_company)
        self.assertEqual(company.sudo().national_id, legal_id)
        self.assertEqual(self.Partner.cid_resolve({"legal_id": legal_id})["partner_id"], company.id)

    def test_bad_arguments_are_refused(self):
        for rows, options in (
            ("name", None),
            ([["x"]], None),
            ([], "fast"),
            ([], {"chunk_size": "x"}),
        ):
            with self.subTest(rows=rows, options=options), self.assertRaises(UserError):
                self.Import.import_rows(rows, options)

    def test_wizard_imports_csv_with_persian_headers(self):
        content = "\n".join(
            [
                "نام;موبایل;كد ملي;ایمیل;شهر",
                "سارا;۰۹۱۴۱۲۳۴۵۶۷;;sara@example.com;",
                "Sara again;09141234567;;;",
                ";;;;",
                "Wrong;;0012345678;;",
                "Ali;0912-345-6789;;;Tabriz",
            ]
        ).encode("utf-8-sig")
        wizard = self.Import.create(
            {"file": base64.b64encode(content), "filename": "customers.csv", "update_empty": True}
        )
        action = wizard.action_import()
        self.assertEqual(action["res_id"], wizard.id)
        self.assertEqual(wizard.state, "done")
        self.assertEqual(
            wizard.line_ids.sorted("row").mapped("status"),
            ["created", "matched", "rejected", "rejected", "matched"],
        )
        self.assertEqual(
            (wizard.created_count, wizard.matched_count, wizard.rejected_count), (1, 2, 2)
        )
        sara = wizard.line_ids.filtered(lambda line: line.row == 1).partner_id
        self.assertEqual(sara.email, "sara@example.com")
        self.assertEqual(wizard.line_ids.filtered(lambda line: line.row == 2).partner_id, sara)
        self.assertEqual(self.person.city, "Tabriz")
        wrong = wizard.line_ids.filtered(lambda line: line.row == 4)
        self.assertIn("0012345678", wrong.reason)
        self.assertIn("Wrong", wrong.data)
        rejected = base64.b64decode(wizard.rejected_file).decode("utf-8-sig")
        self.assertIn("0012345678", rejected)
        self.assertEqual(len(rejected.strip().splitlines()), 3)

    def test_wizard_imports_xlsx(self):
        import openpyxl  # noqa: PLC0415 - test of the optional Excel reader

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["Name", "Mobile", "National ID", "Comment"])
        # spreadsheets drop the leading zeros of numbers
        sheet.append(["Ali", None, int(NATIONAL_ID_A), "known"])
        sheet.append(["Nima", 9151234567, None, "new"])
        sheet.append([None, None, None, None])
        buffer = io.BytesIO()
        workbook.save(buffer)
        wizard = self.Import.create(
            {"file": base64.b64encode(buffer.getvalue()), "filename": "c.xlsx"}
        )
        wizard.action_import()
        lines = wizard.line_ids.sorted("row")
        self.assertEqual(lines.mapped("status"), ["matched", "created"])
        self.assertEqual(lines[0].partner_id, self.person)
        self.assertEqual(lines[1].partner_id.mobile, "+989151234567")
        self.assertIn("Comment", wizard.warnings)

    def test_import_needs_manager_group(self):
        partners_before = self._partner_count()
        with self.assertRaises(AccessError):
            self.Import.with_user(self.user_sensitive).import_rows(
                [{"name": "X", "mobile": "09130000001"}]
            )
        with self.assertRaises(AccessError):
            self.Import.with_user(self.user_cid).create({"file": base64.b64encode(b"name\nX")})
        self.assertEqual(self._partner_count(), partners_before)
        result = self.Import.with_user(self.user_manager).import_rows(
            [{"name": "X", "mobile": "09130000001", "national_id": NATIONAL_ID_B}]
        )
        self.assertEqual(result["results"][0]["status"], "created")
