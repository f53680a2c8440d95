"""Upload wizard of the customer import: reads a file, calls the engine, shows the result.

The engine itself is ``crm.cid.import.engine`` (``models/``); this wizard only
turns a CSV or XLSX file into rows and the engine's answer into result lines.
"""

import base64
import csv
import io
import json

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.crm_cid_import_engine import STATUS_CREATED, STATUS_MATCHED, STATUS_REJECTED
from ..tools.import_columns import COLUMNS, HEADER_MAP, cell_text, header_key


class CrmCidImport(models.TransientModel):
    _name = "crm.cid.import"
    _description = "Import customers"

    file = fields.Binary(string="File", required=True)
    filename = fields.Char()
    update_empty = fields.Boolean(
        string="Fill empty fields",
        help="When a row matches an existing customer, copy the row's values into the "
        "customer's empty fields. Filled fields are never overwritten.",
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("done", "Done"), ("queued", "Queued")],
        default="draft",
        required=True,
    )
    line_ids = fields.One2many("crm.cid.import.line", "import_id", string="Results")
    warnings = fields.Text(readonly=True)
    created_count = fields.Integer(string="Created", compute="_compute_counts")
    matched_count = fields.Integer(string="Matched", compute="_compute_counts")
    rejected_count = fields.Integer(string="Rejected", compute="_compute_counts")
    rejected_file = fields.Binary(string="Rejected rows", readonly=True, attachment=False)
    rejected_filename = fields.Char(readonly=True)

    @api.depends("line_ids.status")
    def _compute_counts(self):
        for wizard in self:
            statuses = wizard.line_ids.mapped("status")
            wizard.created_count = statuses.count(STATUS_CREATED)
            wizard.matched_count = statuses.count(STATUS_MATCHED)
            wizard.rejected_count = statuses.count(STATUS_REJECTED)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_import(self):
        """Read the uploaded file, import its rows and show the result per row."""
        self.ensure_one()
        rows, warnings = self._import_read_file()
        result = self.import_rows(rows, {"update_empty": self.update_empty})
        warnings += result["warnings"]
        lines = [
            {
                "import_id": self.id,
                "row": line["row"],
                "status": line["status"],
                "partner_id": line["partner_id"] or False,
                "cid": line["cid"] or False,
                "reason": line["reason"] or False,
                "data": json.dumps(line["data"], ensure_ascii=False, default=str),
            }
            for line in result["results"]
        ]
        self.line_ids.unlink()
        self.env["crm.cid.import.line"].create(lines)
        self.write(
            {
                "state": "queued" if result["queued"] else "done",
                "warnings": "\n".join(warnings) or False,
                **self._import_rejected_file(result["results"]),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Import customers"),
        }

    @api.model
    def import_rows(self, rows, options=None):
        """Import customers from rows of values, matching the existing ones.

        The integrator API of the import, for CID managers. Every key is
        normalised (Persian digits, phone and national ID formats). A row
        whose keys belong to an existing customer, or to a customer created
        by an earlier row of the same call, is matched to it; otherwise a
        customer is created with its keys. Nothing is written for a rejected
        row.

        :param list rows: dicts whose keys are column names: ``name``,
            ``is_company``, ``mobile``, ``phone``, ``email``, ``national_id``,
            ``legal_id``, ``customer_number``, ``username``, ``telegram``,
            ``instagram``, ``whatsapp``, ``external_id``, ``street``, ``city``,
            ``ref``; other columns are ignored and reported in ``warnings``
        :param dict options: ``update_empty`` (bool, default False): fill the
            empty fields of matched customers; ``chunk_size`` (default 1000):
            rows resolved and written together; ``queue_threshold`` (default
            5000): above this many rows, and when the ``queue_job`` addon is
            installed, chunks are processed as background jobs, one after the
            other
        :return: ``{"results": [...], "warnings": [str], "counts": {status: n},
            "queued": bool, "jobs": [job uuid]}``; one result per row:
            ``{"row": 1-based index, "status": "created"|"matched"|"rejected"
            (or "queued"), "partner_id": id|False, "cid": str|False,
            "reason": translated text|False, "data": the row as given}``
        :raises AccessError: unless the user is a CID manager allowed to
            create contacts
        :raises UserError: when ``rows`` is not a list of dicts
        :raises ConcurrencyError: when another transaction was creating a
            customer with the same key; the RPC layer retries the call
        """
        return self.env["crm.cid.import.engine"]._import_rows(rows, options)

    # ------------------------------------------------------------
    # File reading
    # ------------------------------------------------------------

    def _import_read_file(self):
        """Return ``(rows, warnings)`` read from the uploaded CSV or XLSX file.

        The header row is mapped to the column names (English or Persian
        headers); unknown headers are reported and skipped.

        :raises UserError: for an unreadable file or a header with no known column
        """
        self.ensure_one()
        content = base64.b64decode(self.file or b"")
        if not content:
            raise UserError(self.env._("Choose a CSV or Excel (.xlsx) file to import."))
        is_xlsx = content[:2] == b"PK" or (self.filename or "").lower().endswith(".xlsx")
        table = self._import_read_xlsx(content) if is_xlsx else self._import_read_csv(content)
        # drop trailing blank lines (spreadsheets often keep formatted empty rows)
        while table and not any(cell_text(cell) for cell in table[-1]):
            table.pop()
        if not table:
            raise UserError(self.env._("The file is empty."))
        header, body = table[0], table[1:]
        columns = [HEADER_MAP.get(header_key(title)) for title in header]
        warnings = []
        unknown = [
            str(title)
            for title, column in zip(header, columns, strict=True)
            if not column and cell_text(title)
        ]
        if unknown:
            warnings.append(self.env._("Columns ignored: %(columns)s.", columns=", ".join(unknown)))
        if not any(columns):
            raise UserError(
                self.env._(
                    "No known column in the first row of the file. Name the columns, for "
                    "example: name, mobile, email, national_id (or نام، موبایل، ایمیل، کد ملی)."
                )
            )
        rows = []
        for line in body:
            row = {}
            for column, cell in zip(columns, line, strict=False):
                if column and column not in row:
                    row[column] = cell_text(cell)
            rows.append(row)
        return rows, warnings

    def _import_read_csv(self, content):
        """Return the lines of a UTF-8 CSV file (BOM allowed, ``,`` ``;`` or tab)."""
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UserError(
                self.env._(
                    "The file is not a UTF-8 CSV file. Save it as “CSV UTF-8” and try again."
                )
            ) from error
        first_line = text.split("\n", 1)[0]
        delimiter = max((",", ";", "\t"), key=first_line.count)
        return [line for line in csv.reader(io.StringIO(text), delimiter=delimiter)]

    def _import_read_xlsx(self, content):
        """Return the rows of the first sheet of an XLSX file."""
        try:
            import openpyxl  # noqa: PLC0415 - optional, only for Excel uploads
        except ImportError as error:
            raise UserError(
                self.env._("Excel files cannot be read on this server; upload a CSV file instead.")
            ) from error
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many unrelated types for a bad file
            raise UserError(
                self.env._("The file could not be read as an Excel workbook.")
            ) from error
        try:
            sheet = workbook.worksheets[0]
            return [list(line) for line in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()

    def _import_rejected_file(self, results):
        """Return the values storing a CSV of the rejected rows with their reason."""
        rejected = [line for line in results if line["status"] == STATUS_REJECTED]
        if not rejected:
            return {"rejected_file": False, "rejected_filename": False}
        columns = [column for column in COLUMNS if any(column in line["data"] for line in rejected)]
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["row", *columns, "reason"])
        for line in rejected:
            writer.writerow(
                [line["row"], *(cell_text(line["data"].get(c)) for c in columns), line["reason"]]
            )
        return {
            "rejected_file": base64.b64encode(buffer.getvalue().encode("utf-8-sig")),
            "rejected_filename": "rejected_rows.csv",
        }
