from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import AccessPolicyCommon

SOUTH_MOBILE = "09121234567"
SOUTH_EMAIL = "south.reports@example.com"
SOUTH_PHONE = "02144556677"
OWN_MOBILE = "09127654321"
COMPANY_PHONE = "02188776655"

# A report printing a contact: its values directly, through Odoo's contact
# widget (which reads them as superuser), its note, and the company's phone.
TEMPLATE = """
<t t-name="crm_access_policy.test_report_contact">
    <t t-foreach="docs" t-as="doc">
        <div class="card">
            <span class="mobile" t-out="doc.mobile"/>
            <div t-out="doc"
                 t-options='{"widget": "contact", "fields": ["name", "phone", "email"]}'/>
            <div class="note" t-out="doc.comment"/>
            <span class="company" t-out="doc.env.company.phone"/>
        </div>
    </t>
</t>
"""

# A report printing an interaction: its customer and what was said.
INTERACTION_TEMPLATE = """
<t t-name="crm_access_policy.test_report_interaction">
    <t t-foreach="docs" t-as="doc">
        <div class="customer" t-out="doc.partner_id.name"/>
        <div class="body" t-out="doc.body"/>
    </t>
</t>
"""


def create_report(env, name, model, arch):
    """Create a QWeb report ``crm_access_policy.<name>`` of ``model``; return it."""
    view = env["ir.ui.view"].create({"name": name, "type": "qweb", "arch": arch})
    env["ir.model.data"].create(
        {"module": "crm_access_policy", "name": name, "model": "ir.ui.view", "res_id": view.id}
    )
    return env["ir.actions.report"].create(
        {
            "name": name,
            "model": model,
            "report_type": "qweb-pdf",
            "report_name": f"crm_access_policy.{name}",
        }
    )


