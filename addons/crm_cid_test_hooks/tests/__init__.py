from . import test_import_contract
