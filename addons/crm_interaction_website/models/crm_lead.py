from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"
    # the national ID typed in a website form identifies the customer too
    _cid_document_keys = (
        ("email_from", ("email",)),
        ("phone", ("mobile", "phone")),
        ("national_id", ("national_id",)),
    )

    national_id = fields.Char(
        string="National ID",
        groups="crm_cid.group_cid_sensitive",
        help="National code (10 digits) or national ID of a legal entity (11 digits) as the "
        "customer typed it, for instance in a website form; it identifies the customer.",
    )

    def _cid_document_key_values(self):
        """Read the typed keys whoever creates the lead.

        The national ID is readable by the sensitive-data group only, but a
        lead sent by a visitor or an integration is still matched on it, as
        ``cid_resolve`` matches every key for every caller; the values go to
        the interaction's keys, never back to the caller.
        """
        return super(CrmLead, self.sudo())._cid_document_key_values()
