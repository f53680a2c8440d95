from odoo import api, models
from odoo.tools.translate import TranslationImporter, get_po_paths


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _load_module_terms(self, modules, langs, overwrite=False):
        """Load the suite's catalogue last, over Odoo's own.

        ``crm_suite/i18n/fa.po`` also translates terms of Odoo's addons that
        the suite's screens show (``#. module: base`` entries: a field label, a
        selection value, a word of a view) where Odoo's Persian catalogue has
        none, or one left in English. Catalogues loaded together are merged
        in no set order and a translation already in the database is kept, so
        the suite's catalogue is loaded once more on its own, replacing them.
        """
        super()._load_module_terms(modules, langs, overwrite=overwrite)
        if "crm_suite" not in modules:
            return
        importer = TranslationImporter(self.env.cr, verbose=False)
        for lang in langs:
            for path in get_po_paths("crm_suite", lang):
                importer.load_file(path, lang)
        importer.save(overwrite=True)
