from odoo import api, models

# what the cached format of customer numbers is made of
# (res.partner._cid_number_format)
CID_FORMAT_FIELDS = frozenset(
    {
        "code",
        "company_id",
        "implementation",
        "use_date_range",
        "padding",
        "prefix",
        "suffix",
        "active",
    }
)


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model_create_multi
    def create(self, vals_list):
        sequences = super().create(vals_list)
        if any(vals.get("code") == "res.partner.cid" for vals in vals_list):
            self.env.registry.clear_cache()
        return sequences

    def write(self, vals):
        touched = not CID_FORMAT_FIELDS.isdisjoint(vals) and (
            vals.get("code") == "res.partner.cid"
            or any(sequence.code == "res.partner.cid" for sequence in self)
        )
        result = super().write(vals)
        if touched:
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        touched = any(sequence.code == "res.partner.cid" for sequence in self)
        result = super().unlink()
        if touched:
            self.env.registry.clear_cache()
        return result
