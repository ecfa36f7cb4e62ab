import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import override

from conferences.imports import (
    MAX_IMPORT_BYTES,
    ImportResult,
    InviteeRow,
    RowProblem,
    read_invitees,
    validate_person_name,
)
from partners.models import Municipality

HEADER = "Fornavn,Etternavn,E-post,Organisasjon,Kommune,Målform\n"
KARI = "Kari,Nordmann,kari@example.no,,,\n"
KARI_ROW = InviteeRow(
    row=2,
    first_name="Kari",
    last_name="Nordmann",
    email="kari@example.no",
    organisation="",
    municipality_id=None,
    language="",
)

NOT_XLSX = (
    "The file is not an Excel workbook, although its name ends in .xlsx. Open it in Excel and "
    "use “Save as” to save it as “Excel Workbook” or “CSV UTF-8”."
)
NOT_TEXT = "The file cannot be read as text. In Excel, use “Save as” and choose “CSV UTF-8”."
TOO_LARGE = "The file is larger than 5.0\u00a0MB. Split the list into smaller files."
CP1252_WARNING = (
    "The file was not saved as UTF-8, so it was read as Windows-1252. Check that æ, ø and å look "
    "right; if not, save it in Excel as “CSV UTF-8” and upload it again."
)
BAD_CHARACTERS = (
    "“%s” contains %s. A name may only contain letters, spaces, hyphens, apostrophes and full "
    "stops."
)


def municipality(number):
    return Municipality.objects.get(number=number).pk


def read(content, name="invitees.csv", *, encoding="utf-8", already_invited=()):
    data = content.encode(encoding) if isinstance(content, str) else content
    with override("en"):
        return read_invitees(SimpleUploadedFile(name, data), already_invited=set(already_invited))


def xlsx_bytes(rows):
    from openpyxl import Workbook

    workbook = Workbook()
    for values in rows:
        workbook.active.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_error(message):
    return [RowProblem(row=0, column="", message=message)]


def row_errors(cells):
    """The errors of a file with HEADER and one data row."""
    return read(HEADER + cells + "\n").errors


# Clean files ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_read_invitees_clean_utf8_csv_keeps_norwegian_and_sami_letters():
    content = (
        HEADER + "Åse Marie,Ødegård-Bø,Ase.Odegard@Example.NO,Bø vidaregåande skule,"
        "Midt-Telemark,nynorsk\n"
        "Máret Ánne,Čuđe-Ŋuolla,maret@example.no,Sámediggi,4003,en\n"
        "Áilu,Šŧžá O’Hara Jr.,ailu@example.no,,skien,Bokmål\n"
    )

    result = read(content)

    assert result == ImportResult(
        rows=[
            InviteeRow(
                row=2,
                first_name="Åse Marie",
                last_name="Ødegård-Bø",
                email="ase.odegard@example.no",
                organisation="Bø vidaregåande skule",
                municipality_id=municipality("4020"),
                language="nn",
            ),
            InviteeRow(
                row=3,
                first_name="Máret Ánne",
                last_name="Čuđe-Ŋuolla",
                email="maret@example.no",
                organisation="Sámediggi",
                municipality_id=municipality("4003"),
                language="en",
            ),
            InviteeRow(
                row=4,
                first_name="Áilu",
                last_name="Šŧžá O’Hara Jr.",
                email="ailu@example.no",
                organisation="",
                municipality_id=municipality("4003"),
                language="nb",
            ),
        ]
    )
    assert result.is_clean is True


def test_read_invitees_utf8_with_bom_finds_the_first_column():
    result = read(b"\xef\xbb\xbf" + (HEADER + KARI).encode())

    assert result == ImportResult(rows=[KARI_ROW])


def test_read_invitees_semicolon_csv_keeps_commas_inside_values():
    content = "Fornavn;Etternavn;E-post;Organisasjon\nKari;Nordmann;kari@example.no;Skien, NAV\n"

    result = read(content)

    assert result.rows == [
        InviteeRow(
            row=2,
            first_name="Kari",
            last_name="Nordmann",
            email="kari@example.no",
            organisation="Skien, NAV",
            municipality_id=None,
            language="",
        )
    ]
    assert result.errors == []


