"""Which customer some identity keys point at: the one rule of the suite.

A key belongs to a contact (``partner_id``) of a customer (its commercial
entity, ``commercial_partner_id``: the company, or the individual itself).
Keys found for one customer point at the contact when they all name the same
contact, otherwise at the customer itself; keys found for several customers
are a conflict, and nothing is guessed. The resolution API, the bulk import
and every ingestion path of the interactions answer with this rule.
"""


def pick_customer(hits):
    """Return the customer that some key matches point at.

    :param hits: iterable of ``(partner_id, commercial_partner_id)``, one per
        key found (repeats allowed)
    :return: ``(partner_id, commercial_partner_id, conflict)``: the contact
        when every hit names the same one, else the commercial entity;
        ``(False, False, True)`` when the hits belong to several customers,
        ``(False, False, False)`` when there is no hit

    >>> pick_customer([(7, 5), (7, 5)])
    (7, 5, False)
    >>> pick_customer([(7, 5), (8, 5)])
    (5, 5, False)
    >>> pick_customer([(7, 5), (9, 9)])
    (False, False, True)
    """
    partners = set()
    commercials = set()
    for partner_id, commercial_id in hits:
        partners.add(partner_id)
        commercials.add(commercial_id)
    if len(commercials) > 1:
        return False, False, True
    if not commercials:
        return False, False, False
    commercial_id = commercials.pop()
    partner_id = partners.pop() if len(partners) == 1 else commercial_id
    return partner_id, commercial_id, False


def resolve_customer(pairs, matches):
    """Return the customer that a set of normalised keys points at.

    :param pairs: iterable of ``(type_code, value_normalized)``
    :param dict matches: ``{pair: [(partner_id, commercial_partner_id)]}`` as
        returned by ``res.partner._cid_match_keys``
    :return: as :func:`pick_customer`
    """
    return pick_customer(hit for pair in pairs for hit in matches.get(pair, ()))
