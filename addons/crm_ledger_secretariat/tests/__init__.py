from . import test_statement_letters