def test_read_invitees_tab_separated_utf16_txt_from_excel_unicode_text():
    content = "Fornavn\tEtternavn\tE-post\r\nKari\tNordmann\tkari@example.no\r\n"

    result = read(content, "invitees.txt", encoding="utf-16")

    assert result == ImportResult(rows=[KARI_ROW])


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_read_invitees_non_utf8_csv_is_read_as_windows_1252_with_a_warning(encoding):
    content = "Fornavn;Etternavn;E-post;Kommune\nÆsa;Åsbø-Øvrebø;aesa@example.no;Kragerø\n"

    result = read(content, encoding=encoding)

    assert result == ImportResult(
        rows=[
            InviteeRow(
                row=2,
                first_name="Æsa",
                last_name="Åsbø-Øvrebø",
                email="aesa@example.no",
                organisation="",
                municipality_id=municipality("4014"),
                language="",
            )
        ],
        warnings=[CP1252_WARNING],
    )


@pytest.mark.parametrize(
    "header",
    [
        "Fornavn,Etternavn,E-post,Organisasjon,Målform",
        "Førenamn,Etternamn,E-postadresse,Arbeidsgiver,Språk",
        "First Name,LAST_NAME,E-mail,Organization,Written standard",
        "firstname,Surname,Email,Organisation,language",
        "Given name,Family name,EMAIL,organisation,Malform",
    ],
)
def test_read_invitees_accepts_bokmal_nynorsk_and_english_headers(header):
    result = read(header + "\nKari,Nordmann,kari@example.no,NAV,nn\n")

    assert result == ImportResult(
        rows=[
            InviteeRow(
                row=2,
                first_name="Kari",
                last_name="Nordmann",
                email="kari@example.no",
                organisation="NAV",
                municipality_id=None,
                language="nn",
            )
        ]
    )


def test_read_invitees_ignores_unknown_columns_even_with_formula_like_values():
    result = read(
        "Telefon,Fornavn,Etternavn,E-post,Notat\n+47 900 00 000,Kari,Nordmann,kari@example.no,=1\n"
    )

    assert result == ImportResult(rows=[KARI_ROW])


def test_read_invitees_skips_blank_lines_and_keeps_row_numbers():
    result = read(HEADER + "\n" + KARI + ",,,,,\n  \nOla,Hansen,ola@example.no,,,\n")

    assert [(row.row, row.email) for row in result.rows] == [
        (3, "kari@example.no"),
        (6, "ola@example.no"),
    ]
    assert result.errors == []


def test_read_invitees_trims_and_collapses_spaces():
    result = read(HEADER + "  Kari\u00a0  Anne ,Nordmann , Kari@Example.NO ,  NAV  Skien ,,\n")

    assert result.rows == [
        InviteeRow(
            row=2,
            first_name="Kari Anne",
            last_name="Nordmann",
            email="kari@example.no",
            organisation="NAV Skien",
            municipality_id=None,
            language="",
        )
    ]


def test_read_invitees_joins_decomposed_accents_from_mac_files():
    result = read(HEADER + "Ma\u0301ret,Nordmann,maret@example.no,,,\n")

    assert [row.first_name for row in result.rows] == ["Máret"]


def test_read_invitees_needs_no_database_without_municipalities():
    # No django_db mark: a query would fail the test.
    result = read(HEADER + KARI)

    assert result.rows == [KARI_ROW]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value", ["Skien", "SKIEN", "skien", "4003", "4003 Skien", "Skien kommune", " Skien "]
)
def test_read_invitees_matches_municipality_by_name_or_number(value):
    result = read(f"{HEADER}Kari,Nordmann,kari@example.no,,{value},\n")

    assert [row.municipality_id for row in result.rows] == [municipality("4003")]


@pytest.mark.parametrize(
    "value,code",
    [
        ("nb", "nb"),
        ("Bokmål", "nb"),
        ("BOKMAL", "nb"),
        ("nn", "nn"),
        ("Nynorsk", "nn"),
        ("en", "en"),
        ("English", "en"),
        ("engelsk", "en"),
        ("", ""),
    ],
)
def test_read_invitees_maps_written_standard(value, code):
    result = read(f"{HEADER}Kari,Nordmann,kari@example.no,,,{value}\n")

    assert [row.language for row in result.rows] == [code]


# Bad rows: one kind each ----------------------------------------------------------------------


def test_read_invitees_missing_first_name_is_an_error():
    result = read(HEADER + ",Nordmann,kari@example.no,,,\n" + "Ola,Hansen,ola@example.no,,,\n")

    assert result.errors == [
        RowProblem(2, "Fornavn", "The first name is missing. Fill it in, or delete the row.")
    ]
    assert [row.row for row in result.rows] == [3]
    assert result.is_clean is False


def test_read_invitees_missing_last_name_is_an_error():
    assert row_errors("Kari,,kari@example.no,,,") == [
        RowProblem(2, "Etternavn", "The last name is missing. Fill it in, or delete the row.")
    ]


