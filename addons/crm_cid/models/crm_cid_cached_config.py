from odoo import api, models


class CrmCidCachedConfig(models.AbstractModel):
    """Configuration records that the suite reads through registry caches
    (``ormcache``): key types, channels. Creating or deleting one, or
    changing one of :meth:`_cid_cached_fields`, clears the caches of every
    worker."""

    _name = "crm.cid.cached.config"
    _description = "Configuration cached by the registry"

    @api.model
    def _cid_cached_fields(self):
        """Return the names of the fields whose change clears the caches."""
        return ()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        if not vals.keys().isdisjoint(self._cid_cached_fields()):
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result
