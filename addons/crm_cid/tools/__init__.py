"""Pure-Python normalisation helpers of ``crm_cid``.

Nothing in this package touches the ORM: every helper takes and returns plain
values, so scripts and benches can import it without a database.
"""

from . import (
    digits,
    echo,
    emails,
    expected_errors,
    keys,
    names,
    national_id,
    phone,
    service_fields,
)
