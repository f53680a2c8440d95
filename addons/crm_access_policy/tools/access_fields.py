"""Fields whose value gives somebody access to customer data, and their guard.

A record rule or the portfolio of this policy reads these fields to decide
who sees a customer, its keys or its interactions. Changing one of them is
granting access, so each is guarded on ``create`` and ``write`` (SECURITY.md,
"Ways access is gained"). The adversarial tests hold one row per entry and
fail when a field that a rule reads is missing here.

Guards:

``portfolio``
    The salesperson and the portfolio team: changed only by a Manager, or by
    a Team Lead leading every team involved (the old and the new portfolio
    team, a team of the old and of the new salesperson); an agent creating a
    customer puts it only in their own portfolio. Tracked in the chatter.
``workflow``
    Written only by the policy's own workflow, as superuser (the grantee list
    by the temporary grants, the grant's decision by its buttons).
``entity``
    Decides the commercial entity, whose portfolio a contact follows: a
    contact leaves one customer for another only when both are in the user's
    portfolio, temporary grants aside (the move would outlast the grant).
``key_portfolio``
    An identity key is created, changed, archived or copied only by a user
    whose portfolio holds its customer (Managers and identity administrators
    aside); so are the contact fields the keys mirror, and contacts are
    copied only from the portfolio.
``immutable``
    Never changes on an existing record outside the merge and import
    services (which run as superuser).
``standing``
    Changed only on records whose customer is in the user's portfolio for
    good, temporary grants aside (the change would outlast the grant), on
    top of the record rules; those who see every interaction aside.
``computed``
    Computed by the ORM from other records (whether a contact is a
    colleague, from its users; its commercial entity, from its parent; its
    CID, from its entity) and decides the masking and the audit: a
    write or a create naming it is refused to everyone but the superuser
    (Odoo would store a value given for a computed field as it is).
``readable_target``
    Points at a record the user must be allowed to read (a related field
    shows its content).
``writable_parent``
    Created only on an interaction the user may write, and never moved to
    another one.
"""

ACCESS_FIELDS = {
    "res.partner": {
        "user_id": "portfolio",
        "portfolio_team_id": "portfolio",
        "crm_access_grantee_ids": "workflow",
        "parent_id": "entity",
        "is_company": "entity",
        "company_type": "entity",
        # mirrored by identity keys (crm_cid): writing one writes a key
        "mobile": "key_portfolio",
        "phone": "key_portfolio",
        "email": "key_portfolio",
        "national_id": "key_portfolio",
        "active": "key_portfolio",
        "crm_access_is_colleague": "computed",
        # the commercial entity and its CID decide the portfolio, the masking
        # and the customer a read is counted for
        "commercial_partner_id": "computed",
        "cid": "computed",
    },
    "crm.cid.key": {
        "partner_id": "immutable",
        "active": "key_portfolio",
        "value": "key_portfolio",
        "key_type_id": "key_portfolio",
    },
    "crm.interaction": {
        "partner_id": "standing",
        "user_id": "standing",
        "message_id": "readable_target",
        "sms_id": "readable_target",
    },
    "crm.interaction.link": {"interaction_id": "writable_parent"},
    "crm.interaction.key": {"interaction_id": "writable_parent"},
    "crm.access.grant": {
        "user_id": "workflow",
        "partner_id": "workflow",
        "state": "workflow",
        "decided_by_id": "workflow",
        "decided_at": "workflow",
        "expires_at": "workflow",
    },
}


def guarded_fields(model, guard):
    """Return the fields of ``model`` that ``guard`` protects, as a tuple."""
    return tuple(fname for fname, kind in ACCESS_FIELDS.get(model, {}).items() if kind == guard)
