"""Name badges (conferences.domain.badges, conferences.badges_pdf, the badge views): one row per
conference and layout, made by the Celery task (eager in tests) into a PDF with every confirmed
person, re-made on each request, failures recorded, the file for the conference's advisers only
and deleted with the personal data."""

import datetime as dt
import io

import pypdf
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation

from conferences import tasks
from conferences.badges_pdf import badges_html
from conferences.domain.badges import (
    delete_badge_files,
    make_badges,
    request_badges,
    set_badge_state,
    sweep_badge_files,
)
from conferences.enums import BadgeLayout, FileState, RegistrationState
from conferences.models import BadgeFile
from conferences.queries.checkin import badge_registrations
from moteplass.models import ActivityLog
from tests.factories import ConferenceFactory, OrganisationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
R = RegistrationState
F = FileState
FIRST_NAMES = ["Kari", "Ola", "Åse", "Per", "Siri", "Nils", "Ánde", "Marit", "Øyvind"]


@pytest.fixture(autouse=True)
def _bokmal():
    with translation.override("nb"):
        yield


def url(name, conference, *args):
    return reverse(name, args=[conference.slug, *args])


@pytest.fixture
def nine(conference):
    """Nine people with a confirmed place (two of them checked in), and three without one."""
    organisation = OrganisationFactory(name="Vinje kommune", slug="vinje-k")
    people = []
    for n, first in enumerate(FIRST_NAMES):
        extra = {"state": R.CHECKED_IN, "checked_in_at": timezone.now()} if n < 2 else {}
        people.append(
            RegistrationFactory(
                conference=conference,
                first_name=first,
                last_name=f"Etternavn{9 - n}",
                organisation=organisation,
                job_title="Rådgiver",
                **extra,
            )
        )
    RegistrationFactory(conference=conference, first_name="Venter", state=R.WAITLISTED)
    RegistrationFactory(conference=conference, first_name="Avmeldt", state=R.CANCELLED)
    RegistrationFactory(
        conference=ConferenceFactory(title="Møteplass Vestfold 2031", slug="vestfold-2031"),
        first_name="Annensted",
    )
    return people


def pdf_of(row) -> tuple[int, str]:
    with row.file.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    words = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(words.split())


@pytest.mark.parametrize(("layout", "pages"), [(BadgeLayout.SHEET, 2), (BadgeLayout.SINGLE, 9)])
def test_badges_request_makes_a_pdf_with_every_confirmed_person(
    client_as, conference, nine, adviser, layout, pages, django_capture_on_commit_callbacks
):
    client = client_as("adviser")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("badges", conference), {"layout": layout})

    assert response.status_code == 302
    row = BadgeFile.objects.get()
    assert (row.conference, row.layout, row.state, row.progress) == (
        conference,
        layout,
        F.DONE,
        100,
    )
    assert (row.badges, row.pages, row.requested_by) == (9, pages, adviser)
    page_count, words = pdf_of(row)
    assert page_count == pages
    for registration in nine:
        assert registration.full_name in words
    assert "Vinje kommune" in words and "Rådgiver" in words
    assert "Venter" not in words and "Avmeldt" not in words and "Annensted" not in words
    log = ActivityLog.objects.get(action="conferences.badges.done")
    assert log.data == {"layout": layout, "badges": 9}


def test_badges_are_sorted_by_last_name_with_a_qr_code_of_each_ticket(conference, nine):
    people = sorted(nine, key=lambda r: r.last_name)

    html = badges_html(conference, badge_registrations(conference), layout=BadgeLayout.SHEET)

    positions = [html.index(f">{r.last_name}<") for r in people]
    assert positions == sorted(positions)
    assert html.count('<svg viewBox="0 0 33 33" class="badge__qr-code">') == 9
    assert html.count('<section class="badges__page">') == 2
    assert html.count("<title>QR-kode for billetten</title>") == 9


def test_a_name_with_markup_is_text_on_the_badge(conference):
    RegistrationFactory(conference=conference, first_name="<b>Kari</b>", last_name="O'Neil & Co")

    html = badges_html(conference, badge_registrations(conference), layout=BadgeLayout.SINGLE)

    assert "&lt;b&gt;Kari&lt;/b&gt;" in html and "O&#x27;Neil &amp; Co" in html


