"""The advisers' review queries: filters, text search on PostgreSQL and SQLite, the overview's
figures and lists, and that nobody but the conference's advisers gets anything."""

import datetime as dt

import pytest
from django.db import connection
from django.http import Http404
from django.utils import timezone

from conferences.enums import ChangeRequestState, SessionFormat, SessionState
from conferences.models import ChangeRequest
from conferences.queries.review import (
    ALL_STATES,
    change_request_for,
    open_change_requests,
    partners_without_proposals,
    review_filter_choices,
    review_proposals,
    state_counts,
    waiting_for_decision,
)
from tests.factories import (
    ConferenceFactory,
    ConferencePartnerFactory,
    OrganisationFactory,
    SessionFactory,
    SpeakerFactory,
    goal,
)

pytestmark = pytest.mark.django_db
S = SessionState


def another_conference():
    return ConferenceFactory(title="Møteplass Vestfold", slug="moteplass-vestfold", year=2040)


def titles(queryset):
    return [session.title for session in queryset]


@pytest.fixture
def proposals(conference, partner_org, rival_org):
    """Five proposals of two partners in every shape the filters tell apart."""
    made = {
        "draft": SessionFactory(
            conference=conference,
            owner=partner_org,
            title="Utkast om kultur",
            state=S.DRAFT,
            format=SessionFormat.WORKSHOP,
            goals=[goal("S3")],
        ),
        "submitted": SessionFactory(
            conference=conference,
            owner=partner_org,
            title="Skole og arbeidsliv",
            state=S.SUBMITTED,
            format=SessionFormat.WORKSHOP,
            goals=[goal("S2"), goal("I1")],
        ),
        "accepted": SessionFactory(
            conference=conference,
            owner=rival_org,
            title="Klimatilpasning i kommunene",
            abstract="Flom og skred.",
            state=S.ACCEPTED,
            format=SessionFormat.PLENARY,
            goals=[goal("N3")],
        ),
        "declined": SessionFactory(
            conference=conference,
            owner=rival_org,
            title="Grønn industri",
            abstract="Om skoler som samarbeider med industrien.",
            state=S.DECLINED,
            format=SessionFormat.PANEL,
            goals=[goal("N1")],
        ),
        "changes": SessionFactory(
            conference=conference,
            owner=rival_org,
            title="Folkehelse i praksis",
            audience="Frivillige lag",
            state=S.CHANGES_REQUESTED,
            format=SessionFormat.PARALLEL,
            goals=[goal("I2")],
        ),
    }
    made["changes"].co_owners.add(partner_org)
    # another conference's item never shows
    SessionFactory(
        conference=another_conference(),
        title="Skole i en annen konferanse",
        state=S.SUBMITTED,
        goals=[goal("S2")],
    )
    return made


def test_review_list_leaves_out_drafts_by_default(conference, adviser, proposals):
    assert titles(review_proposals(conference, adviser)) == [
        "Folkehelse i praksis",
        "Grønn industri",
        "Klimatilpasning i kommunene",
        "Skole og arbeidsliv",
    ]


def test_review_list_includes_drafts_on_request(conference, adviser, proposals):
    assert titles(review_proposals(conference, adviser, state=ALL_STATES)) == [
        "Folkehelse i praksis",
        "Grønn industri",
        "Klimatilpasning i kommunene",
        "Skole og arbeidsliv",
        "Utkast om kultur",
    ]


