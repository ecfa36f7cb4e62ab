"""The audit log: every entry lands in the log of the conference its object belongs to, and the
conference's advisers read it filtered by person, kind of object, object and time (issue 8)."""

import datetime as dt
import importlib
import re
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from conferences.domain import add_partners, save_room, update_conference
from conferences.domain.followup import save_commitment, save_priority, set_commitment_state
from conferences.domain.invitations import answer_invitation
from conferences.domain.mail import (
    queue_message,
    template_for,
    update_draft,
    update_mail_template,
)
from conferences.domain.personal_data import erase_registration
from conferences.domain.proposals import create_proposal
from conferences.domain.registration import register
from conferences.domain.schedule import add_slot, place_session
from conferences.domain.sessions import set_session_state
from conferences.enums import CommitmentState, MailRole, SessionState
from conferences.models import (
    Comment,
    Commitment,
    Conference,
    Priority,
    Room,
    Session,
    StatusUpdate,
)
from moteplass.audit import CONFERENCE_PARENTS, log_action, log_actions
from moteplass.models import ActivityLog
from partners.domain import change_role, invite_member
from partners.enums import MembershipRole
from telemarksplanen.domain import update_goal
from tests.factories import (
    CommitmentFactory,
    ConferenceFactory,
    ConferencePartnerFactory,
    MembershipFactory,
    OrganisationFactory,
    PriorityFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
    goal,
    open_registration,
    parallel_slot,
)
from tests.factories.mail import invitation_with_draft

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture(autouse=True)
def _bokmal():
    with translation.override("nb"):
        yield


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> dt.datetime:
    return dt.datetime(2031, month, day, hour, minute, tzinfo=OSLO)


def logged(obj, action, *, user=None, when, **kwargs) -> ActivityLog:
    entry = log_action(obj, action, user=user, **kwargs)
    ActivityLog.objects.filter(pk=entry.pk).update(timestamp=when)
    return entry


def log_of(conference):
    return [
        (entry.action, entry.content_type.model)
        for entry in ActivityLog.objects.filter(conference=conference)
        .select_related("content_type")
        .order_by("pk")
    ]


# --- which conference an entry belongs to --------------------------------------------------------


