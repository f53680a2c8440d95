from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from ..tools.keys import KEY_TYPES


class CrmCidKeyType(models.Model):
    _name = "crm.cid.key.type"
    _inherit = "crm.cid.cached.config"
    _description = "Identity key type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical name used by the resolution API and by the normalisation rules.",
    )
    sequence = fields.Integer(default=10)
    uniqueness = fields.Selection(
        selection=[
            ("none", "Not unique"),
            ("commercial", "One commercial entity"),
            ("global", "One customer"),
        ],
        required=True,
        default="global",
        help="Not unique: any number of customers may share the value (landlines).\n"
        "One commercial entity: the value belongs to one company or individual; "
        "contacts of that company may share it (mobiles, e-mails).\n"
        "One customer: the value belongs to a single active customer record "
        "(national IDs, usernames, external IDs).\n"
        "The database enforces the choice.",
    )
    is_sensitive = fields.Boolean(
        string="Sensitive",
        help="Keys of this type are only visible to the Sensitive identity data group.",
    )
    partner_field = fields.Char(
        help="Contact field that this key type follows automatically (mobile, phone, email, "
        "national_id, cid_own). Keys synchronised from it carry the source 'Contact field'.",
    )
    active = fields.Boolean(default=True)
    key_count = fields.Integer(compute="_compute_key_count")

    _code_uniq = models.Constraint("UNIQUE(code)", "Each key type code can only be defined once.")

    def _compute_key_count(self):
        counts = dict(
            self.env["crm.cid.key"]._read_group(
                [("key_type_id", "in", self.ids)], ["key_type_id"], ["__count"]
            )
        )
        for key_type in self:
            key_type.key_count = counts.get(key_type, 0)

    @api.constrains("code")
    def _check_code(self):
        for key_type in self:
            if key_type.code not in KEY_TYPES:
                raise ValidationError(
                    self.env._(
                        "The key type code %(code)s is not supported. Use one of: %(codes)s.",
                        code=key_type.code,
                        codes=", ".join(KEY_TYPES),
                    )
                )

    @api.model
    def _cid_cached_fields(self):
        return ("code", "active", "uniqueness", "partner_field", "sequence")

    def action_open_keys(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("crm_cid.crm_cid_key_action")
        action["domain"] = [("key_type_id", "=", self.id)]
        action["context"] = {"default_key_type_id": self.id}
        return action

    @api.model
    @tools.ormcache()
    def _cid_get_type_ids(self):
        """Return ``{code: id}`` of the active key types, cached per registry.

        Resolution runs on every incoming message and call; looking the types
        up in the cache keeps it at a single query on the key table.
        """
        key_types = self.sudo().search_fetch([], ["code"])
        return {key_type.code: key_type.id for key_type in key_types}

    @api.model
    @tools.ormcache()
    def _cid_get_type_info(self):
        """Return ``{id: (code, uniqueness, partner_field)}`` of the active key
        types, in their order, cached per registry.

        Every contact created or edited synchronises its keys with these; the
        cache spares it a query on the types for each batch.
        """
        key_types = self.sudo().search_fetch([], ["code", "uniqueness", "partner_field"])
        return {kt.id: (kt.code, kt.uniqueness, kt.partner_field or False) for kt in key_types}
