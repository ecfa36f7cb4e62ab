"""Read an invitee list (CSV or XLSX) into clean rows and row-level problems.

Nothing is written. The only query reads the municipalities, and only when a row names one.
"""

import codecs
import csv
import datetime
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.core.validators import validate_email
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from partners.enums import Language
from partners.models import Municipality
from partners.validators import validate_person_name

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 10_000
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # an .xlsx is a zip: refuse zip bombs before openpyxl
MAX_COLUMNS = 100
MAX_EMAIL_LENGTH = 254
MAX_ORGANISATION_LENGTH = 200  # Organisation.name
FORMULA_PREFIXES = ("=", "+", "-", "@")
CONTROL_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})  # \n \r \t NUL ESC …, U+2028, U+2029

REQUIRED = ("first_name", "last_name", "email")
# Keys are InviteeRow fields; aliases are headers after _normalise_header().
HEADER_ALIASES = {
    "first_name": ("fornavn", "førenamn", "fornamn", "firstname", "givenname"),
    "last_name": ("etternavn", "etternamn", "lastname", "surname", "familyname"),
    "email": ("epost", "epostadresse", "email", "emailaddress"),
    "organisation": ("organisasjon", "organisation", "organization", "arbeidsgiver"),
    "municipality_id": ("kommune", "municipality"),
    "language": ("målform", "malform", "språk", "language", "writtenstandard"),
}
FIELD_BY_HEADER = {alias: name for name, aliases in HEADER_ALIASES.items() for alias in aliases}
LANGUAGE_ALIASES = {
    **dict.fromkeys(("nb", "bokmål", "bokmal"), Language.BOKMAL.value),
    **dict.fromkeys(("nn", "nynorsk"), Language.NYNORSK.value),
    **dict.fromkeys(("en", "english", "engelsk"), Language.ENGLISH.value),
}
OPTIONAL_DEFAULTS = {"organisation": "", "municipality_id": None, "language": ""}


