from odoo import models


class MailActivity(models.Model):
    """The note and summary of activities: identity values quoted there,
    masked (``crm.access.quoted``). An activity is seen masked when its
    document is."""

    _name = "mail.activity"
    _inherit = ("mail.activity", "crm.access.quoted")

    def _crm_access_quoted_fields(self):
        return ("note", "summary")

    def _crm_access_quoted_masked_ids(self, user=None):
        documents = {(activity.res_model, activity.res_id) for activity in self}
        masked = self._crm_access_masked_documents(documents, user)
        return {activity.id for activity in self if (activity.res_model, activity.res_id) in masked}
