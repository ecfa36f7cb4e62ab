"""The advisers' review pages: overview, filtered list, one proposal with comments, decisions and
history, and change requests side by side."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from conferences.enums import ChangeRequestState, SessionFormat, SessionState
from conferences.models import ChangeRequest, Comment, OutboxMessage, Session
from conferences.views.review import version_of, word_diff
from moteplass.audit import history_for, log_action
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
CR = ChangeRequestState


def detail_url(proposal):
    return reverse("review_detail", args=[proposal.conference.slug, proposal.pk])


def change_request_url(change_request):
    return reverse(
        "change_request_review",
        args=[change_request.session.conference.slug, change_request.pk],
    )


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def outbox(role=None):
    messages = OutboxMessage.objects.order_by("to_email")
    if role:
        messages = messages.filter(role=role)
    return list(messages)


@pytest.fixture
def proposal(conference, partner_org):
    return SessionFactory(
        conference=conference,
        owner=partner_org,
        title="Grønn omstilling i praksis",
        state=S.SUBMITTED,
        submitted_at=timezone.now(),
        goals=[goal("N1")],
    )


@pytest.fixture
def members(editor, coordinator):
    """The owning organisation's members: the editor writes bokmål, the coordinator nynorsk."""
    coordinator.language = "nn"
    coordinator.save()
    return editor, coordinator


def decide(client, proposal, state, note="", seen=None):
    return client.post(
        detail_url(proposal),
        {"state": state, "note": note, "seen_state": seen or proposal.state},
    )


# The overview ---------------------------------------------------------------------------------


def test_overview_shows_exact_counts_waiting_items_silent_partners_and_change_requests(
    client_as, conference, partner_org, rival_org, editor
):
    now = timezone.now()
    older = SessionFactory(
        conference=conference,
        owner=partner_org,
        title="Eldre forslag",
        state=S.SUBMITTED,
        submitted_at=now - dt.timedelta(days=3),
        goals=[goal("S1")],
    )
    newer = SessionFactory(
        conference=conference,
        owner=partner_org,
        title="Nytt forslag",
        state=S.SUBMITTED,
        submitted_at=now,
        goals=[goal("S1")],
    )
    accepted = SessionFactory(
        conference=conference, owner=partner_org, state=S.ACCEPTED, goals=[goal("S2")]
    )
    SessionFactory(conference=conference, owner=rival_org, state=S.DRAFT, goals=[goal("S2")])
    change_request = ChangeRequest.objects.create(
        session=accepted, requested_by=editor, proposed={"title": "Ny"}, original={}
    )

    response = client_as("adviser").get(reverse("review_overview", args=[conference.slug]))

    overview = response.context["overview"]
    assert [(state, n) for state, _label, n in overview.counts] == [
        ("draft", 1),
        ("submitted", 2),
        ("changes_requested", 0),
        ("accepted", 1),
        ("declined", 0),
        ("withdrawn", 0),
    ]
    assert overview.total == 4
    assert overview.waiting == [older, newer]
    assert [(p.organisation.slug, p.drafts) for p in overview.partners_without_proposals] == [
        ("skien", 1)
    ]
    assert overview.change_requests == [change_request]
    body = response.content.decode()
    assert detail_url(older) in body
    assert change_request_url(change_request) in body
    assert 'data-state="withdrawn"' in body  # a zero row is shown


def test_the_adviser_dashboard_and_the_conference_menu_link_the_review(
    client_as, conference, editor
):
    client = client_as("adviser")
    overview = reverse("review_overview", args=[conference.slug])
    assert overview in client.get(reverse("adviser_dashboard")).content.decode()
    settings_page = client.get(reverse("conference_edit", args=[conference.slug]))
    assert reverse("review_list", args=[conference.slug]) in settings_page.content.decode()


def test_the_conference_menu_has_no_review_links_for_partners(client_as, conference, editor):
    page = client_as("editor").get(reverse("conference_edit", args=[conference.slug]))
    assert page.status_code == 200
    assert reverse("review_overview", args=[conference.slug]) not in page.content.decode()


# The list -------------------------------------------------------------------------------------


