"""Tickets and tier validation moved to two bridges.

``crm_price_consistency_helpdesk`` now owns the ticket of a quote, the
quotes of a ticket, the ticket of a price check and the ticket form's
buttons; ``crm_price_consistency_tier`` owns the price deviation's tier
definition and the rules on tier reviews. Their records change module
before this update, so that it deletes none of them (the quotes' tickets are
kept); the post-migration marks the bridges for installation, and the loader
installs them in the same update.
"""

from odoo.tools import SQL

MOVED = {
    "crm_price_consistency_helpdesk": (
        "field_crm_price_quote__ticket_id",
        "field_crm_price_check__ticket_id",
        "field_helpdesk_ticket__crm_price_quote_ids",
        "field_helpdesk_ticket__crm_price_quote_count",
        "ticket_view_form",
    ),
    "crm_price_consistency_tier": (
        "tier_definition_price_deviation",
        "tier_review_rule_price_others",
        "tier_review_rule_price_manager",
    ),
}

#: The foreign keys of the moved fields, reflected per module.
MOVED_CONSTRAINTS = {
    "crm_price_consistency_helpdesk": (
        "crm_price_quote_ticket_id_fkey",
        "crm_price_check_ticket_id_fkey",
    ),
}


def migrate(cr, version):
    for module, names in MOVED.items():
        cr.execute(
            SQL(
                "UPDATE ir_model_data SET module = %s "
                "WHERE module = 'crm_price_consistency' AND name IN %s",
                module,
                names,
            )
        )
    for module, names in MOVED_CONSTRAINTS.items():
        cr.execute(
            SQL(
                "UPDATE ir_model_constraint SET module = m.id FROM ir_module_module m "
                "WHERE m.name = %s AND ir_model_constraint.name IN %s "
                "AND ir_model_constraint.module = "
                "(SELECT id FROM ir_module_module WHERE name = 'crm_price_consistency')",
                module,
                names,
            )
        )
