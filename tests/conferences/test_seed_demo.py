from collections import Counter
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError

from conferences import demo_data
from conferences.enums import SessionFormat
from conferences.models import (
    ChangeRequest,
    Comment,
    Commitment,
    Conference,
    ConferencePartner,
    Room,
    Session,
    Speaker,
)
from partners.models import Membership, Network, Organisation, User
from partners.validators import orgnr_is_valid
from telemarksplanen.models import Plan

DEMO_EMAILS = [
    "deltaker@demo.moteplass.no",
    "koordinator@demo.moteplass.no",
    "radgiver@demo.moteplass.no",
    "redaktor@demo.moteplass.no",
]


@pytest.fixture(autouse=True)
def _debug_on(settings):
    """pytest-django runs tests with DEBUG off (``django_debug_mode``); the command needs it on."""
    settings.DEBUG = True


def seed(stage, *extra):
    out = StringIO()
    call_command("seed_demo", "--stage", stage, *extra, stdout=out)
    return out.getvalue()


def counts():
    return {
        "organisations": Organisation.objects.count(),
        "networks": Network.objects.count(),
        "plans": Plan.objects.count(),
        "conferences": Conference.objects.count(),
        "rooms": Room.objects.count(),
        "partners": ConferencePartner.objects.count(),
        "sessions": Session.objects.count(),
        "speakers": Speaker.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "email_addresses": EmailAddress.objects.count(),
    }


def demo_conference():
    return Conference.objects.get(slug="moteplass-telemark-2026")


def placed(conference):
    return conference.sessions.filter(room__isnull=False).select_related("room")


@pytest.mark.django_db
def test_seed_demo_programme_creates_exact_counts():
    seed("programme")

    assert counts() == {
        "organisations": 17,
        "networks": 4,
        "plans": 1,
        "conferences": 1,
        "rooms": 4,
        "partners": 9,
        "sessions": 32,
        "speakers": 20,
        "users": 4,
        "memberships": 3,
        "email_addresses": 4,
    }
    states = Counter(demo_conference().sessions.values_list("state", flat=True))
    assert states == {"accepted": 29, "declined": 2, "withdrawn": 1}


@pytest.mark.django_db
def test_seed_demo_programme_conference_is_published_with_plan_and_goals():
    seed("programme")

    conference = demo_conference()
    assert conference.title == "Møteplass Telemark 2026"
    assert conference.status == "published"
    assert conference.plan == Plan.objects.get(in_force=True)
    assert conference.organiser.slug == "telemark-fylkeskommune"
    assert sorted(conference.goals_in_focus.values_list("code", flat=True)) == ["I1", "N1", "S2"]
    assert list(conference.rooms.values_list("name", "capacity")) == [
        ("Storsalen", 300),
        ("Salong 1", 60),
        ("Salong 2", 60),
        ("Verkstedrommet", 40),
    ]


@pytest.mark.django_db
def test_seed_demo_users_have_verified_primary_email_and_roles():
    seed("programme")

    addresses = EmailAddress.objects.filter(verified=True, primary=True).order_by("email")
    assert [address.email for address in addresses] == DEMO_EMAILS
    assert all(address.user.email == address.email for address in addresses)
    memberships = Membership.objects.order_by("user__email").values_list(
        "user__email", "organisation__slug", "role", "is_adviser"
    )
    assert list(memberships) == [
        ("koordinator@demo.moteplass.no", "nho-vestfold-og-telemark", "coordinator", False),
        ("radgiver@demo.moteplass.no", "telemark-fylkeskommune", "coordinator", True),
        ("redaktor@demo.moteplass.no", "vinje-kommune", "editor", False),
    ]
    assert User.objects.get(email="redaktor@demo.moteplass.no").language == "nn"
    assert all(user.check_password("moteplass-demo") for user in User.objects.all())


@pytest.mark.django_db
def test_seed_demo_partner_users_belong_to_partners_of_the_edition():
    seed("programme")

    partner_slugs = set(demo_conference().partners.values_list("organisation__slug", flat=True))
    assert {"nho-vestfold-og-telemark", "vinje-kommune"} <= partner_slugs
    assert "telemark-fylkeskommune" not in partner_slugs


@pytest.mark.django_db
def test_seed_demo_organisation_numbers_are_blank_or_valid():
    seed("planning")

    numbers = [org.orgnr for org in Organisation.objects.exclude(orgnr="")]
    assert len(numbers) == 2
    assert all(orgnr_is_valid(number) and number.startswith("1") for number in numbers)


@pytest.mark.django_db
def test_seed_demo_every_network_serves_a_goal_and_has_members():
    seed("planning")

    for network in Network.objects.all():
        assert network.goals.count() >= 1, network.name
        assert network.organisations.count() >= 3, network.name
        assert network.description_nb and network.description_nn and network.description_en


@pytest.mark.django_db
def test_seed_demo_every_content_session_has_a_goal_and_an_owner():
    seed("programme")

    content = Session.objects.exclude(format__in=SessionFormat.without_content())
    assert content.count() == 25
    assert content.filter(goals__isnull=True).count() == 0
    assert content.filter(owner__isnull=True).count() == 0
    assert content.filter(language="nn").count() == 6


