"""allauth's account and two-factor pages and the Django admin × every role (house style rule 20).

The rest of tests/test_permission_matrix.py: ACCOUNTS lists every URL pattern that allauth adds
under /accounts/ (a new one, after an upgrade or a new setting, fails
``test_every_project_url_is_in_a_matrix``), and every pattern of the admin is enumerated from the
URLconf, so each new admin page is tested without an entry. A refused response must not leak a
person's email address or the object.
"""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import resolve, reverse
from django.utils.http import int_to_base36

from conferences.domain.schedule import add_slot, place_session, publish_programme
from conferences.enums import CommitmentState, FileState, SessionState, SignupState
from conferences.models import (
    BadgeFile,
    ChangeRequest,
    Comment,
    Conference,
    FlaggedAddress,
    Invitation,
    MailTemplate,
    OutboxMessage,
    ProgrammeFile,
    ProgrammeVersion,
    ReportFile,
    SessionSignup,
    StatusUpdate,
    TimeSlot,
)
from moteplass.models import ActivityLog, TaskFailure
from partners.models import MemberInvitation, Network
from partners.roles import has_authenticator_app
from tests.conftest import ROLES
from tests.factories import (
    CommitmentFactory,
    NetworkFactory,
    PriorityFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    SpeakerFactory,
    UserFactory,
    goal,
)
from tests.factories.mail import invitation_with_draft
from tests.factories.partners import PASSWORD, MemberInvitationFactory, enrol_authenticator
from tests.test_permission_matrix import LOGIN, all_url_patterns, everyone

pytestmark = pytest.mark.django_db

A, P, OE, RE, RM, E, C, OA, ADV = ROLES
ADVISERS = (OA, ADV)  # the role fixtures' advisers have an authenticator app; nobody else has


class To(str):
    """A redirect (302) to exactly this URL name, without a query."""


REAUTH = "reauthenticate"  # 302 to the password prompt, coming back to the page afterwards


def signed_in(status, advisers=None):
    """Anonymous visitors are sent to log in; ``advisers`` when the advisers' answer differs."""
    expected = {**everyone(status), A: LOGIN}
    if advisers is not None:
        expected.update(dict.fromkeys(ADVISERS, advisers))
    return expected


def signed_out(status):
    """Pages for logging in: a logged-in person is sent to the front page."""
    return {**everyone(To("home")), A: status}


def no_args(f):
    return []


# A made-up key in the shape allauth signs (the email address's pk, a timestamp, a signature).
BAD_EMAIL_KEY = "MQ:1tWbWb:7b3c1d9e0f2a4b6c8d0e1f3a5b7c9d1e"
BAD_RESET_KEY = "cz1k9a-4d2f8b6e0a1c3e5f7a9b1d3f5e7c9a0b"  # Django's token shape: time-hash


# name → (args builder, expected GET status per role)
ACCOUNTS = {
    "account_login": (no_args, signed_out(200)),
    "account_logout": (no_args, {**everyone(200), A: To("home")}),  # GET asks; POST logs out
    "account_inactive": (no_args, everyone(200)),
    "account_signup": (no_args, signed_out(200)),
    "account_request_login_code": (no_args, signed_out(200)),
    "account_confirm_login_code": (
        no_args,
        {**everyone(To("home")), A: To("account_request_login_code")},  # no code was asked for
    ),
    "account_reauthenticate": (no_args, signed_in(200)),
    "account_request_reauthentication_code": (no_args, signed_in(200)),
    "account_confirm_reauthentication_code": (
        no_args,
        signed_in(To("account_request_reauthentication_code")),
    ),
    "account_email": (no_args, signed_in(200)),
    "account_email_verification_sent": (no_args, everyone(200)),
    "account_confirm_email": (lambda f: [BAD_EMAIL_KEY], everyone(200)),  # "invalid link"
    "account_change_password": (no_args, signed_in(200)),
    "account_set_password": (no_args, signed_in(To("account_change_password"))),  # they have one
    "account_reset_password": (no_args, everyone(200)),
    "account_reset_password_done": (no_args, everyone(200)),
    # a made-up key for a real person (the participant): "invalid link", no form
    "account_reset_password_from_key": (
        lambda f: [int_to_base36(f["participant"].pk), BAD_RESET_KEY],
        everyone(200),
    ),
    "account_reset_password_from_key_done": (no_args, everyone(200)),
    "mfa_index": (no_args, signed_in(200)),
    "mfa_authenticate": (no_args, {**everyone(To("home")), A: To("account_login")}),
    "mfa_reauthenticate": (no_args, signed_in(To("account_reauthenticate"), advisers=200)),
    "mfa_activate_totp": (no_args, signed_in(REAUTH)),
    "mfa_deactivate_totp": (no_args, signed_in(404, advisers=REAUTH)),  # 404: they have none
    # 404: no recovery codes (see test_recovery_codes_of_an_adviser_who_has_them)
    "mfa_view_recovery_codes": (no_args, signed_in(404)),
    "mfa_generate_recovery_codes": (no_args, signed_in(REAUTH)),
    "mfa_download_recovery_codes": (no_args, signed_in(404)),
}