def test_domain_actions_land_in_the_log_of_their_conference(
    conference, adviser, editor, partner_org
):
    other = ConferenceFactory(title="Møteplass Telemark 2032", slug="moteplass-2032", year=2032)
    open_registration(conference)
    slot, [workshop, _second] = parallel_slot(conference, titles=["Verkstad A", "Verkstad B"])
    ActivityLog.objects.all().delete()

    update_conference(
        conference,
        by=adviser,
        values={"venue": "Notodden"},
        goals_in_focus=list(conference.goals_in_focus.all()),
    )
    save_room(Room(conference=conference), by=adviser, values={"name": "Salen", "capacity": 40})
    add_partners(conference, [OrganisationFactory(name="Bø kommune")], by=adviser)
    proposal, _created = create_proposal(
        conference=conference,
        owner=partner_org,
        by=editor,
        content={
            "title": "Grønn industri",
            "abstract": "Om industri.",
            "format": "workshop",
            "duration": 60,
            "language": "nb",
            "goals": ["S1"],
        },
    )
    set_session_state(proposal, SessionState.SUBMITTED, by=adviser, notify=False)
    new_slot = add_slot(
        conference, day=conference.start_date, start=dt.time(13), end=dt.time(14), by=adviser
    )
    set_session_state(proposal, SessionState.ACCEPTED, by=adviser, notify=False)
    place_session(
        Session.objects.get(pk=proposal.pk), room=workshop.room, slot=new_slot, by=adviser
    )
    registration = register(
        conference,
        values={"first_name": "Kari", "last_name": "Nordmann", "email": "kari@example.no"},
        sessions=[workshop],
    )
    invitation, draft = invitation_with_draft(conference)
    answer_invitation(invitation, answer="yes")
    update_draft(draft, subject="Ny invitasjon", body="Hei", by=adviser)
    update_mail_template(
        template_for(conference, MailRole.INVITATION),
        by=adviser,
        values={"subject_nb": "Velkommen"},
    )
    priority, _ = save_priority(
        Priority(conference=conference),
        by=adviser,
        values={"title_nb": "Flere lærlinger"},
        goals=[goal("S2")],
    )
    commitment, _ = save_commitment(
        Commitment(priority=priority),
        by=adviser,
        values={
            "title_nb": "Kartlegge behovet",
            "responsible_organisation": partner_org,
            "due_date": dt.date(2031, 12, 1),
        },
    )
    set_commitment_state(commitment, CommitmentState.IN_PROGRESS, by=adviser, note="I gang")
    # elsewhere: another conference, an organisation, a goal of the plan
    save_room(Room(conference=other), by=adviser, values={"name": "Veslesalen", "capacity": 20})
    invite_member(organisation=partner_org, email="ny@example.no", role="editor", by=adviser)
    update_goal(goal("I1"), by=adviser, values={"title_nn": "Ny tittel"})

    assert log_of(conference) == [
        ("conferences.conference.update", "conference"),
        ("conferences.room.create", "room"),
        ("conferences.partner.add", "conference"),
        ("conferences.session.create", "session"),
        ("conferences.session.state", "session"),
        ("conferences.slot.add", "conference"),
        ("conferences.session.state", "session"),
        ("conferences.session.place", "session"),
        ("conferences.signup.confirmed", "registration"),
        ("conferences.registration.confirmed", "registration"),
        ("conferences.invitation.answer", "invitation"),
        ("conferences.message.edit", "outboxmessage"),
        ("conferences.mailtemplate.update", "mailtemplate"),
        ("conferences.priority.create", "priority"),
        ("conferences.commitment.create", "commitment"),
        ("conferences.commitment.status", "commitment"),
    ]
    assert log_of(other) == [("conferences.room.create", "room")]
    assert log_of(None) == [
        ("partners.invitation.create", "organisation"),
        ("telemarksplanen.goal.update", "goal"),
    ]
    names = dict(
        ActivityLog.objects.filter(conference=conference).values_list("action", "object_repr")
    )
    assert names["conferences.room.create"] == "Salen"
    assert names["conferences.session.create"] == "Grønn industri"
    assert names["conferences.registration.confirmed"] == "Kari Nordmann"
    assert names["conferences.commitment.status"] == "Kartlegge behovet"
    assert names["conferences.mailtemplate.update"] == "Invitasjon – Møteplass Telemark 2031"
    assert registration.conference_id == conference.pk


def test_an_object_reaching_its_conference_through_a_loaded_parent_costs_no_query(
    conference, django_assert_num_queries
):
    commitment = Commitment.objects.select_related("priority").get(
        pk=CommitmentFactory(priority=PriorityFactory(conference=conference)).pk
    )
    ContentType.objects.get_for_model(Commitment)  # the content type cache, as in a running site

    with django_assert_num_queries(1):  # the INSERT
        entry = log_action(commitment, "conferences.commitment.reminded")

    assert entry.conference_id == conference.pk


def test_an_object_whose_parent_is_not_loaded_still_finds_its_conference(conference, adviser):
    commitment = CommitmentFactory(priority=PriorityFactory(conference=conference))
    update = StatusUpdate.objects.create(
        commitment=commitment, from_state="", to_state="planned", note="Start", at=at(1, 9)
    )
    comment = Comment.objects.create(
        session=SessionFactory(conference=conference), author=adviser, text="Fint"
    )

    first = log_action(StatusUpdate.objects.get(pk=update.pk), "admin.change", user=adviser)
    second = log_action(Comment.objects.get(pk=comment.pk), "admin.change", user=adviser)

    assert (first.conference_id, second.conference_id) == (conference.pk, conference.pk)


def test_an_explicit_conference_wins_over_the_object(conference):
    other = ConferenceFactory()
    organisation = OrganisationFactory()

    named = log_action(organisation, "partners.member.role", conference=conference)
    none = log_action(RoomFactory(conference=other), "admin.change", conference=None)
    log_actions([(organisation, "x.y", {})], conference=other)

    assert named.conference_id == conference.pk
    assert none.conference_id is None
    assert ActivityLog.objects.get(action="x.y").conference_id == other.pk