def test_read_invitees_missing_email_is_an_error():
    assert row_errors("Kari,Nordmann,,,,") == [
        RowProblem(2, "E-post", "The email address is missing. Fill it in, or delete the row.")
    ]


@pytest.mark.parametrize("email", ["kari.example.no", "kari@", "kari @example.no", "kari@@x.no"])
def test_read_invitees_invalid_email_is_an_error(email):
    assert row_errors(f"Kari,Nordmann,{email},,,") == [
        RowProblem(
            2,
            "E-post",
            f"“{email}” is not a valid email address. Check for typos and spaces, and that it "
            "has one @ followed by a domain such as example.no.",
        )
    ]


def test_read_invitees_too_long_email_is_an_error():
    email = "a" * 244 + "@example.no"  # 255 characters

    assert row_errors(f"Kari,Nordmann,{email},,,") == [
        RowProblem(2, "E-post", "This cell has 255 characters; at most 254 are allowed.")
    ]


def test_read_invitees_name_with_digits_and_symbols_is_an_error():
    assert row_errors("Kari2,Nord_mann!,kari@example.no,,,") == [
        RowProblem(2, "Fornavn", BAD_CHARACTERS % ("Kari2", "“2”")),
        RowProblem(2, "Etternavn", BAD_CHARACTERS % ("Nord_mann!", "“!” “_”")),
    ]


def test_read_invitees_name_without_letters_is_an_error():
    assert row_errors("'.,Nordmann,kari@example.no,,,") == [
        RowProblem(2, "Fornavn", "“'.” has no letters. Write the person's name.")
    ]


def test_read_invitees_too_long_name_is_an_error():
    name = "Å" * 151

    assert row_errors(f"Kari,{name},kari@example.no,,,") == [
        RowProblem(2, "Etternavn", "A name can have at most 150 characters; this one has 151.")
    ]


def test_read_invitees_too_long_organisation_is_an_error():
    assert row_errors("Kari,Nordmann,kari@example.no," + "x" * 201 + ",,") == [
        RowProblem(2, "Organisasjon", "This cell has 201 characters; at most 200 are allowed.")
    ]


def test_read_invitees_hyperlink_formula_is_an_error():
    cells = 'Kari,Nordmann,kari@example.no,"=HYPERLINK(""https://evil.example"",""Klikk"")",,'

    result = read(HEADER + cells + "\n")

    assert result.errors == [
        RowProblem(
            2,
            "Organisasjon",
            "This cell starts with “=”, so a spreadsheet could run it as a formula. Remove the "
            "“=” at the start.",
        )
    ]
    assert result.rows == []


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", " =", "\t="])
@pytest.mark.parametrize("column", range(6))
def test_read_invitees_formula_prefix_in_any_column_is_an_error(prefix, column):
    cells = ["Kari", "Nordmann", "kari@example.no", "NAV", "Skien", "nb"]
    cells[column] = f'"{prefix}{cells[column]}"'

    result = read(HEADER + ",".join(cells) + "\n")

    assert [(problem.row, problem.column) for problem in result.errors] == [
        (2, HEADER.strip().split(",")[column])
    ]
    assert result.errors[0].message == (
        f"This cell starts with “{prefix.strip()}”, so a spreadsheet could run it as a formula. "
        f"Remove the “{prefix.strip()}” at the start."
    )


@pytest.mark.parametrize(
    "value",
    ["Kari\nBcc: all@example.no", "Kari\r\nBcc: x", "Ka\rri", "Ka\tri", "Ka\x1bri", "Ka\u2028ri"],
)
def test_read_invitees_newline_or_control_character_in_a_cell_is_an_error(value):
    result = read(f'{HEADER}"{value}",Nordmann,kari@example.no,,,\n')

    assert result.errors == [
        RowProblem(
            2,
            "Fornavn",
            "This cell has a line break or another control character. Put it all on one line.",
        )
    ]
    assert result.rows == []


@pytest.mark.django_db
def test_read_invitees_unknown_municipality_is_an_error():
    assert row_errors("Kari,Nordmann,kari@example.no,,Oslo,") == [
        RowProblem(
            2,
            "Kommune",
            "Unknown municipality “Oslo”. Write its name (for example Skien) or its 4-digit "
            "number (for example 4003), or leave the cell empty.",
        )
    ]


def test_read_invitees_unknown_written_standard_is_an_error():
    assert row_errors("Kari,Nordmann,kari@example.no,,,samisk") == [
        RowProblem(
            2,
            "Målform",
            "Unknown written standard “samisk”. Write nb (bokmål), nn (nynorsk) or en (English), "
            "or leave the cell empty.",
        )
    ]


