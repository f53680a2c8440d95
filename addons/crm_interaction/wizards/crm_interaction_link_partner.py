from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmInteractionLinkPartner(models.TransientModel):
    _name = "crm.interaction.link.partner"
    _description = "Link interactions to a customer"

    interaction_ids = fields.Many2many(
        "crm.interaction",
        string="Interactions",
        required=True,
        default=lambda self: self._default_interaction_ids(),
    )
    mode = fields.Selection(
        selection=[
            ("existing", "An existing customer"),
            ("create", "A new customer from the keys"),
        ],
        required=True,
        default="existing",
    )
    partner_id = fields.Many2one("res.partner", string="Customer")
    name = fields.Char(string="Name of the new customer")
    add_keys = fields.Boolean(
        string="Add the keys to the customer",
        default=True,
        help="The customer gets the mobile, e-mail... these interactions arrived with, so "
        "that the next ones are identified automatically.",
    )
    key_summary = fields.Char(string="Keys", compute="_compute_key_summary")

    @api.model
    def _default_interaction_ids(self):
        if self.env.context.get("active_model") == "crm.interaction":
            return self.env.context.get("active_ids") or []
        return []

    @api.depends("interaction_ids.key_summary")
    def _compute_key_summary(self):
        for wizard in self:
            wizard.key_summary = "; ".join(
                filter(None, wizard.interaction_ids.mapped("key_summary"))
            )

    def _get_keys(self):
        """Return ``{type_code: value}`` from the interactions' keys.

        :raises UserError: when the interactions carry two values of one type
        """
        self.ensure_one()
        keys = {}
        for line in self.interaction_ids.key_ids:
            if not line.value_normalized:
                continue
            if keys.get(line.type_code, line.value_normalized) != line.value_normalized:
                raise UserError(
                    self.env._(
                        "These interactions carry two different %(type)s values; link them "
                        "one by one.",
                        type=line.type_code,
                    )
                )
            keys[line.type_code] = line.value_normalized
        return keys

    def action_link(self):
        """Link the interactions to the chosen or new customer."""
        self.ensure_one()
        keys = self._get_keys()
        if self.mode == "create":
            if not keys:
                raise UserError(
                    self.env._("These interactions carry no key to create a customer from.")
                )
            values = {"name": self.name} if self.name else {}
            result = (
                self.env["res.partner"]
                .with_context(crm_cid_key_source="manual")
                .cid_find_or_create(keys, values)
            )
            partner = self.env["res.partner"].browse(result["partner_id"])
        else:
            if not self.partner_id:
                raise UserError(self.env._("Choose the customer to link the interactions to."))
            partner = self.partner_id
            if self.add_keys:
                for code, value in keys.items():
                    if code == "cid":
                        continue  # customer numbers are given, never added
                    partner.cid_add_key(code, value, source="manual")
        self.interaction_ids.write({"partner_id": partner.id, "has_conflict": False})
        return {"type": "ir.actions.act_window_close"}
