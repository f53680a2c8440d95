from . import test_document_letters