# the addresses whose mail bounced: for every conference
GLOBAL = {"conferences.flaggedaddress"}


def test_every_model_of_the_conferences_app_reaches_its_conference():
    """A new model with neither a ``conference`` foreign key nor a registered parent would write
    entries that no conference's log shows."""
    lost = []
    for model in apps.get_app_config("conferences").get_models():
        if model is Conference or model._meta.label_lower in {*CONFERENCE_PARENTS, *GLOBAL}:
            continue
        fields = {field.name: field for field in model._meta.get_fields()}
        field = fields.get("conference")
        if field is None or not field.many_to_one or field.related_model is not Conference:
            lost.append(model._meta.label_lower)
    assert lost == []


def test_the_objects_name_is_cut_to_the_column(conference):
    registration = RegistrationFactory(
        conference=conference, first_name="K" * 150, last_name="N" * 150
    )

    entry = log_action(registration, "conferences.registration.details")

    assert len(entry.object_repr) == 200
    assert entry.object_repr == "K" * 150 + " " + "N" * 48 + "…"


def test_erasing_a_registration_forgets_the_persons_name_in_the_log(conference, adviser):
    registration = RegistrationFactory(conference=conference, first_name="Kari", last_name="Ås")
    kept = RegistrationFactory(conference=conference, first_name="Per", last_name="Bø")
    log_action(registration, "conferences.registration.details", user=adviser)
    log_action(kept, "conferences.registration.details", user=adviser)
    message = queue_message(
        to_email="kari@example.no",
        language="nb",
        subject="Du er påmeldt",
        body="Hei Kari",
        conference=conference,
        about=registration,
        draft=True,
    )
    edited = log_action(message, "conferences.message.edit", user=adviser)
    assert edited.object_repr == "Du er påmeldt → kari@example.no (Utkast)"

    erase_registration(registration, by=adviser)

    names = list(
        ActivityLog.objects.filter(content_type__model="registration")
        .order_by("pk")
        .values_list("object_id", "action", "object_repr")
    )
    assert names[:2] == [
        (registration.pk, "conferences.registration.details", ""),
        (kept.pk, "conferences.registration.details", "Per Bø"),
    ]
    assert ActivityLog.objects.get(pk=edited.pk).object_repr == ""
    names = "".join(ActivityLog.objects.values_list("object_repr", flat=True))
    assert "Kari" not in names and "kari@example.no" not in names


def test_the_migration_fills_in_the_conference_and_name_of_older_entries(conference, adviser):
    backfill = importlib.import_module(
        "moteplass.migrations.0004_activitylog_conference_backfill"
    ).backfill
    priority = PriorityFactory(conference=conference, title_nb="Flere lærlinger")
    commitment = CommitmentFactory(priority=priority, title_nb="Kartlegge")
    registration = RegistrationFactory(conference=conference, first_name="Kari", last_name="Ås")
    room = RoomFactory(conference=conference, name="Storsalen")
    organisation = OrganisationFactory(name="Bø kommune")
    entries = [
        log_action(conference, "conferences.conference.update"),
        log_action(commitment, "conferences.commitment.update"),
        log_action(registration, "conferences.registration.details"),
        log_action(organisation, "partners.member.role"),
        log_action(room, "admin.delete", data={"object": "Storsalen"}),
        log_action(goal("I1"), "telemarksplanen.goal.update"),
    ]
    room.delete()
    ActivityLog.objects.update(conference=None, object_repr="")

    backfill(apps, None)

    assert [
        ActivityLog.objects.values_list("conference_id", "object_repr").get(pk=entry.pk)
        for entry in entries
    ] == [
        (conference.pk, "Møteplass Telemark 2031"),
        (conference.pk, "Kartlegge"),
        (conference.pk, "Kari Ås"),
        (None, "Bø kommune"),
        (None, "Storsalen"),  # deleted: no conference left to find, the name the admin recorded
        (None, f"I1 {goal('I1').title_nb}"),
    ]


# --- the page ------------------------------------------------------------------------------------


