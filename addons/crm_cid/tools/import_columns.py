"""Columns of the customer import: names, header spellings and cell text.

Pure Python: the import engine (``crm.cid.import.engine``) and the upload
wizard (``crm.cid.import``) share these, and scripts can map a spreadsheet's
headers the same way without a database.
"""

from .keys import KEY_TYPES
from .names import fold_name

# Columns that carry an identity key, in the order keys are reported: every
# key type but the CID, which is assigned here and never imported.
KEY_COLUMNS = tuple(code for code in KEY_TYPES if code != "cid")
# Plain contact fields copied as they are.
TEXT_COLUMNS = ("street", "city", "ref")
COLUMNS = ("name", "is_company", *KEY_COLUMNS, *TEXT_COLUMNS)
# Contact fields filled from a key; the partner then keeps that key in sync.
KEY_PARTNER_FIELDS = {"mobile": "mobile", "phone": "phone", "email": "email"}
# Contact field holding the value of each key type.
KEY_FIELDS = {**KEY_PARTNER_FIELDS, "national_id": "national_id", "legal_id": "national_id"}
# Fields that the option update_empty may fill on an existing customer.
FILLABLE_FIELDS = ("email", "phone", "mobile", "national_id", "street", "city", "ref")

TRUE_WORDS = frozenset(
    {"1", "true", "yes", "y", "x", "company", "legal", "بله", "آری", "شرکت", "حقوقی"}
)
# Header spellings accepted besides the column names themselves; headers are
# compared after fold_name (Arabic/Persian letter variants, ZWNJ, case).
HEADER_ALIASES = {
    "نام": "name",
    "نام مشتری": "name",
    "نام و نام خانوادگی": "name",
    "شرکت": "is_company",
    "حقوقی": "is_company",
    "موبایل": "mobile",
    "تلفن همراه": "mobile",
    "شماره همراه": "mobile",
    "همراه": "mobile",
    "تلفن": "phone",
    "تلفن ثابت": "phone",
    "ایمیل": "email",
    "پست الکترونیک": "email",
    "کد ملی": "national_id",
    "شناسه ملی": "legal_id",
    "شماره مشتری": "customer_number",
    "نام کاربری": "username",
    "تلگرام": "telegram",
    "اینستاگرام": "instagram",
    "واتساپ": "whatsapp",
    "شناسه خارجی": "external_id",
    "نشانی": "street",
    "آدرس": "street",
    "شهر": "city",
    "مرجع": "ref",
    "e-mail": "email",
    "mail": "email",
    "cellphone": "mobile",
    "mobile phone": "mobile",
    "national code": "national_id",
    "national id": "national_id",
    "legal id": "legal_id",
    "customer number": "customer_number",
    "external id": "external_id",
    "is company": "is_company",
}


def header_key(text):
    """Return the comparable form of a column header.

    Folded (letter variants, case) and without spaces, ZWNJ, ``_`` or ``-``,
    so «کد ملی», «کدملی» and «كد‌ملي» are the same header.
    """
    folded = fold_name(str(text or "")) or ""
    return "".join(char for char in folded if char.isalnum())


HEADER_MAP = {header_key(alias): column for alias, column in HEADER_ALIASES.items()}
HEADER_MAP.update({header_key(column): column for column in COLUMNS})


def cell_text(value):
    """Return a cell value as stripped text ("" for empty cells)."""
    if value is None or value is False:
        return ""
    if isinstance(value, float) and value.is_integer():
        # spreadsheets store numbers typed in a cell as floats
        value = int(value)
    return str(value).strip()