@pytest.fixture(scope="module")
def one_client():
    """One client for the module: each new one loads the middleware again, and WhiteNoise's
    reads every static file (0.2 s). Each use starts by logging out."""
    return Client()


def as_each_role(client, person):
    """``client`` logged in as each role in turn, as client_as does (the removed editor's
    membership is removed after logging in)."""
    for role in ROLES:
        client.logout()
        user = person(role)
        if user is not None:
            client.force_login(user)
        if role == RM:
            user.memberships.all().delete()
        yield role, client


def outcome(response, url):
    """The response as the matrices write it."""
    if response.status_code != 302:
        return response.status_code
    location = urlsplit(response["Location"])
    query = parse_qs(location.query)
    if location.path == reverse("account_login") and query == {"next": [url]}:
        return LOGIN
    if location.path == reverse("account_reauthenticate") and query == {"next": [url]}:
        return REAUTH
    if not location.query:
        return To(resolve(location.path).view_name)
    return f"302 {response['Location']}"


def body_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def test_role_fixtures_give_advisers_an_authenticator_app(person):
    for role in ROLES[1:]:
        assert has_authenticator_app(person(role)) is (role in ADVISERS), role


@pytest.mark.parametrize("name", ACCOUNTS)
def test_account_page(name, one_client, person, conference, partner_org):
    args_for, expected = ACCOUNTS[name]
    people = {role: person(role) for role in ROLES}
    url = reverse(name, args=args_for(people))
    observed, bodies = {}, {}
    for role, client in as_each_role(one_client, person):
        response = client.get(url)
        observed[role] = outcome(response, url)
        bodies[role] = body_of(response)
        if name == "account_confirm_email":
            assert response.context["confirmation"] is None
        if name == "account_reset_password_from_key":
            assert response.context["token_fail"] is True
            assert "password1" not in bodies[role]
    assert observed == expected
    for role, body in bodies.items():
        others = {user.email for other, user in people.items() if user and other != role}
        assert [email for email in others if email in body] == [], role


def test_recovery_codes_of_an_adviser_who_has_them(client, adviser, editor):
    """allauth's set-up makes recovery codes with the authenticator app (the role fixtures make
    none): the adviser sees and downloads their own after confirming the password."""
    codes = RecoveryCodes.activate(adviser).get_unused_codes()
    enrol_authenticator(editor)
    RecoveryCodes.activate(editor)
    client.force_login(adviser)
    view = client.get(reverse("mfa_view_recovery_codes"))
    assert view.status_code == 302
    assert view["Location"].startswith(reverse("account_reauthenticate") + "?next=")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_view_recovery_codes"))
    assert page.status_code == 200
    assert all(code in page.content.decode() for code in codes)
    download = client.get(reverse("mfa_download_recovery_codes"))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    text = download.content.decode()
    assert all(code in text for code in codes)
    others = RecoveryCodes(Authenticator.objects.get(user=editor, type="recovery_codes"))
    assert not any(code in text for code in others.get_unused_codes())


# --- the Django admin -----------------------------------------------------------------------


def admin_routes():
    return [route for route in all_url_patterns() if route.namespace == "admin"]


