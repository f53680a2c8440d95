from odoo import api, fields, models

# Context key that turns on the side effect after creation (off by default, so
# that the other tests of the database pay no query for it).
TRACK_CONTEXT_KEY = "crm_cid_test_hooks_track"
TAG_NAME = "Created with the stamp"


class ResPartner(models.Model):
    """An addon as the import contract expects one (``crm_cid/models/res_partner_import.py``).

    Its ``create()`` adds a value (a stamp made from the name) and, when asked
    by the context, has a side effect once the contacts exist (a tag). The
    customer import never calls ``create()``: the same rule is written a
    second time through the two hooks, and the tests check that an imported
    customer and a created one end up alike.
    """

    _inherit = "res.partner"

    cid_test_hooks_stamp = fields.Char(string="Creation stamp")

    @api.model_create_multi
    def create(self, vals_list):
        self._cid_test_hooks_stamp(vals_list)
        partners = super().create(vals_list)
        partners._cid_test_hooks_tag()
        return partners

    @api.model
    def _cid_import_prepare_vals(self, vals_list):
        vals_list = super()._cid_import_prepare_vals(vals_list)
        self._cid_test_hooks_stamp(vals_list)
        return vals_list

    def _cid_import_after_insert(self):
        result = super()._cid_import_after_insert()
        self._cid_test_hooks_tag()
        return result

    @api.model
    def _cid_test_hooks_stamp(self, vals_list):
        """Stamp each new contact with its name, in the values (no query)."""
        for vals in vals_list:
            vals.setdefault("cid_test_hooks_stamp", f"stamp:{vals.get('name') or ''}")

    def _cid_test_hooks_tag(self):
        """Tag the new contacts, when the context asks for it."""
        if not self.env.context.get(TRACK_CONTEXT_KEY) or not self:
            return
        Category = self.env["res.partner.category"]
        tag = Category.search([("name", "=", TAG_NAME)], limit=1) or Category.create(
            {"name": TAG_NAME}
        )
        self.write({"category_id": [fields.Command.link(tag.id)]})
