"""Fields that show another record's values with the user's rights.

Odoo computes related fields as superuser, so a related field shows the
target's values to anyone who may read the record that points at it. A
field computed with :func:`readable_targets` shows them only where the real
user may read the target itself.
"""


def readable_targets(records, field_name):
    """Return, for each of ``records`` in order, the record it points to
    through the many2one ``field_name`` (as superuser, so that its values can
    be read), or an empty record where the user may not read that target.

    :param records: the records whose field is computed
    :param field_name: a many2one field of their model
    """
    # the targets as stored (the user may not read them), then those the
    # user may read, checked once for the whole batch
    stored = records.sudo()
    targets = stored[field_name]
    readable = targets if records.env.su else targets.with_env(records.env)._filtered_access("read")
    empty = targets.browse()
    return [
        target if target in readable else empty
        for target in (record[field_name] for record in stored)
    ]
