"""The programme item's state machine: every allowed and forbidden transition, the goal rule, the
record and the notices to the owning partners."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from conferences.domain.sessions import (
    TRANSITIONS,
    InvalidSessionTransition,
    set_session_state,
)
from conferences.enums import SessionFormat, SessionState
from conferences.models import OutboxMessage
from moteplass.audit import history_for
from tests.factories import SessionFactory, goal

pytestmark = pytest.mark.django_db

S = SessionState
ALL = [(a, b) for a in S.values for b in S.values if a != b]


@pytest.mark.parametrize("current,wanted", ALL)
def test_every_transition_is_allowed_or_refused(current, wanted, conference, adviser):
    session = SessionFactory(conference=conference, state=current, goals=[goal("S1")])
    if wanted in TRANSITIONS[current]:
        set_session_state(session, wanted, by=adviser, notify=False)
        session.refresh_from_db()
        assert session.state == wanted
        entry = history_for(session).get()
        assert (entry.user, entry.changes[0]["before"], entry.changes[0]["after"]) == (
            adviser,
            current,
            wanted,
        )
    else:
        with pytest.raises(InvalidSessionTransition):
            set_session_state(session, wanted, by=adviser, notify=False)
        session.refresh_from_db()
        assert session.state == current
        assert history_for(session).count() == 0


def test_a_content_item_without_a_goal_cannot_be_submitted(conference, adviser):
    session = SessionFactory(conference=conference, state=S.DRAFT, format=SessionFormat.PANEL)
    with pytest.raises(ValidationError) as error:
        set_session_state(session, S.SUBMITTED, by=adviser, notify=False)
    assert error.value.code == "goal_required"
    session.refresh_from_db()
    assert session.state == S.DRAFT


def test_acceptance_tells_every_member_of_the_owning_organisations_in_their_language(
    conference, adviser, editor, coordinator, partner_org, django_capture_on_commit_callbacks
):
    coordinator.language = "nn"
    coordinator.save()
    session = SessionFactory(
        conference=conference,
        owner=partner_org,
        state=S.SUBMITTED,
        title="Grønn omstilling i praksis",
        goals=[goal("N1")],
    )
    with django_capture_on_commit_callbacks(execute=True):
        set_session_state(session, S.ACCEPTED, by=adviser, note="Velkommen i programmet.")
    messages = OutboxMessage.objects.filter(role="proposal_accepted").order_by("to_email")
    assert [(m.to_email, m.language, m.state) for m in messages] == [
        ("koordinator@example.no", "nn", "sent"),
        ("redaktor@example.no", "nb", "sent"),
    ]
    assert messages[0].subject == "Framlegget «Grønn omstilling i praksis» er akseptert"
    assert "Velkommen i programmet." in messages[1].body
    assert len(mail.outbox) == 2


def test_admin_state_change_goes_through_the_transition_function(client, conference):
    from django.urls import reverse

    from partners.models import User

    superuser = User.objects.create_superuser("admin@example.no", "admin-passord-123")
    session = SessionFactory(conference=conference, state=S.SUBMITTED, goals=[goal("S1")])
    client.force_login(superuser)
    url = reverse("admin:conferences_session_change", args=[session.pk])
    data = {
        "conference": conference.pk,
        "title": session.title,
        "abstract": "",
        "language": "nb",
        "format": session.format,
        "duration": 45,
        "owner": session.owner_id,
        "goals": [goal("S1").pk],
        "state": S.ACCEPTED,
    }
    assert client.post(url, data).status_code == 302
    session.refresh_from_db()
    assert session.state == S.ACCEPTED
    assert [e.action for e in history_for(session)] == [
        "conferences.session.state",
        "admin.change",
    ]
    response = client.post(url, {**data, "state": S.DRAFT})  # accepted → draft is not allowed
    assert response.status_code == 200
    assert "state" in response.context["adminform"].form.errors
    session.refresh_from_db()
    assert session.state == S.ACCEPTED