@pytest.fixture
def log(conference, adviser, editor, partner_org):
    """Four entries of the conference (oldest first), one of another conference, one of an
    organisation."""
    session = SessionFactory(conference=conference, title="Grønn omstilling", owner=partner_org)
    registration = RegistrationFactory(conference=conference, first_name="Kari", last_name="Ås")
    commitment = CommitmentFactory(
        priority=PriorityFactory(conference=conference), title_nb="Kartlegge behovet"
    )
    ActivityLog.objects.all().delete()
    other = ConferenceFactory(title="Hemmelig konferanse", slug="hemmelig")
    entries = {
        "conference": logged(
            conference,
            "conferences.conference.update",
            user=adviser,
            when=at(1, 9, 5),
            changes=[{"field": "venue", "label": "venue", "before": "Skien", "after": "Bø"}],
        ),
        "session": logged(
            session,
            "conferences.session.create",
            user=editor,
            when=at(5, 14, 30),
            changes=[{"field": "format", "label": "format", "before": None, "after": "workshop"}],
        ),
        "registration": logged(
            registration,
            "conferences.registration.confirmed",
            when=at(10, 23, 30),
            data={"reason": "Ekstra plass"},
        ),
        "commitment": logged(
            commitment,
            "conferences.commitment.status",
            user=adviser,
            when=at(11, 0, 30),
            changes=[{"field": "state", "label": "state", "before": "planned", "after": "done"}],
        ),
        "other": logged(
            RoomFactory(conference=other, name="Hemmelig sal"),
            "conferences.room.create",
            user=UserFactory(email="hemmelig@example.no"),
            when=at(2, 12),
        ),
        "organisation": logged(
            partner_org, "partners.member.role", user=adviser, when=at(3, 8), data={}
        ),
    }
    return entries


def page(client, conference, **params):
    return client.get(reverse("activity_log", args=[conference.slug]), params)


def shown(response) -> list[int]:
    return [row.entry.pk for row in response.context["rows"]]


def test_the_log_lists_the_conferences_entries_newest_first(
    client, adviser, editor, conference, log
):
    client.force_login(adviser)

    response = page(client, conference)

    assert response.status_code == 200
    assert shown(response) == [
        log["commitment"].pk,
        log["registration"].pk,
        log["session"].pk,
        log["conference"].pk,
    ]
    html = response.content.decode()
    rows = re.findall(r"<tr data-entry=\"\d+\">(.*?)</tr>", html, re.S)
    text = [" ".join(re.sub(r"<[^>]+>", " ", row).split()).replace(" :", ":") for row in rows]
    assert text[0] == (
        "11.03.2031 00:30 Rita Rådgiver radgiver@example.no "
        "Endret statusen på et oppfølgingspunkt Oppfølgingspunkt Kartlegge behovet "
        "Status: Planlagt → endret til Gjennomført"
    )
    assert text[1] == (
        "10.03.2031 23:30 Ingen innlogget Fikk bekreftet plass Påmelding Kari Ås "
        "Årsak: Ekstra plass"
    )
    assert text[2] == (
        f"05.03.2031 14:30 {editor.get_full_name()} redaktor@example.no Opprettet forslaget "
        "Programpost Grønn omstilling Format: (tom) → endret til Verksted"
    )
    assert text[3] == (
        "01.03.2031 09:05 Rita Rådgiver radgiver@example.no Endret konferansen Konferanse "
        "Møteplass Telemark 2031 Sted: Skien → endret til Bø"
    )
    assert "Hemmelig" not in html
    assert 'data-figure="matching">4 oppføringer.' in html
    session_url = reverse("review_detail", args=[conference.slug, log["session"].object_id])
    assert f'<a class="ds-link" href="{session_url}">Grønn omstilling</a>' in html