@pytest.mark.django_db
def test_read_invitees_reports_every_problem_of_a_row_in_column_order():
    result = read(HEADER + ",N0rdmann,kari@,=X,Oslo,fransk\n")

    assert [(problem.row, problem.column) for problem in result.errors] == [
        (2, "Fornavn"),
        (2, "Etternavn"),
        (2, "E-post"),
        (2, "Organisasjon"),
        (2, "Kommune"),
        (2, "Målform"),
    ]


# Duplicates -----------------------------------------------------------------------------------


def test_read_invitees_reports_duplicates_in_file_and_already_invited_without_blocking():
    content = (
        HEADER
        + KARI
        + "Ola,Hansen,ola@example.no,,,\n"
        + "Kari,Nordmann,KARI@example.no,,,\n"
        + "Per,Berg,per@example.no,,,\n"
    )

    result = read(content, already_invited={"Ola@Example.no "})

    assert result.duplicates == [
        RowProblem(3, "E-post", "ola@example.no is already invited. This row will be skipped."),
        RowProblem(4, "E-post", "kari@example.no is also on row 2. This row will be skipped."),
    ]
    assert [row.row for row in result.rows] == [2, 5]
    assert result.errors == []
    assert result.is_clean is True


# Whole-file problems ---------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"\n\n   \r\n", b"\xef\xbb\xbf", b";;;\n;;;\n"])
def test_read_invitees_empty_file_is_an_error(content):
    assert read(content) == ImportResult(
        errors=file_error("The file is empty. Put the column headings in the first row.")
    )


def test_read_invitees_header_only_is_an_error():
    assert read(HEADER + "\n,,,,,\n") == ImportResult(
        errors=file_error(
            "The file has column headings but no people. Add one person per row below."
        )
    )


def test_read_invitees_missing_columns_are_named():
    assert read("Navn;E-post;Telefon\nKari Nordmann;kari@example.no;900\n") == ImportResult(
        errors=file_error(
            "The file has no column for first name, last name. The first row must hold the "
            "column headings, for example: Fornavn, Etternavn, E-post, Organisasjon, Kommune, "
            "Målform."
        )
    )


def test_read_invitees_two_columns_for_one_field_is_an_error():
    assert read("Fornavn,Etternavn,E-post,Email\n").errors == file_error(
        "Both “E-post” and “Email” are columns for email address. Keep one."
    )


@pytest.mark.parametrize("name", ["invitees.pdf", "invitees.xls", "invitees", "invitees.csv.exe"])
def test_read_invitees_unknown_extension_is_an_error(name):
    assert read(HEADER + KARI, name).errors == file_error(
        f"“{name}” cannot be imported. Upload a CSV file (.csv or .txt) or an Excel workbook "
        "(.xlsx); in Excel, use “Save as” and choose “CSV UTF-8” or “Excel Workbook”."
    )


@pytest.fixture
def sparse_50mb(tmp_path):
    """A 50 MB file on disk that takes no memory (and almost no disk)."""
    path = tmp_path / "big.csv"
    with path.open("wb") as file:
        file.write((HEADER + KARI).encode())
        file.seek(50 * 1024 * 1024 - 1)
        file.write(b"\n")
    with path.open("rb") as file:
        yield file


def test_read_invitees_50_mb_file_is_rejected_before_reading(sparse_50mb):
    uploaded = UploadedFile(sparse_50mb, name="big.csv", size=50 * 1024 * 1024)

    with override("en"):
        result = read_invitees(uploaded, already_invited=set())

    assert result == ImportResult(errors=file_error(TOO_LARGE))
    assert sparse_50mb.tell() == 0  # not a byte was read


def test_read_invitees_file_larger_than_its_stated_size_is_rejected(sparse_50mb):
    uploaded = UploadedFile(sparse_50mb, name="big.csv", size=1000)

    with override("en"):
        result = read_invitees(uploaded, already_invited=set())

    assert result == ImportResult(errors=file_error(TOO_LARGE))
    assert sparse_50mb.tell() == MAX_IMPORT_BYTES + 1  # read stopped just past the limit


def test_read_invitees_10000_rows_are_accepted():
    content = HEADER + "".join(f"Kari,Nordmann,kari{n}@example.no,,,\n" for n in range(10_000))

    result = read(content)

    assert (len(result.rows), result.errors, result.rows[-1].row) == (10_000, [], 10_001)


def test_read_invitees_10001_rows_are_an_error():
    content = HEADER + "".join(f"Kari,Nordmann,kari{n}@example.no,,,\n" for n in range(10_001))

    assert read(content) == ImportResult(
        errors=file_error("The file has more than 10,000 people. Split it into smaller files.")
    )


