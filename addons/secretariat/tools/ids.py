def is_record_id(value):
    """Tell whether ``value`` is a record id: a positive integer, not a boolean."""
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