def test_the_filters_offer_the_people_and_kinds_of_this_log(
    client, adviser, editor, conference, log
):
    client.force_login(adviser)

    form = page(client, conference).context["filter_form"]

    assert [label for _value, label in form.fields["person"].choices] == [
        "Alle",
        "Ingen innlogget (systemet eller en personlig lenke)",
        f"{editor.get_full_name()} (redaktor@example.no)",
        "Rita Rådgiver (radgiver@example.no)",
    ]
    assert [str(label) for _value, label in form.fields["kind"].choices] == [
        "Alle",
        "Konferanse",
        "Oppfølgingspunkt",
        "Programpost",
        "Påmelding",
    ]


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"person": "editor"}, ["session"]),
        ({"person": "adviser"}, ["commitment", "conference"]),
        ({"person": "system"}, ["registration"]),
        ({"kind": "session"}, ["session"]),
        ({"object": "  kari  "}, ["registration"]),
        ({"object": "KARTLEGGE"}, ["commitment"]),
        ({"from": "2031-03-05", "to": "2031-03-10"}, ["registration", "session"]),
        ({"from": "05.03.2031"}, ["commitment", "registration", "session"]),
        ({"to": "2031-03-10"}, ["registration", "session", "conference"]),
        ({"from": "2031-03-11", "to": "2031-03-11"}, ["commitment"]),
        ({"person": "adviser", "kind": "conference"}, ["conference"]),
        ({"object": "finnes ikke"}, []),
    ],
)
def test_the_filters_narrow_the_log(client, adviser, editor, conference, log, params, expected):
    people = {"editor": str(editor.pk), "adviser": str(adviser.pk), "system": "system"}
    if "person" in params:
        params["person"] = people[params["person"]]
    if "kind" in params:
        model = {"session": Session, "conference": Conference}[params["kind"]]
        params["kind"] = ContentType.objects.get_for_model(model).pk
    client.force_login(adviser)

    response = page(client, conference, **params)

    assert response.status_code == 200
    assert response.context["filter_form"].errors == {}
    assert shown(response) == [log[name].pk for name in expected]


def error_of(response, field: str) -> str:
    match = re.search(
        rf'<div class="ds-validation-message"[^>]*id="id_{field}_error"><p>(.*?)</p>',
        response.content.decode(),
    )
    return match.group(1) if match else ""


@pytest.mark.parametrize(
    "language,params,field,message",
    [
        ("nb", {"from": "2031-02-30"}, "from", "Oppgi en gyldig dato, for eksempel 14.03.2031."),
        ("nn", {"to": "i går"}, "to", "Skriv ein gyldig dato, til dømes 14.03.2031."),
        ("en", {"from": "31/03/2031"}, "from", "Give a valid date, for example 14.03.2031."),
        ("nb", {"from": "0001-01-01"}, "from", "Oppgi en dato fra år 2000 til 2099."),
        (
            "nb",
            {"from": "2031-03-10", "to": "2031-03-05"},
            "to",
            "Til-datoen kan ikke være før fra-datoen.",
        ),
        (
            "nn",
            {"from": "2031-03-10", "to": "2031-03-05"},
            "to",
            "Til-datoen kan ikkje vere før frå-datoen.",
        ),
        ("nb", {"person": "abc"}, "person", "Velg en person fra listen."),
        ("nn", {"kind": "99999"}, "kind", "Vel ein type objekt frå lista."),
    ],
)
def test_a_bad_filter_is_explained_next_to_its_field_and_ignored(
    client, adviser, conference, log, language, params, field, message
):
    adviser.language = language
    adviser.save(update_fields=["language"])
    client.force_login(adviser)

    response = page(client, conference, **params)

    assert response.status_code == 200
    assert error_of(response, field) == message
    assert list(response.context["filter_form"].errors) == [field]
    # a "to" before "from" is left out; "from" still applies
    assert len(shown(response)) == (2 if params.get("from") == "2031-03-10" else 4)


def test_the_log_is_paginated_by_fifty_and_keeps_the_filter(client, adviser, conference):
    room = RoomFactory(conference=conference, name="Salen")
    log_actions([(room, "conferences.room.update", {}) for _ in range(51)], user=adviser)
    client.force_login(adviser)

    first = page(client, conference, object="salen")
    second = page(client, conference, object="salen", page="2")
    odd = page(client, conference, object="salen", page="tull")

    assert (len(first.context["rows"]), len(second.context["rows"])) == (50, 1)
    html = first.content.decode()
    assert '<nav class="pagination" aria-label="Sider">' in html
    assert "Side 1 av 2" in html
    assert 'href="?object=salen&amp;page=2">Neste side</a>' in html
    assert shown(odd) == shown(first)