@pytest.fixture
def listed(conference, partner_org, rival_org):
    SessionFactory(
        conference=conference,
        owner=partner_org,
        title="Klimatilpasning i kommunene",
        state=S.SUBMITTED,
        format=SessionFormat.WORKSHOP,
        goals=[goal("N3")],
    )
    SessionFactory(
        conference=conference,
        owner=rival_org,
        title="Skole og arbeidsliv",
        state=S.ACCEPTED,
        format=SessionFormat.PANEL,
        goals=[goal("S2")],
    )
    SessionFactory(
        conference=conference,
        owner=rival_org,
        title="Et utkast",
        state=S.DRAFT,
        format=SessionFormat.PANEL,
        goals=[goal("S2")],
    )


def listed_titles(response):
    return [proposal.title for proposal in response.context["proposals"]]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("", ["Klimatilpasning i kommunene", "Skole og arbeidsliv"]),
        ("?state=all", ["Et utkast", "Klimatilpasning i kommunene", "Skole og arbeidsliv"]),
        ("?state=accepted", ["Skole og arbeidsliv"]),
        ("?format=workshop", ["Klimatilpasning i kommunene"]),
        ("?focus_area=N", ["Klimatilpasning i kommunene"]),
        ("?goal=S2", ["Skole og arbeidsliv"]),
        ("?goal=S2&state=all", ["Et utkast", "Skole og arbeidsliv"]),
        ("?partner=nho", ["Klimatilpasning i kommunene"]),
        ("?q=klima", ["Klimatilpasning i kommunene"]),
        ("?q=klima&partner=skien", []),
    ],
)
def test_review_list_filters(client_as, conference, listed, query, expected):
    response = client_as("adviser").get(reverse("review_list", args=[conference.slug]) + query)
    assert response.status_code == 200
    assert listed_titles(response) == expected
    assert response.context["page_obj"].paginator.count == len(expected)
    assert f'data-result-count="{len(expected)}"' in response.content.decode()


def test_review_list_ignores_bad_filter_values_and_shows_why(client_as, conference, listed):
    url = reverse("review_list", args=[conference.slug])
    response = client_as("adviser").get(
        url + "?state=bogus&format=panel&goal=ZZ&partner=nobody&focus_area=Q&page=x&q=" + "a" * 300
    )
    assert response.status_code == 200
    form = response.context["filter_form"]
    assert sorted(form.errors) == ["focus_area", "goal", "partner", "q", "state"]
    # the valid filter still applies, the state falls back to "all but drafts"
    assert listed_titles(response) == ["Skole og arbeidsliv"]
    assert "data-error-summary" in response.content.decode()


def test_review_list_shows_the_row_details(client_as, conference, partner_org, rival_org):
    proposal = SessionFactory(
        conference=conference,
        owner=partner_org,
        title="Samarbeid <på tvers>",
        state=S.SUBMITTED,
        format=SessionFormat.PANEL,
        duration=75,
        submitted_at=timezone.make_aware(dt.datetime(2031, 2, 3, 10, 0)),
        goals=[goal("S1"), goal("I1")],
    )
    proposal.co_owners.add(rival_org)
    body = client_as("adviser").get(reverse("review_list", args=[conference.slug])).content
    body = body.decode()
    assert detail_url(proposal) in body
    assert "Samarbeid &lt;på tvers&gt;" in body
    assert "Skien kommune" in body
    assert "<td>75</td>" in body
    assert "03.02.2031" in body


def test_review_list_paginates(client_as, conference, partner_org):
    for n in range(55):
        SessionFactory(
            conference=conference,
            owner=partner_org,
            title=f"Forslag {n:02d}",
            state=S.SUBMITTED,
            goals=[goal("S1")],
        )
    url = reverse("review_list", args=[conference.slug])
    client = client_as("adviser")
    first = client.get(url + "?format=parallel")
    second = client.get(url + "?format=parallel&page=2")
    assert len(first.context["proposals"]) == 50
    assert listed_titles(second) == [f"Forslag {n}" for n in range(50, 55)]
    assert "?format=parallel&amp;page=2" in first.content.decode()


# One proposal ---------------------------------------------------------------------------------