def test_request_badges_queues_one_row_and_one_job(
    conference, nine, adviser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        row = request_badges(conference, layout=BadgeLayout.SHEET, by=adviser)

    assert (row.state, row.progress, len(callbacks)) == (F.QUEUED, 0, 1)
    log = ActivityLog.objects.get(action="conferences.badges")
    assert (log.user, log.data) == (adviser, {"layout": "sheet"})


def test_request_while_queued_or_running_queues_nothing_more(
    conference, adviser, django_capture_on_commit_callbacks
):
    for state in (F.QUEUED, F.RUNNING):
        BadgeFile.objects.all().delete()
        BadgeFile.objects.create(conference=conference, layout="sheet", state=state)
        with django_capture_on_commit_callbacks() as callbacks:
            row = request_badges(conference, layout=BadgeLayout.SHEET, by=adviser)

        assert (row.state, len(callbacks)) == (state, 0)


def test_request_again_makes_the_file_again_and_deletes_the_old_one(
    conference, nine, adviser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request_badges(conference, layout=BadgeLayout.SINGLE, by=adviser)
    first = BadgeFile.objects.get().file.name
    RegistrationFactory(conference=conference, first_name="Nykommer", last_name="Sist")

    with django_capture_on_commit_callbacks(execute=True):
        request_badges(conference, layout=BadgeLayout.SINGLE, by=adviser)

    row = BadgeFile.objects.get()
    assert (row.state, row.badges, row.pages) == (F.DONE, 10, 10)
    assert row.file.name != first
    assert default_storage.exists(first) is False
    assert "Nykommer Sist" in pdf_of(row)[1]


def test_a_failed_render_is_recorded_and_can_be_asked_for_again(
    client_as, conference, nine, adviser, settings, django_capture_on_commit_callbacks
):
    settings.PDF_RENDER_TIME_LIMIT = 0.000001
    client = client_as("adviser")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("badges", conference), {"layout": "sheet"})

    row = BadgeFile.objects.get()
    assert (row.state, row.error, row.file.name) == (
        F.FAILED,
        "Det tok for lang tid å lage navneskiltene.",
        "",
    )
    log = ActivityLog.objects.get(action="conferences.badges.failed")
    assert log.data == {"layout": "sheet", "error": "Det tok for lang tid å lage navneskiltene."}
    status = client.get(url("badges_status", conference, "sheet"))
    assert "Mislyktes: Det tok for lang tid å lage navneskiltene." in status.content.decode()

    settings.PDF_RENDER_TIME_LIMIT = 60
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("badges", conference), {"layout": "sheet"})

    row.refresh_from_db()
    assert (row.state, row.error, row.pages) == (F.DONE, "", 2)


def test_make_badges_leaves_a_row_that_is_not_queued_alone(conference):
    for state in (F.RUNNING, F.DONE, F.FAILED):
        row = BadgeFile.objects.create(conference=conference, layout="single", state=state)

        assert make_badges(row.pk) == state
        row.delete()
    assert make_badges(987654) == "gone"


def test_badge_row_moves_only_along_its_transitions(conference, adviser):
    row = BadgeFile.objects.create(conference=conference, layout="sheet", state=F.RUNNING)

    assert set_badge_state(row, F.FAILED, error="Feil") is True
    assert set_badge_state(row, F.DONE) is False  # the sweeper lost the race
    assert set_badge_state(row, F.RUNNING) is False
    assert set_badge_state(row, F.QUEUED, by=adviser) is True
    row.refresh_from_db()
    assert (row.state, row.error) == (F.QUEUED, "Feil")