@pytest.mark.django_db
def test_seed_demo_programme_places_every_accepted_session():
    seed("programme")

    accepted = Session.objects.filter(state="accepted")
    assert accepted.count() == 29
    assert accepted.filter(room__isnull=True).count() == 0
    assert accepted.filter(start__isnull=True).count() == 0
    assert Session.objects.exclude(state="accepted").filter(room__isnull=False).count() == 0
    plenaries = Session.objects.filter(format="plenary").values_list("room__name", flat=True)
    assert set(plenaries) == {"Storsalen"}


@pytest.mark.django_db
def test_seed_demo_programme_has_no_overlaps_in_a_room():
    seed("programme")

    sessions = sorted(placed(demo_conference()), key=lambda s: (s.room.name, s.start))
    for earlier, later in zip(sessions, sessions[1:], strict=False):
        if earlier.room == later.room:
            end = earlier.start.timestamp() + earlier.duration * 60
            assert end <= later.start.timestamp(), (earlier.title, later.title)


@pytest.mark.django_db
def test_seed_demo_programme_runs_parallel_sessions_side_by_side():
    seed("programme")

    parallel_starts = Counter(
        Session.objects.filter(format="parallel", state="accepted").values_list("start", flat=True)
    )
    assert sorted(parallel_starts.values()) == [3, 3, 4]
    days = {session.start.date() for session in placed(demo_conference())}
    assert days == {demo_data.DAYS[1], demo_data.DAYS[2]}


@pytest.mark.django_db
def test_seed_demo_planning_has_no_sessions_and_a_draft_conference():
    seed("planning")

    conference = demo_conference()
    assert conference.status == "draft"
    assert conference.sessions.count() == 0
    assert conference.speakers.count() == 0
    assert conference.rooms.count() == 4
    assert conference.partners.count() == 9
    assert User.objects.count() == 4


@pytest.mark.django_db
def test_seed_demo_call_has_open_proposals_and_nothing_placed():
    seed("call")

    conference = demo_conference()
    states = Counter(conference.sessions.values_list("state", flat=True))
    assert conference.status == "published"
    assert states == {"accepted": 13, "submitted": 11, "changes_requested": 4, "draft": 4}
    assert placed(conference).count() == 0


@pytest.mark.django_db
def test_seed_demo_call_is_open_with_review_under_way():
    seed("call")

    conference = demo_conference()
    assert conference.call_is_open() is True
    assert conference.call_guidance_nn.startswith("Vi ønskjer framlegg")
    assert conference.programme_shared is False
    # the two demo partner organisations with log-ins own proposals in several states
    for slug, expected in {
        "nho-vestfold-og-telemark": {"accepted": 1, "submitted": 1, "changes_requested": 1},
        "vinje-kommune": {"draft": 1, "changes_requested": 1},
    }.items():
        owned = Counter(
            conference.sessions.filter(owner__slug=slug).values_list("state", flat=True)
        )
        assert owned == expected
    comments = Comment.objects.filter(session__conference=conference)
    assert (comments.count(), comments.filter(internal=True).count()) == (4, 1)
    change_request = ChangeRequest.objects.get(session__conference=conference)
    assert change_request.state == "open"
    assert change_request.session.title == "Kompetanse som holder hjulene i gang"
    assert change_request.requested_by.email == "koordinator@demo.moteplass.no"
    assert [row["name"] for row in change_request.proposed["speakers"]][-1] == (
        "Ole Kristian Bratsberg"
    )


@pytest.mark.django_db
def test_seed_demo_programme_closes_the_call_and_shares_the_programme():
    seed("programme")

    conference = demo_conference()
    assert conference.call_is_open() is False
    assert conference.programme_shared is True


@pytest.mark.django_db
def test_seed_demo_after_cancels_one_session():
    seed("after")

    states = Counter(demo_conference().sessions.values_list("state", flat=True))
    assert states == {"accepted": 28, "declined": 2, "withdrawn": 2}
    assert Session.objects.filter(state="accepted", room__isnull=True).count() == 0


