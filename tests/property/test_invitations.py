"""Hostile input against the invitation list's import (any file an adviser might upload, and a
forged confirmation) and against the personal answer link."""

import codecs
import csv
import functools
import io
import zipfile
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st

from conferences.enums import InvitationAnswer
from conferences.forms.invitations import AnswerForm
from conferences.imports import HEADER_ALIASES, MAX_IMPORT_BYTES
from conferences.models import Invitation
from tests.property.conftest import (
    HOSTILE,
    as_data,
    assert_escaped,
    assert_unchanged,
    checked,
    database_state,
    field,
    form,
    hostile_text,
    isolated,
    new_client,
    post_form,
    tokens,
)

pytestmark = pytest.mark.django_db

HEADER = ["Fornavn", "Etternavn", "E-post", "Organisasjon", "Kommune", "Målform"]
HEADINGS = sorted({alias for aliases in HEADER_ALIASES.values() for alias in aliases} | set(HEADER))


@pytest.fixture
def invitation(conference):
    return Invitation.objects.create(
        conference=conference,
        first_name="Kari",
        last_name="Nordmann",
        email="kari@example.no",
        organisation_name="Skien kommune",
    )


@pytest.fixture
def known(conference):
    """Someone already on the list: a row with this address is a duplicate, never a second row."""
    return Invitation.objects.create(
        conference=conference, first_name="Per", last_name="Li", email="per@example.no"
    )


# --- the answer link -----------------------------------------------------------------------------


answers = form(
    {
        "answer": field(st.sampled_from([InvitationAnswer.YES, InvitationAnswer.NO])),
        "reason": field(st.sampled_from(["", "Jeg er på ferie.", "Eg er på ferie."])),
    }
)


@given(post=answers)
def test_answer_never_fails_and_saves_the_whole_answer_or_nothing(invitation, post):
    url = reverse("invitation_answer", args=[invitation.token])
    with isolated():
        response = post_form(new_client(), url, post)
        if response is None:
            return
        assert response.status_code == 302
        cleaned = AnswerForm(as_data(post))
        assert cleaned.is_valid(), cleaned.errors
        saved = Invitation.objects.get(pk=invitation.pk)
        answer = cleaned.cleaned_data["answer"]
        reason = cleaned.cleaned_data["reason"].strip() if answer == InvitationAnswer.NO else ""
        assert (saved.answer, saved.answer_reason) == (answer, reason)
        assert saved.answered_at is not None


@given(token=tokens(), method=st.sampled_from(["get", "post"]), post=answers)
def test_made_up_answer_links_are_404_and_change_nothing(invitation, token, method, post):
    url = reverse("invitation_answer", args=["T0KEN"]).replace("T0KEN", quote(token, safe=""))
    with isolated():
        before = database_state()
        response = checked(getattr(new_client(), method)(url, post))
        assert response.status_code == 404
        assert_unchanged(before, database_state(), response)


def test_answer_link_with_a_nul_character_is_404():
    """Regression: a NUL in the token reached the query, and PostgreSQL refused it (a 500)."""
    response = checked(new_client().get("/invitation/abc%00def/"))
    assert response.status_code == 404


# --- the import ----------------------------------------------------------------------------------

