"""Masking of address lists: the To and Cc of a message, the Cc of a lead.

Pure functions on plain values: no environment, no records.
"""

from odoo.tools.mail import email_normalize, email_split_tuples

from .mask import is_masked, mask_email


def mask_address_list(value, hidden=None):
    """Mask the addresses of ``value``, a comma-separated list of addresses.

    :param str value: ``"Ali <ali@example.com>, sara@example.com"``
    :param hidden: the normalised addresses to mask; ``None`` masks them all
    :return: ``value`` with the chosen addresses masked in place (names,
        quotes and separators as they were)
    """
    if not value or not isinstance(value, str):
        return value
    for _name, address in email_split_tuples(value):
        if (
            address
            and not is_masked(address)
            and (hidden is None or (email_normalize(address) or address) in hidden)
        ):
            value = value.replace(address, mask_email(address))
    return value


def mask_email_criterion(value):
    """Mask a lead's e-mail domain criterion when it is a whole address.

    The criterion is the domain of the address (``example.org``), or the
    whole address for the domains of public providers.
    """
    if not value or "@" not in str(value):
        return value
    return mask_email(value)


def addresses_in(values):
    """Return the normalised addresses found in ``values`` (address lists)."""
    found = set()
    for value in values:
        if value and isinstance(value, str):
            for _name, address in email_split_tuples(value):
                if address:
                    found.add(email_normalize(address) or address)
    return found
