"""Every URL × every role (house style rule 20).

Every URL pattern of the project is tested, nested includes and namespaces too:
``test_every_project_url_is_in_a_matrix`` fails for a pattern without an entry, so no new view
escapes. MATRIX lists our own apps' patterns; ACCOUNTS (tests/test_permission_matrix_accounts.py)
lists allauth's; the patterns of the ``admin`` namespace need no entry, as that file's admin test
is parametrised over all of them, read from the URLconf. Every pattern outside the admin must have
a name. A forbidden response must not leak the object and a forbidden POST must change nothing.
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conferences.domain.schedule import add_slot, place_session, publish_programme
from conferences.enums import FileState, SessionState
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
from partners.models import MemberInvitation, Membership
from telemarksplanen.models import Goal
from tests.conftest import ROLES
from tests.factories import (
    CommitmentFactory,
    NetworkFactory,
    PriorityFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    goal,
)
from tests.factories.mail import invitation_with_draft

pytestmark = pytest.mark.django_db

LOGIN = "login"  # a redirect to the log-in page
A, P, OE, RE, RM, E, C, OA, ADV = ROLES
# anonymous, participant, other_editor (a partner outside the conference), rival_editor (an editor
# of another partner of the same conference), removed_editor (membership removed after logging in),
# editor, coordinator, other_adviser (an adviser of another county), adviser (of the conference's
# county)


def everyone(status):
    return dict.fromkeys(ROLES, status)


def any_adviser():
    """Pages of the adviser area that every adviser has, each for their own county."""
    return {**everyone(404), A: LOGIN, OA: 200, ADV: 200}


def conference_advisers(status=200):
    """Only the advisers of the conference's county; everybody else gets 404."""
    return {**everyone(404), A: LOGIN, ADV: status}


def conference_readers():
    """Advisers change, the conference's partners read, everybody else gets 404."""
    return {**everyone(404), A: LOGIN, E: 200, C: 200, RE: 200, ADV: 200}


def proposal_owners(status=200):
    """The owning partner organisation's members and the conference's advisers; a member of
    another partner organisation of the same conference gets 404 like everyone else."""
    return {**everyone(404), A: LOGIN, E: status, C: status, ADV: status}


def organisation_people(status=200):
    """The organisation's members and the advisers of a conference it takes part in."""
    return {**everyone(404), A: LOGIN, E: status, C: status, ADV: status}


def proposal(f):
    return [f["conference"].slug, f["proposal"].pk]


def slug(f):
    return [f["conference"].slug]


def token(f):
    return [f["registration"].manage_token]


def ticket(f):
    return [f["conference"].slug, f["registration"].ticket_code]


