import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from conferences.enums import SessionFormat
from conferences.forms import SessionAdminForm
from conferences.models import Session
from conferences.validators import format_needs_goal, validate_session_goals
from tests.factories import OrganisationFactory, SessionFactory, goal

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "session_format",
    [SessionFormat.PLENARY, SessionFormat.PARALLEL, SessionFormat.WORKSHOP, SessionFormat.PANEL],
)
def test_content_session_without_goal_is_rejected(session_format):
    assert format_needs_goal(session_format) is True
    with pytest.raises(ValidationError) as error:
        validate_session_goals(session_format, [])
    assert error.value.code == "goal_required"


@pytest.mark.parametrize("session_format", [SessionFormat.BREAK, SessionFormat.SOCIAL])
def test_break_and_social_need_no_goal(session_format):
    assert format_needs_goal(session_format) is False
    validate_session_goals(session_format, [])


def test_content_session_with_one_goal_passes():
    validate_session_goals(SessionFormat.WORKSHOP, [goal("N1")])


def _admin_data(conference, **overrides):
    data = {
        "conference": conference.pk,
        "title": "Grønn omstilling i praksis",
        "abstract": "",
        "language": "nb",
        "format": SessionFormat.WORKSHOP,
        "duration": 60,
        "owner": OrganisationFactory().pk,
        "state": "submitted",
        "goals": [],
    }
    data.update(overrides)
    return data


def test_admin_form_rejects_workshop_without_goal(conference):
    form = SessionAdminForm(data=_admin_data(conference))
    with translation.override("en"):
        assert form.is_valid() is False
        assert form.errors["goals"] == [
            "Choose at least one main goal: every programme item with content serves one."
        ]
    assert Session.objects.count() == 0


def test_admin_form_accepts_workshop_with_goal_and_break_without(conference):
    with_goal = SessionAdminForm(data=_admin_data(conference, goals=[goal("N1").pk]))
    assert with_goal.is_valid(), with_goal.errors
    a_break = SessionAdminForm(
        data=_admin_data(conference, format=SessionFormat.BREAK, owner="", title="Lunsj")
    )
    assert a_break.is_valid(), a_break.errors


def test_duration_must_be_positive_in_database(conference):
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(conference=conference, duration=0)


def test_room_without_start_time_is_refused_by_database(conference, room):
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(conference=conference, room=room, start=None)


def test_content_session_without_owner_is_refused_by_database(conference):
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(conference=conference, owner=None, format=SessionFormat.PANEL)
    lunch = SessionFactory(conference=conference, owner=None, format=SessionFormat.BREAK)
    assert lunch.owner is None
