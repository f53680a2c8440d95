from . import crm_ledger_statement
from . import crm_ledger_statement_line