# name → (args builder, expected GET status per role)
MATRIX = {
    "home": (lambda f: [], everyone(200)),
    "health": (lambda f: [], everyone(200)),
    "plan": (lambda f: [], everyone(200)),
    "plan_detail": (lambda f: ["telemarksplanen-2024-2028"], everyone(200)),
    "plan_colours": (lambda f: [], everyone(200)),
    "accessibility": (lambda f: [], everyone(200)),
    "privacy": (lambda f: [], everyone(200)),
    "set_language": (lambda f: [], everyone(405)),
    "profile": (lambda f: [], {**everyone(200), A: LOGIN}),
    "adviser_dashboard": (lambda f: [], any_adviser()),
    "conference_create": (lambda f: [], any_adviser()),
    "conference_edit": (slug, conference_readers()),
    "room_list": (slug, conference_readers()),
    "room_edit": (lambda f: [*slug(f), f["room"].pk], conference_readers()),
    "room_delete": (lambda f: [*slug(f), f["room"].pk], conference_advisers()),
    "goal_coverage": (slug, conference_readers()),
    "partner_list": (slug, conference_readers()),
    "partner_remove": (lambda f: [*slug(f), f["partner"].pk], conference_advisers()),
    "goal_list": (lambda f: [], any_adviser()),
    "goal_edit": (lambda f: [f["goal"].pk], {**everyone(200), A: LOGIN, P: 404, RM: 404}),
    "mail_templates": (slug, conference_advisers()),
    "mail_template_edit": (lambda f: [*slug(f), "invitation"], conference_advisers()),
    "outbox": (slug, conference_advisers()),
    "outbox_send": (slug, conference_advisers(405)),
    "outbox_message": (lambda f: [*slug(f), f["message"].pk], conference_advisers()),
    "outbox_discard": (lambda f: [*slug(f), f["message"].pk], conference_advisers()),
    "invitations": (slug, conference_advisers()),
    "invitation_import": (slug, conference_advisers()),
    "invitation_members": (slug, conference_advisers()),
    "invitation_draft": (slug, conference_advisers()),
    "invitation_reminders": (slug, conference_advisers()),
    "invitation_detail": (lambda f: [*slug(f), f["invitation"].pk], conference_advisers()),
    "invitation_answer": (lambda f: [f["invitation"].token], everyone(200)),
    # the partner area
    "partner_home": (lambda f: [], {**everyone(200), A: LOGIN}),
    "partner_dashboard": (slug, conference_readers()),
    "proposal_create": (slug, conference_readers()),
    "proposal_detail": (proposal, proposal_owners()),
    "proposal_edit": (proposal, proposal_owners()),
    "proposal_state": (proposal, proposal_owners(405)),
    "proposal_comment": (proposal, proposal_owners(405)),
    # review by the conference's advisers
    "review_overview": (slug, conference_advisers()),
    "review_list": (slug, conference_advisers()),
    "review_detail": (proposal, conference_advisers()),
    "change_request_review": (
        lambda f: [f["conference"].slug, f["change_request"].pk],
        conference_advisers(),
    ),
    # partner organisations' members
    "organisation_members": (lambda f: [f["partner"].organisation.slug], organisation_people()),
    "member_edit": (
        lambda f: [f["partner"].organisation.slug, f["editor_membership"].pk],
        organisation_people(),
    ),
    "member_join": (lambda f: [f["member_invitation"].token], everyone(200)),
    # the schedule editor and publishing: the conference's advisers only
    "schedule": (slug, conference_advisers()),
    "schedule_place": (proposal, conference_advisers(405)),
    "schedule_unplace": (proposal, conference_advisers(405)),
    "schedule_slot_add": (slug, conference_advisers(405)),
    "schedule_slot_delete": (lambda f: [*slug(f), f["slot"].pk], conference_advisers(405)),
    "schedule_publish": (slug, conference_advisers()),
    "schedule_csv": (slug, conference_advisers()),
    "schedule_pdf": (lambda f: [*slug(f), 1], conference_advisers(405)),
    "schedule_pdf_status": (lambda f: [*slug(f), 1, "nb"], conference_advisers()),
    # the published programme: everyone
    "programme": (slug, everyone(200)),
    "programme_item": (proposal, everyone(200)),
    "programme_changes": (slug, everyone(200)),
    "programme_ics": (slug, everyone(200)),
    "programme_item_ics": (proposal, everyone(200)),
    "programme_json": (slug, everyone(200)),
    "programme_xml": (slug, everyone(200)),
    "programme_pdf": (lambda f: [*slug(f), "nb"], everyone(200)),
    # registering (public) and the personal management link: the token is the credential
    "register": (slug, everyone(200)),
    "register_invited": (lambda f: [*slug(f), f["invitation"].token], everyone(200)),
    "registration_erased": (slug, everyone(200)),
    "registration_manage": (token, everyone(200)),
    "registration_sessions": (token, everyone(200)),
    "registration_details": (token, everyone(200)),
    "registration_cancel": (token, everyone(200)),
    "registration_accept": (token, everyone(405)),
    "registration_ticket": (token, everyone(200)),
    "registration_ticket_pdf": (token, everyone(200)),
    "registration_ics": (token, everyone(200)),
    "registration_data": (token, everyone(200)),
    "registration_erase": (token, everyone(200)),
    # registrations, for the conference's advisers; a partner coordinator sees their own people
    "registrations": (slug, conference_advisers()),
    "registrations_summary": (slug, conference_advisers()),
    "registrations_csv": (slug, conference_advisers()),
    "registrations_xlsx": (slug, conference_advisers()),
    "registrations_catering_csv": (slug, conference_advisers()),
    "registrations_catering_xlsx": (slug, conference_advisers()),
    "registration_add": (slug, conference_advisers()),
    "registration_detail": (lambda f: [*slug(f), f["registration"].pk], conference_advisers()),
    "partner_registrations": (slug, {**everyone(404), A: LOGIN, C: 200}),
    # check-in and name badges on the day
    "checkin": (slug, conference_advisers()),
    "checkin_search": (slug, conference_advisers()),
    "checkin_person": (ticket, conference_advisers()),
    "checkin_undo": (ticket, conference_advisers(405)),
    "badges": (slug, conference_advisers()),
    "badges_status": (lambda f: [*slug(f), "sheet"], conference_advisers()),
    "badges_download": (lambda f: [*slug(f), "sheet"], conference_advisers()),
    # follow-up: advisers record; the conference's partners read; the responsible organisation's
    # people update a commitment's status (the matrix's commitment belongs to the partner)
    "followup": (slug, conference_readers()),
    "priority_add": (slug, conference_advisers()),
    "priority_edit": (lambda f: [*slug(f), f["priority"].pk], conference_advisers()),
    "commitment_add": (lambda f: [*slug(f), f["priority"].pk], conference_advisers()),
    "commitment_edit": (lambda f: [*slug(f), f["commitment"].pk], conference_advisers()),
    "commitment_detail": (lambda f: [*slug(f), f["commitment"].pk], conference_readers()),
    "my_commitments": (lambda f: [], {**everyone(200), A: LOGIN}),
    # the follow-up report: public once published (the matrix's is not), advisers before
    "followup_report": (slug, {**everyone(404), ADV: 200}),
    "followup_report_pdf": (lambda f: [*slug(f), "nb"], {**everyone(404), ADV: 200}),
    "followup_report_json": (slug, {**everyone(404), ADV: 200}),
    "report_manage": (slug, conference_advisers()),
    "report_pdf_status": (lambda f: [*slug(f), "nb"], conference_advisers()),
    # dashboards and the editions across the years
    "conference_dashboard": (slug, conference_advisers()),
    "dashboard_export": (lambda f: [*slug(f), "municipalities", "csv"], conference_advisers()),
    "editions_overview": (lambda f: [], any_adviser()),
    "editions_export": (lambda f: ["csv"], any_adviser()),
    "next_edition": (slug, conference_advisers()),
    # the audit log: a conference's for its advisers, the county's for every adviser (their own)
    "activity_log": (slug, conference_advisers()),
    "activity_log_all": (lambda f: [], any_adviser()),
    # networks: public
    "networks": (lambda f: [], everyone(200)),
    "network_detail": (lambda f: [f["network"].slug], everyone(200)),
}


