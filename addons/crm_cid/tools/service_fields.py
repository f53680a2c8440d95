"""Fields that only a service of the suite may set.

Some fields decide what a user may do next: the approval of an order for a
flagged customer, the price quote an order line is locked to. They are set
by the method that checks the right to set them, never by a value written
directly. One rule says when a create or a write gives such a field: the
field is among the values, or, on a create, among the context's defaults
(``default_<name>``), which Odoo turns into values.
"""


def service_fields_given(vals, names, context=None):
    """Return, in the order of ``names``, those that ``vals`` gives a value.

    :param dict vals: the values of a create or a write
    :param names: the names of the fields only a service may set
    :param context: on a create, the environment's context, whose
        ``default_<name>`` keys count as values; ``None`` on a write
    :return: list of field names
    """
    defaults = context or {}
    return [name for name in names if name in vals or f"default_{name}" in defaults]
