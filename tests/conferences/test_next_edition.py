"""Next year's edition: the copy keeps exactly the settings (dates and times moved with the
conference), goals in focus, rooms, mail templates, partner list and the open commitments
(carried over under copies of their priorities), and nothing else — no programme, no people, no
personal data. Bad input creates nothing; only the conference's advisers reach the page."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from conferences.domain.editions import copy_to_next_edition, suggested_dates
from conferences.domain.mail import ensure_default_templates
from conferences.domain.schedule import add_slot, place_session, publish_programme
from conferences.enums import CommitmentState, ConferenceStatus, FileState
from conferences.models import (
    BadgeFile,
    ChangeRequest,
    Comment,
    Commitment,
    Conference,
    ConferencePartner,
    Invitation,
    MailTemplate,
    OutboxMessage,
    Priority,
    ProgrammeFile,
    ProgrammeVersion,
    Registration,
    ReportFile,
    Room,
    Session,
    SessionSignup,
    Speaker,
    StatusUpdate,
    TimeSlot,
)
from moteplass.audit import history_for
from tests.conftest import ROLES
from tests.factories import (
    CommitmentFactory,
    ConferenceFactory,
    ConferencePartnerFactory,
    NetworkFactory,
    OrganisationFactory,
    PriorityFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    goal,
    parallel_slot,
)
from tests.factories.mail import invitation_with_draft

pytestmark = pytest.mark.django_db

C = CommitmentState
SECRET_EMAIL = "hemmelig.deltakar@example.no"
MOVED = [
    "call_opens",
    "call_closes",
    "changes_lock",
    "registration_opens",
    "registration_closes",
    "registration_changes_until",
]
SETTINGS = [
    "venue",
    "description_nb",
    "description_nn",
    "description_en",
    "capacity",
    "invitation_only",
    "places_per_organisation",
    "places_per_municipality",
    "offer_hours",
    "call_guidance_nb",
    "call_guidance_nn",
    "call_guidance_en",
    "followup_interval_days",
    "organiser_id",
    "plan_id",
]
ROOM_FIELDS = ["name", "capacity", "accessibility_nb", "accessibility_nn", "accessibility_en"]
TEMPLATE_FIELDS = [
    "role",
    "subject_nb",
    "subject_nn",
    "subject_en",
    "body_nb",
    "body_nn",
    "body_en",
]


def local(*args):
    return timezone.make_aware(dt.datetime(*args))


def copy(conference, adviser, **overrides):
    values = {
        "title": "Møteplass Telemark 2032",
        "slug": "moteplass-2032",
        "start_date": dt.date(2032, 4, 20),
        "end_date": dt.date(2032, 4, 21),
        **overrides,
    }
    return copy_to_next_edition(conference, by=adviser, **values)


@pytest.fixture
def source(conference, adviser, partner_org, rival_org, editor):
    """The 2031 edition after the conference: settings, rooms, edited templates, partners, a
    published programme with speakers, registrations, invitations, messages, files, comments,
    change requests, and priorities with commitments in every state."""
    Conference.objects.filter(pk=conference.pk).update(
        venue="Ibsenhuset, Skien",
        description_en="This year's meeting place.",
        capacity=250,
        invitation_only=True,
        places_per_organisation=5,
        places_per_municipality=20,
        offer_hours=24,
        call_guidance_nb="Foreslå poster som bidrar til hovedmålene.",
        call_guidance_nn="Gjer framlegg som bidreg til hovudmåla.",
        call_guidance_en="Propose sessions that serve the main goals.",
        followup_interval_days=60,
        programme_shared=True,
        report_published_at=timezone.now(),
        call_opens=local(2030, 11, 3, 8, 0),
        call_closes=local(2031, 1, 15, 16, 0),
        changes_lock=local(2031, 3, 1, 12, 0),
        registration_opens=local(2031, 2, 11, 9, 0),  # ten weeks before
        registration_closes=local(2031, 4, 15, 12, 0),
        registration_changes_until=local(2031, 4, 20, 23, 59),
    )
    conference.refresh_from_db()
    conference.goals_in_focus.set([goal("S1"), goal("N1")])
    RoomFactory(
        conference=conference,
        name="Storsalen",
        capacity=300,
        accessibility_nb="Trinnfri inngang.",
        accessibility_nn="Trinnfri inngang.",
        accessibility_en="Step-free entrance.",
        order=1,
    )
    ensure_default_templates(conference)
    MailTemplate.objects.filter(conference=conference, role="invitation").update(
        subject_nb="Velkommen til Møteplass!", body_nn="Rådgivaren skreiv om denne teksten."
    )
    # the programme: a published item with a speaker, a goal and a slot; sign-ups to workshops
    item = SessionFactory(
        conference=conference, owner=partner_org, title="Hemmelig post", goals=[goal("S1")]
    )
    item.speakers.create(conference=conference, name="Hemmelig Innleder", email=SECRET_EMAIL)
    slot = add_slot(
        conference, day=conference.start_date, start=dt.time(9), end=dt.time(10), by=adviser
    )
    place_session(item, room=conference.rooms.get(name="Storsalen"), slot=slot, by=adviser)
    version = publish_programme(conference, by=adviser)
    ProgrammeFile.objects.create(version=version, language="nb", state=FileState.DONE)
    _slot, (workshop, _other) = parallel_slot(conference, hour=11)
    registration = RegistrationFactory(
        conference=conference, first_name="Hemmelig", last_name="Deltakar", email=SECRET_EMAIL
    )
    SessionSignup.objects.create(
        registration=registration, session=workshop, slot_id=workshop.slot_id, state="confirmed"
    )
    invitation_with_draft(conference, email=SECRET_EMAIL)
    Comment.objects.create(session=item, author=adviser, text="Hemmelig kommentar")
    ChangeRequest.objects.create(
        session=item, requested_by=editor, proposed={"title": "Ny"}, original={"title": "x"}
    )
    BadgeFile.objects.create(conference=conference, layout="sheet", state=FileState.DONE)
    ReportFile.objects.create(conference=conference, language="nb", state=FileState.DONE)
    # the follow-up
    network = NetworkFactory(name="Hydrogen", slug="hydrogen")
    contributor = OrganisationFactory(name="Yara", slug="yara")
    open_priority = PriorityFactory(
        conference=conference,
        title_nb="Flere lærlinger",
        title_nn="Fleire lærlingar",
        description_nb="Mer samarbeid om læreplasser.",
        goals=[goal("S1"), goal("I2")],
        sessions=[item],
        order=1,
    )
    planned = CommitmentFactory(
        priority=open_priority,
        title_nb="Lærlingløftet",
        title_nn="Lærlingløftet",
        responsible_organisation=partner_org,
        due_date=dt.date(2031, 12, 1),
        state=C.PLANNED,
        status_note="Skal begynne i august.",
        contributors=[contributor, rival_org],
    )
    in_progress = CommitmentFactory(
        priority=open_priority,
        title_nb="Hydrogenstrategi",
        title_nn="Hydrogenstrategi",
        responsible_network=network,
        due_date=dt.date(2032, 3, 1),
        state=C.IN_PROGRESS,
        status_note="Utkast er skrevet.",
    )
    done = CommitmentFactory(priority=open_priority, state=C.DONE, status_note="Ferdig.")
    closed_priority = PriorityFactory(conference=conference, title_nb="Lagt bort", order=2)
    dropped = CommitmentFactory(priority=closed_priority, state=C.DROPPED)
    # a commitment carried over before (to another edition) is not carried again
    carried_priority = PriorityFactory(conference=conference, title_nb="Før overført", order=3)
    carried = CommitmentFactory(priority=carried_priority, state=C.PLANNED)
    elsewhere = ConferenceFactory(slug="annen-utgave", year=2033)
    CommitmentFactory(
        priority=PriorityFactory(conference=elsewhere), carried_from=carried, state=C.PLANNED
    )
    return {
        "conference": conference,
        "open_priority": open_priority,
        "planned": planned,
        "in_progress": in_progress,
        "done": done,
        "dropped": dropped,
        "carried": carried,
        "contributors": {contributor.pk, rival_org.pk},
    }


def rows(model, **filters):
    return list(model.objects.filter(**filters).order_by("pk").values())


# what is copied --------------------------------------------------------------------------------


def test_the_copy_is_a_draft_with_the_same_settings(source, adviser):
    old = source["conference"]
    new = copy(old, adviser)
    new.refresh_from_db()
    assert (new.title, new.slug, new.year, new.start_date, new.end_date) == (
        "Møteplass Telemark 2032",
        "moteplass-2032",
        2032,
        dt.date(2032, 4, 20),
        dt.date(2032, 4, 21),
    )
    assert new.status == ConferenceStatus.DRAFT
    assert (new.programme_shared, new.report_published_at, new.report_published_by) == (
        False,
        None,
        None,
    )
    assert {name: getattr(new, name) for name in SETTINGS} == {
        name: getattr(old, name) for name in SETTINGS
    }


def test_dates_and_times_move_with_the_conference_at_the_same_local_time(source, adviser):
    old = source["conference"]
    new = copy(old, adviser)
    new.refresh_from_db()
    days = (new.start_date - old.start_date).days
    assert days == 364
    for name in MOVED:
        before, after = (
            timezone.localtime(getattr(old, name)),
            timezone.localtime(getattr(new, name)),
        )
        assert after.date() == before.date() + dt.timedelta(days=days), name
        assert after.time() == before.time(), name
    # "registration opens ten weeks before" stays true
    assert new.start_date - timezone.localdate(new.registration_opens) == dt.timedelta(weeks=10)
    assert new.copy_summary.dropped == []


def test_goals_in_focus_rooms_templates_and_partners_are_copied(source, adviser):
    old = source["conference"]
    new = copy(old, adviser)
    assert sorted(new.goals_in_focus.values_list("code", flat=True)) == ["N1", "S1"]
    assert list(new.rooms.order_by("order", "name").values(*ROOM_FIELDS, "order")) == list(
        old.rooms.order_by("order", "name").values(*ROOM_FIELDS, "order")
    )
    assert new.rooms.count() == 3
    assert list(new.mail_templates.order_by("role").values(*TEMPLATE_FIELDS)) == list(
        old.mail_templates.order_by("role").values(*TEMPLATE_FIELDS)
    )
    edited = new.mail_templates.get(role="invitation")
    assert (edited.subject_nb, edited.body_nn) == (
        "Velkommen til Møteplass!",
        "Rådgivaren skreiv om denne teksten.",
    )
    assert sorted(new.partners.values_list("organisation_id", flat=True)) == sorted(
        old.partners.values_list("organisation_id", flat=True)
    )
    summary = new.copy_summary
    assert (summary.rooms, summary.templates, summary.partners) == (
        3,
        old.mail_templates.count(),
        2,
    )


def test_goals_in_focus_move_to_the_same_codes_of_another_plan(source, adviser):
    from telemarksplanen.models import FocusArea, Goal, Plan

    plan = Plan.objects.create(
        name="Telemarksplanen 2028–2032", slug="tp-2028", start_year=2028, end_year=2032
    )
    for area in FocusArea.objects.filter(plan__in_force=True):
        copy_area = FocusArea.objects.create(
            plan=plan, code=area.code, title_nb=area.title_nb, title_nn=area.title_nn
        )
        for old_goal in area.goals.all():
            Goal.objects.create(
                focus_area=copy_area,
                code=old_goal.code,
                title_nb=old_goal.title_nb,
                title_nn=old_goal.title_nn,
            )
    new = copy(source["conference"], adviser, plan=plan)
    focus = new.goals_in_focus.select_related("focus_area")
    assert sorted((g.code, g.focus_area.plan_id) for g in focus) == [
        ("N1", plan.pk),
        ("S1", plan.pk),
    ]
    priority = new.priorities.get()
    assert sorted((g.code, g.focus_area.plan_id) for g in priority.goals.all()) == [
        ("I2", plan.pk),
        ("S1", plan.pk),
    ]


def test_open_commitments_are_carried_over_under_a_copy_of_their_priority(source, adviser):
    old = source["conference"]
    new = copy(old, adviser)
    source_priority = source["open_priority"]
    priority = Priority.objects.get(conference=new)
    assert (priority.carried_from, priority.title_nb, priority.title_nn) == (
        source_priority,
        "Flere lærlinger",
        "Fleire lærlingar",
    )
    assert priority.description_nb == "Mer samarbeid om læreplasser."
    assert sorted(g.code for g in priority.goals.all()) == ["I2", "S1"]
    assert list(priority.sessions.all()) == []
    copies = list(Commitment.objects.filter(priority__conference=new).order_by("due_date"))
    planned, in_progress = source["planned"], source["in_progress"]
    assert [c.carried_from for c in copies] == [planned, in_progress]
    assert [
        (
            c.title_nb,
            c.state,
            c.status_note,
            c.due_date,
            c.responsible_organisation_id,
            c.responsible_network_id,
            c.priority,
        )
        for c in copies
    ] == [
        (
            "Lærlingløftet",
            C.PLANNED,
            "Skal begynne i august.",
            dt.date(2031, 12, 1),
            planned.responsible_organisation_id,
            None,
            priority,
        ),
        (
            "Hydrogenstrategi",
            C.IN_PROGRESS,
            "Utkast er skrevet.",
            dt.date(2032, 3, 1),
            None,
            in_progress.responsible_network_id,
            priority,
        ),
    ]
    assert set(copies[0].contributors.values_list("pk", flat=True)) == source["contributors"]
    assert list(copies[1].contributors.all()) == []
    assert [
        list(c.updates.values_list("from_state", "to_state", "note", "by")) for c in copies
    ] == [
        [("", C.PLANNED, "Overført fra Møteplass Telemark 2031.", adviser.pk)],
        [("", C.IN_PROGRESS, "Overført fra Møteplass Telemark 2031.", adviser.pk)],
    ]
    assert (new.copy_summary.priorities, new.copy_summary.commitments) == (1, 2)
    # the earlier ones are closed through the transition function, pointing at their copy
    for original, carried in zip([planned, in_progress], copies, strict=True):
        before = original.state
        original.refresh_from_db()
        assert original.state == C.CARRIED
        assert original.carried_to == carried
        assert list(original.updates.values_list("from_state", "to_state", "note"))[0] == (
            before,
            C.CARRIED,
            "Overført til Møteplass Telemark 2032.",
        )


def test_done_dropped_and_already_carried_commitments_stay_behind(source, adviser):
    new = copy(source["conference"], adviser)
    carried_from = set(
        Commitment.objects.filter(priority__conference=new).values_list("carried_from", flat=True)
    )
    assert carried_from == {source["planned"].pk, source["in_progress"].pk}
    for name in ("done", "dropped", "carried"):
        assert source[name].pk not in carried_from
    assert Priority.objects.filter(conference=new).count() == 1


def test_a_second_copy_carries_nothing_again(source, adviser):
    copy(source["conference"], adviser)
    second = copy(source["conference"], adviser, slug="moteplass-2032-b")
    assert second.copy_summary.commitments == 0
    assert Priority.objects.filter(conference=second).count() == 0


def test_nothing_else_is_copied(source, adviser):
    new = copy(source["conference"], adviser)
    for model in (
        Session,
        Speaker,
        TimeSlot,
        ProgrammeVersion,
        Registration,
        Invitation,
        OutboxMessage,
        BadgeFile,
        ReportFile,
    ):
        assert model.objects.filter(conference=new).count() == 0, model.__name__
    assert ProgrammeFile.objects.filter(version__conference=new).count() == 0
    assert SessionSignup.objects.filter(registration__conference=new).count() == 0
    assert Comment.objects.filter(session__conference=new).count() == 0
    assert ChangeRequest.objects.filter(session__conference=new).count() == 0


def test_no_personal_data_reaches_the_new_conference(source, adviser):
    new = copy(source["conference"], adviser)
    commitments = Commitment.objects.filter(priority__conference=new)
    everything = [
        rows(Conference, pk=new.pk),
        rows(Room, conference=new),
        rows(MailTemplate, conference=new),
        rows(ConferencePartner, conference=new),
        rows(Priority, conference=new),
        rows(Commitment, priority__conference=new),
        rows(StatusUpdate, commitment__in=commitments),
    ]
    text = json.dumps(everything, default=str)
    assert SECRET_EMAIL not in text
    assert "Hemmelig" not in text


def test_the_copy_is_recorded_on_both_conferences(source, adviser):
    old = source["conference"]
    new = copy(old, adviser)
    copied = history_for(new).get(action="conferences.conference.copied")
    assert (copied.user, copied.data["from"], copied.data["commitments"]) == (
        adviser,
        "moteplass-2031",
        2,
    )
    origin = history_for(old).get(action="conferences.conference.next_edition")
    assert (origin.user, origin.data["to"], origin.data["rooms"]) == (adviser, "moteplass-2032", 3)


# dates that do not fit the new edition ---------------------------------------------------------


def test_a_registration_closing_after_a_shorter_conference_is_left_empty(conference, adviser):
    Conference.objects.filter(pk=conference.pk).update(
        registration_opens=local(2031, 2, 11, 9, 0),
        registration_closes=local(2031, 4, 23, 10, 0),  # the second day
    )
    conference.refresh_from_db()
    new = copy(conference, adviser, end_date=dt.date(2032, 4, 20))  # one day only
    new.refresh_from_db()
    assert new.registration_closes is None
    assert new.registration_opens == local(2032, 2, 10, 9, 0)
    assert new.copy_summary.dropped == [
        str(Conference._meta.get_field("registration_closes").verbose_name)
    ]


def test_times_that_would_already_have_passed_are_left_empty(adviser):
    old = ConferenceFactory(
        title="Møteplass Telemark 2020",
        slug="mt-2020",
        year=2020,
        registration_opens=local(2020, 2, 1, 9, 0),
    )
    start, end = suggested_dates(old)
    new = copy(old, adviser, title="Møteplass 2021", slug="mt-2021", start_date=start, end_date=end)
    new.refresh_from_db()
    assert new.registration_opens is None
    assert len(new.copy_summary.dropped) == 1


# bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        (
            {"slug": "moteplass-2031"},
            "slug",
            "En annen konferanse har allerede kortnavnet «moteplass-2031».",
        ),
        (
            {"end_date": dt.date(2032, 4, 19)},
            "end_date",
            "Siste dag kan ikke være før første dag.",
        ),
        (
            {"start_date": dt.date(2031, 4, 23), "end_date": dt.date(2031, 4, 24)},
            "start_date",
            "Den nye konferansen må begynne etter at denne er slutt (23. april 2031).",
        ),
        ({"title": "  "}, "title", "Gi den nye konferansen en tittel."),
        ({"slug": "ikke gyldig!"}, "slug", None),
    ],
)
def test_bad_input_creates_nothing(source, adviser, overrides, field, message):
    counts = [model.objects.count() for model in (Conference, Room, MailTemplate, Commitment)]
    with pytest.raises(ValidationError) as error:
        copy(source["conference"], adviser, **overrides)
    assert field in error.value.message_dict
    if message:
        assert error.value.message_dict[field] == [message]
    assert [model.objects.count() for model in (Conference, Room, MailTemplate, Commitment)] == (
        counts
    )


def test_suggested_dates_keep_the_weekday_and_go_to_the_next_year(db):
    conference = ConferenceFactory(year=2031)
    assert suggested_dates(conference) == (dt.date(2032, 4, 20), dt.date(2032, 4, 21))
    assert dt.date(2032, 4, 20).weekday() == conference.start_date.weekday()
    new_year = ConferenceFactory(
        year=2031, slug="nyttar", start_date=dt.date(2031, 1, 1), end_date=dt.date(2031, 1, 1)
    )
    start, _end = suggested_dates(new_year)
    assert (start, start.weekday()) == (dt.date(2032, 1, 7), new_year.start_date.weekday())


# the page --------------------------------------------------------------------------------------


def url(conference):
    return reverse("next_edition", args=[conference.slug])


@pytest.mark.parametrize("role", ROLES)
def test_only_the_conferences_advisers_reach_the_page(role, client_as, source):
    response = client_as(role).get(url(source["conference"]))
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == (200 if role == "adviser" else 404)


@pytest.mark.parametrize("role", ["editor", "coordinator", "rival_editor", "other_adviser"])
def test_a_post_by_anyone_else_creates_nothing(role, client_as, source):
    before = Conference.objects.count()
    response = client_as(role).post(
        url(source["conference"]),
        {
            "title": "Kapret",
            "slug": "kapret",
            "start_date": "2032-04-20",
            "end_date": "2032-04-21",
            "plan": source["conference"].plan_id,
        },
    )
    assert response.status_code == 404
    assert Conference.objects.count() == before


def test_the_form_suggests_next_year_and_shows_what_is_copied(client, source, adviser):
    client.force_login(adviser)
    response = client.get(url(source["conference"]))
    form = response.context["form"]
    assert {name: form[name].value() for name in form.fields} == {
        "title": "Møteplass Telemark 2032",
        "slug": "moteplass-2032",
        "start_date": dt.date(2032, 4, 20),
        "end_date": dt.date(2032, 4, 21),
        "plan": source["conference"].plan_id,
    }
    preview = response.context["preview"]
    assert (
        preview.rooms,
        preview.templates,
        preview.partners,
        preview.priorities,
        preview.commitments,
    ) == (3, source["conference"].mail_templates.count(), 2, 1, 2)
    page = response.content.decode()
    assert "2 oppfølgingspunkter (planlagt eller i gang) blir overført" in page
    assert "under 1 prioritering" in page
    assert "Dette blir ikke kopiert" in page


def test_the_adviser_creates_the_next_edition(client, source, adviser):
    client.force_login(adviser)
    response = client.post(
        url(source["conference"]),
        {
            "title": "Møteplass Telemark 2032",
            "slug": "moteplass-2032",
            "start_date": "2032-04-20",
            "end_date": "2032-04-21",
            "plan": source["conference"].plan_id,
        },
    )
    new = Conference.objects.get(slug="moteplass-2032")
    assert response.status_code == 302
    assert response["Location"] == reverse("conference_edit", args=["moteplass-2032"])
    assert [str(m) for m in response.wsgi_request._messages._queued_messages] == [
        "Møteplass Telemark 2032 er opprettet som utkast. 2 åpne oppfølgingspunkter ble overført."
    ]
    assert new.status == ConferenceStatus.DRAFT
    assert Commitment.objects.filter(priority__conference=new).count() == 2


def test_bad_input_on_the_page_is_shown_next_to_the_field(client, source, adviser):
    client.force_login(adviser)
    before = Conference.objects.count()
    response = client.post(
        url(source["conference"]),
        {
            "title": "Møteplass Telemark 2032",
            "slug": "moteplass-2031",
            "start_date": "2032-04-20",
            "end_date": "2032-04-19",
            "plan": source["conference"].plan_id,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "slug": ["En annen konferanse har allerede kortnavnet «moteplass-2031»."],
        "end_date": ["Siste dag kan ikke være før første dag."],
    }
    assert Conference.objects.count() == before
    page = response.content.decode()
    assert 'href="#id_slug"' in page  # the error summary links to the field


def test_a_dropped_date_is_told(client, conference, adviser):
    Conference.objects.filter(pk=conference.pk).update(
        registration_opens=local(2031, 2, 11, 9, 0),
        registration_closes=local(2031, 4, 23, 10, 0),
    )
    client.force_login(adviser)
    response = client.post(
        url(conference),
        {
            "title": "Møteplass Telemark 2032",
            "slug": "moteplass-2032",
            "start_date": "2032-04-20",
            "end_date": "2032-04-20",
            "plan": conference.plan_id,
        },
    )
    messages = [str(m) for m in response.wsgi_request._messages._queued_messages]
    assert len(messages) == 2
    assert messages[1].startswith("Disse tidspunktene ble stående tomme")


@pytest.mark.parametrize("count", [1, 3])
def test_the_page_queries_do_not_grow(
    client, conference, adviser, count, django_assert_num_queries
):
    ensure_default_templates(conference)
    for _n in range(count):
        RoomFactory(conference=conference)
        ConferencePartnerFactory(conference=conference)
        CommitmentFactory(priority=PriorityFactory(conference=conference), state=C.PLANNED)
    client.force_login(adviser)
    client.get(url(conference))  # warm the caches
    # session, user, conference, memberships (roles), the counts, the commitments to carry,
    # the plan in force (suggested), the plans of the choice (the field and its initial value)
    with django_assert_num_queries(9):
        response = client.get(url(conference))
    assert response.context["preview"].commitments == count
