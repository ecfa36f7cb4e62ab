"""The follow-up report (conferences.queries.report, conferences.domain.report,
conferences.report_pdf, the report views): its structure per focus area and main goal, publishing
it (refused before anything is recorded), its PDF in bokmål and nynorsk made by the generic
file job (conferences.domain.files), the JSON export, who sees what, and constant query counts."""

import datetime as dt
import io
import json
import re

import pypdf
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation

from conferences import tasks
from conferences.domain.files import QUEUED_GRACE
from conferences.domain.followup import FollowUpError, save_priority, set_commitment_state
from conferences.domain.report import (
    make_report_pdf,
    publish_report,
    request_report_pdf,
    set_report_file_state,
    sweep_report_files,
    unpublish_report,
)
from conferences.enums import CommitmentState, FileState
from conferences.models import Commitment, Conference, Priority, ReportFile, StatusUpdate
from conferences.queries.report import report_for
from conferences.queries.report_json import report_json
from moteplass.models import ActivityLog
from moteplass.pdf import PdfRenderTimeout
from tests.factories import (
    CommitmentFactory,
    ConferenceFactory,
    NetworkFactory,
    OrganisationFactory,
    PriorityFactory,
    SessionFactory,
    goal,
)

pytestmark = pytest.mark.django_db
F = FileState
C = CommitmentState
ALL_GOALS = ["I1", "I2", "I3", "S1", "S2", "S3", "N1", "N2", "N3"]
FAKE_PDF = b"%PDF-1.7\n1 0 obj << /Type /Pages /Kids [] /Count 2 >> endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _bokmal():
    with translation.override("nb"):
        yield


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def renders(monkeypatch):
    """The report renderer replaced at its boundary (WeasyPrint is slow; the real PDF is tested
    on its own below)."""
    calls = []

    def fake(conference, *, language, now=None):
        calls.append((conference.pk, language))
        return FAKE_PDF

    monkeypatch.setattr("conferences.report_pdf.render_report_pdf", fake)
    return calls


@pytest.fixture
def recorded(conference):
    """Two priorities: one for I1 and S2 with two commitments (an organisation's with a
    contributor, and a network's), one for N3 without commitments."""
    nho = OrganisationFactory(name="NHO Vestfold og Telemark", slug="nho-vt", orgnr="974760673")
    vinje = OrganisationFactory(name="Vinje kommune", slug="vinje-k")
    network = NetworkFactory(name="Reiselivsnettverket", slug="reiseliv")
    session = SessionFactory(conference=conference, title="Lærlinger i distriktet")
    skills = PriorityFactory(
        conference=conference,
        title_nb="Flere lærlinger",
        title_nn="Fleire lærlingar",
        description_nb="Flere læreplasser i hele fylket.",
        description_nn="Fleire læreplassar i heile fylket.",
        goals=[goal("S2"), goal("I1")],
        sessions=[session],
        order=1,
    )
    green = PriorityFactory(
        conference=conference,
        title_nb="Klimatilpasning i kommunene",
        title_nn="Klimatilpassing i kommunane",
        goals=[goal("N3")],
        order=2,
    )
    first = CommitmentFactory(
        priority=skills,
        title_nb="Lærlingkampanje",
        title_nn="Lærlingkampanje",
        responsible_organisation=nho,
        contributors=[vinje],
        due_date=dt.date(2031, 9, 1),
        state=C.IN_PROGRESS,
        status_note="Kampanjen er i gang.",
    )
    second = CommitmentFactory(
        priority=skills,
        title_nb="Felles rekrutteringsdag",
        title_nn="Felles rekrutteringsdag",
        responsible_organisation=None,
        responsible_network=network,
        due_date=dt.date(2031, 12, 1),
    )
    return {"skills": skills, "green": green, "first": first, "second": second, "nho": nho}


def url(name, conference, *args):
    return reverse(name, args=[conference.slug, *args])


def structure(report):
    return [
        (
            area.area.code,
            [
                (section.goal.code, [str(priority.title) for priority in section.priorities])
                for section in area.goals
            ],
        )
        for area in report.areas
    ]


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    words = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(words.split())


def published(conference, adviser):
    conference.report_published_at = timezone.now()
    conference.report_published_by = adviser
    conference.save(update_fields=["report_published_at", "report_published_by"])
    return conference


# --- the report's structure ----------------------------------------------------------------------


