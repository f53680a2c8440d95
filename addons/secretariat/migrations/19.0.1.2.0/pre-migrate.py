"""Invoices, bills and payments moved to the bridge secretariat_account.

Their views and the letter count fields on ``account.move`` and
``account.payment`` change owner before the update, so that the update of
``secretariat`` does not delete them; the post-migration installs the bridge.
"""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE ir_model_data
           SET module = 'secretariat_account'
         WHERE module = 'secretariat'
           AND (name IN ('account_move_view_form', 'account_payment_view_form')
                OR name LIKE 'field\\_account\\_move\\_\\_%%'
                OR name LIKE 'field\\_account\\_payment\\_\\_%%')
        """
    )
