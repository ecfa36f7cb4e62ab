"""Hostile input against the partner area: a partner editor's new proposal, the edit of their
draft (speakers formset included), comments and state changes."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import event, given
from hypothesis import strategies as st

from conferences.domain.proposals import FIELDS, content_of, normalise
from conferences.enums import SessionFormat, SessionState
from conferences.forms.proposals import CommentForm, ProposalForm, partner_formats
from conferences.models import Comment, Session
from conferences.queries.proposals import owner_choices, partner_organisations, plan_goals
from partners.queries import network_choices
from tests.factories import NetworkFactory, SessionFactory, goal
from tests.property.conftest import (
    any_integer_text,
    as_data,
    assert_unchanged,
    checked,
    database_state,
    field,
    form,
    hostile_text,
    isolated,
    new_client,
    post_form,
)

pytestmark = pytest.mark.django_db

S = SessionState
PARTNER_FORMATS = [value for value, _label in partner_formats()]
GOALS = ["S1", "S2", "N1", "I1"]


@pytest.fixture
def call(conference, partner_org, rival_org):
    """An open call; NHO proposes, Skien kommune is the other partner, one network exists."""
    now = timezone.now()
    conference.call_opens = now - dt.timedelta(days=7)
    conference.call_closes = now + dt.timedelta(days=14)
    conference.save()
    network = NetworkFactory(name="Hydrogennettverket")
    return {"conference": conference, "owner": partner_org, "rival": rival_org, "network": network}


@pytest.fixture
def draft(call):
    session = SessionFactory(
        conference=call["conference"],
        owner=call["owner"],
        state=S.DRAFT,
        title="Grønn omstilling",
        format=SessionFormat.WORKSHOP,
        goals=[goal("S1")],
    )
    return session


def speaker_fields(count: int = 3) -> dict:
    numbers = st.one_of(st.sampled_from(["0", "1", "2", "3"]), any_integer_text(), hostile_text)
    fields = {
        "speakers-TOTAL_FORMS": field(st.just(str(count)), hostile=numbers),
        "speakers-INITIAL_FORMS": field(st.just("0"), hostile=numbers),
        "speakers-MIN_NUM_FORMS": field(st.just("0"), hostile=numbers),
        "speakers-MAX_NUM_FORMS": field(st.just("20"), hostile=numbers),
    }
    for index in range(count):
        prefix = f"speakers-{index}-"
        fields[prefix + "name"] = field(st.sampled_from(["", "Ola Nordmann", "Áile Ŋuolja"]))
        fields[prefix + "title"] = field(st.sampled_from(["", "Dagleg leiar"]))
        fields[prefix + "organisation"] = field(st.sampled_from(["", "NHO"]))
        fields[prefix + "email"] = field(
            st.one_of(st.sampled_from(["", "ola@example.no"]), st.emails()),
            hostile=st.one_of(hostile_text, st.just("a" * 250 + "@example.no")),
        )
        fields[prefix + "DELETE"] = field(st.sampled_from(["", "on"]))
    return fields


def proposal_fields(call, *, creating: bool) -> dict:
    ids = st.one_of(hostile_text, any_integer_text())
    owner, rival, network = call["owner"], call["rival"], call["network"]
    fields = {
        "title": field(st.sampled_from(["Grønn omstilling i praksis", "Hydrogen i Grenland"])),
        "abstract": field(st.sampled_from(["Korleis kutte utslepp saman.", "Kort om posten."])),
        "format": field(st.sampled_from(PARTNER_FORMATS)),
        "duration": field(st.sampled_from(["45", "60", "90"]), hostile=any_integer_text()),
        "audience": field(st.sampled_from(["", "Kommunar og næringsliv"])),
        "language": field(st.sampled_from(["nb", "nn", "en"])),
        "goals": field(st.lists(st.sampled_from(GOALS), min_size=1, max_size=3, unique=True)),
        "co_owners": field(st.sampled_from([[], [str(rival.pk)], [str(owner.pk)]]), hostile=ids),
        "network": field(st.sampled_from(["", str(network.pk)]), hostile=ids),
        "needs": field(st.sampled_from(["", "Prosjektor"])),
        "submit": field(st.just("1")),
        **speaker_fields(),
    }
    if creating:
        fields["owner"] = field(st.just(str(owner.pk)), hostile=ids)
        fields["key"] = field(st.uuids(version=4).map(str), hostile=st.one_of(hostile_text, ids))
    return fields


def proposal_form(call, editor, data, **kwargs) -> ProposalForm:
    conference = call["conference"]
    return ProposalForm(
        data=as_data(data),
        goals=plan_goals(conference),
        partners=partner_organisations(conference),
        formats=partner_formats(kwargs.pop("current", None)),
        **kwargs,
    )


def assert_content(session: Session, cleaned: ProposalForm) -> None:
    """The proposal holds exactly the content the form cleaned (read back from the database)."""
    session = Session.objects.get(pk=session.pk)
    stored = content_of(session)
    wanted = normalise(cleaned.content())
    assert {name: stored[name] for name in FIELDS} == {name: wanted[name] for name in FIELDS}
    assert stored["goals"] == wanted["goals"]
    assert stored["speakers"] == wanted["speakers"]
    co_owners = set(wanted.get("co_owners", [])) - {session.owner_id}
    assert set(stored["co_owners"]) == co_owners
    assert stored.get("network") == wanted.get("network")


@given(data=st.data())
def test_new_proposal_never_fails_and_saves_everything_or_nothing(call, editor, data):
    conference = call["conference"]
    post = data.draw(form(proposal_fields(call, creating=True)))
    url = reverse("proposal_create", args=[conference.slug])
    with isolated():
        client = new_client(editor)
        existing = set(Session.objects.values_list("pk", flat=True))
        response = post_form(client, url, post)
        if response is None:
            return
        assert response.status_code == 302
        [session] = Session.objects.exclude(pk__in=existing)
        assert response["Location"] == reverse(
            "proposal_detail", args=[conference.slug, session.pk]
        )
        cleaned = proposal_form(
            call,
            editor,
            post,
            owners=owner_choices(conference, editor),
            networks=network_choices([call["owner"].pk]),
        )
        assert cleaned.is_valid()
        assert_content(session, cleaned)
        assert session.owner == call["owner"]
        assert session.state == (S.SUBMITTED if "submit" in post else S.DRAFT)


@given(data=st.data())
def test_editing_a_draft_never_fails_and_saves_everything_or_nothing(call, editor, draft, data):
    conference = call["conference"]
    post = data.draw(form(proposal_fields(call, creating=False)))
    url = reverse("proposal_edit", args=[conference.slug, draft.pk])
    with isolated():
        client = new_client(editor)
        response = post_form(client, url, post)
        if response is None:
            return
        assert response.status_code == 302
        cleaned = proposal_form(
            call,
            editor,
            post,
            current=draft.format,
            initial={"owner": draft.owner_id},
            networks=network_choices([draft.owner_id]),
        )
        assert cleaned.is_valid()
        assert_content(draft, cleaned)


def same_site(location: str) -> bool:
    parts = urlsplit(location)
    return not parts.scheme and not parts.netloc and location.startswith("/")


comments = form(
    {
        "text": field(st.sampled_from(["Fint forslag!", "Kan de korte ned innleiinga?"])),
        "internal": field(st.sampled_from(["", "on"])),
        "next": field(
            st.sampled_from(["", "/adviser/", "https://evil.example/", "//evil.example/x"]),
            hostile=st.one_of(hostile_text, st.just("\\\\evil.example"), st.just("/\\evil")),
        ),
    }
)


@given(post=comments)
def test_comment_never_fails_saves_the_whole_comment_or_nothing_and_stays_on_the_site(
    call, editor, draft, post
):
    url = reverse("proposal_comment", args=[call["conference"].slug, draft.pk])
    with isolated():
        client = new_client(editor)
        before = database_state()
        response = checked(client.post(url, post))
        assert response.status_code == 302
        assert same_site(response["Location"]), response["Location"]
        new = list(Comment.objects.filter(session=draft))
        event("saved" if new else "refused")
        if not new:
            assert_unchanged(before, database_state(), response)
            return
        cleaned = CommentForm(as_data(post))
        assert cleaned.is_valid()
        [comment] = new
        assert comment.text == cleaned.cleaned_data["text"]
        assert comment.internal is False  # a partner never writes internal notes


states = form(
    {
        "state": field(st.sampled_from(["submitted", "withdrawn", "draft"])),
        "change_request": field(st.just("withdrawn")),
    }
)


@given(post=states)
def test_state_change_never_fails_and_moves_only_along_the_state_machine(call, editor, draft, post):
    url = reverse("proposal_state", args=[call["conference"].slug, draft.pk])
    with isolated():
        client = new_client(editor)
        before = database_state()
        response = checked(client.post(url, post))
        assert response.status_code == 302
        state = Session.objects.get(pk=draft.pk).state
        event(f"{draft.state} → {state}")
        if state == draft.state:
            assert_unchanged(before, database_state(), response)
        else:
            assert state in (S.SUBMITTED, S.WITHDRAWN)
            assert as_data(post).get("state") == state


@pytest.mark.parametrize(
    "target", ["0", "home", "partner_home", "https://evil.example/", "//evil.example/", "/\\evil"]
)
def test_comment_with_a_next_that_is_not_a_path_here_goes_back_to_the_proposal(
    call, editor, draft, target
):
    """Regression: ``next=0`` was taken for a view's name by redirect() (NoReverseMatch, a 500),
    and ``next=home`` went to the home page."""
    url = reverse("proposal_comment", args=[call["conference"].slug, draft.pk])
    response = checked(new_client(editor).post(url, {"text": "Fint forslag!", "next": target}))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "proposal_detail", args=[call["conference"].slug, draft.pk]
    )
    assert list(Comment.objects.filter(session=draft).values_list("text", flat=True)) == [
        "Fint forslag!"
    ]


def test_comment_goes_back_to_a_path_on_the_site(call, editor, draft):
    url = reverse("proposal_comment", args=[call["conference"].slug, draft.pk])
    target = reverse("partner_dashboard", args=[call["conference"].slug]) + "?x=1#c"
    response = checked(new_client(editor).post(url, {"text": "Fint!", "next": target}))
    assert response["Location"] == target
