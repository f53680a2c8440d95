"""The role x model x operation matrix, shared by this addon and its bridges.

A matrix is a dict ``{model: (cell, ...)}`` with one cell per role, in the
order of :data:`ROLES`. A cell lists what the role may do (``r`` read, ``w``
write, ``c`` create, ``u`` unlink) on a record of the agent's portfolio and,
after a slash, on a record of another team's portfolio: ``"rwc/r"``. A cell
without a slash holds for both records (models that are not customer data,
or wizards), ``"-"`` allows nothing. Every test module named
``test_access_matrix*.py`` of a suite addon exposes its table as ``MATRIX``:
the coverage test of this addon collects them all.
"""

import importlib
import pkgutil

from odoo.exceptions import AccessError

ROLES = ("agent", "lead", "manager", "auditor", "clerk", "accountant")
OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}
SIDES = ("mine", "theirs")
MATRIX_MODULE_PREFIX = "test_access_matrix"


def parse_cell(cell):
    """Split a cell into the letters allowed on each side.

    :param str cell: ``"rwc/r"``, ``"r"`` or ``"-"``
    :return: ``(letters on the agent's record, letters on the other team's)``
    :raises ValueError: for a letter that is not an operation
    """
    mine, slash, theirs = cell.partition("/")
    sides = (mine, theirs if slash else mine)
    sides = tuple("" if side == "-" else side for side in sides)
    for side in sides:
        unknown = set(side) - set(OPERATIONS)
        if unknown:
            raise ValueError(f"{cell!r}: unknown operation(s) {sorted(unknown)}")
    return sides


def matrix_tables(module_names):
    """The ``MATRIX`` tables of the given addons' matrix test modules.

    :param module_names: names of installed addons
    :return: dict ``{"addon.tests.module": MATRIX}``
    """
    tables = {}
    for name in sorted(module_names):
        try:
            tests = importlib.import_module(f"odoo.addons.{name}.tests")
        except ImportError:
            continue
        for info in pkgutil.iter_modules(tests.__path__):
            if info.name.startswith(MATRIX_MODULE_PREFIX):
                module = importlib.import_module(f"{tests.__name__}.{info.name}")
                if isinstance(getattr(module, "MATRIX", None), dict):
                    tables[f"{name}.tests.{info.name}"] = module.MATRIX
    return tables


class AccessMatrixMixin:
    """Runs a matrix on a ``TransactionCase`` with one user per role in ``self.users``."""

    def assert_access_matrix(self, matrix, records, optional=()):
        """Assert every cell of ``matrix``: allowed, or ``AccessError``.

        :param dict matrix: ``{model: cells}`` as described in this module
        :param dict records: ``{model: (agent's record, other team's record)}``
        :param optional: models that may be absent from the database (rows
            of addons that install themselves with another one); their rows
            are skipped then
        :return: the number of cases checked
        """
        cases = 0
        for model, cells in matrix.items():
            if model in optional and model not in self.env:
                continue
            pair = records[model]
            for record in pair:
                self.assertEqual(len(record), 1, f"{model}: one record per side")
            for role, cell in zip(ROLES, cells, strict=True):
                user = self.users[role]
                for side, record, allowed in zip(SIDES, pair, parse_cell(cell), strict=True):
                    for letter, operation in OPERATIONS.items():
                        # on the record itself, create included: the model
                        # rights and the record rules of that operation apply
                        target = record.with_user(user)
                        with self.subTest(model=model, role=role, side=side, operation=operation):
                            cases += 1
                            if letter in allowed:
                                target.check_access(operation)
                            else:
                                with self.assertRaises(AccessError):
                                    target.check_access(operation)
        return cases
