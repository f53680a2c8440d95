# Run with `odoo shell` on a fresh demo database, before accounting is
# installed: the demo company keeps its books in Rial. A company's currency
# cannot change once it has journal entries, hence this separate step.
irr = env.ref("base.IRR")  # noqa: F821 (odoo shell provides env)
irr.active = True
env.company.currency_id = irr  # noqa: F821
env.cr.commit()  # noqa: F821
