import pytest
from django.urls import reverse

from conferences.enums import SessionState
from conferences.queries.coverage import goal_coverage
from tests.factories import SessionFactory, goal

pytestmark = pytest.mark.django_db
S = SessionState


def figures(conference):
    return {
        goal.code: (goal.proposed, goal.accepted, goal.minutes)
        for area in goal_coverage(conference)
        for goal in area.goals
    }


def test_coverage_counts_proposed_and_accepted_items_and_minutes(conference):
    SessionFactory(
        conference=conference, state=S.ACCEPTED, duration=60, goals=[goal("I1"), goal("I2")]
    )
    SessionFactory(conference=conference, state=S.SUBMITTED, duration=45, goals=[goal("I1")])
    SessionFactory(conference=conference, state=S.DRAFT, duration=30, goals=[goal("N1")])
    SessionFactory(conference=conference, state=S.DECLINED, duration=30, goals=[goal("N2")])
    SessionFactory(conference=conference, state=S.ACCEPTED, duration=90, goals=[goal("S3")])
    assert figures(conference) == {
        "I1": (2, 1, 60),
        "I2": (1, 1, 60),
        "I3": (0, 0, 0),
        "S1": (0, 0, 0),
        "S2": (0, 0, 0),
        "S3": (1, 1, 90),
        "N1": (0, 0, 0),
        "N2": (0, 0, 0),
        "N3": (0, 0, 0),
    }
    areas = {a.area.code: (a.accepted, a.minutes, a.uncovered) for a in goal_coverage(conference)}
    # the 60-minute item serves I1 and I2 but counts once for Inkluderende Telemark
    assert areas == {"I": (1, 60, 1), "S": (1, 90, 2), "N": (0, 0, 3)}


def test_another_conferences_items_do_not_count(conference):
    SessionFactory(state=S.ACCEPTED, goals=[goal("I1")])
    assert figures(conference)["I1"] == (0, 0, 0)


def test_coverage_page_marks_goals_nobody_serves(client, editor, conference):
    SessionFactory(conference=conference, state=S.ACCEPTED, goals=[goal("N3")])
    client.force_login(editor)
    client.cookies["moteplass_language"] = "en"
    editor.language = "en"
    editor.save()
    page = client.get(reverse("goal_coverage", args=[conference.slug])).content.decode()
    assert page.count("Not served by any accepted item") == 8
    assert '<tr id="coverage-N3">' in page


@pytest.mark.parametrize("count", [1, 5])
def test_coverage_queries(client, adviser, conference, count, django_assert_num_queries):
    for _ in range(count):
        SessionFactory(conference=conference, state=S.ACCEPTED, goals=[goal("I1"), goal("S2")])
    client.force_login(adviser)
    # session, user, memberships, conference, goals with figures, accepted items per area
    with django_assert_num_queries(6):
        client.get(reverse("goal_coverage", args=[conference.slug]))