@dataclass(frozen=True)
class Route:
    name: str | None  # with its namespaces ("admin:index"); None for an unnamed pattern
    route: str  # the whole pattern from the root, as ResolverMatch.route writes it
    namespace: str  # "" at the top level


def all_url_patterns(resolver=None, namespace=(), prefix=""):
    """Every pattern of the project's URLconf, walking into every include."""
    routes = []
    for entry in (resolver or get_resolver()).url_patterns:
        pattern = str(entry.pattern)
        route = prefix + pattern.removeprefix("^") if prefix else pattern
        if isinstance(entry, URLResolver):
            inner = (*namespace, entry.namespace) if entry.namespace else namespace
            routes += all_url_patterns(entry, inner, route)
        else:
            assert isinstance(entry, URLPattern)
            name = ":".join((*namespace, entry.name)) if entry.name else None
            routes.append(Route(name, route, ":".join(namespace)))
    return routes


def test_every_project_url_is_in_a_matrix():
    from tests.test_permission_matrix_accounts import ACCOUNTS, ADMIN_ROUTES

    routes = all_url_patterns()
    outside_admin = [route for route in routes if route.namespace != "admin"]
    assert [route.route for route in outside_admin if route.name is None] == []
    assert {route.name for route in outside_admin} == set(MATRIX) | set(ACCOUNTS)
    assert set(MATRIX).isdisjoint(ACCOUNTS)
    # the admin test runs every admin pattern (a resolver of its own may not hide one)
    admin_routes = [route for route in routes if route.namespace == "admin"]
    assert admin_routes == ADMIN_ROUTES
    assert {"admin:index", "admin:partners_user_change"} < {route.name for route in admin_routes}