def test_report_is_per_focus_area_and_goal_and_a_priority_with_two_goals_is_under_each(
    conference, recorded
):
    report = report_for(conference, "nb")

    assert structure(report) == [
        ("I", [("I1", ["Flere lærlinger"]), ("I2", []), ("I3", [])]),
        ("S", [("S1", []), ("S2", ["Flere lærlinger"]), ("S3", [])]),
        ("N", [("N1", []), ("N2", []), ("N3", ["Klimatilpasning i kommunene"])]),
    ]
    skills = report.priorities[0]
    assert [goal.code for goal in skills.goals] == ["I1", "S2"]
    assert [str(session) for session in skills.sessions] == ["Lærlinger i distriktet"]
    assert [
        (
            str(c.title),
            c.state,
            c.state_label,
            c.responsible.kind,
            c.responsible.name,
            c.contributors,
            c.due_date,
            c.overdue,
            c.note,
        )
        for c in skills.commitments
    ] == [
        (
            "Lærlingkampanje",
            C.IN_PROGRESS,
            "I gang",
            "organisation",
            "NHO Vestfold og Telemark",
            ["Vinje kommune"],
            dt.date(2031, 9, 1),
            False,
            "Kampanjen er i gang.",
        ),
        (
            "Felles rekrutteringsdag",
            C.PLANNED,
            "Planlagt",
            "network",
            "Reiselivsnettverket",
            [],
            dt.date(2031, 12, 1),
            False,
            "",
        ),
    ]
    assert [area.priority_count for area in report.areas] == [1, 1, 1]


def test_report_summary_counts_states_overdue_networks_and_organisations(conference, recorded):
    later = timezone.make_aware(dt.datetime(2031, 10, 1, 12))

    summary = report_for(conference, "nb", now=later).summary

    assert (summary.priorities, summary.commitments, summary.overdue) == (2, 2, 1)
    assert [(row.state, row.label, row.count) for row in summary.by_state] == [
        (C.PLANNED, "Planlagt", 1),
        (C.IN_PROGRESS, "I gang", 1),
        (C.DONE, "Gjennomført", 0),
        (C.DROPPED, "Lagt bort", 0),
    ]
    assert [(p.name, p.total, p.open, p.done, p.overdue) for p in summary.networks] == [
        ("Reiselivsnettverket", 1, 1, 0, 0)
    ]
    assert [(p.name, p.orgnr, p.total, p.overdue) for p in summary.organisations] == [
        ("NHO Vestfold og Telemark", "974760673", 1, 1)
    ]


def test_report_in_nynorsk_falls_back_to_bokmal_where_nynorsk_is_missing(conference):
    PriorityFactory(conference=conference, title_nb="Bare på bokmål", title_nn="")

    report = report_for(conference, "nn")

    title = report.priorities[0].title
    assert (title.value, title.lang) == ("Bare på bokmål", "nb")
    goal_title = report.areas[0].goals[0].title
    assert (goal_title.value, goal_title.lang) == (
        "Fleire i arbeid og utdanning – færre i utanforskap",
        "nn",
    )
    assert report.summary.by_state[0].label == "Planlagt"


# --- publishing ----------------------------------------------------------------------------------