ADMIN_ROUTES = admin_routes()
# Rows that change only through the app's own functions: the admin shows them but adds, changes
# and deletes none (conferences.admin.ReadOnlyAdmin) ...
READ_ONLY = {
    f"conferences_{model}"
    for model in (
        "outboxmessage",
        "changerequest",
        "timeslot",
        "programmeversion",
        "programmefile",
        "registration",
        "sessionsignup",
        "badgefile",
        "priority",
        "commitment",
        "statusupdate",
        "reportfile",
    )
}
# ... the audit log is never added to nor deleted from, member invitations are made by the app ...
NO_ADD = READ_ONLY | {"moteplass_activitylog", "partners_memberinvitation"}
# ... and the plan is never deleted there.
NO_DELETE = READ_ONLY | {
    "moteplass_activitylog",
    "telemarksplanen_plan",
    "telemarksplanen_focusarea",
    "telemarksplanen_goal",
}
STAFF_STATUS = {  # staff's answer where it is not 200
    "admin:logout": 405,  # logging out is a POST
    "admin:autocomplete": 403,  # without the field to complete
    "admin:view_on_site": 404,  # no model has a page of its own on the site
    None: 404,  # the catch-all, given a page that does not exist
    **{f"admin:{model}_add": 403 for model in NO_ADD},
    **{f"admin:{model}_delete": 403 for model in NO_DELETE},
}


def _row_makers():
    def slot(f):
        return add_slot(
            f["conference"],
            day=f["conference"].start_date,
            start=dt.time(9),
            end=dt.time(10),
            by=f["adviser"],
        )

    def session(f):
        return SessionFactory(
            conference=f["conference"], owner=f["partner_org"], goals=[goal("S1")]
        )

    def registration(f):
        return RegistrationFactory(conference=f["conference"])

    def version(f):
        proposal = SessionFactory(
            conference=f["conference"],
            owner=f["partner_org"],
            state=SessionState.ACCEPTED,
            goals=[goal("S1")],
        )
        room = RoomFactory(conference=f["conference"])
        place_session(proposal, room=room, slot=slot(f), by=f["adviser"])
        return publish_programme(f["conference"], by=f["adviser"])

    def commitment(f):
        priority = PriorityFactory(conference=f["conference"], goals=[goal("S1")])
        return CommitmentFactory(priority=priority, responsible_organisation=f["partner_org"])

    return {
        Group: lambda f: Group.objects.create(name="Drift"),
        ActivityLog: lambda f: ActivityLog.objects.create(
            content_type=ContentType.objects.get_for_model(Conference),
            object_id=f["conference"].pk,
            action="changed",
            user=f["adviser"],
            object_repr=str(f["conference"]),
        ),
        TaskFailure: lambda f: TaskFailure.objects.create(task_name="matrix", error="Boom"),
        MemberInvitation: lambda f: MemberInvitationFactory(organisation=f["partner_org"]),
        Network: lambda f: NetworkFactory(),
        RoomFactory._meta.model: lambda f: RoomFactory(conference=f["conference"]),
        SpeakerFactory._meta.model: lambda f: SpeakerFactory(conference=f["conference"]),
        SessionFactory._meta.model: session,
        MailTemplate: lambda f: invitation_with_draft(f["conference"])[
            0
        ].conference.mail_templates.first(),
        OutboxMessage: lambda f: invitation_with_draft(f["conference"])[1],
        Invitation: lambda f: invitation_with_draft(f["conference"])[0],
        FlaggedAddress: lambda f: FlaggedAddress.objects.create(
            email="sprett@example.no", reason="Bounced"
        ),
        Comment: lambda f: Comment.objects.create(
            session=session(f), author=f["adviser"], text="Kommentar"
        ),
        ChangeRequest: lambda f: ChangeRequest.objects.create(
            session=session(f), requested_by=f["adviser"], proposed={"title": "Ny"}, original={}
        ),
        TimeSlot: slot,
        ProgrammeVersion: version,
        ProgrammeFile: lambda f: ProgrammeFile.objects.create(
            version=version(f), language="nb", state=FileState.DONE
        ),
        RegistrationFactory._meta.model: registration,
        SessionSignup: lambda f: SessionSignup.objects.create(
            registration=registration(f),
            session=session(f),
            slot=slot(f),
            state=SignupState.CONFIRMED,
        ),
        BadgeFile: lambda f: BadgeFile.objects.create(
            conference=f["conference"], layout="sheet", state=FileState.DONE
        ),
        PriorityFactory._meta.model: lambda f: PriorityFactory(
            conference=f["conference"], goals=[goal("S1")]
        ),
        CommitmentFactory._meta.model: commitment,
        StatusUpdate: lambda f: StatusUpdate.objects.create(
            commitment=commitment(f), to_state=CommitmentState.IN_PROGRESS, note="I gang"
        ),
        ReportFile: lambda f: ReportFile.objects.create(
            conference=f["conference"], language="nb", state=FileState.DONE
        ),
    }