@dataclass(frozen=True)
class InviteeRow:
    row: int
    first_name: str
    last_name: str
    email: str
    organisation: str
    municipality_id: int | None
    language: str


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    """`rows` keeps the clean rows even when there are errors, for the preview; import them only
    when `is_clean`."""

    rows: list[InviteeRow] = field(default_factory=list)
    errors: list[RowProblem] = field(default_factory=list)
    duplicates: list[RowProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.errors


def _invalid(message: str, code: str | None = None, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def read_invitees(uploaded: UploadedFile, *, already_invited: set[str]) -> ImportResult:
    result = ImportResult()
    try:
        table = _read_table(uploaded, result.warnings)
        columns = _map_columns(table[0][1])
        _check_row_count(len(table) - 1)
    except ValidationError as problem:  # the file as a whole
        result.errors.append(RowProblem(row=0, column="", message=problem.messages[0]))
        return result
    municipalities = _MunicipalityIndex()
    invited = {email.strip().lower() for email in already_invited}
    first_seen: dict[str, int] = {}
    for row, cells in table[1:]:
        values, problems = _check_row(row, cells, columns, municipalities)
        result.errors.extend(problems)
        email = values.get("email")
        duplicate = _duplicate_message(email, invited, first_seen) if email else None
        if duplicate:
            column = columns["email"][1]
            result.duplicates.append(RowProblem(row=row, column=column, message=duplicate))
        elif email:
            first_seen[email] = row
        if not problems and not duplicate:
            result.rows.append(InviteeRow(row=row, **{**OPTIONAL_DEFAULTS, **values}))
    return result


def _duplicate_message(email: str, invited: set[str], first_seen: dict[str, int]) -> str | None:
    if email in first_seen:
        message = _("%(email)s is also on row %(row)s. This row will be skipped.")
        return message % {"email": email, "row": first_seen[email]}
    if email in invited:
        return _("%(email)s is already invited. This row will be skipped.") % {"email": email}
    return None


def _read_table(uploaded: UploadedFile, warnings: list[str]) -> list[tuple[int, list[str]]]:
    """The non-blank rows and their row numbers, header first; stops one row over the limit."""
    kind = _file_kind(uploaded.name or "")
    data = _read_bytes(uploaded)
    rows = _csv_rows(data, warnings) if kind == "csv" else _xlsx_rows(data)
    table = []
    try:
        for row, cells in rows:
            if any(cell.strip() for cell in cells):
                table.append((row, cells))
            if len(table) > MAX_IMPORT_ROWS + 1:
                break
    finally:
        rows.close()
    if not table:
        raise _invalid(_("The file is empty. Put the column headings in the first row."))
    return table


def _file_kind(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix in (".csv", ".txt"):
        return "csv"
    if suffix == ".xlsx":
        return "xlsx"
    message = _(
        "“%(name)s” cannot be imported. Upload a CSV file (.csv or .txt) or an Excel workbook "
        "(.xlsx); in Excel, use “Save as” and choose “CSV UTF-8” or “Excel Workbook”."
    )
    raise _invalid(message, name=_shorten(name))


def too_large_error() -> ValidationError:
    message = _("The file is larger than %(limit)s. Split the list into smaller files.")
    return _invalid(message, limit=filesizeformat(MAX_IMPORT_BYTES))


class ImportSizeLimit(FileUploadHandler):
    """An upload handler that stops keeping a file once it passes MAX_IMPORT_BYTES: without it,
    Django stores an upload of any size (in a temporary file) before the view can refuse it. The
    rest of the file is read and thrown away; ``too_large`` tells the view. Insert it first in
    ``request.upload_handlers`` before the body is read."""

    def __init__(self, request=None):
        super().__init__(request)
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > MAX_IMPORT_BYTES:
            self.too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler makes the file


def _read_bytes(uploaded: UploadedFile) -> bytes:
    too_large = too_large_error()
    if (uploaded.size or 0) > MAX_IMPORT_BYTES:
        raise too_large
    uploaded.seek(0)
    data = uploaded.read(MAX_IMPORT_BYTES + 1)  # never trust .size alone
    if len(data) > MAX_IMPORT_BYTES:
        raise too_large
    return data


def _not_text() -> ValidationError:
    return _invalid(
        _("The file cannot be read as text. In Excel, use “Save as” and choose “CSV UTF-8”.")
    )


def _decode(data: bytes, warnings: list[str]) -> str:
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))  # Excel "Unicode text"
    for encoding in ("utf-16",) if utf16 else ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp1252":
            warning = _(
                "The file was not saved as UTF-8, so it was read as Windows-1252. Check that æ, "
                "ø and å look right; if not, save it in Excel as “CSV UTF-8” and upload it again."
            )
            warnings.append(warning)
        return text
    raise _not_text()


def _csv_rows(data: bytes, warnings: list[str]):
    text = _decode(data, warnings)
    if "\x00" in text:  # a binary file (PDF, workbook, image) with a .csv name
        raise _not_text()
    header_line = next((line for line in io.StringIO(text) if line.strip()), "")
    delimiter = max(",;\t", key=header_line.count)  # a tie or no delimiter at all: comma
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as error:
        message = _('Line %(line)s cannot be read. Check that every quotation mark (") is closed.')
        raise _invalid(message, line=reader.line_num) from error


def _not_xlsx() -> ValidationError:
    message = _(
        "The file is not an Excel workbook, although its name ends in .xlsx. Open it in Excel "
        "and use “Save as” to save it as “Excel Workbook” or “CSV UTF-8”."
    )
    return _invalid(message)


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise _not_xlsx() from error
    if unpacked > MAX_UNPACKED_BYTES:  # zipfile never unpacks more than a member declares
        message = _("The workbook is too large to import. Save it as “CSV UTF-8” and upload that.")
        raise _invalid(message)


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of error for what is not a workbook
        raise _not_xlsx() from error
    try:
        if not workbook.worksheets:
            return
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # a forged size must not make every row 16,384 cells wide
        values = sheet.iter_rows(min_row=1, min_col=1, max_col=MAX_COLUMNS, values_only=True)
        for row, cells in enumerate(values, start=1):
            yield row, [_cell_text(value) for value in cells]
    except Exception as error:  # a broken sheet inside a valid zip
        raise _not_xlsx() from error
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 4003.0 → "4003"
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _normalise_header(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFC", text).casefold() if c.isalnum())


def _field_label(name: str) -> str:
    return {
        "first_name": _("first name"),
        "last_name": _("last name"),
        "email": _("email address"),
        "organisation": _("organisation"),
        "municipality_id": _("municipality"),
        "language": _("written standard"),
    }[name]


def _map_columns(header: list[str]) -> dict[str, tuple[int, str]]:
    """Field → (index, header as written), in file order. Unknown columns are ignored."""
    columns: dict[str, tuple[int, str]] = {}
    for index, text in enumerate(header):
        name = FIELD_BY_HEADER.get(_normalise_header(text))
        if name in columns:
            message = _("Both “%(first)s” and “%(second)s” are columns for %(field)s. Keep one.")
            first, label = columns[name][1], _field_label(name)
            raise _invalid(message, first=first, second=text.strip(), field=label)
        if name:
            columns[name] = (index, text.strip())
    missing = [_field_label(name) for name in REQUIRED if name not in columns]
    if missing:
        message = _(
            "The file has no column for %(columns)s. The first row must hold the column headings, "
            "for example: Fornavn, Etternavn, E-post, Organisasjon, Kommune, Målform."
        )
        raise _invalid(message, columns=", ".join(missing))
    return columns


def _check_row_count(count: int) -> None:
    if count == 0:
        message = _("The file has column headings but no people. Add one person per row below.")
        raise _invalid(message)
    if count > MAX_IMPORT_ROWS:
        message = _("The file has more than %(max)s people. Split it into smaller files.")
        raise _invalid(message, max=number_format(MAX_IMPORT_ROWS, force_grouping=True))


def _check_row(row, cells, columns, municipalities) -> tuple[dict, list[RowProblem]]:
    values: dict = {}
    problems: list[RowProblem] = []
    for name, (index, header) in columns.items():
        raw = cells[index] if index < len(cells) else ""
        try:
            values[name] = _clean_cell(name, raw, municipalities)
        except ValidationError as error:
            problems.append(RowProblem(row=row, column=header, message=error.messages[0]))
    return values, problems


def _clean_cell(name: str, raw: str, municipalities: "_MunicipalityIndex"):
    value = unicodedata.normalize("NFC", raw).strip()
    if any(unicodedata.category(c) in CONTROL_CATEGORIES for c in value):
        raise _invalid(
            _("This cell has a line break or another control character. Put it all on one line.")
        )
    if value.startswith(FORMULA_PREFIXES):
        message = _(
            "This cell starts with “%(character)s”, so a spreadsheet could run it as a formula. "
            "Remove the “%(character)s” at the start."
        )
        raise _invalid(message, character=value[0])
    value = " ".join(value.split())  # also turns non-breaking spaces into plain ones
    if not value and name in REQUIRED:
        raise _invalid(_missing_message(name))
    if name in ("first_name", "last_name"):
        validate_person_name(value)
    elif name == "email":
        return _clean_email(value)
    elif name == "organisation":
        _check_length(value, MAX_ORGANISATION_LENGTH)
    elif name == "municipality_id":
        return municipalities.find(value) if value else None
    elif name == "language":
        return _clean_language(value)
    return value


def _missing_message(name: str) -> str:
    return {
        "first_name": _("The first name is missing. Fill it in, or delete the row."),
        "last_name": _("The last name is missing. Fill it in, or delete the row."),
        "email": _("The email address is missing. Fill it in, or delete the row."),
    }[name]


def _check_length(value: str, limit: int) -> None:
    if len(value) > limit:
        message = _("This cell has %(length)s characters; at most %(max)s are allowed.")
        raise _invalid(message, length=len(value), max=limit)


def _clean_email(value: str) -> str:
    email = value.lower()
    _check_length(email, MAX_EMAIL_LENGTH)
    try:
        validate_email(email)
    except ValidationError:
        message = _(
            "“%(value)s” is not a valid email address. Check for typos and spaces, and that it "
            "has one @ followed by a domain such as example.no."
        )
        raise _invalid(message, value=_shorten(value)) from None
    return email


def _clean_language(value: str) -> str:
    if not value:
        return ""
    if value.casefold() not in LANGUAGE_ALIASES:
        message = _(
            "Unknown written standard “%(value)s”. Write nb (bokmål), nn (nynorsk) or en "
            "(English), or leave the cell empty."
        )
        raise _invalid(message, value=_shorten(value))
    return LANGUAGE_ALIASES[value.casefold()]


class _MunicipalityIndex:
    """Name, number or "number name", any case, with or without "kommune"; loaded on first use."""

    def __init__(self):
        self._index: dict[str, int] | None = None

    def find(self, value: str) -> int:
        if self._index is None:
            rows = Municipality.objects.values_list("pk", "number", "name")
            self._index = {
                key.casefold(): pk
                for pk, number, name in rows
                for key in (number, name, f"{number} {name}")
            }
        key = value.casefold()
        for candidate in (key, key.removesuffix(" kommune"), key.removesuffix(" kommuna")):
            if candidate in self._index:
                return self._index[candidate]
        message = _(
            "Unknown municipality “%(value)s”. Write its name (for example Skien) or its 4-digit "
            "number (for example 4003), or leave the cell empty."
        )
        raise _invalid(message, value=_shorten(value))


def _shorten(value: str) -> str:
    return Truncator(value).chars(60)