def test_publish_before_anything_is_recorded_is_refused_and_changes_nothing(
    conference, adviser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(FollowUpError) as refused:
        publish_report(conference, by=adviser)

    assert str(refused.value.message) == (
        "Registrer minst én prioritering før du publiserer rapporten."
    )
    conference.refresh_from_db()
    assert (conference.report_published_at, conference.report_published_by) == (None, None)
    assert (ReportFile.objects.count(), len(callbacks)) == (0, 0)
    assert not ActivityLog.objects.filter(action__startswith="conferences.report").exists()


def test_request_report_pdf_before_anything_is_recorded_is_refused(conference, adviser):
    with pytest.raises(FollowUpError) as refused:
        request_report_pdf(conference, language="nb", by=adviser)

    assert str(refused.value.message) == (
        "Registrer minst én prioritering før du publiserer rapporten."
    )
    assert ReportFile.objects.count() == 0


def test_publish_sets_the_fields_logs_and_makes_the_nb_and_nn_pdfs(
    conference, recorded, adviser, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        publish_report(conference, by=adviser)

    conference.refresh_from_db()
    assert conference.report_published_by == adviser
    assert conference.report_published_at is not None
    assert len(callbacks) == 2
    rows = {row.language: row for row in ReportFile.objects.all()}
    assert sorted(rows) == ["nb", "nn"]
    assert [(row.state, row.progress, row.error, row.requested_by) for row in rows.values()] == [
        (F.DONE, 100, "", adviser),
        (F.DONE, 100, "", adviser),
    ]
    assert re.fullmatch(r"reports/moteplass-2031-report-nn-\w{12}\.pdf", rows["nn"].file.name)
    actions = list(
        ActivityLog.objects.filter(action__startswith="conferences.report")
        .order_by("pk")
        .values_list("action", "data")
    )
    assert actions == [
        ("conferences.report.publish", {}),
        ("conferences.report.pdf", {"language": "nb"}),
        ("conferences.report.pdf", {"language": "nn"}),
        ("conferences.report.pdf.done", {"language": "nb"}),
        ("conferences.report.pdf.done", {"language": "nn"}),
    ]

    pages_nn, nn = pdf_text(default_storage.open(rows["nn"].file.name).read())
    pages_nb, nb = pdf_text(default_storage.open(rows["nb"].file.name).read())
    assert (rows["nn"].pages, rows["nb"].pages) == (pages_nn, pages_nb)
    for title in ("Fleire lærlingar", "Klimatilpassing i kommunane", "Lærlingkampanje"):
        assert title in nn
    for title in ("Flere lærlinger", "Klimatilpasning i kommunene", "Lærlingkampanje"):
        assert title in nb
    for label in (
        "OPPFØLGINGSRAPPORT",
        "Hovudmål I1",
        "Oppfølgingspunkt",
        "Ansvarleg",
        "Side 1 av",
    ):
        assert label in nn
    assert "Hovedmål I1" in nb and "Ansvarlig" in nb and "Hovudmål" not in nb
    assert "Reiselivsnettverket (fagnettverk)" in nn
    assert "Flere lærlinger" not in nn  # nynorsk content where there is one
    # a priority with two goals is under each
    assert nn.count("Prioritering: Fleire lærlingar") == 2


def test_a_change_to_a_published_report_makes_its_pdfs_again(
    conference, recorded, adviser, media, renders, django_capture_on_commit_callbacks
):
    commitment = Commitment.objects.filter(priority__conference=conference).first()
    with django_capture_on_commit_callbacks(execute=True):
        set_commitment_state(commitment, C.DONE, by=adviser, note="Før publisering.")
    assert renders == []  # not published: the report's files are made only when asked for

    with django_capture_on_commit_callbacks(execute=True):
        publish_report(conference, by=adviser)
    assert sorted(language for _pk, language in renders) == ["nb", "nn"]

    with django_capture_on_commit_callbacks(execute=True):
        set_commitment_state(commitment, C.IN_PROGRESS, by=adviser, note="Mer å gjøre.")
    assert sorted(language for _pk, language in renders) == ["nb", "nb", "nn", "nn"]

    with django_capture_on_commit_callbacks(execute=True):
        save_priority(
            Priority.objects.get(title_nb="Flere lærlinger"),
            by=adviser,
            values={"title_nb": "Flere lærlinger i hele fylket"},
            goals=[goal("S2")],
        )
    assert len(renders) == 6
    assert set(ReportFile.objects.values_list("state", flat=True)) == {F.DONE}


def test_publish_twice_is_refused_and_unpublish_takes_it_back(
    conference, recorded, adviser, renders, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish_report(conference, by=adviser)
    first = Conference.objects.get(pk=conference.pk).report_published_at

    with pytest.raises(FollowUpError) as refused:
        publish_report(conference, by=adviser)
    assert str(refused.value.message) == "Rapporten er allerede publisert."
    assert Conference.objects.get(pk=conference.pk).report_published_at == first

    unpublish_report(conference, by=adviser)

    conference.refresh_from_db()
    assert (conference.report_published_at, conference.report_published_by) == (None, None)
    assert ActivityLog.objects.filter(action="conferences.report.unpublish").count() == 1
    with pytest.raises(FollowUpError) as again:
        unpublish_report(conference, by=adviser)
    assert str(again.value.message) == "Rapporten er ikke publisert."


def test_request_again_makes_the_file_from_current_data_and_deletes_the_old_one(
    conference, recorded, adviser, media, renders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request_report_pdf(conference, language="nb", by=adviser)
    row = ReportFile.objects.get()
    old = row.file.name
    assert default_storage.exists(old)

    with django_capture_on_commit_callbacks(execute=True):
        again = request_report_pdf(conference, language="nb", by=adviser)

    row.refresh_from_db()
    assert (again.pk, row.state, row.pages, len(renders)) == (row.pk, F.DONE, 2, 2)
    assert default_storage.exists(row.file.name)
    assert row.file.name != old and not default_storage.exists(old)


@pytest.mark.parametrize("state", [F.QUEUED, F.RUNNING])
def test_request_while_a_file_is_being_made_queues_nothing_more(
    conference, recorded, adviser, state, django_capture_on_commit_callbacks
):
    ReportFile.objects.create(conference=conference, language="nn", state=state, progress=30)

    with django_capture_on_commit_callbacks() as callbacks:
        row = request_report_pdf(conference, language="nn", by=adviser)

    row.refresh_from_db()
    assert (row.state, row.progress, len(callbacks)) == (state, 30, 0)


def test_request_while_a_file_is_being_made_makes_it_again_when_that_is_done(
    conference, recorded, adviser, media, monkeypatch, django_capture_on_commit_callbacks
):
    """Published (or changed) while the PDF was being made from older data: the file is made
    once more right after, so the finished file never shows the older state."""
    calls = []

    def render_and_meanwhile_ask_again(conference, *, language, now=None):
        calls.append(language)
        if len(calls) == 1:  # someone asks for it while this render runs
            with django_capture_on_commit_callbacks() as asked:
                request_report_pdf(conference, language=language, by=adviser)
            assert asked == []  # nothing queued now: the running job is not touched
        return FAKE_PDF

    monkeypatch.setattr("conferences.report_pdf.render_report_pdf", render_and_meanwhile_ask_again)

    with django_capture_on_commit_callbacks(execute=True):
        request_report_pdf(conference, language="nb", by=adviser)

    row = ReportFile.objects.get()
    assert (calls, row.state, row.progress) == (["nb", "nb"], F.DONE, 100)
    assert default_storage.exists(row.file.name)
    assert len(list(default_storage.listdir("reports")[1])) == 1  # the first file is gone


# --- the generated-file job (conferences.domain.files) for the report ----------------------------


def test_report_file_moves_only_along_its_transitions(conference, adviser):
    row = ReportFile.objects.create(conference=conference, language="nb", state=F.RUNNING)

    assert set_report_file_state(row, F.FAILED, error="Feil") is True
    assert set_report_file_state(row, F.DONE) is False  # the sweeper lost the race
    assert set_report_file_state(row, F.RUNNING) is False  # only a queued row starts
    assert set_report_file_state(row, F.QUEUED, by=adviser) is True
    row.refresh_from_db()
    assert (row.state, row.error) == (F.QUEUED, "Feil")
    log = ActivityLog.objects.get(action="conferences.report.pdf.failed")
    assert log.data == {"language": "nb", "error": "Feil"}


def test_make_report_pdf_leaves_a_row_that_is_not_queued_alone(conference, media, renders):
    for state in (F.RUNNING, F.DONE, F.FAILED):
        row = ReportFile.objects.create(conference=conference, language="nb", state=state)

        assert make_report_pdf(row.pk) == state
        row.delete()
    assert (make_report_pdf(987654), renders) == ("gone", [])


def test_make_report_pdf_render_error_and_timeout_fail_the_row(
    conference, recorded, media, monkeypatch
):
    def broken(*args, **kwargs):
        raise ValueError("no fonts")

    def slow(*args, **kwargs):
        raise PdfRenderTimeout()

    monkeypatch.setattr("conferences.report_pdf.render_report_pdf", broken)
    row = ReportFile.objects.create(conference=conference, language="nb")
    assert make_report_pdf(row.pk) == F.FAILED
    row.refresh_from_db()
    assert (row.state, row.error, row.file.name) == (F.FAILED, "ValueError: no fonts", "")

    monkeypatch.setattr("conferences.report_pdf.render_report_pdf", slow)
    row = ReportFile.objects.create(conference=conference, language="nn")
    with translation.override("nn"):
        assert make_report_pdf(row.pk) == F.FAILED
    row.refresh_from_db()
    assert (row.state, row.error) == (F.FAILED, "Det tok for lang tid å laga rapporten.")


def test_broker_down_leaves_the_row_queued_and_the_sweeper_hands_it_over(
    conference, recorded, adviser, media, renders, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as patched:
        patched.setattr(tasks.make_report_pdf, "apply_async", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            row = request_report_pdf(conference, language="nb", by=adviser)
        row.refresh_from_db()
        assert (row.state, row.progress, renders) == (F.QUEUED, 0, [])
        # still down: the sweeper hands nothing over and the row waits
        assert sweep_report_files(now=timezone.now() + QUEUED_GRACE * 2) == 0

    assert sweep_report_files(now=timezone.now() + QUEUED_GRACE * 2) == 1

    row.refresh_from_db()
    assert (row.state, row.pages, renders) == (F.DONE, 2, [(conference.pk, "nb")])


def test_sweeper_hands_over_lost_and_stuck_rows_only(conference, recorded, media, renders):
    now = timezone.now()
    long_ago = now - dt.timedelta(hours=1)
    lost = ReportFile.objects.create(conference=conference, language="nb")
    stuck = ReportFile.objects.create(
        conference=conference, language="nn", state=F.RUNNING, started_at=long_ago
    )
    ReportFile.objects.create(conference=conference, language="en")  # just asked for
    ReportFile.objects.filter(pk__in=[lost.pk, stuck.pk]).update(requested_at=long_ago)

    assert sweep_report_files(now=now) == 2

    states = dict(ReportFile.objects.values_list("language", "state"))
    assert states == {"nb": F.DONE, "nn": F.DONE, "en": F.QUEUED}
    assert sorted(language for _pk, language in renders) == ["nb", "nn"]


def test_beat_task_sweeps_the_report_files(conference, recorded, media, renders):
    row = ReportFile.objects.create(conference=conference, language="nb")
    ReportFile.objects.filter(pk=row.pk).update(requested_at=timezone.now() - QUEUED_GRACE * 2)

    assert tasks.sweep_report_files() == 1
    row.refresh_from_db()
    assert row.state == F.DONE


# --- the JSON export -----------------------------------------------------------------------------


def test_report_json_structure_and_values(conference, recorded, adviser):
    first = recorded["first"]
    at = timezone.make_aware(dt.datetime(2031, 5, 2, 10))
    StatusUpdate.objects.create(
        commitment=first,
        from_state="",
        to_state=C.PLANNED,
        note="Registrert på konferansen.",
        by=adviser,
        at=at,
    )
    StatusUpdate.objects.create(
        commitment=first,
        from_state=C.PLANNED,
        to_state=C.IN_PROGRESS,
        note="Kampanjen er i gang.",
        by=adviser,
        organisation_name="NHO Vestfold og Telemark",
        at=at + dt.timedelta(days=30),
    )
    published(conference, adviser)
    now = timezone.make_aware(dt.datetime(2031, 10, 1, 12))

    data = report_json(conference, now=now)

    skills, green = recorded["skills"], recorded["green"]
    assert list(data) == [
        "format",
        "version",
        "generated_at",
        "published_at",
        "conference",
        "plan",
        "focus_areas",
        "priorities",
        "summary",
    ]
    assert (data["format"], data["version"], data["generated_at"]) == (
        "moteplass-followup-report",
        1,
        "2031-10-01T10:00:00+00:00",
    )
    assert data["conference"] == {
        "id": conference.pk,
        "slug": "moteplass-2031",
        "title": "Møteplass Telemark 2031",
        "year": 2031,
        "start_date": "2031-04-22",
        "end_date": "2031-04-23",
        "venue": conference.venue,
    }
    assert data["plan"]["slug"] == "telemarksplanen-2024-2028"
    assert [area["code"] for area in data["focus_areas"]] == ["I", "S", "N"]
    assert [
        (goal["code"], goal["priorities"]) for area in data["focus_areas"] for goal in area["goals"]
    ] == [
        ("I1", [skills.pk]),
        ("I2", []),
        ("I3", []),
        ("S1", []),
        ("S2", [skills.pk]),
        ("S3", []),
        ("N1", []),
        ("N2", []),
        ("N3", [green.pk]),
    ]
    assert data["focus_areas"][0]["title_nn"] == "Inkluderande Telemark"
    assert data["focus_areas"][0]["goals"][0]["title_nb"] == (
        "Flere i arbeid og utdanning – færre i utenforskap"
    )
    priority = data["priorities"][0]
    assert {key: priority[key] for key in priority if key != "commitments"} == {
        "id": skills.pk,
        "title_nb": "Flere lærlinger",
        "title_nn": "Fleire lærlingar",
        "title_en": "",
        "description_nb": "Flere læreplasser i hele fylket.",
        "description_nn": "Fleire læreplassar i heile fylket.",
        "description_en": "",
        "goals": ["I1", "S2"],
        "carried_from": None,
        "sessions": [
            {"id": skills.sessions.get().pk, "title": "Lærlinger i distriktet", "language": "nb"}
        ],
    }
    assert priority["commitments"][0] == {
        "id": first.pk,
        "title_nb": "Lærlingkampanje",
        "title_nn": "Lærlingkampanje",
        "title_en": "",
        "description_nb": "",
        "description_nn": "",
        "description_en": "",
        "responsible": {
            "type": "organisation",
            "name": "NHO Vestfold og Telemark",
            "orgnr": "974760673",
        },
        "contributors": [{"name": "Vinje kommune", "orgnr": None}],
        "due_date": "2031-09-01",
        "state": "in_progress",
        "overdue": True,
        "status_note": "Kampanjen er i gang.",
        "status_changed_at": first.status_changed_at.astimezone(dt.UTC).isoformat(),
        "carried_from": None,
        "history": [
            {
                "at": "2031-05-02T08:00:00+00:00",
                "from": "",
                "to": "planned",
                "note": "Registrert på konferansen.",
                "organisation": "",
            },
            {
                "at": "2031-06-01T08:00:00+00:00",
                "from": "planned",
                "to": "in_progress",
                "note": "Kampanjen er i gang.",
                "organisation": "NHO Vestfold og Telemark",
            },
        ],
    }
    assert priority["commitments"][1]["responsible"] == {
        "type": "network",
        "name": "Reiselivsnettverket",
        "orgnr": None,
    }
    assert data["priorities"][1]["commitments"] == []
    assert data["summary"] == {
        "priorities": 2,
        "commitments": 2,
        "by_state": {"planned": 1, "in_progress": 1, "done": 0, "dropped": 0, "carried": 0},
        "overdue": 1,
        "networks": [
            {
                "name": "Reiselivsnettverket",
                "commitments": 1,
                "by_state": {"planned": 1, "in_progress": 0, "done": 0, "dropped": 0, "carried": 0},
                "overdue": 0,
            }
        ],
        "organisations": [
            {
                "name": "NHO Vestfold og Telemark",
                "orgnr": "974760673",
                "commitments": 1,
                "by_state": {"planned": 0, "in_progress": 1, "done": 0, "dropped": 0, "carried": 0},
                "overdue": 1,
            }
        ],
    }
    # no person: neither the adviser's name nor an email address
    text = json.dumps(data, ensure_ascii=False)
    assert adviser.email not in text and adviser.last_name not in text and "@" not in text


def test_report_json_view_is_an_utf8_attachment(client_as, conference, recorded, adviser):
    published(conference, adviser)

    response = client_as("anonymous").get(url("followup_report_json", conference))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="moteplass-2031-report-{timezone.localdate().isoformat()}.json"'
    )
    data = json.loads(response.content.decode("utf-8"))
    assert [p["title_nb"] for p in data["priorities"]] == [
        "Flere lærlinger",
        "Klimatilpasning i kommunene",
    ]
    assert "Fleire lærlingar" in response.content.decode("utf-8")  # not \u-escaped


# --- who sees the report -------------------------------------------------------------------------

PUBLIC_ROLES = [
    "anonymous",
    "participant",
    "other_editor",
    "editor",
    "coordinator",
    "other_adviser",
]


@pytest.mark.parametrize("role", PUBLIC_ROLES)
@pytest.mark.parametrize("name", ["followup_report", "followup_report_json"])
def test_report_before_publishing_is_404_for_all_but_the_advisers(
    client_as, conference, recorded, role, name
):
    response = client_as(role).get(url(name, conference))

    assert response.status_code == 404
    assert "Flere lærlinger" not in response.content.decode()


@pytest.mark.parametrize("role", PUBLIC_ROLES)
def test_published_report_is_open_to_everyone(client_as, conference, recorded, adviser, role):
    published(conference, adviser)

    response = client_as(role).get(url("followup_report", conference))

    page = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert "Flere lærlinger" in page and "Klimatilpasning i kommunene" in page
    assert "Ikke publisert – forhåndsvisning." not in page
    assert url("report_manage", conference) not in page


def test_adviser_sees_a_preview_with_a_banner_before_publishing(client_as, conference, recorded):
    response = client_as("adviser").get(url("followup_report", conference))

    page = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert "Ikke publisert – forhåndsvisning." in page
    assert f'href="{url("report_manage", conference)}"' in page
    assert "Flere lærlinger" in page


def test_report_page_in_nynorsk_has_nynorsk_labels_and_content(
    client, conference, recorded, adviser
):
    published(conference, adviser)
    client.cookies["moteplass_language"] = "nn"

    with translation.override("nn"):
        response = client.get(url("followup_report", conference), HTTP_ACCEPT_LANGUAGE="nn")

    page = " ".join(response.content.decode().split())
    assert '<html lang="nn"' in page
    assert "Hovudmål I1:" in page and "Fleire lærlingar" in page
    assert "Ansvarleg" in page and "Reiselivsnettverket (fagnettverk)" in page


def test_report_page_lists_sections_colours_and_ready_pdfs(
    client_as, conference, recorded, adviser
):
    published(conference, adviser)
    ReportFile.objects.create(
        conference=conference, language="nb", state=F.DONE, file="reports/x.pdf"
    )
    ReportFile.objects.create(conference=conference, language="nn", state=F.RUNNING)

    response = client_as("anonymous").get(url("followup_report", conference))

    page = " ".join(response.content.decode().split())
    assert response.context["pdfs"] == [("nb", "bokmål")]
    assert f'href="{url("followup_report_pdf", conference, "nb")}"' in page
    assert url("followup_report_pdf", conference, "nn") not in page
    assert f'href="{url("followup_report_json", conference)}"' in page
    assert page.count('class="focus-area__swatch area-colour-') == 3
    assert 'id="priority-I1-{}"'.format(recorded["skills"].pk) in page
    assert 'id="priority-S2-{}"'.format(recorded["skills"].pk) in page
    assert "Ingen prioriteringer under dette hovedmålet." in page


@pytest.mark.parametrize("role", ["anonymous", "participant", "editor", "other_adviser"])
def test_report_pdf_is_served_once_published(client_as, conference, recorded, adviser, media, role):
    row = ReportFile.objects.create(conference=conference, language="nn", state=F.DONE)
    row.file.save("r.pdf", ContentFile(FAKE_PDF))
    client = client_as(role)
    before = client.get(url("followup_report_pdf", conference, "nn"))

    published(conference, adviser)
    after = client.get(url("followup_report_pdf", conference, "nn"))

    assert (before.status_code, after.status_code) == (404, 200)
    assert b"".join(after.streaming_content) == FAKE_PDF
    assert after["Content-Type"] == "application/pdf"
    assert 'filename="moteplass-2031-report-nn.pdf"' in after["Content-Disposition"]


def test_report_pdf_for_advisers_before_publishing_and_404_when_not_ready(
    client_as, conference, recorded, media
):
    row = ReportFile.objects.create(conference=conference, language="nb", state=F.DONE)
    row.file.save("r.pdf", ContentFile(FAKE_PDF))
    ReportFile.objects.create(conference=conference, language="nn", state=F.RUNNING)
    client = client_as("adviser")

    ready = client.get(url("followup_report_pdf", conference, "nb"))

    assert (ready.status_code, ready["Cache-Control"]) == (200, "private, no-store")
    assert client.get(url("followup_report_pdf", conference, "nn")).status_code == 404
    assert client.get(url("followup_report_pdf", conference, "en")).status_code == 404
    assert client.get(url("followup_report_pdf", conference, "se")).status_code == 404


def test_unknown_conference_is_404(client):
    assert client.get(reverse("followup_report", args=["finnes-ikke"])).status_code == 404


# --- query counts --------------------------------------------------------------------------------


def many(conference, count: int):
    organisation = OrganisationFactory()
    network = NetworkFactory()
    session = SessionFactory(conference=conference)
    for n in range(count):
        priority = PriorityFactory(
            conference=conference, goals=[goal("I1"), goal("N2")], sessions=[session]
        )
        CommitmentFactory(
            priority=priority, responsible_organisation=organisation, contributors=[organisation]
        )
        CommitmentFactory(
            priority=priority, responsible_organisation=None, responsible_network=network
        )
        commitment = priority.commitments.first()
        StatusUpdate.objects.create(commitment=commitment, to_state=C.PLANNED, note=f"Notat {n}")


@pytest.mark.parametrize("count", [1, 5])
def test_report_page_queries_do_not_grow_with_the_priorities(
    client, conference, adviser, count, django_assert_num_queries
):
    many(conference, count)
    published(conference, adviser)

    # conference, plan goals, priorities + goals, sessions, commitments, contributors, history;
    # the report files
    with django_assert_num_queries(9):
        response = client.get(url("followup_report", conference))

    assert response.status_code == 200
    assert len(response.context["report"].priorities) == count


@pytest.mark.parametrize("count", [1, 5])
def test_report_json_queries_do_not_grow_with_the_priorities(
    client, conference, adviser, count, django_assert_num_queries
):
    many(conference, count)
    published(conference, adviser)

    with django_assert_num_queries(8):
        response = client.get(url("followup_report_json", conference))

    assert len(json.loads(response.content)["priorities"]) == count


@pytest.mark.parametrize("count", [1, 5])
def test_report_manage_queries_do_not_grow_with_the_priorities(
    client_as, conference, count, django_assert_num_queries
):
    many(conference, count)
    client = client_as("adviser")

    with django_assert_num_queries(6):
        response = client.get(url("report_manage", conference))

    assert response.status_code == 200


# --- the advisers' page --------------------------------------------------------------------------

MANAGE_OUTSIDERS = [
    "participant",
    "other_editor",
    "rival_editor",
    "removed_editor",
    "editor",
    "coordinator",
    "other_adviser",
]


@pytest.mark.parametrize("role", MANAGE_OUTSIDERS)
def test_report_manage_and_status_are_404_for_all_but_the_advisers(
    client_as, conference, recorded, role
):
    client = client_as(role)

    assert client.get(url("report_manage", conference)).status_code == 404
    assert client.get(url("report_pdf_status", conference, "nb")).status_code == 404
    response = client.post(url("report_manage", conference), {"action": "publish", "confirm": "on"})
    assert response.status_code == 404
    conference.refresh_from_db()
    assert conference.report_published_at is None
    assert ReportFile.objects.count() == 0


def test_report_manage_sends_anonymous_visitors_to_log_in(client, conference):
    response = client.get(url("report_manage", conference))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_report_manage_says_what_to_record_first_and_refuses_to_publish(client_as, conference):
    client = client_as("adviser")

    page = " ".join(client.get(url("report_manage", conference)).content.decode().split())
    response = client.post(url("report_manage", conference), {"action": "publish", "confirm": "on"})

    assert "Registrer minst én prioritering før du publiserer rapporten." in page
    assert 'name="action" value="publish"' not in page
    assert response.status_code == 400
    assert "Registrer minst én prioritering før du publiserer rapporten." in (
        response.content.decode()
    )
    conference.refresh_from_db()
    assert conference.report_published_at is None
    assert ReportFile.objects.count() == 0


def test_report_manage_publish_needs_the_box_ticked(client_as, conference, recorded):
    response = client_as("adviser").post(url("report_manage", conference), {"action": "publish"})

    assert response.status_code == 400
    assert "Kryss av i boksen for å bekrefte." in response.content.decode()
    conference.refresh_from_db()
    assert conference.report_published_at is None


def test_report_manage_publishes_makes_files_and_takes_down(
    client_as, conference, recorded, adviser, media, renders, django_capture_on_commit_callbacks
):
    client = client_as("adviser")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("report_manage", conference), {"action": "publish", "confirm": "on"}
        )

    assert (response.status_code, response["Location"]) == (302, url("report_manage", conference))
    conference.refresh_from_db()
    assert conference.report_published_by == adviser
    assert sorted(ReportFile.objects.values_list("language", "state")) == [
        ("nb", F.DONE),
        ("nn", F.DONE),
    ]
    page = " ".join(client.get(url("report_manage", conference)).content.decode().split())
    assert f'href="{url("followup_report_pdf", conference, "nn")}"' in page
    assert "Lag PDF-en på nynorsk på nytt" in page
    assert 'name="action" value="unpublish"' in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("report_manage", conference), {"action": "make", "language": "en"})
    assert ReportFile.objects.get(language="en").state == F.DONE

    response = client.post(
        url("report_manage", conference), {"action": "unpublish", "confirm": "on"}
    )
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.report_published_at is None


def test_report_manage_make_with_a_bad_language_changes_nothing(client_as, conference, recorded):
    response = client_as("adviser").post(
        url("report_manage", conference), {"action": "make", "language": "se"}, follow=True
    )

    assert "Velg bokmål, nynorsk eller engelsk." in response.content.decode()
    assert ReportFile.objects.count() == 0


def test_report_status_fragment_polls_while_the_file_is_made(client_as, conference, recorded):
    ReportFile.objects.create(conference=conference, language="nn", state=F.RUNNING, progress=30)
    client = client_as("adviser")

    running = " ".join(
        client.get(url("report_pdf_status", conference, "nn")).content.decode().split()
    )
    missing = client.get(url("report_pdf_status", conference, "en")).content.decode()

    assert f'hx-get="{url("report_pdf_status", conference, "nn")}"' in running
    assert 'hx-trigger="every 2s"' in running and "Lages (30 %)" in running
    assert "ikke laget ennå" in missing and "hx-get" not in missing
    assert client.get(url("report_pdf_status", conference, "se")).status_code == 404


# --- the PDF on its own --------------------------------------------------------------------------


def test_report_pdf_of_another_conference_holds_only_its_own_priorities(conference, recorded):
    from conferences.report_pdf import render_report_pdf

    other = ConferenceFactory(title="Møteplass Vestfold 2031", slug="vestfold-2031")
    PriorityFactory(conference=other, title_nb="Annen konferanse", title_nn="Annan konferanse")

    _pages, words = pdf_text(render_report_pdf(other, language="nb"))

    assert "Annen konferanse" in words and "Flere lærlinger" not in words
    assert "Ikke publisert – forhåndsvisning" in words


def test_publish_makes_again_a_preview_made_in_english(
    conference, recorded, adviser, media, renders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request_report_pdf(conference, language="en", by=adviser)
    with django_capture_on_commit_callbacks(execute=True):
        publish_report(conference, by=adviser)

    assert sorted(ReportFile.objects.values_list("language", "state")) == [
        ("en", F.DONE),
        ("nb", F.DONE),
        ("nn", F.DONE),
    ]
    assert [language for _pk, language in renders] == ["en", "nb", "nn", "en"]