def create_contact_report(env):
    """Create the report of :data:`TEMPLATE` on contacts; return it."""
    return create_report(env, "test_report_contact", "res.partner", TEMPLATE)


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialReports(AccessPolicyCommon):
    """Printed reports of customers: masked, counted and suspended as reads are."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.south.write({"mobile": SOUTH_MOBILE, "email": SOUTH_EMAIL, "phone": SOUTH_PHONE})
        cls.own.write({"mobile": OWN_MOBILE, "comment": f"<p>South's mobile: {SOUTH_MOBILE}</p>"})
        cls.env.company.phone = COMPANY_PHONE
        cls.report = create_contact_report(cls.env)

    def render(self, user, partners, kind="html"):
        Report = self.env["ir.actions.report"].with_user(user)
        render = Report._render_qweb_html if kind == "html" else Report._render_qweb_pdf
        content, _type = render(self.report.report_name, partners.ids)
        return content.decode()

    def log_of(self, user):
        self.env["crm.access.log"]._flush_reads(force=True)
        return self.env["crm.access.log"].search([("user_id", "=", user.id)])

    def test_values_printed_for_each_reader(self):
        rows = [
            # (reader, printed, values printed as written, values masked)
            ("agent", "south", [COMPANY_PHONE], [SOUTH_MOBILE, SOUTH_EMAIL, SOUTH_PHONE]),
            ("agent", "own", [OWN_MOBILE, COMPANY_PHONE], [SOUTH_MOBILE]),
            ("manager", "south", [SOUTH_MOBILE, SOUTH_EMAIL, SOUTH_PHONE, COMPANY_PHONE], []),
            ("manager", "own", [OWN_MOBILE, SOUTH_MOBILE], []),
            ("agent2", "south", [SOUTH_MOBILE, SOUTH_EMAIL], []),
        ]
        for reader, printed, shown, hidden in rows:
            for kind in ("html", "pdf"):
                with self.subTest(reader=reader, printed=printed, kind=kind):
                    content = self.render(getattr(self, reader), getattr(self, printed), kind)
                    for value in shown:
                        self.assertIn(value, content)
                    for value in hidden:
                        self.assertNotIn(value, content)
                    if hidden:
                        self.assertIn("*", content)

    def test_documents_of_a_customer_are_counted_and_masked(self):
        report = create_report(
            self.env, "test_report_interaction", "crm.interaction", INTERACTION_TEMPLATE
        )
        interaction = self.interactions["north"]
        interaction.body = f"<p>call back on {SOUTH_MOBILE} or {OWN_MOBILE}</p>"
        content, _type = (
            self.env["ir.actions.report"]
            .with_user(self.agent)
            ._render_qweb_html(report.report_name, interaction.ids)
        )
        content = content.decode()
        self.assertIn(self.north.name, content)
        self.assertIn(OWN_MOBILE, content)
        self.assertNotIn(SOUTH_MOBILE, content)
        # the customer of the document printed is read
        self.assertEqual(self.log_of(self.agent).partner_id, self.north)

    def test_a_document_the_user_may_not_read_is_not_printed(self):
        # deciding the masking reads the customer of the documents as
        # superuser: nothing else of them may reach the printout from there
        report = create_report(
            self.env, "test_report_interaction", "crm.interaction", INTERACTION_TEMPLATE
        )
        Report = self.env["ir.actions.report"].with_user(self.agent)
        for render in (Report._render_qweb_html, Report._render_qweb_pdf):
            with self.subTest(render=render.__name__):
                with self.assertRaises(AccessError):
                    render(report.report_name, self.interactions["south"].ids)

    def test_a_print_is_counted_as_a_read(self):
        self.render(self.agent, self.south)
        log = self.log_of(self.agent)
        self.assertEqual(log.partner_id, self.south)
        self.assertEqual(log.kind, "open")
        self.render(self.agent, self.south | self.north)
        lists = self.log_of(self.agent).filtered(lambda row: row.kind == "list")
        self.assertEqual(lists.partner_id, self.south | self.north)

    def test_a_suspended_user_prints_nothing(self):
        self.env["crm.access.alarm"].create(
            {"user_id": self.agent.id, "customer_count": 500, "threshold": 200, "is_blocking": True}
        )
        for partners in (self.south, self.own):
            for kind in ("html", "pdf"):
                with self.subTest(partner=partners.name, kind=kind):
                    with self.assertRaises(AccessError):
                        self.render(self.agent, partners, kind)
        # the manager's prints are not held back by the agent's alarm
        self.assertIn(SOUTH_MOBILE, self.render(self.manager, self.south))

    def test_layoff_window_refuses_bulk_prints(self):
        self.set_param("watch_bulk_limit", "1")
        self.set_param("watch_threshold", "2")
        self.agent.crm_access_watch = True
        with self.assertRaises(AccessError):
            self.render(self.agent, self.north | self.south | self.own | self.free)

    def test_stored_pdfs_are_neither_handed_out_nor_written_for_masked_documents(self):
        seen = []
        Report = type(self.env["ir.actions.report"])
        original = Report._pre_render_qweb_pdf

        def spy(report, *args, **kwargs):
            seen.append(bool(report.env.context.get("report_pdf_no_attachment")))
            return original(report, *args, **kwargs)

        rows = [
            ("agent", "south", True),
            ("agent", "own", False),
            ("manager", "south", False),
        ]
        with patch.object(Report, "_pre_render_qweb_pdf", spy):
            for reader, printed, fresh in rows:
                with self.subTest(reader=reader, printed=printed):
                    seen.clear()
                    self.render(getattr(self, reader), getattr(self, printed), "pdf")
                    self.assertEqual(seen, [fresh])

    def test_superuser_renderings_are_unchanged(self):
        content, _type = (
            self.env["ir.actions.report"]
            .with_user(self.agent)
            .sudo()
            ._render_qweb_html(self.report.report_name, self.south.ids)
        )
        self.assertIn(SOUTH_MOBILE, content.decode())
        self.assertFalse(self.log_of(self.agent))


@tagged("post_install", "-at_install", "crm_access_policy")
class TestAdversarialReportRoutes(HttpCase, AccessPolicyCommon):
    """The report routes, with an agent's session in the browser."""

    def test_report_routes_print_masked(self):
        self.south.write({"mobile": SOUTH_MOBILE})
        report = create_contact_report(self.env)
        rows = [
            # (reader, mobile printed as written)
            ("agent", False),
            ("agent2", True),
        ]
        for reader, shown in rows:
            user = getattr(self, reader)
            self.authenticate(user.login, user.login)
            for route in ("html", "pdf"):
                with self.subTest(reader=reader, route=route):
                    response = self.url_open(
                        f"/report/{route}/{report.report_name}/{self.south.id}"
                    )
                    self.assertEqual(response.status_code, 200)
                    self.assertEqual(SOUTH_MOBILE in response.text, shown)
