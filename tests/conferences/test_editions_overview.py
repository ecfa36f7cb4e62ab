"""The cross-edition view per hovedmål: exact numbers across two editions, the plan choice, the
export, permissions and query counts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.enums import CommitmentState, RegistrationState, SessionFormat, SignupState
from conferences.models import SessionSignup
from partners.enums import MembershipRole
from telemarksplanen.models import FocusArea, Goal, Plan
from tests.factories import (
    CommitmentFactory,
    ConferenceFactory,
    MembershipFactory,
    OrganisationFactory,
    PriorityFactory,
    RegistrationFactory,
    SessionFactory,
    UserFactory,
    county,
    goal,
    parallel_slot,
    plan_in_force,
)
from tests.support.spreadsheets import csv_rows, xlsx_rows

pytestmark = pytest.mark.django_db
R = RegistrationState
C = CommitmentState
S = SignupState
CODES = ["I1", "I2", "I3", "S1", "S2", "S3", "N1", "N2", "N3"]
NOT_ADVISERS = [
    "participant",
    "other_editor",
    "rival_editor",
    "removed_editor",
    "editor",
    "coordinator",
]
OVERVIEW = reverse("editions_overview")


def export_url(fmt):
    return reverse("editions_export", args=[fmt])


def person(conference, state=R.CONFIRMED, **fields):
    if state == R.CHECKED_IN:
        fields["checked_in_at"] = timezone.now()
    return RegistrationFactory(conference=conference, state=state, **fields)


def sign_up(registration, session, state=S.CONFIRMED):
    SessionSignup.objects.create(
        registration=registration, session=session, slot_id=session.slot_id, state=state
    )


def table(overview):
    """{goal code: [(year, sessions, minutes, participants, priorities, commitments, done)]}"""
    return {
        row.goal.code: [
            (
                f.conference.year,
                f.sessions,
                f.minutes,
                f.participants,
                f.priorities,
                f.commitments,
                f.done,
            )
            for f in row.editions
        ]
        for row in overview.goals
    }


@pytest.fixture
def adviser_client(client, adviser):
    client.force_login(adviser)
    return client


@pytest.fixture
def editions(conference, other_adviser):
    """The 2030 edition (no check-ins) and the 2031 edition (with check-ins), and an edition of
    another county."""
    earlier = ConferenceFactory(title="Møteplass Telemark 2030", slug="moteplass-2030", year=2030)

    # 2030: one workshop for I1 and S1, a plenary for I2, a proposal for I1 that is not accepted
    _slot, (workshop,) = parallel_slot(earlier, capacities=(20,), titles=["Arbeid for alle"])
    workshop.goals.set([goal("I1"), goal("S1")])  # 60 minutes
    SessionFactory(
        conference=earlier, format=SessionFormat.PLENARY, duration=30, goals=[goal("I2")]
    )
    SessionFactory(conference=earlier, state="submitted", duration=50, goals=[goal("I1")])
    ada, bo = person(earlier), person(earlier)
    cancelled = person(earlier, R.CANCELLED)
    person(earlier, R.WAITLISTED)
    sign_up(ada, workshop)
    sign_up(bo, workshop, S.WAITLISTED)  # not a place in the session
    sign_up(cancelled, workshop)  # the registration is over
    both = PriorityFactory(conference=earlier, goals=[goal("I1"), goal("S1")])
    CommitmentFactory(priority=both, state=C.DONE)
    CommitmentFactory(priority=both, state=C.PLANNED)
    CommitmentFactory(
        priority=PriorityFactory(conference=earlier, goals=[goal("I1")]), state=C.DONE
    )

    # 2031 (the fixture): two workshops for I1 and an all-rooms item for N1; check-ins have begun
    _slot, (green,) = parallel_slot(conference, capacities=(20,), titles=["Grønn industri"])
    _slot, (blue,) = parallel_slot(conference, hour=13, capacities=(20,), titles=["Blå vekst"])
    blue.duration = 90
    blue.save()
    SessionFactory(conference=conference, all_rooms=True, duration=20, goals=[goal("N1")])
    came, stayed_home, also_came = (
        person(conference, R.CHECKED_IN),
        person(conference),
        person(conference, R.CHECKED_IN),
    )
    sign_up(came, green)
    sign_up(stayed_home, green)  # no check-in: not counted once the edition has check-ins
    sign_up(came, blue)  # counts once for I1
    sign_up(also_came, blue)
    CommitmentFactory(
        priority=PriorityFactory(conference=conference, goals=[goal("N1")]), state=C.IN_PROGRESS
    )

    # another county's edition: never shown to this county's advisers
    vestfold = other_adviser.memberships.get().organisation
    theirs = ConferenceFactory(
        title="Vestfoldmøtet 2031", slug="vestfold-2031", year=2031, organiser=vestfold
    )
    SessionFactory(conference=theirs, duration=500, goals=[goal("I1")])
    return earlier, conference


EXPECTED = {
    "I1": [(2030, 1, 60, 1, 2, 3, 2), (2031, 2, 150, 2, 0, 0, 0)],
    "I2": [(2030, 1, 30, 2, 0, 0, 0), (2031, 0, 0, 0, 0, 0, 0)],
    "I3": [(2030, 0, 0, 0, 0, 0, 0), (2031, 0, 0, 0, 0, 0, 0)],
    "S1": [(2030, 1, 60, 1, 1, 2, 1), (2031, 0, 0, 0, 0, 0, 0)],
    "S2": [(2030, 0, 0, 0, 0, 0, 0), (2031, 0, 0, 0, 0, 0, 0)],
    "S3": [(2030, 0, 0, 0, 0, 0, 0), (2031, 0, 0, 0, 0, 0, 0)],
    "N1": [(2030, 0, 0, 0, 0, 0, 0), (2031, 1, 20, 2, 1, 1, 0)],
    "N2": [(2030, 0, 0, 0, 0, 0, 0), (2031, 0, 0, 0, 0, 0, 0)],
    "N3": [(2030, 0, 0, 0, 0, 0, 0), (2031, 0, 0, 0, 0, 0, 0)],
}


def test_overview_counts_sessions_minutes_participants_priorities_and_commitments(
    adviser_client, editions
):
    response = adviser_client.get(OVERVIEW)
    assert response.status_code == 200
    (overview,) = response.context["overviews"]
    assert overview.plan == plan_in_force()
    assert [c.title for c in overview.conferences] == [
        "Møteplass Telemark 2030",
        "Møteplass Telemark 2031",
    ]
    # I1 2031: 60 + 90 minutes; the people checked in with a place in either workshop
    # I2 2030: a plenary, so everyone with a place (no check-ins that year)
    # N1 2031: an all-rooms item, so everyone checked in
    assert table(overview) == EXPECTED
    html = response.content.decode()
    assert "Vestfoldmøtet" not in html
    assert 'data-definition="participants"' in html
    assert '<th scope="rowgroup" rowspan="2">I1 ' in html


def test_overview_page_states_what_participants_count(adviser_client, editions):
    html = adviser_client.get(OVERVIEW).content.decode()
    assert "Ulike personer med plass (påmelding bekreftet eller sjekket inn;" in html


def test_overview_in_nynorsk(adviser_client, adviser, editions):
    adviser.language = "nn"
    adviser.save(update_fields=["language"])
    html = adviser_client.get(OVERVIEW).content.decode()
    assert "Hovudmål gjennom åra" in html
    assert "Deltakarar" in html


def test_the_other_countys_adviser_sees_only_their_own_editions(client, other_adviser, editions):
    client.force_login(other_adviser)
    response = client.get(OVERVIEW)
    (overview,) = response.context["overviews"]
    assert [c.title for c in overview.conferences] == ["Vestfoldmøtet 2031"]
    assert table(overview)["I1"] == [(2031, 1, 500, 0, 0, 0, 0)]
    assert "Møteplass Telemark 2030" not in response.content.decode()


def test_an_adviser_without_editions_is_told_so(client, db):
    user = UserFactory()
    MembershipFactory(
        user=user,
        organisation=OrganisationFactory(sector="fylkeskommune"),
        role=MembershipRole.COORDINATOR,
        is_adviser=True,
    )
    client.force_login(user)
    response = client.get(OVERVIEW)
    assert response.context["overviews"] == []
    assert "har ikke arrangert noen utgaver av konferansen ennå" in response.content.decode()


# --- the plan ------------------------------------------------------------------------------------


@pytest.fixture
def old_plan(editions):
    plan = Plan.objects.create(
        name="Regional plan 2016–2020", slug="regional-2016", start_year=2016, end_year=2020,
        owner=county(),
    )  # fmt: skip
    area = FocusArea.objects.create(
        plan=plan, code="V", title_nb="Verdiskaping", title_nn="Verdiskaping", order=1
    )
    old_goal = Goal.objects.create(
        focus_area=area, code="V1", title_nb="Flere jobber", title_nn="Fleire jobbar", order=1
    )
    old = ConferenceFactory(title="Møteplass 2019", slug="moteplass-2019", year=2019, plan=plan)
    SessionFactory(conference=old, duration=40, goals=[old_goal])
    return plan


def test_every_plan_has_a_table_the_newest_plan_first(adviser_client, old_plan):
    response = adviser_client.get(OVERVIEW)
    overviews = response.context["overviews"]
    assert [o.plan.slug for o in overviews] == ["telemarksplanen-2024-2028", "regional-2016"]
    assert table(overviews[0]) == EXPECTED
    assert table(overviews[1]) == {"V1": [(2019, 1, 40, 0, 0, 0, 0)]}


def test_a_chosen_plan_alone(adviser_client, old_plan):
    response = adviser_client.get(OVERVIEW, {"plan": "regional-2016"})
    assert [o.plan.slug for o in response.context["overviews"]] == ["regional-2016"]
    html = response.content.decode()
    assert f'href="{export_url("csv")}?plan=regional-2016"' in html


def test_an_unknown_plan_is_an_error_next_to_the_field_and_ignored(adviser_client, old_plan):
    response = adviser_client.get(OVERVIEW, {"plan": "finnes-ikke"})
    assert response.status_code == 200
    assert response.context["form"].errors["plan"] == [
        "Velg et gyldig valg. finnes-ikke er ikke et av de tilgjengelige valgene."
    ]
    assert [o.plan.slug for o in response.context["overviews"]] == [
        "telemarksplanen-2024-2028",
        "regional-2016",
    ]
    assert f'href="{export_url("csv")}"' in response.content.decode()


def test_a_plan_of_another_countys_editions_is_not_a_choice(adviser_client, editions):
    response = adviser_client.get(OVERVIEW, {"plan": "regional-2016"})
    assert "plan" in response.context["form"].errors


# --- the export ----------------------------------------------------------------------------------


HEADER = [
    "Plan",
    "Hovedmål",
    "År",
    "Konferanse",
    "Aksepterte programposter",
    "Minutter program",
    "Deltakere",
    "Prioriteringer",
    "Oppfølgingspunkter",
    "Gjennomførte oppfølgingspunkter",
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_has_a_row_per_goal_and_edition(adviser_client, editions, fmt):
    response = adviser_client.get(export_url(fmt))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="editions.{fmt}"'
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    assert rows[0] == HEADER
    assert len(rows) == 1 + 9 * 2
    assert rows[1] == [
        "Telemarksplanen 2024–2028",
        "I1 Flere i arbeid og utdanning – færre i utenforskap",
        "2030",
        "Møteplass Telemark 2030",
        "1",
        "60",
        "1",
        "2",
        "3",
        "2",
    ]
    assert rows[2][2:] == ["2031", "Møteplass Telemark 2031", "2", "150", "2", "0", "0", "0"]
    assert [row[1][:2] for row in rows[1::2]] == CODES
    assert [row[4:] for row in rows[13:15]] == [  # N1
        ["0", "0", "0", "0", "0", "0"],
        ["1", "20", "2", "1", "1", "0"],
    ]


def test_export_of_a_chosen_plan(adviser_client, old_plan):
    rows = csv_rows(adviser_client.get(export_url("csv"), {"plan": "regional-2016"}))
    assert rows == [
        HEADER,
        ["Regional plan 2016–2020", "V1 Flere jobber", "2019", "Møteplass 2019"]
        + ["1", "40", "0", "0", "0", "0"],
    ]


@pytest.mark.parametrize("fmt", ["pdf", "json", "CSV", "csv.gz"])
def test_export_in_an_unknown_format_is_404(adviser_client, editions, fmt):
    assert adviser_client.get(f"/adviser/editions.{fmt}").status_code == 404


# --- permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [OVERVIEW, "/adviser/editions.csv", "/adviser/editions.xlsx"])
@pytest.mark.parametrize("role", ["anonymous", *NOT_ADVISERS, "other_adviser", "adviser"])
def test_editions_only_for_advisers(client_as, editions, path, role):
    response = client_as(role).get(path)
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    elif role in {"adviser", "other_adviser"}:
        assert response.status_code == 200
        if not path.endswith(".xlsx"):  # a zip file
            assert (b"Telemark 2030" in response.content) is (role == "adviser")
    else:
        assert response.status_code == 404
        assert b"Telemark 2030" not in response.content


# --- query counts --------------------------------------------------------------------------------


def populate(editions: int, items: int):
    """``editions`` conferences, each with ``items`` registrations, sessions (with sign-ups),
    priorities and commitments."""
    for year in range(2040, 2040 + editions):
        conference = ConferenceFactory(title=f"Møteplass {year}", slug=f"mp-{year}", year=year)
        _slot, sessions = parallel_slot(conference, capacities=(100,) * items)
        SessionFactory(conference=conference, format=SessionFormat.PLENARY, goals=[goal("I2")])
        for index, session in enumerate(sessions):
            session.goals.set([goal("I1"), goal("S1")])
            registration = person(
                conference, R.CHECKED_IN if index % 2 else R.CONFIRMED, email=f"{year}-{index}@x.no"
            )
            sign_up(registration, session)
            priority = PriorityFactory(conference=conference, goals=[goal("I1"), goal("N1")])
            CommitmentFactory(priority=priority, state=C.DONE if index % 2 else C.PLANNED)


@pytest.mark.parametrize("editions,items", [(1, 3), (5, 30)])
def test_overview_queries_do_not_grow(adviser_client, django_assert_num_queries, editions, items):
    populate(editions, items)
    # session, user, memberships; conferences, goals, sessions, places, sign-ups, priorities,
    # commitments
    with django_assert_num_queries(10):
        response = adviser_client.get(OVERVIEW)
    (overview,) = response.context["overviews"]
    assert table(overview)["I1"][-1][1:] == (
        items,
        60 * items,
        items // 2 or 1,
        items,
        items,
        items // 2,
    )


@pytest.mark.parametrize("editions,items", [(1, 3), (5, 30)])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_queries_do_not_grow(
    adviser_client, django_assert_num_queries, editions, items, fmt
):
    populate(editions, items)
    with django_assert_num_queries(10):
        response = adviser_client.get(export_url(fmt))
    assert response.status_code == 200