def test_broker_down_keeps_the_row_queued_and_the_sweeper_hands_it_over(
    conference, nine, adviser, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    def broker_down(*args, **kwargs):
        raise OperationalError("no broker")

    with monkeypatch.context() as patched:
        patched.setattr(tasks.make_badges, "apply_async", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            row = request_badges(conference, layout=BadgeLayout.SHEET, by=adviser)
    row.refresh_from_db()
    assert row.state == F.QUEUED

    later = timezone.now() + dt.timedelta(minutes=5)
    assert sweep_badge_files(now=later) == 1

    row.refresh_from_db()
    assert (row.state, row.pages) == (F.DONE, 2)


def test_badges_page_lists_both_layouts_and_the_number_of_people(
    client_as, conference, nine, django_assert_num_queries
):
    BadgeFile.objects.create(conference=conference, layout="single", state=F.RUNNING, progress=30)
    client = client_as("adviser")

    with django_assert_num_queries(6):
        response = client.get(url("badges", conference))

    page = " ".join(response.content.decode().split())
    assert [
        (layout, row.state if row else None) for layout, _n, row in response.context["files"]
    ] == [
        ("sheet", None),
        ("single", F.RUNNING),
    ]
    assert "9 personer med bekreftet plass får navneskilt" in page
    assert ("A4-ark med åtte navneskilt på hvert:</span> <span>ikke laget ennå</span>") in page
    assert 'hx-get="' + url("badges_status", conference, "single") + '"' in page
    assert "Lages (30 %)" in page


def test_badges_with_a_bad_layout_say_so_and_make_nothing(client_as, conference):
    response = client_as("adviser").post(url("badges", conference), {"layout": "poster"})

    assert response.status_code == 400
    assert response.context["form"].errors == {"layout": ["Velg ett av oppsettene i listen."]}
    assert BadgeFile.objects.count() == 0


def test_download_is_404_until_done_and_then_the_pdf(
    client_as, conference, nine, adviser, django_capture_on_commit_callbacks
):
    client = client_as("adviser")
    before = client.get(url("badges_download", conference, "sheet"))
    BadgeFile.objects.create(conference=conference, layout="sheet", state=F.RUNNING)
    running = client.get(url("badges_download", conference, "sheet"))
    BadgeFile.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        request_badges(conference, layout=BadgeLayout.SHEET, by=adviser)

    response = client.get(url("badges_download", conference, "sheet"))

    assert (before.status_code, running.status_code) == (404, 404)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    status = client.get(url("badges_status", conference, "sheet")).content.decode()
    assert "Klar – 9 navneskilt, 2 sider" in status
    assert url("badges_download", conference, "sheet") in status
    assert client.get(url("badges_download", conference, "poster")).status_code == 404


@pytest.mark.parametrize(
    "role", ["participant", "other_editor", "editor", "coordinator", "other_adviser"]
)
def test_badges_are_404_outside_the_advisers_and_a_post_makes_nothing(
    client_as, conference, nine, adviser, role, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request_badges(conference, layout=BadgeLayout.SHEET, by=adviser)
    client = client_as(role)

    pages = [
        client.get(url("badges", conference)).status_code,
        client.get(url("badges_status", conference, "sheet")).status_code,
        client.get(url("badges_download", conference, "sheet")).status_code,
        client.post(url("badges", conference), {"layout": "single"}).status_code,
    ]

    assert pages == [404, 404, 404, 404]
    assert list(BadgeFile.objects.values_list("layout", flat=True)) == ["sheet"]


@pytest.mark.parametrize("people", [1, 3])
def test_making_badges_runs_a_constant_number_of_queries(
    conference, adviser, people, django_assert_num_queries
):
    organisation = OrganisationFactory(name="Vinje kommune", slug="vinje-k")
    for n in range(people):
        RegistrationFactory(conference=conference, last_name=f"N{n}", organisation=organisation)
    row = BadgeFile.objects.create(conference=conference, layout="single")

    with django_assert_num_queries(10):  # the last: was it asked for again meanwhile?
        make_badges(row.pk)

    row.refresh_from_db()
    assert (row.state, row.badges) == (F.DONE, people)


def test_delete_badge_files_removes_rows_and_files(
    conference, nine, adviser, django_capture_on_commit_callbacks
):
    other = ConferenceFactory(title="Møteplass Agder 2031", slug="agder-2031")
    RegistrationFactory(conference=other)
    with django_capture_on_commit_callbacks(execute=True):
        request_badges(conference, layout=BadgeLayout.SHEET, by=adviser)
        request_badges(conference, layout=BadgeLayout.SINGLE, by=adviser)
        request_badges(other, layout=BadgeLayout.SHEET, by=adviser)
    names = list(BadgeFile.objects.filter(conference=conference).values_list("file", flat=True))

    deleted = delete_badge_files(conference)

    assert deleted == 2
    assert [default_storage.exists(name) for name in names] == [False, False]
    assert list(BadgeFile.objects.values_list("conference", flat=True)) == [other.pk]
    log = ActivityLog.objects.get(action="conferences.badges.deleted")
    assert (log.object_id, log.data) == (conference.pk, {"files": 2})
    assert delete_badge_files(conference) == 0
