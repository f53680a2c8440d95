from . import test_invoice_quote
