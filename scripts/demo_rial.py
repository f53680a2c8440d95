# Run with `odoo shell` on the demo database once accounting is installed
# without its demo data (scripts/build_demo_db.sh): the demo company keeps its
# books in Rial. Loading a chart of accounts sets the currency of its country
# (the United States for Odoo's generic chart: Iran has none of its own), and
# a company's currency cannot change once it has journal entries, so the
# currency is set here, before any entry, and only then is the demo data of
# accounting (and of the addons installed with it) loaded.
from odoo.modules.loading import load_demo
from odoo.modules.module_graph import ModuleGraph

irr = env.ref("base.IRR")  # noqa: F821 (odoo shell provides env)
irr.active = True
chart_currency = env.company.currency_id  # noqa: F821
env.company.currency_id = irr  # noqa: F821
# the default price list, made in the chart's currency: prices in Rial too
env["product.pricelist"].with_context(active_test=False).search(  # noqa: F821
    [("currency_id", "=", chart_currency.id)]
).currency_id = irr
# base's demo data is loaded: build_demo_db.sh only lowered its flag
env.cr.execute(  # noqa: F821
    "SELECT name FROM ir_module_module WHERE state = 'installed' AND NOT demo AND name != 'base'"
)
waiting = {name for (name,) in env.cr.fetchall()}  # noqa: F821
env.cr.execute(  # noqa: F821
    "UPDATE ir_module_module SET demo = true WHERE name IN %s", [(*waiting, "base")]
)
env.cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")  # noqa: F821
graph = ModuleGraph(env.cr, mode="load")  # noqa: F821
graph.extend([name for (name,) in env.cr.fetchall()])  # noqa: F821
for package in graph:
    if package.name in waiting and not load_demo(env, package, {}, "init"):  # noqa: F821
        raise SystemExit(f"the demo data of {package.name} could not be loaded")
env["ir.module.module"].invalidate_model(["demo"])  # noqa: F821
env.cr.commit()  # noqa: F821