INTERNAL = "INTERNT-NOTAT-7c1f"  # an internal note: no partner may ever see it


@pytest.fixture
def objects(conference, partner_org, adviser, editor, rival_org):
    invitation, message = invitation_with_draft(conference)
    proposal = SessionFactory(
        conference=conference,
        owner=partner_org,
        title="Hemmelig forslag fra NHO",
        state=SessionState.ACCEPTED,
        goals=[goal("S1")],
    )
    Comment.objects.create(session=proposal, author=adviser, text="Synlig kommentar")
    Comment.objects.create(session=proposal, author=adviser, text=INTERNAL, internal=True)
    change_request = ChangeRequest.objects.create(
        session=proposal,
        requested_by=editor,
        proposed={"title": "Hemmelig nytt forslag"},
        original={"title": proposal.title},
    )
    room = RoomFactory(conference=conference)
    slot = add_slot(
        conference, day=conference.start_date, start=dt.time(9), end=dt.time(10), by=adviser
    )
    place_session(proposal, room=room, slot=slot, by=adviser)
    version = publish_programme(conference, by=adviser)
    pdf = ProgrammeFile.objects.create(version=version, language="nb", state=FileState.DONE)
    pdf.file.save("matrix.pdf", ContentFile(b"%PDF-1.7 matrix"))
    registration = RegistrationFactory(
        conference=conference,
        first_name="Hemmelig",
        last_name="Deltakar",
        email="hemmelig.deltakar@example.no",
        allergens=["nuts"],
    )
    badges = BadgeFile.objects.create(conference=conference, layout="sheet", state=FileState.DONE)
    badges.file.save("matrix-badges.pdf", ContentFile(b"%PDF-1.7 badges"))
    priority = PriorityFactory(
        conference=conference,
        title_nb="Hemmelig prioritering",
        title_nn="Hemmeleg prioritering",
        goals=[goal("S1")],
        sessions=[proposal],
    )
    commitment = CommitmentFactory(
        priority=priority,
        responsible_organisation=partner_org,
        title_nb="Hemmelig oppfølgingspunkt",
        title_nn="Hemmeleg oppfølgingspunkt",
        due_date=dt.date(2031, 12, 1),
    )
    report = ReportFile.objects.create(conference=conference, language="nb", state=FileState.DONE)
    report.file.save("matrix-report.pdf", ContentFile(b"%PDF-1.7 report"))
    return {
        "priority": priority,
        "commitment": commitment,
        "network": NetworkFactory(name="Matrisenettverket", slug="matrise"),
        "registration": registration,
        "proposal": proposal,
        "slot": slot,
        "change_request": change_request,
        "editor_membership": editor.memberships.get(),
        "member_invitation": MemberInvitation.objects.create(
            organisation=partner_org, email="ny@example.no", role="editor", invited_by=adviser
        ),
        "partner": conference.partners.get(organisation=partner_org),
        "conference": conference,
        "room": room,
        "goal": goal("I1"),
        "invitation": invitation,
        "message": message,
    }