def test_text_people_typed_is_escaped(client, adviser, conference):
    session = SessionFactory(conference=conference, title="<script>alert(1)</script>")
    log_action(
        session,
        "conferences.session.update",
        user=adviser,
        changes=[{"field": "title", "label": "title", "before": "<b>x</b>", "after": "y"}],
    )
    client.force_login(adviser)

    html = page(client, conference).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


@pytest.mark.parametrize("role", ["other_adviser", "editor", "coordinator", "participant"])
def test_only_the_conferences_advisers_may_read_its_log(client_as, conference, log, role):
    response = client_as(role).get(reverse("activity_log", args=[conference.slug]))

    assert response.status_code == 404
    assert "Møteplass Telemark 2031" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, conference):
    url = reverse("activity_log", args=[conference.slug])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_the_conference_navigation_links_the_log_for_advisers_only(
    client, adviser, editor, conference
):
    url = reverse("activity_log", args=[conference.slug])
    client.force_login(adviser)
    assert (
        f'href="{url}"'
        in client.get(reverse("conference_edit", args=[conference.slug])).content.decode()
    )
    client.force_login(editor)
    assert (
        f'href="{url}"'
        not in client.get(reverse("conference_edit", args=[conference.slug])).content.decode()
    )


# --- the county's log ----------------------------------------------------------------------------


def test_the_countys_log_adds_its_partners_and_goals_and_nothing_of_other_counties(
    client, adviser, other_adviser, conference, partner_org, log
):
    goal_entry = logged(goal("I1"), "telemarksplanen.goal.update", user=adviser, when=at(4, 10))
    stranger = OrganisationFactory(name="Fremmed AS")
    logged(stranger, "partners.member.role", user=adviser, when=at(4, 11))
    other_county = other_adviser.memberships.get().organisation
    theirs = ConferenceFactory(title="Vestfold 2031", slug="vestfold-2031", organiser=other_county)
    their_entry = logged(theirs, "conferences.conference.update", user=other_adviser, when=at(6, 9))
    client.force_login(adviser)

    response = client.get(reverse("activity_log_all"))

    assert response.status_code == 200
    assert shown(response) == [
        log["commitment"].pk,
        log["registration"].pk,
        log["session"].pk,
        goal_entry.pk,
        log["organisation"].pk,
        log["other"].pk,  # the other conference is this county's too
        log["conference"].pk,
    ]
    html = response.content.decode()
    assert "Vestfold 2031" not in html and "Fremmed AS" not in html
    none = client.get(reverse("activity_log_all"), {"conference": "none"})
    assert shown(none) == [goal_entry.pk, log["organisation"].pk]
    one = client.get(reverse("activity_log_all"), {"conference": str(conference.pk)})
    assert shown(one) == [
        log[name].pk for name in ("commitment", "registration", "session", "conference")
    ]

    client.force_login(other_adviser)
    assert shown(client.get(reverse("activity_log_all"))) == [their_entry.pk]


@pytest.mark.parametrize("role", ["editor", "coordinator", "participant"])
def test_only_advisers_have_a_countys_log(client_as, conference, log, role):
    response = client_as(role).get(reverse("activity_log_all"))

    assert response.status_code == 404


def test_a_partner_organisation_of_another_countys_conference_stays_out(
    client, adviser, other_adviser
):
    other_county = other_adviser.memberships.get().organisation
    theirs = ConferenceFactory(organiser=other_county)
    their_partner = OrganisationFactory(name="Larvik kommune")
    ConferencePartnerFactory(conference=theirs, organisation=their_partner)
    MembershipFactory(organisation=their_partner, role=MembershipRole.COORDINATOR)
    membership = MembershipFactory(organisation=their_partner, role=MembershipRole.EDITOR)
    change_role(membership=membership, role=MembershipRole.COORDINATOR, by=other_adviser)
    client.force_login(adviser)

    mine = client.get(reverse("activity_log_all"))
    client.force_login(other_adviser)
    theirs_page = client.get(reverse("activity_log_all"))

    assert shown(mine) == []
    assert [row.name for row in theirs_page.context["rows"]] == ["Larvik kommune"]
