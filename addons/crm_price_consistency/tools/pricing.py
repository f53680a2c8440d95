"""Price arithmetic of the price service: no records, no environment."""

import bisect

#: The units that give prices to customers, as integrators name them.
UNITS = ("sales", "support", "web", "api")


def net_price(price_unit, discount):
    """Return the unit price after a percentage discount.

    :param float price_unit: unit price before discount
    :param float discount: discount in percent (negative for a surcharge)
    """
    return (price_unit or 0.0) * (1.0 - (discount or 0.0) / 100.0)


def deviation_percent(reference, price_unit, discount=0.0):
    """Return how far a price strays from a reference net price, in percent.

    Negative when the customer pays less than the reference, positive when
    more. A reference of zero has no meaningful deviation: 0.0 is returned
    when the price is zero too, 100.0 otherwise.

    :param float reference: the quoted (or list) net unit price
    :param float price_unit: the unit price actually given
    :param float discount: the discount actually given, in percent
    """
    given = net_price(price_unit, discount)
    if not reference:
        return 0.0 if abs(given) < 1e-9 else 100.0
    return (given - reference) / abs(reference) * 100.0


def exceeds_tolerance(deviation, tolerance):
    """Tell whether a deviation (percent, either sign) is beyond a tolerance (percent)."""
    return abs(deviation) > max(tolerance or 0.0, 0.0) + 1e-6


def quantity_band(quantity, breaks):
    """Return the quantity band ``(low, high)`` that holds ``quantity``.

    The bands are cut at the minimum quantities of the pricelist rules
    (``breaks``); ``high`` is ``None`` for the last, open band. A quantity
    equal to a break belongs to the band that starts there, as a rule with
    "minimum quantity 10" applies from 10 on.

    :param float quantity: a positive quantity in the product's unit
    :param iterable breaks: minimum quantities (any order, duplicates allowed)
    """
    cuts = sorted({float(b) for b in breaks if b and b > 0})
    position = bisect.bisect_right(cuts, quantity)
    low = cuts[position - 1] if position else 0.0
    high = cuts[position] if position < len(cuts) else None
    return low, high


def in_band(quantity, low, high):
    """Tell whether ``quantity`` lies in the band ``[low, high)`` (``high`` falsy: open)."""
    return quantity >= (low or 0.0) - 1e-9 and (not high or quantity < high - 1e-9)