CASES = [(name, role) for name in MATRIX for role in ROLES]


@pytest.mark.parametrize("name,role", CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_get_status(name, role, client_as, objects):
    args_for, expected = MATRIX[name]
    url = reverse(name, args=args_for(objects))
    response = client_as(role).get(url)
    if expected[role] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    else:
        assert response.status_code == expected[role]
    if response.streaming:
        body = b"".join(response.streaming_content).decode("latin-1")
    else:
        body = response.content.decode(errors="replace")  # binary exports (XLSX, PDF) too
    if response.status_code in (302, 403, 404) and name not in {"set_language"}:
        assert objects["conference"].title not in body
        assert objects["room"].name not in body
        assert "ase@example.no" not in body
        assert "Hemmelig" not in body
    if role != ADV:
        assert INTERNAL not in body


# Views that change data: a POST by someone who may not change must change nothing.
POST_CASES = {
    "partner_list": lambda f: {"organisations": [f["partner"].organisation_id]},
    "partner_remove": lambda f: {},
    "set_language": lambda f: {"language": "nn"},
    "mail_template_edit": lambda f: {"subject_nb": "Endret", "body_nb": "Endret"},
    "outbox_send": lambda f: {"message": [f["message"].pk], "expected": 1, "confirm": "on"},
    "outbox_message": lambda f: {"subject": "Endret", "body": "Endret"},
    "outbox_discard": lambda f: {},
    "invitation_draft": lambda f: {"confirm": "on"},
    "invitation_reminders": lambda f: {"confirm": "on"},
    "invitation_members": lambda f: {"organisations": []},
    "invitation_answer": lambda f: {"answer": "yes"},
    "conference_edit": lambda f: {"title": "Endret", "slug": f["conference"].slug},
    "room_list": lambda f: {"name": "Ny sal", "capacity": "10", "order": "0"},
    "room_edit": lambda f: {"name": "Endret sal", "capacity": "10", "order": "0"},
    "room_delete": lambda f: {},
    "goal_edit": lambda f: {"title_nb": "Endret", "title_nn": "Endra"},
    "conference_create": lambda f: {"title": "Ny", "slug": "ny"},
    "proposal_create": lambda f: {"title": "Nytt", "format": "workshop", "goals": ["S1"]},
    "proposal_edit": lambda f: {"title": "Endret", "format": "workshop", "goals": ["S1"]},
    "proposal_state": lambda f: {"state": "withdrawn"},
    "proposal_comment": lambda f: {"text": "Hei"},
    "review_detail": lambda f: {"state": "declined", "note": "Nei"},
    "change_request_review": lambda f: {"state": "approved"},
    "organisation_members": lambda f: {"email": "ny2@example.no", "role": "editor"},
    "member_edit": lambda f: {"role": "coordinator"},
    "member_join": lambda f: {},
    "schedule_place": lambda f: {
        f"s{f['proposal'].pk}-slot": f["slot"].pk,
        f"s{f['proposal'].pk}-room": f["room"].pk,
        f"s{f['proposal'].pk}-start": "09:30",
        f"s{f['proposal'].pk}-duration": "20",
    },
    "schedule_unplace": lambda f: {},
    "schedule_slot_add": lambda f: {
        "day": f["conference"].start_date,
        "start": "11:00",
        "end": "12:00",
    },
    "schedule_slot_delete": lambda f: {},
    "schedule_publish": lambda f: {"note": "Ny versjon", "confirm_conflicts": "on"},
    "schedule_pdf": lambda f: {"language": "nn"},
    "registration_add": lambda f: {
        "first_name": "Ny",
        "last_name": "Person",
        "email": "ny.person@example.no",
        "language": "nb",
        "reason": "Ekstra",
        "key": "6f1c2b4e-8a59-4c1d-9d3e-2f7a5b6c8d90",
    },
    "registration_detail": lambda f: {"action": "cancel", "cancel-confirm": "on"},
    "checkin_person": lambda f: {},
    "checkin_undo": lambda f: {},
    "badges": lambda f: {"layout": "single"},
    "followup": lambda f: {},
    "priority_add": lambda f: {"title_nb": "Endret", "goals": [str(goal("S1").pk)]},
    "priority_edit": lambda f: {"title_nb": "Endret", "goals": [str(goal("S1").pk)]},
    "commitment_add": lambda f: {
        "title_nb": "Endret",
        "responsible_kind": "organisation",
        "responsible_organisation": str(f["partner"].organisation_id),
        "due_date": "2031-12-01",
    },
    "commitment_edit": lambda f: {
        "title_nb": "Endret",
        "responsible_kind": "organisation",
        "responsible_organisation": str(f["partner"].organisation_id),
        "due_date": "2031-12-01",
    },
    "commitment_detail": lambda f: {"state": "in_progress", "note": "Endret", "seen": "planned"},
    "report_manage": lambda f: {"action": "publish", "confirm": "on"},
    "conference_dashboard": lambda f: {"state": "cancelled"},
    "next_edition": lambda f: {
        "title": "Kapret",
        "slug": "kapret",
        "start_date": "2032-04-20",
        "end_date": "2032-04-21",
        "plan": f["conference"].plan_id,
    },
}
# open to everyone: not a forbidden case
ALLOWED_POSTS = {
    "set_language",
    "invitation_answer",
    "member_join",
    "register",
    "register_invited",
    "registration_sessions",
    "registration_details",
    "registration_cancel",
    "registration_accept",
    "registration_erase",
}


def state():
    return [
        list(model.objects.values().order_by("pk"))
        for model in (
            Conference,
            ConferencePartner,
            Room,
            Goal,
            MailTemplate,
            OutboxMessage,
            Invitation,
            Session,
            Speaker,
            Comment,
            ChangeRequest,
            Membership,
            MemberInvitation,
            TimeSlot,
            ProgrammeVersion,
            ProgrammeFile,
            Registration,
            SessionSignup,
            BadgeFile,
            Priority,
            Commitment,
            StatusUpdate,
            ReportFile,
        )
    ]


# Who sees a page but may not change it: their POST answers 403.
READ_ONLY = {
    (name, role)
    for name in ("conference_edit", "room_list", "room_edit", "partner_list")
    for role in (E, C)
} | {("goal_edit", role) for role in (OE, RE, E, C, OA)}
READ_ONLY |= {("organisation_members", E), ("member_edit", E)}
# the conference's partners read the follow-up; a partner outside the responsible organisation
# reads a commitment but may not change its status
READ_ONLY |= {("followup", role) for role in (E, C, RE)} | {("commitment_detail", RE)}


def forbidden(name: str, role: str) -> bool:
    # 405: a POST-only view the role may use
    return MATRIX[name][1][role] not in (200, 405) or (name, role) in READ_ONLY


POST_PARAMS = [
    (name, role)
    for name in POST_CASES
    if name not in ALLOWED_POSTS
    for role in ROLES
    if role != ADV and forbidden(name, role)
]


@pytest.mark.parametrize("name,role", POST_PARAMS, ids=[f"{n}-{r}" for n, r in POST_PARAMS])
def test_forbidden_post_changes_nothing(name, role, client_as, objects):
    args_for, get_expected = MATRIX[name]
    url = reverse(name, args=args_for(objects))
    client = client_as(role)  # creates the role's user and membership first
    before = state()
    response = client.post(url, POST_CASES[name](objects))
    # outside the scope a POST reveals no more than a GET (404); read-only viewers get 403
    expected = get_expected[role] if get_expected[role] in (LOGIN, 404) else 403
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected
    assert state() == before