@pytest.mark.parametrize(
    "filters,expected",
    [
        ({"state": S.DRAFT}, ["Utkast om kultur"]),
        ({"state": S.SUBMITTED}, ["Skole og arbeidsliv"]),
        ({"state": S.CHANGES_REQUESTED}, ["Folkehelse i praksis"]),
        ({"state": S.WITHDRAWN}, []),
        ({"format": SessionFormat.WORKSHOP}, ["Skole og arbeidsliv"]),
        (
            {"format": SessionFormat.WORKSHOP, "state": ALL_STATES},
            ["Skole og arbeidsliv", "Utkast om kultur"],
        ),
        ({"focus_area": "N"}, ["Grønn industri", "Klimatilpasning i kommunene"]),
        ({"focus_area": "I"}, ["Folkehelse i praksis", "Skole og arbeidsliv"]),
        ({"goal": "S2"}, ["Skole og arbeidsliv"]),
        ({"goal": "I1"}, ["Skole og arbeidsliv"]),
        ({"goal": "N2"}, []),
        (
            {"partner": "skien"},
            ["Folkehelse i praksis", "Grønn industri", "Klimatilpasning i kommunene"],
        ),
        # owned or co-owned
        ({"partner": "nho"}, ["Folkehelse i praksis", "Skole og arbeidsliv"]),
        ({"partner": "nho", "focus_area": "S"}, ["Skole og arbeidsliv"]),
    ],
)
def test_each_filter_narrows_to_exactly_the_matching_proposals(
    conference, adviser, proposals, filters, expected
):
    assert titles(review_proposals(conference, adviser, **filters)) == expected


def test_an_item_with_two_goals_of_a_focus_area_is_listed_once(conference, adviser, partner_org):
    SessionFactory(
        conference=conference,
        owner=partner_org,
        title="To mål",
        state=S.SUBMITTED,
        goals=[goal("I1"), goal("I2")],
    )
    assert titles(review_proposals(conference, adviser, focus_area="I")) == ["To mål"]


def test_search_finds_words_the_database_way(conference, adviser, proposals):
    """PostgreSQL: Norwegian stemming («skoler» finds «skole»), prefixes of compounds («klima»
    finds «klimatilpasning»), title matches before abstract matches. SQLite: substrings."""
    if connection.vendor == "postgresql":
        assert titles(review_proposals(conference, adviser, q="skoler")) == [
            "Skole og arbeidsliv",  # in the title: ranked first
            "Grønn industri",  # «skoler» in the abstract
        ]
        assert titles(review_proposals(conference, adviser, q="klima")) == [
            "Klimatilpasning i kommunene"
        ]
        assert titles(review_proposals(conference, adviser, q='"skole og arbeidsliv"')) == [
            "Skole og arbeidsliv"
        ]
    else:
        assert titles(review_proposals(conference, adviser, q="skole")) == [
            "Grønn industri",
            "Skole og arbeidsliv",
        ]
        assert titles(review_proposals(conference, adviser, q="skoler")) == ["Grønn industri"]
        assert titles(review_proposals(conference, adviser, q="tilpasning")) == [
            "Klimatilpasning i kommunene"
        ]
    # on both: audience, several words (all must match), no match
    assert titles(review_proposals(conference, adviser, q="frivillige")) == ["Folkehelse i praksis"]
    assert titles(review_proposals(conference, adviser, q="flom kommunene")) == [
        "Klimatilpasning i kommunene"
    ]
    assert titles(review_proposals(conference, adviser, q="ingenting")) == []


def test_search_finds_a_speaker_by_name(conference, adviser, proposals):
    speaker = SpeakerFactory(conference=conference, name="Åse Bakken")
    proposals["accepted"].speakers.add(speaker)
    assert titles(review_proposals(conference, adviser, q="Bakken")) == [
        "Klimatilpasning i kommunene"
    ]


def test_search_with_special_characters_does_not_fail(conference, adviser, proposals):
    for q in ['"', "-", "( or", "a & b | !c", "'", "og", "%_"]:
        assert isinstance(titles(review_proposals(conference, adviser, q=q)), list)


def test_search_combines_with_the_filters(conference, adviser, proposals):
    # «skoler» in the abstract: a substring on SQLite, the same stem on PostgreSQL
    assert titles(review_proposals(conference, adviser, q="skole", state=S.DECLINED)) == [
        "Grønn industri"
    ]


def test_nobody_but_the_conference_advisers_gets_proposals(
    conference, proposals, editor, rival_editor, other_adviser
):
    for user in (editor, rival_editor, other_adviser):
        assert titles(review_proposals(conference, user, state=ALL_STATES)) == []
        assert state_counts(conference, user) == []
        assert list(waiting_for_decision(conference, user)) == []
        assert list(partners_without_proposals(conference, user)) == []
        assert list(open_change_requests(conference, user)) == []
        assert review_filter_choices(conference, user) == ([], [])