@pytest.mark.django_db
def test_seed_demo_after_records_the_follow_up_and_publishes_the_report(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):  # the PDFs are made after commit
        output = seed("after")

    conference = demo_conference()
    assert [p.title_nb for p in conference.priorities.order_by("order")] == [
        "Flere unge i arbeid og utdanning",
        "Kompetanse for grønn omstilling",
        "Natur og klima i all arealplanlegging",
        "Frivilligheten som ressurs for folkehelse",
    ]
    commitments = Commitment.objects.filter(priority__conference=conference)
    assert Counter(commitments.values_list("state", flat=True)) == {
        "planned": 4,
        "in_progress": 3,
        "done": 1,
        "dropped": 1,
    }
    assert sorted(
        set(
            commitments.filter(responsible_network__isnull=False).values_list(
                "responsible_network__slug", flat=True
            )
        )
    ) == [
        "folkehelsenettverket",
        "inkluderingsdager-telemark",
        "klima-og-miljonettverket",
        "telemark-naeringskollegiet",
    ]
    # every status change has its note in the history, on behalf of the organisation
    noted = commitments.get(title_nb="Felles klimabudsjettmal for små kommuner")
    assert list(noted.updates.values_list("from_state", "to_state", "organisation_name")) == [
        ("planned", "in_progress", "Vinje kommune"),
        ("", "planned", ""),
    ]
    assert Network.objects.get(slug="klima-og-miljonettverket").lead.slug == "vinje-kommune"
    assert conference.report_is_published
    assert sorted(conference.report_files.values_list("language", "state")) == [
        ("nb", "done"),
        ("nn", "done"),
    ]
    assert conference.sessions.filter(network__slug="klima-og-miljonettverket").count() == 3
    assert "priorities: 4, commitments: 9" in output
    assert "follow-up report: published" in output


@pytest.mark.django_db
def test_seed_demo_back_to_programme_removes_the_follow_up():
    seed("after")

    output = seed("programme")

    conference = demo_conference()
    assert conference.priorities.count() == 0
    assert not conference.report_is_published
    assert conference.report_files.count() == 0
    assert "follow-up report: not published" in output


@pytest.mark.django_db
def test_seed_demo_twice_creates_nothing_new():
    seed("programme")
    first = counts()

    seed("programme")

    assert counts() == first


@pytest.mark.django_db
def test_seed_demo_moves_between_stages_without_duplicates():
    seed("call")
    seed("programme")
    after_programme = counts()

    seed("planning")
    assert demo_conference().sessions.count() == 0
    assert demo_conference().status == "draft"

    seed("programme")
    assert counts() == after_programme
    assert Session.objects.filter(state="accepted", room__isnull=True).count() == 0


@pytest.mark.django_db
def test_seed_demo_keeps_a_password_changed_by_hand():
    seed("planning")
    user = User.objects.get(email="radgiver@demo.moteplass.no")
    user.set_password("changed-by-hand-123")
    user.save()

    seed("planning")

    user.refresh_from_db()
    assert user.check_password("changed-by-hand-123")


@pytest.mark.django_db
def test_seed_demo_prints_url_and_log_ins():
    output = seed("programme")

    assert "http://127.0.0.1:8000" in output
    for email in DEMO_EMAILS:
        assert email in output
    assert "moteplass-demo" in output
    assert "sessions: 32 (29 accepted, 2 declined, 1 withdrawn)" in output


@pytest.mark.django_db
def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        seed("programme")

    assert Conference.objects.count() == 0
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_seed_demo_runs_without_debug_when_forced(settings):
    settings.DEBUG = False

    seed("programme", "--force")

    assert Session.objects.count() == 32


@pytest.mark.django_db
def test_demo_adviser_logs_in_and_edits_a_goal_the_newcomer_way(client):
    """The issue's "Done when": log in with the printed adviser account and edit a goal."""
    from django.urls import reverse

    from conferences.demo_data import DEMO_TOTP_SECRET
    from moteplass.audit import history_for
    from telemarksplanen.models import Goal
    from tests.support.two_factor import code_for

    seed("programme")
    response = client.post(
        reverse("account_login"),
        {"login": "radgiver@demo.moteplass.no", "password": "moteplass-demo"},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    # the code of the printed secret, as an authenticator app shows it
    response = client.post(reverse("mfa_authenticate"), {"code": code_for(DEMO_TOTP_SECRET)})
    assert response.status_code == 302
    i3 = Goal.objects.get(code="I3")
    url = reverse("goal_edit", args=[i3.pk])
    response = client.post(
        url,
        {
            "title_nb": i3.title_nb,
            "title_nn": "Attraktive lokalsamfunn for alle",
            "title_en": i3.title_en,
            "provisional": "on",
        },
    )
    assert response.status_code == 302
    changes = history_for(i3).get().changes
    assert [(c["field"], c["after"]) for c in changes] == [
        ("title_nn", "Attraktive lokalsamfunn for alle")
    ]
    client.post(reverse("set_language"), {"language": "nn", "next": "/plan/"})
    page = client.get("/plan/").content.decode()
    assert "Attraktive lokalsamfunn for alle" in page
    assert '<html lang="nn"' in page


@pytest.mark.django_db
def test_seed_demo_programme_has_an_invitation_list_with_drafts_to_review():
    from conferences.models import Invitation, OutboxMessage

    seed("programme")
    seed("programme")
    assert Invitation.objects.count() == len(demo_data.INVITEES) == 10
    drafts = OutboxMessage.objects.filter(state="draft", role="invitation")
    assert drafts.count() == 10
    languages = dict(drafts.values_list("to_email", "language"))
    assert languages["astrid.haugland@demo.example.no"] == "nn"  # Vinje's målform
    assert languages["hakon.berge@demo.example.no"] == "nb"
    assert languages["marte.solberg@demo.example.no"] == "en"
    assert languages["bjorn.tveit@demo.example.no"] == "nb"  # Skien is neutral → bokmål
