"""Partners' proposals in the domain: create, edit, change requests after acceptance, their
withdrawal and decision, comments. A failed call changes nothing; every change is recorded."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from conferences.domain.proposals import (
    ChangeRequestError,
    add_comment,
    content_of,
    create_proposal,
    edit_proposal,
    set_change_request_state,
)
from conferences.enums import ChangeRequestState, SessionState
from conferences.models import ChangeRequest, Comment, OutboxMessage, Session, Speaker
from conferences.models.core import ABSTRACT_MAX
from conferences.models.review import COMMENT_MAX
from moteplass.audit import history_for
from moteplass.models import ActivityLog
from tests.factories import SessionFactory, SpeakerFactory, goal

pytestmark = pytest.mark.django_db

S = SessionState
CR = ChangeRequestState


def content(**overrides):
    values = {
        "title": "Grønn omstilling i praksis",
        "abstract": "Hvordan bedrifter og kommuner kutter utslipp sammen.",
        "format": "workshop",
        "duration": 60,
        "audience": "Kommuner og næringsliv",
        "language": "nb",
        "needs": "Prosjektor",
        "goals": ["S1", "N2"],
        "speakers": [
            {"name": "Ola Nordmann", "title": "Daglig leder", "organisation": "NHO", "email": ""},
            {"name": "Kari Li", "title": "", "organisation": "", "email": "kari@example.no"},
        ],
    }
    values.update(overrides)
    return values


def counts():
    return (
        Session.objects.count(),
        Speaker.objects.count(),
        ChangeRequest.objects.count(),
        Comment.objects.count(),
    )


# create ----------------------------------------------------------------------------------------


def test_create_proposal_makes_a_draft_with_exactly_the_given_content(
    conference, partner_org, rival_org, editor
):
    session, created = create_proposal(
        conference=conference,
        owner=partner_org,
        by=editor,
        content=content(co_owners=[rival_org]),
        key=uuid.uuid4(),
    )
    assert created is True
    session.refresh_from_db()
    assert (session.state, session.owner, session.created_by) == (S.DRAFT, partner_org, editor)
    assert content_of(session) == {
        "title": "Grønn omstilling i praksis",
        "abstract": "Hvordan bedrifter og kommuner kutter utslipp sammen.",
        "format": "workshop",
        "duration": 60,
        "audience": "Kommuner og næringsliv",
        "language": "nb",
        "needs": "Prosjektor",
        "goals": ["N2", "S1"],
        "speakers": [
            {"name": "Ola Nordmann", "title": "Daglig leder", "organisation": "NHO", "email": ""},
            {"name": "Kari Li", "title": "", "organisation": "", "email": "kari@example.no"},
        ],
        "co_owners": [rival_org.pk],
    }
    entry = history_for(session).get()
    assert (entry.action, entry.user) == ("conferences.session.create", editor)
    assert {row["field"] for row in entry.changes} == {
        "title",
        "abstract",
        "format",
        "duration",
        "audience",
        "needs",
        "goals",
        "speakers",
        "co_owners",
        "language",
    }


def test_create_proposal_twice_with_the_same_key_returns_the_first(conference, partner_org, editor):
    key = uuid.uuid4()
    first, created = create_proposal(
        conference=conference, owner=partner_org, by=editor, content=content(), key=key
    )
    second, created_again = create_proposal(
        conference=conference,
        owner=partner_org,
        by=editor,
        content=content(title="Et annet forslag"),
        key=key,
    )
    assert (created, created_again, second.pk) == (True, False, first.pk)
    assert list(Session.objects.values_list("title", flat=True)) == ["Grønn omstilling i praksis"]
    assert Speaker.objects.count() == 2


@pytest.mark.parametrize(
    "overrides,code",
    [
        ({"goals": []}, "goal_required"),
        ({"abstract": "x" * (ABSTRACT_MAX + 1)}, "max_length"),
        ({"goals": ["S1", "X9"]}, "goals"),
        ({"title": ""}, "blank"),
        ({"duration": 0}, "min_value"),
    ],
    ids=["no-goal", "abstract-too-long", "unknown-goal", "no-title", "no-length"],
)
def test_create_proposal_with_bad_content_changes_nothing(
    conference, partner_org, editor, overrides, code
):
    before = counts()
    with pytest.raises(ValidationError) as error:
        create_proposal(
            conference=conference, owner=partner_org, by=editor, content=content(**overrides)
        )
    codes = {e.code for errors in getattr(error.value, "error_dict", {}).values() for e in errors}
    assert code in codes | {getattr(error.value, "code", None)}
    assert counts() == before


def test_create_proposal_with_a_bad_speaker_email_changes_nothing(conference, partner_org, editor):
    before = counts()
    speakers = [{"name": "Ola", "title": "", "organisation": "", "email": "ikke-en-adresse"}]
    with pytest.raises(ValidationError) as error:
        create_proposal(
            conference=conference,
            owner=partner_org,
            by=editor,
            content=content(speakers=speakers),
        )
    assert "email" in error.value.message_dict
    assert counts() == before


# edit ------------------------------------------------------------------------------------------


def proposal(conference, owner, state=S.DRAFT, **kwargs):
    return SessionFactory(
        conference=conference,
        owner=owner,
        state=state,
        title="Gammel tittel",
        audience="Alle",
        goals=[goal("S1")],
        **kwargs,
    )


def test_edit_proposal_applies_a_drafts_changes_and_records_them(conference, partner_org, editor):
    session = proposal(conference, partner_org)
    result = edit_proposal(
        session, by=editor, content={"title": "Ny tittel", "goals": ["S1", "I2"]}
    )
    session.refresh_from_db()
    assert session.title == "Ny tittel"
    assert sorted(g.code for g in session.goals.all()) == ["I2", "S1"]
    assert result.change_request is None
    entry = history_for(session).get()
    assert entry.action == "conferences.session.update"
    assert [(row["field"], row["before"], row["after"]) for row in entry.changes] == [
        ("title", "Gammel tittel", "Ny tittel"),
        ("goals", ["S1"], ["I2", "S1"]),
    ]


def test_edit_proposal_with_no_change_records_nothing(conference, partner_org, editor):
    session = proposal(conference, partner_org)
    result = edit_proposal(session, by=editor, content=content_of(session))
    assert result.applied == []
    assert history_for(session).count() == 0


def test_partner_edit_of_an_accepted_item_becomes_a_change_request(conference, partner_org, editor):
    session = proposal(conference, partner_org, state=S.ACCEPTED)
    result = edit_proposal(
        session,
        by=editor,
        content={"title": "Ny tittel", "goals": ["S1", "S2"], "audience": "Kommuner"},
    )
    session.refresh_from_db()
    # reviewed fields wait for the advisers, the rest applies at once
    assert (session.title, session.audience) == ("Gammel tittel", "Kommuner")
    assert [g.code for g in session.goals.all()] == ["S1"]
    change_request = ChangeRequest.objects.get()
    assert result.change_request == change_request
    assert (change_request.state, change_request.requested_by) == (CR.OPEN, editor)
    assert change_request.proposed == {"title": "Ny tittel", "goals": ["S1", "S2"]}
    assert change_request.original == {"title": "Gammel tittel", "goals": ["S1"]}
    assert [entry.action for entry in history_for(session)] == [
        "conferences.session.change_requested",
        "conferences.session.update",
    ]


def test_a_second_edit_updates_the_open_change_request_and_putting_back_withdraws_it(
    conference, partner_org, editor
):
    session = proposal(conference, partner_org, state=S.ACCEPTED)
    edit_proposal(session, by=editor, content={"title": "Ny tittel"})
    edit_proposal(session, by=editor, content={"title": "Enda nyere tittel"})
    change_request = ChangeRequest.objects.get()
    assert change_request.proposed == {"title": "Enda nyere tittel"}
    edit_proposal(session, by=editor, content={"title": "Gammel tittel"})
    change_request.refresh_from_db()
    assert change_request.state == CR.WITHDRAWN
    assert ChangeRequest.objects.count() == 1


def test_an_invalid_change_to_an_accepted_item_changes_nothing(conference, partner_org, editor):
    session = proposal(conference, partner_org, state=S.ACCEPTED)
    with pytest.raises(ValidationError):
        edit_proposal(session, by=editor, content={"audience": "Kommuner", "goals": []})
    session.refresh_from_db()
    assert session.audience == "Alle"
    assert ChangeRequest.objects.count() == 0
    assert history_for(session).count() == 0


def test_partner_edit_after_the_lock_date_is_refused(conference, partner_org, editor):
    conference.changes_lock = timezone.now() - dt.timedelta(hours=1)
    conference.save()
    session = proposal(conference, partner_org, state=S.ACCEPTED)
    with pytest.raises(ChangeRequestError) as error:
        edit_proposal(session, by=editor, content={"title": "Ny tittel", "audience": "Kommuner"})
    assert str(error.value.message) == (
        "Det er ikke lenger mulig å endre godtatte programposter. Ta kontakt med rådgiverne."
    )
    session.refresh_from_db()
    assert (session.title, session.audience) == ("Gammel tittel", "Alle")
    assert ChangeRequest.objects.count() == 0


def test_adviser_edit_of_an_accepted_item_applies_at_once(conference, partner_org, adviser):
    session = proposal(conference, partner_org, state=S.ACCEPTED)
    result = edit_proposal(session, by=adviser, content={"title": "Ny tittel"})
    session.refresh_from_db()
    assert session.title == "Ny tittel"
    assert result.change_request is None
    assert ChangeRequest.objects.count() == 0


def test_removing_a_speaker_deletes_a_speaker_of_no_other_item(conference, partner_org, editor):
    session = proposal(conference, partner_org)
    kept, dropped = SpeakerFactory(conference=conference), SpeakerFactory(conference=conference)
    shared = SpeakerFactory(conference=conference)
    session.speakers.set([kept, dropped, shared])
    SessionFactory(conference=conference, owner=partner_org).speakers.set([shared])
    row = {"name": kept.name, "title": "", "organisation": "", "email": ""}
    edit_proposal(session, by=editor, content={"speakers": [row]})
    assert [s.name for s in session.speakers.all()] == [kept.name]
    assert set(Speaker.objects.values_list("pk", flat=True)) == {kept.pk, shared.pk}


# change requests -------------------------------------------------------------------------------


def open_request(conference, partner_org, editor):
    session = proposal(conference, partner_org, state=S.ACCEPTED)
    return edit_proposal(session, by=editor, content={"title": "Ny tittel"}).change_request


def test_partner_withdraws_their_change_request(conference, partner_org, editor):
    change_request = open_request(conference, partner_org, editor)
    set_change_request_state(change_request, CR.WITHDRAWN, by=editor)
    change_request.refresh_from_db()
    assert (change_request.state, change_request.decided_by) == (CR.WITHDRAWN, editor)
    assert change_request.session.title == "Gammel tittel"
    assert history_for(change_request.session).first().action == (
        "conferences.session.change_withdrawn"
    )
    with pytest.raises(ChangeRequestError) as error:
        set_change_request_state(change_request, CR.WITHDRAWN, by=editor)
    assert str(error.value.message) == "Denne endringsforespørselen er allerede behandlet."


def test_a_partner_cannot_approve_a_change_request(conference, partner_org, editor):
    change_request = open_request(conference, partner_org, editor)
    with pytest.raises(ChangeRequestError):
        set_change_request_state(change_request, CR.APPROVED, by=editor)
    change_request.refresh_from_db()
    assert change_request.state == CR.OPEN
    assert Session.objects.get().title == "Gammel tittel"


def test_an_approved_change_applies_and_tells_the_owners(
    conference, partner_org, editor, adviser, django_capture_on_commit_callbacks
):
    change_request = open_request(conference, partner_org, editor)
    with django_capture_on_commit_callbacks(execute=True):
        set_change_request_state(change_request, CR.APPROVED, by=adviser, reason="Fint.")
    assert Session.objects.get().title == "Ny tittel"
    assert list(
        OutboxMessage.objects.filter(role="change_request_decided").values_list(
            "to_email", flat=True
        )
    ) == ["redaktor@example.no"]


# comments --------------------------------------------------------------------------------------


def test_add_comment_saves_the_text(conference, partner_org, editor):
    session = proposal(conference, partner_org)
    comment = add_comment(session, by=editor, text="  Kan vi få en større sal?  ")
    assert (comment.text, comment.internal, comment.author) == (
        "Kan vi få en større sal?",
        False,
        editor,
    )


def test_only_advisers_write_internal_notes(conference, partner_org, editor, adviser):
    session = proposal(conference, partner_org)
    with pytest.raises(ValidationError):
        add_comment(session, by=editor, text="Hemmelig", internal=True)
    assert Comment.objects.count() == 0
    note = add_comment(session, by=adviser, text="Intern vurdering", internal=True)
    assert note.internal is True


@pytest.mark.parametrize("text", ["   ", "x" * (COMMENT_MAX + 1)], ids=["empty", "too-long"])
def test_a_bad_comment_changes_nothing(conference, partner_org, editor, text):
    session = proposal(conference, partner_org)
    with pytest.raises(ValidationError):
        add_comment(session, by=editor, text=text)
    assert Comment.objects.count() == 0


def test_editing_a_shared_speaker_never_changes_another_items_speaker(
    conference, partner_org, rival_org, editor
):
    from conferences.domain.proposals import edit_proposal
    from tests.factories import SpeakerFactory

    shared = SpeakerFactory(conference=conference, name="Delt Innleder")
    mine = SessionFactory(
        conference=conference, owner=partner_org, state="draft", goals=[goal("S1")]
    )
    theirs = SessionFactory(
        conference=conference, owner=rival_org, state="draft", goals=[goal("S1")]
    )
    mine.speakers.set([shared])
    theirs.speakers.set([shared])

    edit_proposal(mine, by=editor, content={"speakers": [{"name": "Ny Person"}]})

    assert [s.name for s in theirs.speakers.all()] == ["Delt Innleder"]
    assert [s.name for s in mine.speakers.all()] == ["Ny Person"]
    shared.refresh_from_db()
    assert shared.name == "Delt Innleder"


def test_leaving_accepted_withdraws_the_open_change_request(conference, partner_org, adviser):
    from conferences.domain.sessions import set_session_state
    from conferences.models import ChangeRequest

    session = SessionFactory(
        conference=conference, owner=partner_org, state="accepted", goals=[goal("S1")]
    )
    request = ChangeRequest.objects.create(session=session, proposed={"title": "Ny"})

    set_session_state(session, "withdrawn", by=adviser, notify=False)

    request.refresh_from_db()
    session.refresh_from_db()
    assert (request.state, session.title != "Ny") == ("withdrawn", True)


def test_comments_are_logged_for_the_conference_not_in_the_items_history(
    client, conference, partner_org, editor, adviser
):
    session = proposal(conference, partner_org)
    comment = add_comment(session, by=editor, text="Kan vi få en større sal?")
    note = add_comment(session, by=adviser, text="Intern vurdering", internal=True)

    entries = ActivityLog.objects.filter(conference=conference).order_by("pk")
    assert [(e.action, e.object_id, e.user, e.data) for e in entries] == [
        ("conferences.comment.add", comment.pk, editor, {"session": session.pk}),
        ("conferences.comment.internal", note.pk, adviser, {"session": session.pk}),
    ]
    # the partner reads the item's history: no trace of the internal note there
    assert list(history_for(session)) == []
    client.force_login(editor)
    page = client.get(
        reverse("proposal_detail", args=[conference.slug, session.pk])
    ).content.decode()
    assert "Intern vurdering" not in page and "internt notat" not in page
    # the conference's advisers read both in its log
    client.force_login(adviser)
    log = client.get(reverse("activity_log", args=[conference.slug])).content.decode()
    assert "Kommenterte forslaget" in log
    assert "Skrev et internt notat om forslaget" in log
