"""Attachments of documents seen masked, tried by an agent of team North.

Team South's customer has the scan of its national ID card attached to its
card, and the same scan came in on its chatter (a message's attachment)
and on agent1's own call of the customer (seen masked); North's customer
has one of its own. One row per read path of the content: agent1 (North)
is refused the South scans and reads the North one; agent2 (South) and a
manager read the South scans. The names and types stay readable (the
values a name quotes, masked). What would take the content elsewhere (a
copy, a move to another document, a token, a message e-mailing it) is
refused and leaves the database unchanged.
"""

import base64
import json

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tools.discuss import Store

from .common import new_exporter
from .test_adversarial_read import SOUTH_NATIONAL_ID, AdversarialReadCommon

SOUTH_SCAN = f"Islamic Republic of Iran - national card {SOUTH_NATIONAL_ID}".encode()
NORTH_SCAN = b"north customer's contract"
# a one-pixel PNG, for /web/image
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _content_of(rows):
    """The raw contents of rows read with ``raw`` or ``datas``."""
    found = []
    for row in rows:
        if row.get("raw"):
            found.append(row["raw"])
        elif row.get("datas"):
            found.append(base64.b64decode(row["datas"]))
    return found


# (path, call(attachments as the user) -> the contents it gives)
READ_ROWS = [
    ("read datas", lambda atts: _content_of(atts.read(["datas"]))),
    ("read raw", lambda atts: _content_of(atts.read(["raw"]))),
    ("read where it is stored", lambda atts: atts.read(["db_datas", "store_fname"])),
    (
        "read index_content",
        lambda atts: [row["index_content"] for row in atts.read(["index_content"])],
    ),
    (
        "read access_token",
        lambda atts: [row["access_token"] for row in atts.read(["access_token"])],
    ),
    (
        "search_read",
        lambda atts: _content_of(atts.search_read([("id", "in", atts.ids)], ["name", "datas"])),
    ),
    ("web_read", lambda atts: _content_of(atts.web_read({"name": {}, "raw": {}}))),
    (
        "web_search_read",
        lambda atts: _content_of(
            atts.web_search_read([("id", "in", atts.ids)], {"datas": {}})["records"]
        ),
    ),
]