def test_review_detail_shows_content_comments_and_internal_notes(
    client_as, conference, proposal, adviser, editor, rival_org
):
    proposal.abstract = "Første avsnitt.\n\nAndre avsnitt."
    proposal.audience = "Kommuner"
    proposal.needs = "Prosjektor"
    proposal.save()
    proposal.goals.add(goal("I2"))
    proposal.co_owners.add(rival_org)
    proposal.speakers.add(SpeakerFactory(conference=conference, name="Åse Bø", title="leder"))
    Comment.objects.create(session=proposal, author=editor, text="Spørsmål fra partneren")
    Comment.objects.create(session=proposal, author=adviser, text="Bare for oss", internal=True)

    response = client_as("adviser").get(detail_url(proposal))

    assert [c.text for c in response.context["comments"]] == [
        "Spørsmål fra partneren",
        "Bare for oss",
    ]
    assert [
        (area.code, [g.code for g in goals]) for area, goals in response.context["goal_groups"]
    ] == [("I", ["I2"]), ("N", ["N1"])]
    body = response.content.decode()
    for text in ("Første avsnitt.", "Kommuner", "Prosjektor", "Åse Bø", "Skien kommune"):
        assert text in body
    assert body.count("data-internal") == 1
    internal = body[body.index("data-internal") :]
    assert internal.index("Bare for oss") > 0
    with translation.override("nb"):
        marker = translation.gettext("Internal note – only advisers see this")
    assert marker in internal[: internal.index("Bare for oss")]


def test_review_detail_comment_form_posts_to_the_partner_comment_view(
    client_as, conference, proposal
):
    body = client_as("adviser").get(detail_url(proposal)).content.decode()
    action = reverse("proposal_comment", args=[conference.slug, proposal.pk])
    assert f'action="{action}"' in body
    assert f'name="next" value="{detail_url(proposal)}"' in body
    assert 'name="text"' in body
    assert 'name="internal"' in body


@pytest.mark.parametrize(
    "state,offered",
    [
        (S.DRAFT, []),
        (S.SUBMITTED, [S.ACCEPTED, S.CHANGES_REQUESTED, S.DECLINED]),
        (S.CHANGES_REQUESTED, []),
        (S.ACCEPTED, [S.DECLINED]),
        (S.DECLINED, []),
        (S.WITHDRAWN, []),
    ],
)
def test_review_detail_offers_the_adviser_decisions_of_the_state(
    client_as, conference, partner_org, state, offered
):
    proposal = SessionFactory(
        conference=conference, owner=partner_org, state=state, goals=[goal("S1")]
    )
    response = client_as("adviser").get(detail_url(proposal))
    form = response.context["decision_form"]
    assert [value for value, _label in form.offered] == offered
    assert ('name="seen_state"' in response.content.decode()) is bool(offered)


def test_review_detail_is_404_for_an_item_of_another_conference_or_without_owner(
    client_as, conference, partner_org
):
    other = ConferenceFactory(title="Annen", slug="annen", year=2040)
    elsewhere = SessionFactory(conference=other, owner=partner_org, goals=[goal("S1")])
    pause = SessionFactory(conference=conference, owner=None, format=SessionFormat.BREAK)
    client = client_as("adviser")
    assert (
        client.get(reverse("review_detail", args=[conference.slug, elsewhere.pk])).status_code
        == 404
    )
    assert client.get(detail_url(pause)).status_code == 404


# Decisions ------------------------------------------------------------------------------------


def test_accepting_tells_every_owning_member_once_in_their_language(
    client_as, conference, proposal, members, rival_org, rival_editor, adviser
):
    proposal.co_owners.add(rival_org)
    response = decide(client_as("adviser"), proposal, S.ACCEPTED, note="Velkommen i programmet.")

    assert response.status_code == 302
    assert response["Location"] == detail_url(proposal)
    proposal.refresh_from_db()
    assert proposal.state == S.ACCEPTED
    assert [(m.to_email, m.language, m.subject) for m in outbox()] == [
        ("koordinator@example.no", "nn", "Framlegget «Grønn omstilling i praksis» er akseptert"),
        ("redaktor@example.no", "nb", "Forslaget «Grønn omstilling i praksis» er akseptert"),
        ("rival@example.no", "nb", "Forslaget «Grønn omstilling i praksis» er akseptert"),
    ]
    assert all("Velkommen i programmet." in m.body for m in outbox())
    assert flashed(response) == [
        "Forslaget har nå status «Akseptert». Samarbeidspartnerne som eier det, får beskjed på "
        "e-post."
    ]