ROW_MAKERS = _row_makers()


def row_of(model, f):
    """A real row of ``model``: one the migrations or the role fixtures made, else a new one."""
    row = model._default_manager.order_by("pk").first()
    if row is None:
        assert model in ROW_MAKERS, f"add a maker for {model._meta.label} to ROW_MAKERS"
        row = ROW_MAKERS[model](f)
    assert row.pk is not None
    return row


def model_of(route):
    """The model whose ModelAdmin serves ``route`` (None for the admin site's own pages)."""
    for model in admin.site._registry:
        if route.route.startswith(f"admin/{model._meta.app_label}/{model._meta.model_name}/"):
            return model
    return None


ROUTE_PARAMETER = re.compile(r"<(?:[^>:]+:)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)")


def admin_url(route, row, f):
    """The URL of an admin pattern, its parameters built from their names (``row``: the object
    of a model's page); it must resolve to this very pattern."""

    def value(match):
        name = match["name"] or match["group"]
        if name in ("object_id", "id") and row is not None:
            return str(row.pk)
        if name == "content_type_id":
            return str(ContentType.objects.get_for_model(Conference).pk)
        if name == "object_id":  # view_on_site's object, of the content type above
            return str(f["conference"].pk)
        if name == "app_label":
            return "conferences"
        if name == "url":  # the catch-all
            return "no-such-page/"
        raise AssertionError(f"no value for the parameter {name!r} of {route.route}")

    url = "/" + ROUTE_PARAMETER.sub(value, route.route).replace("^", "").replace("$", "")
    assert resolve(url).route == route.route, url
    return url


@pytest.fixture
def staff(db):
    """Staff must use two factors: this superuser has an authenticator app."""
    user = UserFactory(email="drift@example.no", is_staff=True, is_superuser=True)
    enrol_authenticator(user)
    return user


@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=[r.name or r.route for r in ADMIN_ROUTES])
def test_admin_page(route, one_client, person, staff, conference, partner_org, adviser):
    people = {role: person(role) for role in ROLES}
    f = {"conference": conference, "partner_org": partner_org, "adviser": adviser}
    model = model_of(route)
    row = row_of(model, f) if model else None
    url = admin_url(route, row, f)
    secret = str(row) if row else conference.title
    observed = {role: client.get(url) for role, client in as_each_role(one_client, person)}
    client = one_client
    client.logout()
    client.force_login(staff)
    observed["staff"] = client.get(url)

    admin_login = reverse("admin:login")
    for role, response in observed.items():
        if role == "staff":
            continue
        body = body_of(response)
        assert secret not in body, role
        assert not any(u and u.email in body for u in people.values()), role
        if route.name == "admin:login":
            if role == A:  # allauth's log-in, then back here
                assert outcome(response, url) == LOGIN
            else:  # a logged-in person who is not staff
                assert response.status_code == 403, role
        elif route.name == "admin:logout":
            assert outcome(response, url) == To("admin:index"), role
        else:
            assert response.status_code == 302, role
            location = urlsplit(response["Location"])
            assert location.path == admin_login, role
            assert parse_qs(location.query) == {"next": [url]}, role

    response = observed["staff"]
    if route.name is None and model is not None:  # /admin/app/model/<pk>/: to its change page
        assert response.status_code == 302
        assert response["Location"] == reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
            args=[row.pk],
        )
    elif route.name == "admin:login":  # already logged in: to the admin's front page
        assert outcome(response, url) == To("admin:index")
    else:
        assert response.status_code == STAFF_STATUS.get(route.name, 200)
