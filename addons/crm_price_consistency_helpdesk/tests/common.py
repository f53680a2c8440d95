from odoo.addons.crm_price_consistency.tests.common import PriceCommon


class TicketPriceCommon(PriceCommon):
    """The price fixtures, with a support agent who works on helpdesk tickets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.support_agent.group_ids |= cls.env.ref("helpdesk_mgmt.group_helpdesk_user")
