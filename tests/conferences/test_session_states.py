"""The programme item's state machine: every allowed and forbidden transition, the goal rule, the
record and the notices to the owning partners."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from conferences.domain.sessions import (
    TRANSITIONS,
    CallClosed,
    InvalidSessionTransition,
    set_session_state,
)
from conferences.enums import SessionFormat, SessionState
from conferences.models import OutboxMessage, Session
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
    from tests.factories.partners import enrol_authenticator

    superuser = User.objects.create_superuser("admin@example.no", "admin-passord-123")
    enrol_authenticator(superuser)  # staff use two factors
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


def closed_call(conference):
    now = timezone.now()
    conference.call_opens = now - dt.timedelta(days=30)
    conference.call_closes = now - dt.timedelta(minutes=1)
    conference.save()


def test_a_partner_submits_a_draft_while_the_call_is_open(conference, editor, partner_org):
    now = timezone.now()
    conference.call_opens, conference.call_closes = (
        now - dt.timedelta(days=1),
        now + dt.timedelta(1),
    )
    conference.save()
    session = SessionFactory(
        conference=conference, owner=partner_org, state=S.DRAFT, goals=[goal("S1")]
    )

    set_session_state(session, S.SUBMITTED, by=editor, notify=False)

    session.refresh_from_db()
    assert session.state == S.SUBMITTED
    assert now <= session.submitted_at <= timezone.now()


@pytest.mark.parametrize("current", [S.DRAFT, S.DECLINED])
def test_after_the_close_date_a_partner_cannot_submit_a_new_proposal(
    conference, editor, partner_org, current
):
    closed_call(conference)
    session = SessionFactory(
        conference=conference, owner=partner_org, state=current, goals=[goal("S1")]
    )

    with pytest.raises(CallClosed) as error:
        set_session_state(session, S.SUBMITTED, by=editor, notify=False)

    with translation.override("en"):
        assert str(error.value.message) == (
            "The call for proposals is not open, so new proposals cannot be submitted."
        )
    session.refresh_from_db()
    assert (session.state, session.submitted_at, history_for(session).count()) == (
        current,
        None,
        0,
    )


def test_after_the_close_date_advisers_still_submit_and_partners_resubmit_asked_changes(
    conference, editor, adviser, partner_org
):
    closed_call(conference)
    draft = SessionFactory(
        conference=conference, owner=partner_org, state=S.DRAFT, goals=[goal("S1")]
    )
    asked = SessionFactory(
        conference=conference,
        owner=partner_org,
        state=S.CHANGES_REQUESTED,
        goals=[goal("S1")],
    )

    set_session_state(draft, S.SUBMITTED, by=adviser, notify=False)
    set_session_state(asked, S.SUBMITTED, by=editor, notify=False)

    assert {s.state for s in Session.objects.filter(pk__in=[draft.pk, asked.pk])} == {S.SUBMITTED}


def test_submitting_twice_says_it_is_already_submitted(conference, adviser):
    session = SessionFactory(conference=conference, state=S.SUBMITTED, goals=[goal("S1")])
    with pytest.raises(InvalidSessionTransition) as error:
        set_session_state(session, S.SUBMITTED, by=adviser, notify=False)
    with translation.override("nn"):
        assert str(error.value.message) == "Framlegget er allereie sendt inn."


def test_asking_for_changes_tells_the_partners_why_and_where(
    conference, adviser, coordinator, partner_org, django_capture_on_commit_callbacks
):
    coordinator.language = "nn"
    coordinator.save()
    session = SessionFactory(
        conference=conference,
        owner=partner_org,
        state=S.SUBMITTED,
        title="Fjellvegar",
        goals=[goal("S1")],
    )
    with django_capture_on_commit_callbacks(execute=True):
        set_session_state(session, S.CHANGES_REQUESTED, by=adviser, note="Kort ned til 45 min.")

    message = OutboxMessage.objects.get(role="proposal_changes_requested")
    assert message.to_email == "koordinator@example.no"
    assert message.subject == "Endringar ønskte i framlegget «Fjellvegar»"
    assert "Kort ned til 45 min." in message.body
    assert f"/partner/{conference.slug}/proposals/{session.pk}/" in message.body
