from . import models, tools, wizards


def _post_init_hook(env):
    """Give existing partners their CID and identity keys.

    Partners created before the module was installed (the company, the users,
    anything imported earlier) get the same treatment as new ones; values that
    already belong to another customer are skipped, not raised, so installing
    on a database holding duplicates never fails.
    """
    partners = env["res.partner"].with_context(active_test=False).search([])
    partners._cid_assign()
    partners.with_context(crm_cid_skip_conflicts=True)._cid_sync_keys()