def test_filter_choices_are_the_plan_goals_and_the_partners(conference, adviser, proposals):
    goals, organisations = review_filter_choices(conference, adviser)
    assert [g.code for g in goals] == ["I1", "I2", "I3", "S1", "S2", "S3", "N1", "N2", "N3"]
    assert [o.slug for o in organisations] == ["nho", "skien"]


def test_state_counts_list_every_state_with_zeros(conference, adviser, proposals, partner_org):
    SessionFactory(conference=conference, owner=partner_org, state=S.SUBMITTED, goals=[goal("S1")])
    SessionFactory(conference=conference, owner=None, format=SessionFormat.BREAK, state=S.ACCEPTED)
    assert [(state, n) for state, _label, n in state_counts(conference, adviser)] == [
        ("draft", 1),
        ("submitted", 2),
        ("changes_requested", 1),
        ("accepted", 1),
        ("declined", 1),
        ("withdrawn", 0),
    ]


def test_partners_without_proposals_count_only_non_drafts(
    conference, adviser, partner_org, rival_org
):
    quiet = OrganisationFactory(name="Bamble kommune", slug="bamble")
    ConferencePartnerFactory(conference=conference, organisation=quiet)
    SessionFactory(conference=conference, owner=partner_org, state=S.DRAFT, goals=[goal("S1")])
    SessionFactory(conference=conference, owner=partner_org, state=S.DRAFT, goals=[goal("S1")])
    SessionFactory(conference=conference, owner=rival_org, state=S.SUBMITTED, goals=[goal("S1")])
    # a proposal in another conference does not count here
    SessionFactory(
        conference=another_conference(), owner=quiet, state=S.ACCEPTED, goals=[goal("S1")]
    )
    rows = partners_without_proposals(conference, adviser)
    assert [(row.organisation.name, row.drafts) for row in rows] == [
        ("Bamble kommune", 0),
        ("NHO Vestfold og Telemark", 2),
    ]


def test_waiting_for_decision_lists_submitted_items_oldest_first(conference, adviser, partner_org):
    now = timezone.now()
    for title, days in [("Ny", 1), ("Eldst", 10), ("Midt", 5)]:
        SessionFactory(
            conference=conference,
            owner=partner_org,
            title=title,
            state=S.SUBMITTED,
            submitted_at=now - dt.timedelta(days=days),
            goals=[goal("S1")],
        )
    SessionFactory(conference=conference, owner=partner_org, state=S.ACCEPTED, title="Avgjort")
    assert titles(waiting_for_decision(conference, adviser)) == ["Eldst", "Midt", "Ny"]


def test_open_change_requests_are_this_conference_open_ones_oldest_first(
    conference, adviser, editor, partner_org
):
    first, second, decided = (
        SessionFactory(conference=conference, owner=partner_org, title=title, goals=[goal("S1")])
        for title in ("A", "B", "C")
    )
    elsewhere = SessionFactory(
        conference=another_conference(), owner=partner_org, title="D", goals=[goal("S1")]
    )
    made = [
        ChangeRequest.objects.create(session=session, requested_by=editor, proposed={"title": "X"})
        for session in (second, first, elsewhere)
    ]
    ChangeRequest.objects.create(
        session=decided, proposed={"title": "Y"}, state=ChangeRequestState.REJECTED
    )
    assert list(open_change_requests(conference, adviser)) == made[:2]


def test_change_request_for_is_404_outside_the_conference_and_for_partners(
    conference, adviser, editor, partner_org
):
    session = SessionFactory(conference=conference, owner=partner_org, goals=[goal("S1")])
    change_request = ChangeRequest.objects.create(session=session, proposed={"title": "X"})
    assert change_request_for(conference, adviser, change_request.pk) == change_request
    with pytest.raises(Http404):
        change_request_for(conference, editor, change_request.pk)
    with pytest.raises(Http404):
        change_request_for(another_conference(), adviser, change_request.pk)