def test_asking_for_changes_sends_the_note(client_as, proposal, members):
    response = decide(
        client_as("adviser"), proposal, S.CHANGES_REQUESTED, note="Kort ned til 45 minutter."
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == S.CHANGES_REQUESTED
    messages = outbox("proposal_changes_requested")
    assert [(m.to_email, m.subject) for m in messages] == [
        ("koordinator@example.no", "Endringar ønskte i framlegget «Grønn omstilling i praksis»"),
        ("redaktor@example.no", "Endringer ønsket i forslaget «Grønn omstilling i praksis»"),
    ]
    assert all("Kort ned til 45 minutter." in m.body for m in messages)
    entry = history_for(proposal).get()
    assert (entry.user.email, entry.data["note"]) == (
        "radgiver@example.no",
        "Kort ned til 45 minutter.",
    )


def test_asking_for_changes_without_a_note_changes_nothing(client_as, proposal, members):
    response = decide(client_as("adviser"), proposal, S.CHANGES_REQUESTED, note="  ")
    assert response.status_code == 200
    assert list(response.context["decision_form"].errors) == ["note"]
    proposal.refresh_from_db()
    assert proposal.state == S.SUBMITTED
    assert outbox() == []
    assert history_for(proposal).count() == 0


def test_declining_sends_the_reason(client_as, proposal, members):
    decide(client_as("adviser"), proposal, S.DECLINED, note="Programmet er fullt.")
    proposal.refresh_from_db()
    assert proposal.state == S.DECLINED
    messages = outbox("proposal_declined")
    assert len(messages) == 2
    assert all("Programmet er fullt." in m.body for m in messages)


def test_a_double_post_of_the_same_decision_sends_one_message_each(client_as, proposal, members):
    client = client_as("adviser")
    decide(client, proposal, S.ACCEPTED, seen=S.SUBMITTED)
    second = decide(client, proposal, S.ACCEPTED, seen=S.SUBMITTED)

    assert second.status_code == 302
    assert flashed(second)[-1] == "Forslaget er allerede avgjort: statusen er «Akseptert»."
    assert len(outbox()) == 2
    assert history_for(proposal).count() == 1


def test_a_decision_on_an_item_moved_meanwhile_changes_nothing(
    client_as, proposal, members, other_adviser
):
    # another adviser accepted it while this one was writing a decline
    Session.objects.filter(pk=proposal.pk).update(state=S.ACCEPTED)
    response = decide(client_as("adviser"), proposal, S.DECLINED, note="Nei", seen=S.SUBMITTED)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == S.ACCEPTED
    assert outbox() == []
    assert flashed(response) == [
        "Forslaget ble endret mens du vurderte det: statusen er nå «Akseptert». Ingenting ble "
        "lagret; sjekk det og avgjør på nytt."
    ]


def test_a_decision_the_state_does_not_allow_is_refused(client_as, conference, partner_org):
    draft = SessionFactory(
        conference=conference, owner=partner_org, state=S.DRAFT, goals=[goal("S1")]
    )
    response = decide(client_as("adviser"), draft, S.ACCEPTED)
    assert response.status_code == 200
    with translation.override("nb"):
        expected = translation.gettext(
            "A programme item in this state cannot be moved to that state."
        )
    assert response.context["decision_form"].non_field_errors() == [expected]
    draft.refresh_from_db()
    assert draft.state == S.DRAFT
    assert outbox() == []


def test_accepting_an_item_without_a_goal_says_why_and_changes_nothing(
    client_as, conference, partner_org, members
):
    proposal = SessionFactory(
        conference=conference, owner=partner_org, state=S.SUBMITTED, format=SessionFormat.PANEL
    )
    response = decide(client_as("adviser"), proposal, S.ACCEPTED)
    assert response.status_code == 200
    with translation.override("nb"):
        expected = translation.gettext(
            "Choose at least one main goal: every programme item with content serves one."
        )
    assert response.context["decision_form"].non_field_errors() == [expected]
    assert expected in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == S.SUBMITTED
    assert outbox() == []
    assert history_for(proposal).count() == 0


def test_a_decision_outside_the_adviser_decisions_is_refused(client_as, proposal, members):
    response = decide(client_as("adviser"), proposal, S.WITHDRAWN)
    assert response.status_code == 200
    assert list(response.context["decision_form"].errors) == ["state"]
    proposal.refresh_from_db()
    assert proposal.state == S.SUBMITTED


def test_the_history_shows_each_decision_with_who_when_and_the_note(client_as, proposal, members):
    client = client_as("adviser")
    decide(client, proposal, S.CHANGES_REQUESTED, note="Mer om målene.")
    response = client.get(detail_url(proposal))
    [entry] = response.context["history"]
    with translation.override("nb"):
        before, after = str(S.SUBMITTED.label), str(S.CHANGES_REQUESTED.label)
    assert (entry.user.email, entry.action, entry.note) == (
        "radgiver@example.no",
        "conferences.session.state",
        "Mer om målene.",
    )
    assert [(c["before"], c["after"]) for c in entry.changes] == [(before, after)]
    body = response.content.decode()
    assert "Mer om målene." in body
    assert after in body


# Change requests ------------------------------------------------------------------------------


@pytest.fixture
def accepted(conference, partner_org):
    return SessionFactory(
        conference=conference,
        owner=partner_org,
        title="Gammel tittel",
        abstract="Vi snakker om grønn industri i Grenland.",
        state=S.ACCEPTED,
        goals=[goal("S1")],
    )


@pytest.fixture
def change_request(accepted, editor):
    return ChangeRequest.objects.create(
        session=accepted,
        requested_by=editor,
        proposed={
            "title": "Ny tittel",
            "abstract": "Vi snakker om grønn og blå industri i Grenland.",
            "goals": ["S1", "S2"],
        },
        original={
            "title": "Gammel tittel",
            "abstract": "Vi snakker om grønn industri i Grenland.",
            "goals": ["S1"],
        },
    )


def answer(client, change_request, state, reason="", version=None):
    return client.post(
        change_request_url(change_request),
        {"state": state, "reason": reason, "version": version or version_of(change_request)},
    )


def test_change_request_page_shows_the_changes_side_by_side(client_as, change_request):
    response = client_as("adviser").get(change_request_url(change_request))
    rows = {row.name: row for row in response.context["rows"]}
    assert list(rows) == ["title", "abstract", "goals"]
    assert [(i.text, i.marked) for i in rows["goals"].old] == [(f"S1 {goal('S1').title_nb}", False)]
    assert [(i.text, i.marked) for i in rows["goals"].new] == [
        (f"S1 {goal('S1').title_nb}", False),
        (f"S2 {goal('S2').title_nb}", True),
    ]
    assert rows["abstract"].old == "Vi snakker om grønn industri i Grenland."
    assert "<ins>" in rows["abstract"].new and "blå" in rows["abstract"].new
    assert response.context["changed_since"] == []
    assert response.context["form"] is not None


def test_change_request_page_says_when_the_item_changed_since(client_as, change_request, accepted):
    Session.objects.filter(pk=accepted.pk).update(title="Tittel endret av en rådgiver")
    response = client_as("adviser").get(change_request_url(change_request))
    rows = {row.name: row for row in response.context["rows"]}
    assert [name for name, row in rows.items() if row.changed_since] == ["title"]
    assert rows["title"].when_asked == "Gammel tittel"
    assert "data-changed-since" in response.content.decode()


def test_change_request_values_are_escaped(client_as, change_request):
    change_request.proposed["title"] = "<script>alert(1)</script> tittel"
    change_request.save()
    body = client_as("adviser").get(change_request_url(change_request)).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_approving_applies_the_change_logs_it_and_tells_the_partners(
    client_as, change_request, accepted, members, adviser
):
    response = answer(client_as("adviser"), change_request, CR.APPROVED, reason="Fint.")

    assert response.status_code == 302
    assert response["Location"] == detail_url(accepted)
    accepted.refresh_from_db()
    assert accepted.title == "Ny tittel"
    assert accepted.abstract == "Vi snakker om grønn og blå industri i Grenland."
    assert sorted(g.code for g in accepted.goals.all()) == ["S1", "S2"]
    change_request.refresh_from_db()
    assert (change_request.state, change_request.decided_by, change_request.reason) == (
        CR.APPROVED,
        adviser,
        "Fint.",
    )
    entry = history_for(accepted).get()
    assert entry.action == "conferences.session.change_approved"
    assert sorted(row["field"] for row in entry.data["changes"]) == ["abstract", "goals", "title"]
    assert [(m.to_email, m.subject) for m in outbox("change_request_decided")] == [
        ("koordinator@example.no", "Endringa av «Ny tittel»: godkjend"),
        ("redaktor@example.no", "Endringen av «Ny tittel»: godkjent"),
    ]


def test_rejecting_leaves_the_item_unchanged(client_as, change_request, accepted, members):
    response = answer(client_as("adviser"), change_request, CR.REJECTED, reason="For sent.")
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert (accepted.title, [g.code for g in accepted.goals.all()]) == ("Gammel tittel", ["S1"])
    change_request.refresh_from_db()
    assert change_request.state == CR.REJECTED
    messages = outbox("change_request_decided")
    assert len(messages) == 2
    assert all("For sent." in m.body for m in messages)


def test_rejecting_needs_a_reason(client_as, change_request, accepted, members):
    response = answer(client_as("adviser"), change_request, CR.REJECTED)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["reason"]
    change_request.refresh_from_db()
    assert change_request.state == CR.OPEN
    assert outbox() == []


def test_a_decided_change_request_is_read_only(client_as, change_request, accepted, members):
    client = client_as("adviser")
    answer(client, change_request, CR.APPROVED)
    page = client.get(change_request_url(change_request))
    assert page.context["form"] is None
    assert page.context["is_open"] is False
    assert 'name="reason"' not in page.content.decode()

    again = answer(client, change_request, CR.REJECTED, reason="Likevel ikke")
    assert again.status_code == 302
    assert flashed(again) == ["Denne endringsforespørselen er allerede behandlet."]
    change_request.refresh_from_db()
    assert change_request.state == CR.APPROVED
    accepted.refresh_from_db()
    assert accepted.title == "Ny tittel"
    assert len(outbox()) == 2  # from the first decision only


def test_a_double_approve_sends_one_message_each(client_as, change_request, members):
    client = client_as("adviser")
    answer(client, change_request, CR.APPROVED)
    answer(client, change_request, CR.APPROVED)
    assert len(outbox()) == 2
    assert history_for(change_request.session).count() == 1


def test_a_change_request_changed_after_the_page_was_shown_is_not_decided(
    client_as, change_request, accepted, members
):
    seen = version_of(change_request)
    change_request.proposed = {"title": "Enda nyere tittel"}
    change_request.save()
    response = answer(client_as("adviser"), change_request, CR.APPROVED, version=seen)
    assert response.status_code == 302
    change_request.refresh_from_db()
    assert change_request.state == CR.OPEN
    accepted.refresh_from_db()
    assert accepted.title == "Gammel tittel"
    assert outbox() == []


def test_approving_a_change_that_no_longer_validates_says_why(
    client_as, change_request, accepted, members
):
    change_request.proposed = {"goals": []}
    change_request.save()
    response = answer(client_as("adviser"), change_request, CR.APPROVED)
    assert response.status_code == 200
    with translation.override("nb"):
        expected = translation.gettext(
            "Choose at least one main goal: every programme item with content serves one."
        )
    assert response.context["form"].non_field_errors() == [expected]
    change_request.refresh_from_db()
    assert change_request.state == CR.OPEN
    assert [g.code for g in accepted.goals.all()] == ["S1"]
    assert outbox() == []


def test_the_detail_page_links_the_open_change_request(client_as, change_request, accepted):
    response = client_as("adviser").get(detail_url(accepted))
    assert response.context["change_request"] == change_request
    assert change_request_url(change_request) in response.content.decode()


# The word diff --------------------------------------------------------------------------------


def test_word_diff_marks_removed_and_added_words_and_escapes():
    with translation.override("en"):
        old, new = word_diff("Grønn <industri> i Telemark", "Grønn & blå <industri> i Telemark")
    assert old == "Grønn &lt;industri&gt; i Telemark"
    assert new == (
        'Grønn<ins><span class="visually-hidden">added: </span> &amp; blå</ins> '
        "&lt;industri&gt; i Telemark"
    )
    with translation.override("en"):
        old, new = word_diff("en to\ntre", "en tre")
    assert old == 'en <del><span class="visually-hidden">removed: </span>to<br></del>tre'
    assert new == "en tre"


# Query counts (house style rule 21) -----------------------------------------------------------


def _proposals(conference, count):
    organisations = []
    for n in range(count):
        organisation = OrganisationFactory(name=f"Partner {n}", slug=f"partner-{n}")
        ConferencePartnerFactory(conference=conference, organisation=organisation)
        organisations.append(organisation)
        proposal = SessionFactory(
            conference=conference,
            owner=organisation,
            state=S.SUBMITTED,
            submitted_at=timezone.now(),
            goals=[goal("S1"), goal("N1")],
        )
        proposal.co_owners.add(organisations[0])
        proposal.speakers.add(SpeakerFactory(conference=conference))
        accepted = SessionFactory(
            conference=conference, owner=organisation, state=S.ACCEPTED, goals=[goal("I1")]
        )
        ChangeRequest.objects.create(session=accepted, proposed={"title": "Ny"})
    return organisations


@pytest.mark.parametrize("count", [1, 10])
def test_review_list_queries(client, adviser, conference, count, django_assert_num_queries):
    _proposals(conference, count)
    client.force_login(adviser)
    url = reverse("review_list", args=[conference.slug]) + "?q=Programpost&focus_area=S"
    with django_assert_num_queries(12):
        response = client.get(url)
    assert len(response.context["proposals"]) == count


@pytest.mark.parametrize("count", [1, 10])
def test_review_overview_queries(client, adviser, conference, count, django_assert_num_queries):
    _proposals(conference, count)
    ConferencePartnerFactory(conference=conference)  # one partner without proposals
    client.force_login(adviser)
    with django_assert_num_queries(8):
        response = client.get(reverse("review_overview", args=[conference.slug]))
    assert len(response.context["overview"].waiting) == count


@pytest.mark.parametrize("count", [1, 10])
def test_review_detail_queries(
    client, adviser, editor, conference, partner_org, rival_org, count, django_assert_num_queries
):
    proposal = SessionFactory(
        conference=conference, owner=partner_org, state=S.SUBMITTED, goals=[goal("S1")]
    )
    proposal.co_owners.add(rival_org)
    for n in range(count):
        proposal.speakers.add(SpeakerFactory(conference=conference))
        Comment.objects.create(session=proposal, author=editor, text=f"Kommentar {n}")
        Comment.objects.create(session=proposal, author=adviser, text=f"Notat {n}", internal=True)
        log_action(
            proposal,
            "conferences.session.state",
            user=adviser,
            changes=[
                {"field": "state", "label": "state", "before": "submitted", "after": "accepted"}
            ],
            data={"note": f"Notat {n}"},
        )
    client.force_login(adviser)
    with django_assert_num_queries(12):
        response = client.get(detail_url(proposal))
    assert len(response.context["comments"]) == 2 * count
    assert len(response.context["history"]) == count


@pytest.mark.parametrize("count", [1, 10])
def test_change_request_queries(
    client, adviser, conference, partner_org, count, django_assert_num_queries
):
    session = SessionFactory(
        conference=conference, owner=partner_org, state=S.ACCEPTED, goals=[goal("S1")]
    )
    speakers = [SpeakerFactory(conference=conference) for _ in range(count)]
    session.speakers.set(speakers)
    change_request = ChangeRequest.objects.create(
        session=session,
        proposed={"speakers": [], "goals": ["S1", "S2"], "co_owners": [partner_org.pk]},
        original={},
    )
    client.force_login(adviser)
    with django_assert_num_queries(11):
        response = client.get(change_request_url(change_request))
    assert len(response.context["rows"]) == 3


def test_search_in_the_list_works_on_this_database(client_as, conference, partner_org):
    """The view's search runs the database's own search (see test_review_queries)."""
    SessionFactory(
        conference=conference,
        owner=partner_org,
        title="Skole og arbeidsliv",
        state=S.SUBMITTED,
        goals=[goal("S2")],
    )
    response = client_as("adviser").get(
        reverse("review_list", args=[conference.slug]) + "?q=skoler"
    )
    expected = ["Skole og arbeidsliv"] if connection.vendor == "postgresql" else []
    assert listed_titles(response) == expected


def test_the_comment_form_of_the_review_page_saves_an_internal_note(client_as, proposal):
    """The form's fields are those the partner area's comment view reads."""
    client = client_as("adviser")
    action = reverse("proposal_comment", args=[proposal.conference.slug, proposal.pk])
    response = client.post(
        action, {"text": "Passer i spor 2", "internal": "on", "next": detail_url(proposal)}
    )
    assert response.status_code == 302
    assert response["Location"] == detail_url(proposal)
    comment = Comment.objects.get()
    assert (comment.text, comment.internal, comment.author.email) == (
        "Passer i spor 2",
        True,
        "radgiver@example.no",
    )
    assert "Passer i spor 2" in client.get(detail_url(proposal)).content.decode()
