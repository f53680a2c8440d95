"""mail's query budgets, counted with the suite installed.

mail's test classes holding ``assertQueryCount`` are at_install: in the test
command they run when mail is installed, before any addon of the suite. Their
budget tests run here again once everything is installed, where the suite's
capture of e-mails, masking and access audit take part in what they count.
Odoo's test loader runs only the tests a class defines itself: each variant
names the budget tests of its class.
"""

from odoo.tests import tagged

from odoo.addons.mail.tests import test_ir_ui_menu as mail_menu_tests
from odoo.addons.mail.tests import test_mail_render as mail_render_tests

MenuLookup = mail_menu_tests.TestMenuRootLookupByModel
Render = mail_render_tests.TestMailRender


@tagged("post_install", "-at_install", "crm_interaction")
class TestMenuRootLookupBudgets(MenuLookup):
    test_look_for_existing_menu_root_user_with_access = (
        MenuLookup.test_look_for_existing_menu_root_user_with_access
    )
    test_look_for_existing_menu_root_user_no_access = (
        MenuLookup.test_look_for_existing_menu_root_user_no_access
    )
    test_look_for_non_existing_menu_root = MenuLookup.test_look_for_non_existing_menu_root


@tagged("post_install", "-at_install", "crm_interaction")
class TestMailRenderBudgets(Render):
    test_render_template_inline_template_w_post_process_custom_local_links = (
        Render.test_render_template_inline_template_w_post_process_custom_local_links
    )