cells = st.one_of(
    hostile_text,
    st.sampled_from(["Kari", "Áile", "Ås", "Nordmann", "Skien", "4003", "nn", "bokmål", "NHO"]),
    st.emails(),
    st.sampled_from(["per@example.no", "PER@example.no"]),
)
headers = st.one_of(
    st.just(HEADER),
    st.just(HEADER),
    st.permutations(HEADER),
    st.lists(st.one_of(st.sampled_from(HEADINGS), hostile_text), max_size=8),
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252"]


VALID_CELLS = [
    st.sampled_from(["Kari", "Áile", "Bjørn", "Jean-Luc", "O’Neill"]),
    st.sampled_from(["Nordmann", "Ŋuolja-Čáhppes", "Ås", "van der Berg"]),
    st.sampled_from(["kari@example.no", "Ola@Example.no", "per@example.no", "ås@bø.no"]),
    st.sampled_from(["", "NHO Vestfold og Telemark", "Bø Sparebank", "Telemark fylkeskommune"]),
    st.sampled_from(["", "Skien", "4003", "4003 Skien", "vinje kommune"]),
    st.sampled_from(["", "nb", "nn", "en", "Nynorsk", "bokmål"]),
]


@st.composite
def invitee_rows(draw, *, clean=False) -> list[list[str]]:
    """Header and rows of people as an adviser's list has them; unless ``clean``, with hostile
    headers and cells."""
    header = draw(st.permutations(HEADER) if clean else headers)
    rows = [header]
    for number in range(draw(st.integers(1, 4) if clean else st.integers(0, 6))):
        person = {heading: draw(cell) for heading, cell in zip(HEADER, VALID_CELLS, strict=True)}
        person["E-post"] = f"person{number}@example.no"
        row = [person.get(heading, "") for heading in header]
        if not clean:
            for _damage in range(draw(st.integers(0, 2))):
                if row:
                    row[draw(st.integers(0, len(row) - 1))] = draw(cells)
            row += draw(st.lists(cells, max_size=2))
        rows.append(row)
    return rows


@st.composite
def csv_bytes(draw, *, clean=False) -> bytes:
    out = io.StringIO()
    delimiters = [",", ";", "\t"] if clean else [",", ";", "\t", "|"]  # "|" is not read
    writer = csv.writer(out, delimiter=draw(st.sampled_from(delimiters)))
    writer.writerows(draw(invitee_rows(clean=clean)))
    # UTF-16 without a byte order mark is refused with a message (Excel always writes one)
    encodings = ENCODINGS[:3] if clean else ENCODINGS
    data = out.getvalue().encode(draw(st.sampled_from(encodings)), errors="replace")
    if clean:
        return data
    damage = draw(st.sampled_from(["none", "bom", "nul", "cut", "bytes"]))
    if damage == "bom":
        data = codecs.BOM_UTF8 + data
    elif damage == "nul":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\x00" + data[at:]
    elif damage == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "bytes":
        data += draw(st.binary(max_size=40))
    return data


def workbook_bytes(rows: list[list[str]]) -> bytes:
    """The same rows give the same bytes within a run (hypothesis replays examples; openpyxl
    stamps each file with the time it was written)."""
    return _workbook_bytes(tuple(tuple(row) for row in rows))


@functools.lru_cache(maxsize=2048)
def _workbook_bytes(rows: tuple[tuple[str, ...], ...]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        # openpyxl cannot store control characters; "=…" becomes a formula cell
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", value)[:32_000] for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@st.composite
def xlsx_bytes(draw, *, clean=False) -> bytes:
    data = workbook_bytes(draw(invitee_rows(clean=clean)))
    if clean:
        return data
    damage = draw(st.sampled_from(["none", "cut", "flip", "members"]))
    if damage == "cut":  # a download that stopped half-way
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "flip":
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
    elif damage == "members":  # a zip with the workbook's parts left out or replaced
        source = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for name in source.namelist():
                if draw(st.booleans()):
                    content = source.read(name)
                    if draw(st.booleans()):
                        content = draw(st.binary(max_size=60))
                    target.writestr(name, content)
        data = out.getvalue()
    return data


def wide_csv() -> bytes:
    return (
        ",".join(HEADER + [f"kolonne {n}" for n in range(10_000)]) + "\nKari,Li,k@x.no\n"
    ).encode()


SPECIAL_FILES = {
    "bred.csv": wide_csv,
    "bom-nul.csv": lambda: codecs.BOM_UTF8 + b"Fornavn,Etternavn,E-post\nKari,\x00Li,k@x.no\n",
    "utf16.csv": lambda: ",".join(HEADER).encode("utf-16-le") + b"\n\x00K\x00",
    "latin1.csv": lambda: "Fornavn;Etternavn;E-post\nBjørn;Ås;b@x.no\n".encode("latin-1"),
    "tom.xlsx": lambda: b"",
    "zip.xlsx": lambda: b"PK\x05\x06" + b"\x00" * 18,  # an empty zip
    "bilde.csv": lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
}
special_files = st.sampled_from(sorted(SPECIAL_FILES)).map(
    lambda name: (name, SPECIAL_FILES[name]())
)


class Upload(io.BytesIO):
    """A file for the test client under any name at all (SimpleUploadedFile refuses some)."""

    def __init__(self, name: str, data: bytes):
        super().__init__(data)
        self.name = name


file_names = st.one_of(
    st.sampled_from(["liste.csv", "liste.txt", "liste.xlsx", "LISTE.CSV", "Liste.XLSX"]),
    st.sampled_from(
        ["liste.xls", "liste.pdf", "liste", ".csv", "liste.csv.exe", "a" * 300 + ".csv"]
    ),
    st.tuples(hostile_text, st.sampled_from([".csv", ".xlsx", ""])).map("".join),
)


@st.composite
def uploads(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["csv", "xlsx", "garbage", "special"]))
    if kind == "special":
        return draw(special_files)
    if kind == "garbage":
        return draw(file_names), draw(st.binary(max_size=300))
    data = draw(csv_bytes() if kind == "csv" else xlsx_bytes())
    name = draw(st.one_of(st.just(f"liste.{kind}"), file_names))
    return name, data


@st.composite
def clean_uploads(draw) -> tuple[str, bytes]:
    """A list that imports, in every format and encoding the import reads."""
    suffix = draw(st.sampled_from([".csv", ".txt", ".xlsx"]))
    data = xlsx_bytes(clean=True) if suffix == ".xlsx" else csv_bytes(clean=True)
    return "inviterte" + suffix, draw(data)


def import_url(conference) -> str:
    return reverse("invitation_import", args=[conference.slug])


def preview(client, conference, name: str, data: bytes):
    """Upload a file: the preview changes nothing; returns the clean rows waiting for
    confirmation (None when there are none)."""
    before = database_state()
    response = checked(client.post(import_url(conference), {"file": Upload(name, data)}))
    assert_unchanged(before, database_state(), response)
    if response.status_code == 400:  # a part's headers over Django's 1 kB limit (a long name)
        assert len(name.encode()) > 900
        return None
    assert response.status_code == 200
    assert_escaped(response)
    return client.session.get(f"invitation_import:{conference.pk}")


def assert_imported(client, conference, known, stored) -> None:
    """Confirming imports every clean row, and nothing else."""
    response = checked(client.post(import_url(conference), {"token": stored["token"]}))
    assert response.status_code == 302
    created = Invitation.objects.filter(conference=conference).exclude(pk=known.pk)
    got = sorted(
        (i.first_name, i.last_name, i.email, i.organisation_name.lower(), i.municipality_id)
        + (i.language,)
        for i in created
    )
    fields = ["first_name", "last_name", "email", "organisation", "municipality_id", "language"]
    want = sorted(
        tuple(row[name].lower() if name == "organisation" else row[name] for name in fields)
        for row in stored["rows"]
    )
    assert got == want
    assert known.email not in [row[2] for row in got]


@given(upload=uploads())
@example(upload=("liste.csv", ",".join(HEADER).encode() + b"\n=cmd|' /C calc'!A0,Li,a@b.no\n"))
@example(upload=("bred.csv", wide_csv()))
def test_import_of_any_file_never_fails_and_imports_all_clean_rows_or_nothing(
    conference, adviser, known, upload
):
    with isolated():
        client = new_client(adviser)
        stored = preview(client, conference, *upload)
        event("rows to import" if stored else "nothing to import")
        if stored is not None:
            assert_imported(client, conference, known, stored)


@given(upload=clean_uploads())
def test_import_of_a_clean_list_imports_every_row_once(conference, adviser, known, upload):
    with isolated():
        client = new_client(adviser)
        stored = preview(client, conference, *upload)
        assert stored is not None
        assert_imported(client, conference, known, stored)


@given(token=st.one_of(tokens(), st.sampled_from(HOSTILE)), extra=hostile_text)
def test_forged_import_confirmation_imports_nothing(conference, adviser, token, extra):
    with isolated():
        client = new_client(adviser)
        before = database_state()
        response = checked(client.post(import_url(conference), {"token": token, "rows": extra}))
        assert response.status_code == 302
        assert_unchanged(before, database_state(), response)


def test_a_file_over_the_limit_is_not_kept_and_is_refused_next_to_the_field(conference, adviser):
    """Regression: Django stored an upload of any size (in a temporary file) before the view
    refused it; now the upload handler stops keeping it at MAX_IMPORT_BYTES."""
    row = b"Kari,Nordmann,kari@example.no,,,\n"
    data = ",".join(HEADER).encode() + b"\n" + row * (MAX_IMPORT_BYTES // len(row) + 1)
    client = new_client(adviser)
    before = database_state()
    response = checked(client.post(import_url(conference), {"file": Upload("stor.csv", data)}))
    assert response.status_code == 200
    assert "file" not in response.wsgi_request.FILES  # not kept
    assert response.context["form"].errors["file"] == [
        "Filen er større enn 5,0\xa0MB. Del listen opp i mindre filer."
    ]
    assert_unchanged(before, database_state(), response)


def test_the_import_still_checks_the_csrf_token(conference, adviser):
    """The view makes the CSRF check itself (after putting the size limit in place)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(adviser)
    upload = ",".join(HEADER).encode() + b"\nKari,Li,kari@example.no,,,\n"
    refused = client.post(import_url(conference), {"file": Upload("liste.csv", upload)})
    assert refused.status_code == 403
    token = client.get(import_url(conference)).context["csrf_token"]
    data = {"file": Upload("liste.csv", upload), "csrfmiddlewaretoken": str(token)}
    accepted = client.post(import_url(conference), data)
    assert accepted.status_code == 200
    assert [row.email for row in accepted.context["result"].rows] == ["kari@example.no"]


NOT_A_WORKBOOK = (
    "Filen er ikke en Excel-arbeidsbok, selv om navnet slutter på .xlsx. Åpne den i Excel, velg "
    "«Lagre som» og lagre den som «Excel-arbeidsbok» eller «CSV UTF-8»."
)
DOCUMENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
LAUGHS = "".join(
    f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' if n else '<!ENTITY l0 "ha">' for n in range(10)
)
BOMB_SHEET = (
    f'<?xml version="1.0"?><!DOCTYPE w [{LAUGHS}]><worksheet xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" '
    't="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>'
)


def replaced(workbook: bytes, parts: dict[str, str]) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(workbook)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, parts.get(name, source.read(name)))
    return out.getvalue()


@pytest.mark.parametrize(
    "parts",
    [
        {"[Content_Types].xml": DOCUMENT_TYPES},  # a Word document named .xlsx
        {"xl/worksheets/sheet1.xml": BOMB_SHEET},  # "billion laughs": 10⁹ "ha" if expanded
    ],
    ids=["word-document", "entity-bomb"],
)
def test_a_zip_that_is_not_a_plain_workbook_is_refused_next_to_the_field(
    conference, adviser, parts
):
    data = replaced(workbook_bytes([HEADER, ["Kari", "Li", "kari@example.no"]]), parts)
    client = new_client(adviser)
    before = database_state()
    response = checked(client.post(import_url(conference), {"file": Upload("liste.xlsx", data)}))
    assert response.context["form"].errors["file"] == [NOT_A_WORKBOOK]
    assert_unchanged(before, database_state(), response)