class AttachmentsCommon(AdversarialReadCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Attachment = cls.env["ir.attachment"]
        cls.south_scan, cls.north_scan, cls.call_scan = Attachment.create(
            [
                {
                    "name": f"national card {SOUTH_NATIONAL_ID}.txt",
                    "raw": raw,
                    "mimetype": "text/plain",
                    "res_model": model,
                    "res_id": res_id,
                }
                for raw, model, res_id in (
                    (SOUTH_SCAN, "res.partner", cls.south.id),
                    (NORTH_SCAN, "res.partner", cls.north.id),
                    (SOUTH_SCAN, "crm.interaction", cls.call.id),
                )
            ]
        )
        # the scan sent by the customer on its chatter: uploaded to the
        # composer, then attached to the message posted on the card
        cls.chatter_scan = Attachment.create(
            {
                "name": "scan.txt",
                "raw": SOUTH_SCAN,
                "mimetype": "text/plain",
                "res_model": "mail.compose.message",
                "res_id": 0,
            }
        )
        cls.south_message = cls.south.message_post(
            body="my card", attachment_ids=cls.chatter_scan.ids, message_type="comment"
        )
        cls.south_picture = Attachment.create(
            {
                "name": "card.png",
                "raw": PIXEL,
                "mimetype": "image/png",
                "res_model": "res.partner",
                "res_id": cls.south.id,
            }
        )
        cls.south_attachments = cls.south_scan | cls.call_scan | cls.chatter_scan
        if "crm.lead" in cls.env:
            cls.lead = cls.env["crm.lead"].create(
                {"name": "South lead", "partner_id": cls.south.id, "team_id": cls.team_south.id}
            )
            cls.lead_scan = Attachment.create(
                {
                    "name": "lead scan.txt",
                    "raw": SOUTH_SCAN,
                    "mimetype": "text/plain",
                    "res_model": "crm.lead",
                    "res_id": cls.lead.id,
                }
            )

    def attachments_as(self, user, attachments):
        return self.env["ir.attachment"].with_user(user).browse(attachments.ids)

    def state_of(self, attachments):
        """What a refused attack must leave unchanged."""
        attachments.invalidate_recordset()
        return (
            self.env["ir.attachment"].search_count([]),
            attachments.read(["res_model", "res_id", "access_token", "public"]),
        )


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialAttachments(AttachmentsCommon):
    def test_the_setup_holds_the_scans(self):
        self.assertEqual(self.chatter_scan.res_model, "res.partner")
        self.assertEqual(self.chatter_scan.res_id, self.south.id)
        self.assertIn(self.chatter_scan, self.south_message.attachment_ids)
        self.assertIn(SOUTH_NATIONAL_ID, self.south_scan.index_content)
        # agent1 may read the South card and its attachments' names
        scans = self.attachments_as(self.agent, self.south_attachments)
        self.assertTrue(scans.has_access("read"))

    def test_every_read_path_is_refused_outside_the_portfolio(self):
        scans = self.attachments_as(self.agent, self.south_attachments)
        for path, attack in READ_ROWS:
            for scan in scans:
                with self.subTest(path=path, document=scan.sudo().res_model, scan=scan.id):
                    before = self.state_of(scan.sudo())
                    with self.assertRaises(AccessError) as caught:
                        attack(scan)
                    self.assertIn("outside your portfolio", str(caught.exception))
                    self.assertEqual(self.state_of(scan.sudo()), before)

    def test_the_own_portfolio_reads_its_scans(self):
        for user, scans in (
            (self.agent, self.north_scan),
            (self.agent2, self.south_attachments),
            (self.manager, self.south_attachments | self.north_scan),
        ):
            scans = self.attachments_as(user, scans)
            for path, attack in READ_ROWS:
                with self.subTest(user=user.login, path=path):
                    self.assertEqual(len(attack(scans)), len(scans))
            self.assertEqual(
                {bytes(content) for content in _content_of(scans.read(["raw"]))},
                {raw for raw in self.env["ir.attachment"].browse(scans.ids).mapped("raw")},
            )

    def test_reading_a_file_is_a_read_of_its_customer(self):
        Log = self.env["crm.access.log"]

        def log_of(user):
            Log._flush_reads(force=True)
            return Log.search([("user_id", "=", user.id)])

        # the portfolio reads the scan of its customer's card and of its call
        self.attachments_as(self.agent2, self.south_scan).read(["raw"])
        self.assertEqual(log_of(self.agent2).partner_id, self.south)
        # names and types alone are no read of the file
        self.attachments_as(self.agent, self.north_scan).read(["name", "mimetype"])
        self.assertFalse(log_of(self.agent))
        self.attachments_as(self.agent, self.north_scan).read(["datas"])
        self.assertEqual(log_of(self.agent).partner_id, self.north)
        # suspended, the portfolio reads no file of its customers
        self.env["crm.access.alarm"].create(
            {
                "user_id": self.agent2.id,
                "customer_count": 500,
                "threshold": 200,
                "is_blocking": True,
            }
        )
        with self.assertRaises(AccessError):
            self.attachments_as(self.agent2, self.call_scan).read(["raw"])

    def test_the_files_of_a_message_through_web_read(self):
        spec = {"body": {}, "attachment_ids": {"fields": {"name": {}, "datas": {}}}}
        message = self.env["mail.message"].with_user(self.agent).browse(self.south_message.id)
        with self.assertRaises(AccessError):
            message.web_read(spec)
        [row] = message.with_user(self.agent2).web_read(spec)
        [file] = row["attachment_ids"]
        self.assertEqual(base64.b64decode(file["datas"]), SOUTH_SCAN)
        # the names alone, as the chatter asks
        [row] = message.web_read({"attachment_ids": {"fields": {"name": {}, "mimetype": {}}}})
        self.assertEqual(row["attachment_ids"][0]["name"], "scan.txt")

    def test_the_store_withholds_the_tokens_and_masks_the_names(self):
        # the chatter's data: a token per file serves it without a session
        for user, masked in ((self.agent, True), (self.agent2, False)):
            scans = self.attachments_as(user, self.south_scan | self.north_scan)
            data = Store().add(scans).get_result()["ir.attachment"]
            rows = {row["id"]: row for row in data}
            south, north = rows[self.south_scan.id], rows[self.north_scan.id]
            with self.subTest(user=user.login):
                self.assertEqual(not south["raw_access_token"], masked)
                self.assertEqual(SOUTH_NATIONAL_ID in south["name"], not masked)
                self.assertEqual(bool(north["raw_access_token"]), user == self.agent)
                self.assertEqual(not scans[:1]._get_raw_access_token(), masked)
        # data pushed to agent1 by agent2's action: for agent1
        scans = self.attachments_as(self.agent2, self.south_scan)
        [row] = Store(bus_channel=self.agent).add(scans).get_result()["ir.attachment"]
        self.assertFalse(row["raw_access_token"])
        self.assertNotIn(SOUTH_NATIONAL_ID, row["name"])

    def test_a_link_is_read_empty(self):
        link = self.env["ir.attachment"].create(
            {
                "name": "scan in the cloud",
                "type": "url",
                "url": "https://files.example.com/south-card.pdf",
                "res_model": "res.partner",
                "res_id": self.south.id,
            }
        )
        for user, url in ((self.agent, False), (self.agent2, link.url)):
            links = self.attachments_as(user, link)
            with self.subTest(user=user.login):
                self.assertEqual(links.read(["name", "url"])[0]["url"], url)
                self.assertEqual(links.web_read({"url": {}})[0]["url"], url)
        # searched, the link tests it
        Attachment = self.env["ir.attachment"].with_user(self.agent)
        self.assertFalse(Attachment.search([("url", "ilike", "south-card")]))

    def test_a_lead_of_the_customer(self):
        if "crm.lead" not in self.env:
            self.skipTest("the CRM bridge is not installed")
        readers = self.agent | self.agent2
        readers.group_ids |= self.env.ref("sales_team.group_sale_salesman_all_leads")
        with self.assertRaises(AccessError):
            self.attachments_as(self.agent, self.lead_scan).read(["raw"])
        [row] = self.attachments_as(self.agent2, self.lead_scan).read(["raw"])
        self.assertEqual(row["raw"], SOUTH_SCAN)

    def test_a_form_reads_the_size(self):
        # forms read binary fields with bin_size: the size, no content
        scan = self.attachments_as(self.agent, self.south_scan).with_context(bin_size=True)
        [row] = scan.web_read({"name": {}, "datas": {}})
        self.assertNotIn(SOUTH_NATIONAL_ID, str(row["datas"]))
        self.assertIn("bytes", str(row["datas"]))
        with self.assertRaises(AccessError):
            scan.read(["raw"])

    def test_names_and_types_stay_readable_with_quoted_values_masked(self):
        [row] = self.attachments_as(self.agent, self.south_scan).read(
            ["name", "mimetype", "file_size", "res_model", "res_id"]
        )
        self.assertEqual(row["mimetype"], "text/plain")
        self.assertEqual(row["file_size"], len(SOUTH_SCAN))
        self.assertNotIn(SOUTH_NATIONAL_ID, row["name"])
        self.assertIn("001****679", row["name"])
        [row] = self.attachments_as(self.agent2, self.south_scan).read(["name"])
        self.assertIn(SOUTH_NATIONAL_ID, row["name"])

    def test_copy_move_and_publish_are_refused(self):
        own_call = self.interactions["own"]
        scans = self.attachments_as(self.agent, self.south_attachments)
        attacks = [
            ("copy", lambda scan: scan.copy()),
            ("copy to own document", lambda scan: scan.copy({"res_id": self.own.id})),
            ("move to own contact", lambda scan: scan.write({"res_id": self.own.id})),
            (
                "move to own call",
                lambda scan: scan.write({"res_model": "crm.interaction", "res_id": own_call.id}),
            ),
            ("detach", lambda scan: scan.write({"res_model": False, "res_id": False})),
            # anyone is served a public file, whoever holds a token a tokened one
            ("publish", lambda scan: scan.write({"public": True})),
            ("token of one's own", lambda scan: scan.write({"access_token": "known"})),
            ("token", lambda scan: scan.generate_access_token()),
        ]
        for path, attack in attacks:
            for scan in scans:
                with self.subTest(path=path, scan=scan.id):
                    before = self.state_of(scan.sudo())
                    with self.assertRaises(AccessError) as caught:
                        attack(scan)
                    if scan == self.call_scan:
                        # agent1 may write on their own call: refused for its customer
                        self.assertIn("outside your portfolio", str(caught.exception))
                    self.assertEqual(self.state_of(scan.sudo()), before)

    def test_linking_to_a_message_is_refused(self):
        # a message sends its files out by e-mail, read as superuser
        Message = self.env["mail.message"]
        north_call = self.interactions["north"]
        for document, scan in ((north_call, self.south_scan), (self.call, self.call_scan)):
            with self.subTest(document=document.id):
                before = Message.search_count([])
                state = self.state_of(scan)
                with self.assertRaisesRegex(AccessError, "outside your portfolio"):
                    document.with_user(self.agent).message_post(
                        body="for you",
                        attachment_ids=scan.ids,
                        partner_ids=self.agent.partner_id.ids,
                    )
                self.assertEqual(Message.search_count([]), before)
                self.assertEqual(self.state_of(scan), state)
        # the South agent posts the South card's scan on a call of its own
        message = (
            self.interactions["south"]
            .with_user(self.agent2)
            .message_post(body="the card", attachment_ids=self.south_scan.ids)
        )
        self.assertEqual(message.attachment_ids, self.south_scan)

    def test_a_file_of_ones_own_stays_readable(self):
        # agent1 uploads a file to the chatter of the call of the South
        # customer (mail's upload route creates it as superuser for the user)
        upload = (
            self.env["ir.attachment"]
            .with_user(self.agent)
            .sudo()
            .create(
                {
                    "name": "minutes.txt",
                    "raw": b"what was agreed",
                    "res_model": "crm.interaction",
                    "res_id": self.call.id,
                }
            )
        )
        mine = upload.sudo(False)
        self.assertEqual(mine.read(["raw"])[0]["raw"], b"what was agreed")
        message = self.call.with_user(self.agent).message_post(
            body="minutes", attachment_ids=mine.ids
        )
        self.assertEqual(message.attachment_ids, upload)
        # another North agent sees the call's files masked
        with self.assertRaises(AccessError):
            self.attachments_as(self.users["lead"], upload).read(["raw"])

    def test_searching_the_content_finds_the_portfolio_only(self):
        domain = [("index_content", "ilike", SOUTH_NATIONAL_ID)]
        found = self.env["ir.attachment"].with_user(self.agent).search(domain)
        self.assertFalse(found & self.south_attachments)
        found = self.env["ir.attachment"].with_user(self.agent2).search(domain)
        self.assertEqual(found & self.south_attachments, self.south_attachments)
        # the North contract is found by its own agent, with limit and offset
        domain = [("index_content", "ilike", "north customer"), ("res_model", "!=", False)]
        Attachment = self.env["ir.attachment"].with_user(self.agent)
        self.assertEqual(Attachment.search(domain, limit=1), self.north_scan)
        self.assertFalse(Attachment.search(domain, offset=1))

    def test_grouping_by_the_content_is_refused(self):
        Attachment = self.env["ir.attachment"].with_user(self.agent)
        for groupby in (["url"], ["store_fname"], ["index_content"]):
            with self.subTest(groupby=groupby), self.assertRaises(AccessError):
                Attachment.formatted_read_group([("res_model", "=", "res.partner")], groupby)
        # grouping by document stays open, and the manager's is unchanged
        Attachment.formatted_read_group([("res_model", "=", "res.partner")], ["mimetype"])
        Attachment.with_user(self.manager).formatted_read_group([], ["url"])

    def test_exports_are_refused(self):
        # an agent of team North who may export customer data
        exporter = new_exporter(self.env, "ap_att_exporter")
        self.env["crm.team.member"].create(
            {"crm_team_id": self.team_north.id, "user_id": exporter.id}
        )
        scans = self.attachments_as(exporter, self.south_scan | self.chatter_scan)
        # as the export dialog asks for rows (not for the import format)
        customer = self.south.with_user(exporter).with_context(import_compat=False)
        attacks = [
            ("attachments", lambda: scans.export_data(["name", "datas"])),
            ("one attachment", lambda: scans[:1].export_data(["raw"])),
            (
                "the customer's chatter",
                lambda: customer.export_data(["name", "message_ids/attachment_ids/datas"]),
            ),
        ]
        for path, attack in attacks:
            with self.subTest(path=path), self.assertRaises(AccessError):
                attack()
        # names are exported, and the North file with its content
        self.assertEqual(len(scans.export_data(["name"])["datas"]), len(scans))
        north = self.attachments_as(exporter, self.north_scan)
        [[datas]] = north.export_data(["datas"])["datas"]
        self.assertEqual(base64.b64decode(datas), NORTH_SCAN)

    def test_superuser_flows_are_unchanged(self):
        # mail sending and reports read attachments as superuser
        scans = self.attachments_as(self.agent, self.south_attachments).sudo()
        self.assertEqual(set(scans.mapped("raw")), {SOUTH_SCAN})
        self.assertEqual(len(scans.read(["datas"])), len(scans))
        self.assertEqual(len(scans.copy()), len(scans))

    def test_models_without_customers_cost_no_query(self):
        Attachment = self.env["ir.attachment"]
        plain = Attachment.create(
            [
                {"name": "logo.png", "raw": PIXEL, "res_model": "res.country", "res_id": 1},
                {"name": "draft.txt", "raw": b"x", "res_model": "mail.compose.message"},
                {"name": "loose.txt", "raw": b"y"},
            ]
        )
        plain.fetch(["res_model", "res_id", "create_uid"])
        attachments = plain.with_user(self.agent)
        self.env.user._crm_access_sees_full_values()
        self.agent._crm_access_sees_full_values()
        self.agent._is_internal()
        with self.assertQueryCount(0):
            self.assertFalse(attachments._crm_access_content_masked())

    def test_one_decision_per_model(self):
        scans = self.attachments_as(self.agent, self.south_attachments | self.north_scan)
        scans.sudo().fetch(["res_model", "res_id", "create_uid"])
        self.assertEqual(
            scans._crm_access_content_masked(),
            self.attachments_as(self.agent, self.south_attachments),
        )


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialAttachmentsHttp(AttachmentsCommon, HttpCase):
    """The files over HTTP, with an agent's session."""

    def get(self, url):
        with mute_logger("odoo.http"):
            return self.url_open(url, allow_redirects=False)

    def test_content_routes(self):
        scan_token = self.chatter_scan._get_raw_access_token()
        rows = [
            ("/web/content", f"/web/content/{self.south_scan.id}", SOUTH_SCAN),
            (
                "/web/content download",
                f"/web/content/{self.call_scan.id}?download=true",
                SOUTH_SCAN,
            ),
            (
                "/web/content by field",
                f"/web/content/ir.attachment/{self.south_scan.id}/datas",
                SOUTH_SCAN,
            ),
            ("chatter attachment", f"/web/content/{self.chatter_scan.id}", SOUTH_SCAN),
            (
                "chatter attachment with mail's token",
                f"/web/content/{self.chatter_scan.id}?access_token={scan_token}",
                SOUTH_SCAN,
            ),
            ("/web/image", f"/web/image/{self.south_picture.id}", PIXEL),
            (
                "/web/image by field",
                f"/web/image/ir.attachment/{self.south_picture.id}/raw",
                PIXEL,
            ),
        ]
        for login, allowed in (
            (self.agent.login, False),
            (self.agent2.login, True),
            (self.manager.login, True),
        ):
            self.authenticate(login, login)
            for path, url, content in rows:
                with self.subTest(login=login, path=path):
                    response = self.get(url)
                    if allowed:
                        self.assertEqual(response.status_code, 200)
                        self.assertEqual(response.content, content)
                    elif path.startswith("/web/image"):
                        # Odoo answers an image it may not give with a placeholder
                        self.assertNotEqual(response.content, content)
                    else:
                        self.assertIn(response.status_code, (403, 404))
                        self.assertNotIn(SOUTH_NATIONAL_ID.encode(), response.content)
        # agent1's own North file
        self.authenticate(self.agent.login, self.agent.login)
        response = self.get(f"/web/content/{self.north_scan.id}")
        self.assertEqual((response.status_code, response.content), (200, NORTH_SCAN))

    def test_zip_of_the_chatter_attachments(self):
        self.authenticate(self.agent.login, self.agent.login)
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/mail/attachment/zip",
                data={
                    "file_ids": f"{self.chatter_scan.id}",
                    "zip_name": "all.zip",
                    "csrf_token": http.Request.csrf_token(self),
                },
            )
        self.assertIn(response.status_code, (403, 404))

    def test_first_page_of_a_pdf(self):
        url = f"/mail/attachment/pdf_first_page/{self.chatter_scan.id}"
        self.authenticate(self.agent.login, self.agent.login)
        self.assertIn(self.get(url).status_code, (403, 404))
        # the South agent is not refused: the file is no PDF
        self.authenticate(self.agent2.login, self.agent2.login)
        self.assertEqual(self.get(url).status_code, 415)

    def test_the_chatter_still_lists_the_files(self):
        self.authenticate(self.agent.login, self.agent.login)
        result = self.make_jsonrpc_request(
            "/mail/thread/messages", {"thread_model": "res.partner", "thread_id": self.south.id}
        )
        files = {entry["id"]: entry for entry in result["data"]["ir.attachment"]}
        self.assertEqual(files[self.chatter_scan.id]["name"], "scan.txt")
        self.assertFalse(files[self.chatter_scan.id]["raw_access_token"])
        self.assertNotIn(SOUTH_SCAN.decode(), json.dumps(result))