def test_read_invitees_unclosed_quote_over_the_field_limit_is_an_error():
    content = HEADER + 'Kari,"Nordmann,' + "x" * 200_000 + "\n"

    assert read(content).errors == file_error(
        'Line 2 cannot be read. Check that every quotation mark (") is closed.'
    )


def test_read_invitees_binary_file_named_csv_is_an_error():
    result = read(xlsx_bytes([["Fornavn", "Etternavn", "E-post"]]), "invitees.csv")

    assert result.errors == file_error(NOT_TEXT)


# XLSX -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_read_invitees_valid_xlsx_converts_numbers_and_dates():
    import datetime

    data = xlsx_bytes(
        [
            ["Fornavn", "Etternavn", "E-post", "Organisasjon", "Kommune", "Målform", "Født"],
            ["Åse", "Ødegård", "ase@example.no", 2031, 4020, "nn", datetime.date(1980, 5, 4)],
            [None, None, None],
            ["Máret", "Čuđe", "MARET@example.no", datetime.datetime(2031, 5, 4), 4003.0, None],
        ]
    )

    result = read(data, "Invitasjoner.XLSX")

    assert result == ImportResult(
        rows=[
            InviteeRow(
                row=2,
                first_name="Åse",
                last_name="Ødegård",
                email="ase@example.no",
                organisation="2031",
                municipality_id=municipality("4020"),
                language="nn",
            ),
            InviteeRow(
                row=4,
                first_name="Máret",
                last_name="Čuđe",
                email="maret@example.no",
                organisation="2031-05-04",
                municipality_id=municipality("4003"),
                language="",
            ),
        ]
    )


def test_read_invitees_xlsx_text_cell_with_formula_or_newline_is_an_error():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["First name", "Last name", "Email", "Organisation"])
    sheet.append(["Kari\nBcc: all@example.no", "Nordmann", "kari@example.no", None])
    sheet["D2"] = '=HYPERLINK("https://evil.example","Klikk")'
    sheet["D2"].data_type = "s"  # stored as text, which Excel would still run on export
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = read(buffer.getvalue(), "invitees.xlsx")

    assert [(problem.row, problem.column) for problem in result.errors] == [
        (2, "First name"),
        (2, "Organisation"),
    ]


def test_read_invitees_xlsx_formula_cell_is_read_as_its_cached_value_never_the_formula():
    # openpyxl writes formulas without a cached value, as an unsaved-by-Excel file would have.
    data = xlsx_bytes(
        [["Fornavn", "Etternavn", "E-post"], ['=HYPERLINK("x","Kari")', "N", "k@x.no"]]
    )

    result = read(data, "invitees.xlsx")

    assert result.errors == [
        RowProblem(2, "Fornavn", "The first name is missing. Fill it in, or delete the row.")
    ]


def test_read_invitees_xlsx_that_is_really_text_is_an_error():
    assert read(HEADER + KARI, "invitees.xlsx").errors == file_error(NOT_XLSX)


def test_read_invitees_pdf_renamed_to_xlsx_is_an_error():
    assert read(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "invitees.xlsx").errors == file_error(
        NOT_XLSX
    )


def test_read_invitees_zip_that_is_not_a_workbook_is_an_error():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "Fornavn,Etternavn,E-post\n")

    assert read(buffer.getvalue(), "invitees.xlsx").errors == file_error(NOT_XLSX)


def test_read_invitees_xlsx_that_unpacks_to_more_than_50_mb_is_an_error():
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings.xml", "w") as member,
    ):
        for _ in range(51):
            member.write(b" " * 1024 * 1024)

    assert read(buffer.getvalue(), "invitees.xlsx").errors == file_error(
        "The workbook is too large to import. Save it as “CSV UTF-8” and upload that."
    )


def test_read_invitees_empty_xlsx_is_an_error():
    assert read(xlsx_bytes([]), "invitees.xlsx").errors == file_error(
        "The file is empty. Put the column headings in the first row."
    )


# validate_person_name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Kari", "Åse-Marie", "Máret Ánne", "Čuđe Ŋuolla Šŧž", "O'Hara", "O’Hara", "Jr.", "李"]
)
def test_validate_person_name_accepts_letters_of_any_script(name):
    validate_person_name(name)


@pytest.mark.parametrize(
    "name,code",
    [
        ("Kari2", "name_characters"),
        ("Kari<script>", "name_characters"),
        ("Kari@x", "name_characters"),
        ("-", "name_letters"),
        ("x" * 151, "name_length"),
    ],
)
def test_validate_person_name_rejects_other_characters(name, code):
    with pytest.raises(ValidationError) as error:
        validate_person_name(name)

    assert error.value.code == code
