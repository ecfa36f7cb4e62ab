"""The partner area: partners propose programme items and co-edit them; advisers comment and
take part. Every bad input gives a clear message and changes nothing; another organisation's
proposal does not exist (404); internal notes never reach partners."""

import datetime as dt
import html
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.enums import ChangeRequestState, SessionState
from conferences.models import ChangeRequest, Comment, OutboxMessage, Session, Speaker
from conferences.models.core import ABSTRACT_MAX
from conferences.models.review import COMMENT_MAX
from moteplass.audit import history_for
from partners.enums import MembershipRole
from tests.factories import (
    MembershipFactory,
    RoomFactory,
    SessionFactory,
    UserFactory,
    goal,
)

pytestmark = pytest.mark.django_db

S = SessionState
INTERNAL = "INTERNT-NOTAT-93b2"
NO_GOAL = (
    "Velg minst ett hovedmål. Alle programposter med innhold skal bidra til minst ett hovedmål."
)
CALL_CLOSED = "Innsendingen av forslag er ikke åpen, så nye forslag kan ikke sendes inn."
LOCKED = "Det er ikke lenger mulig å endre godtatte programposter. Ta kontakt med rådgiverne."


@pytest.fixture
def open_call(conference):
    now = timezone.now()
    conference.call_opens = now - dt.timedelta(days=7)
    conference.call_closes = now + dt.timedelta(days=14)
    conference.call_guidance_nb = "Vi ønsker forslag som bidrar til hovedmålene."
    conference.call_guidance_nn = "Vi ønskjer framlegg som bidreg til hovudmåla."
    conference.save()
    return conference


@pytest.fixture
def closed_call(conference):
    now = timezone.now()
    conference.call_opens = now - dt.timedelta(days=30)
    conference.call_closes = now - dt.timedelta(days=1)
    conference.save()
    return conference


def page(response) -> str:
    return html.unescape(response.content.decode())


def messages_of(response) -> list[str]:
    """The messages this request added (not those still waiting from earlier requests)."""
    return [str(message) for message in response.wsgi_request._messages._queued_messages]


def url(name, conference, *args):
    return reverse(name, args=[conference.slug, *args])


def speaker_rows(rows, initial=0, total=None):
    data = {
        "speakers-TOTAL_FORMS": str(total if total is not None else max(len(rows), 3)),
        "speakers-INITIAL_FORMS": str(initial),
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "20",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"speakers-{index}-{name}"] = value
    return data


def proposal_data(owner, **overrides):
    speakers = overrides.pop(
        "speakers",
        [
            {"name": "Ola Nordmann", "title": "Daglig leder", "organisation": "NHO"},
            {"name": "Kari Li", "email": "kari@example.no"},
        ],
    )
    data = {
        "key": str(uuid.uuid4()),
        "owner": str(owner.pk),
        "title": "Grønn omstilling i praksis",
        "abstract": "Hvordan bedrifter og kommuner kutter utslipp sammen.",
        "format": "workshop",
        "duration": "60",
        "audience": "Kommuner og næringsliv",
        "language": "nb",
        "goals": ["S1", "N1"],
        "needs": "Prosjektor og fire grupperom",
        **speaker_rows(speakers),
    }
    data.update(overrides)
    return data


def edit_data(session, **overrides):
    """The edit form as the page fills it in, with ``overrides``."""
    speakers = [
        {"name": s.name, "title": s.title, "organisation": s.organisation, "email": s.email}
        for s in session.speakers.order_by("pk")
    ]
    data = {
        "title": session.title,
        "abstract": session.abstract,
        "format": session.format,
        "duration": str(session.duration),
        "audience": session.audience,
        "language": session.language,
        "goals": [g.code for g in session.goals.all()],
        "co_owners": [str(o.pk) for o in session.co_owners.all()],
        "needs": session.needs,
        **speaker_rows(speakers, initial=len(speakers), total=len(speakers) + 3),
    }
    data.update(overrides)
    return data


def proposal(conference, owner, state=S.DRAFT, **kwargs):
    kwargs.setdefault("goals", [goal("S1")])
    return SessionFactory(conference=conference, owner=owner, state=state, **kwargs)


def counts():
    return (
        Session.objects.count(),
        Speaker.objects.count(),
        Comment.objects.count(),
        ChangeRequest.objects.count(),
        OutboxMessage.objects.count(),
    )


# partner home and navigation -------------------------------------------------------------------


def test_partner_home_lists_the_conferences_of_the_users_organisations(client, conference, editor):
    client.force_login(editor)
    response = client.get(reverse("partner_home"))
    assert [c.slug for c in response.context["conferences"]] == ["moteplass-2031"]
    body = page(response)
    assert reverse("partner_dashboard", args=[conference.slug]) in body
    assert "NHO Vestfold og Telemark" in body
    assert "Ingen datoer er satt ennå." in body


def test_partner_home_without_a_partner_organisation_shows_the_empty_state(
    client, conference, participant
):
    client.force_login(participant)
    response = client.get(reverse("partner_home"))
    assert list(response.context["conferences"]) == []
    assert "Ingen av organisasjonene dine er samarbeidspartner" in page(response)


def test_the_main_menu_links_the_partner_area_for_partner_members_only(
    client, editor, participant, adviser
):
    link = f'href="{reverse("partner_home")}"'
    for user, shown in ((editor, True), (participant, False), (adviser, False)):
        client.force_login(user)
        assert (link in client.get(reverse("home")).content.decode()) is shown, user


# dashboard -------------------------------------------------------------------------------------


def test_dashboard_shows_the_open_call_with_guidance_in_the_users_written_standard(
    client, open_call, editor
):
    editor.language = "nn"
    editor.save()
    client.force_login(editor)
    body = page(client.get(url("partner_dashboard", open_call)))
    assert "Open til" in body
    assert "Vi ønskjer framlegg som bidreg til hovudmåla." in body
    assert f'href="{url("proposal_create", open_call)}"' in body
    assert "Nytt framlegg" in body


def test_dashboard_without_an_open_call_has_no_new_proposal_button_for_partners(
    client, closed_call, editor
):
    client.force_login(editor)
    response = client.get(url("partner_dashboard", closed_call))
    body = page(response)
    assert "Stengt " in body
    assert "Nye forslag kan ikke lenger sendes inn." in body
    assert 'class="ds-button" data-variant="primary" href="/partner/' not in body
    assert response.context["may_propose"] is False


def test_dashboard_lists_only_the_organisations_proposals_and_what_needs_action(
    client, conference, partner_org, rival_org, editor, adviser
):
    draft = proposal(conference, partner_org, title="Mitt utkast")
    asked = proposal(conference, partner_org, S.CHANGES_REQUESTED, title="Må endres")
    accepted = proposal(conference, partner_org, S.ACCEPTED, title="Godtatt post")
    ChangeRequest.objects.create(
        session=accepted,
        state=ChangeRequestState.REJECTED,
        proposed={"title": "Ny"},
        original={"title": "Godtatt post"},
        decided_by=adviser,
        decided_at=timezone.now(),
        reason="Tittelen er fin som den er.",
    )
    co_owned = proposal(conference, rival_org, S.SUBMITTED, title="Felles post")
    co_owned.co_owners.add(partner_org)
    proposal(conference, rival_org, S.SUBMITTED, title="Skiens hemmelige forslag")
    client.force_login(editor)
    response = client.get(url("partner_dashboard", conference))
    dashboard = response.context["dashboard"]
    assert [p.title for p in dashboard.proposals] == [
        "Felles post",
        "Godtatt post",
        "Mitt utkast",
        "Må endres",
    ]
    assert dashboard.drafts == [draft]
    assert dashboard.changes_requested == [asked]
    assert [cr.session for cr in dashboard.decided_requests] == [accepted]
    body = page(response)
    assert "Skiens hemmelige forslag" not in body
    assert "Rådgiverne har bedt om endringer i" in body
    assert "er et utkast: send det inn når det er klart." in body
    assert "avviste rådgiverne endringsforespørselen din for" in body
    assert "Tittelen er fin som den er." in body


def test_dashboard_comments_never_show_internal_notes(
    client, conference, partner_org, editor, adviser
):
    session = proposal(conference, partner_org, S.SUBMITTED)
    Comment.objects.create(session=session, author=adviser, text="Fint forslag!")
    Comment.objects.create(session=session, author=adviser, text=INTERNAL, internal=True)
    for user in (editor, adviser):
        client.force_login(user)
        response = client.get(url("partner_dashboard", conference))
        assert [c.text for c in response.context["dashboard"].comments] == ["Fint forslag!"]
        assert INTERNAL not in response.content.decode()


def test_dashboard_shows_the_draft_programme_only_when_shared(
    client, conference, partner_org, rival_org, editor
):
    room = RoomFactory(conference=conference, name="Storsalen")
    start = timezone.make_aware(dt.datetime(2031, 4, 22, 10, 0))
    proposal(conference, rival_org, S.ACCEPTED, title="Skiens post", room=room, start=start)
    proposal(conference, partner_org, S.SUBMITTED, title="Ikke plassert")
    client.force_login(editor)
    response = client.get(url("partner_dashboard", conference))
    assert response.context["dashboard"].programme is None
    assert "Skiens post" not in page(response)
    conference.programme_shared = True
    conference.save()
    response = client.get(url("partner_dashboard", conference))
    assert [s.title for s in response.context["dashboard"].programme] == ["Skiens post"]
    assert "Storsalen" in page(response)


@pytest.mark.parametrize("count", [1, 5])
def test_dashboard_queries(
    client, conference, partner_org, editor, adviser, count, django_assert_num_queries
):
    conference.programme_shared = True
    conference.save()
    room = RoomFactory(conference=conference)
    for n in range(count):
        session = proposal(
            conference,
            partner_org,
            S.ACCEPTED,
            title=f"Post {n}",
            room=room,
            start=timezone.make_aware(dt.datetime(2031, 4, 22, 9 + n)),
        )
        session.co_owners.add(partner_org)
        Comment.objects.create(session=session, author=adviser, text=f"Kommentar {n}")
        ChangeRequest.objects.create(
            session=session,
            state=ChangeRequestState.APPROVED,
            decided_at=timezone.now(),
            proposed={"title": "x"},
        )
    client.force_login(editor)
    client.get(url("partner_dashboard", conference))  # warm the process-wide caches
    # session, user, conference, memberships, partners of the conference, proposals, their
    # co-owners, decided change requests, comments, draft programme
    with django_assert_num_queries(10):
        response = client.get(url("partner_dashboard", conference))
    assert len(response.context["dashboard"].proposals) == count
    assert len(response.context["dashboard"].comments) == count


# create ----------------------------------------------------------------------------------------


def test_create_form_shows_the_goals_grouped_by_focus_area(client, open_call, editor):
    client.force_login(editor)
    body = client.get(url("proposal_create", open_call)).content.decode()
    # one fieldset per focus area with its name as legend, the goals with code and title
    for area in ("Inkluderende Telemark", "Skapende Telemark", "Naturrike Telemark"):
        assert f"</span>{area}</legend>" in body
    assert 'value="S1" id="id_goals_3"' in body
    assert '<span class="goal__code">S1</span> Økt verdiskaping og flere arbeidsplasser' in body
    # one organisation: the owner is fixed
    assert 'type="hidden" name="owner"' in body
    assert 'name="key"' in body
    assert body.count('name="speakers-') > 12


def test_create_with_two_goals_makes_a_draft_with_exactly_those_goals_and_speakers(
    client, open_call, partner_org, editor
):
    client.force_login(editor)
    response = client.post(url("proposal_create", open_call), proposal_data(partner_org))
    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("proposal_detail", open_call, session.pk)
    assert (session.state, session.owner, session.created_by) == (S.DRAFT, partner_org, editor)
    assert sorted(g.code for g in session.goals.all()) == ["N1", "S1"]
    assert [
        (s.name, s.title, s.organisation, s.email) for s in session.speakers.order_by("pk")
    ] == [
        ("Ola Nordmann", "Daglig leder", "NHO", ""),
        ("Kari Li", "", "", "kari@example.no"),
    ]
    assert (session.format, session.duration, session.needs) == (
        "workshop",
        60,
        "Prosjektor og fire grupperom",
    )
    assert messages_of(response) == [
        "Forslaget er lagret som utkast. Send det inn når det er klart."
    ]
    assert OutboxMessage.objects.count() == 0
    assert history_for(session).get().action == "conferences.session.create"


def test_save_and_submit_submits_and_tells_the_organisation(
    client, open_call, partner_org, editor, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("proposal_create", open_call), {**proposal_data(partner_org), "submit": ""}
        )
    session = Session.objects.get()
    assert session.state == S.SUBMITTED
    assert session.submitted_at is not None
    assert sorted(
        OutboxMessage.objects.filter(role="proposal_received").values_list("to_email", flat=True)
    ) == ["koordinator@example.no", "redaktor@example.no"]
    assert messages_of(response) == ["Forslaget er sendt inn. Rådgiverne vil vurdere det."]


def test_a_second_post_of_the_same_form_creates_nothing(client, open_call, partner_org, editor):
    client.force_login(editor)
    data = {**proposal_data(partner_org), "submit": ""}
    client.post(url("proposal_create", open_call), data)
    before = counts()
    response = client.post(url("proposal_create", open_call), data)
    assert counts() == before
    session = Session.objects.get()
    assert response["Location"] == url("proposal_detail", open_call, session.pk)
    assert messages_of(response) == [
        "Dette forslaget var allerede lagret (skjemaet ble sendt to ganger). Ingenting mer ble "
        "endret."
    ]
    assert history_for(session).count() == 2  # created, submitted – once


@pytest.mark.parametrize(
    "overrides,message",
    [
        (
            {"abstract": "x" * (ABSTRACT_MAX + 1)},
            "Sammendraget er for langt: det kan ha høyst 3000 tegn, men har 3001.",
        ),
        ({"goals": []}, NO_GOAL),
        (
            {"speakers": [{"name": "Ola", "email": "ola-at-example.no"}]},
            "Innleder 1, e-postadresse: Skriv innlederens e-postadresse, for eksempel "
            "navn@example.no.",
        ),
        (
            {"speakers": [{"email": "ola@example.no"}]},
            "Innleder 1, navn: Skriv navnet på innlederen, eller tøm hele raden.",
        ),
        ({"goals": ["S1", "X9"]}, "Velg hovedmål fra planen konferansen følger opp."),
        ({"format": "break"}, "Velg et av formatene i listen."),
    ],
    ids=[
        "abstract-too-long",
        "no-goal",
        "bad-speaker-email",
        "speaker-without-name",
        "unknown-goal",
        "partner-format",
    ],
)
def test_bad_input_shows_a_clear_message_and_creates_nothing(
    client, open_call, partner_org, editor, overrides, message
):
    client.force_login(editor)
    before = counts()
    response = client.post(
        url("proposal_create", open_call), {**proposal_data(partner_org, **overrides), "submit": ""}
    )
    assert response.status_code == 200
    assert counts() == before
    assert message in page(response)
    assert "data-error-summary" in response.content.decode()


def test_the_abstract_limit_counts_a_line_break_as_one_character(
    client, open_call, partner_org, editor
):
    client.force_login(editor)
    # a browser counts each line break once against maxlength, but sends it as \r\n
    abstract = "x" * 1000 + "\r\n" * 10 + "y" * (ABSTRACT_MAX - 1010)
    response = client.post(
        url("proposal_create", open_call), proposal_data(partner_org, abstract=abstract)
    )
    assert response.status_code == 302
    assert Session.objects.get().abstract == "x" * 1000 + "\n" * 10 + "y" * (ABSTRACT_MAX - 1010)


def test_an_adviser_edit_of_an_accepted_item_applies_at_once(
    client, conference, partner_org, adviser
):
    session = proposal(conference, partner_org, S.ACCEPTED, title="Gammel tittel")
    client.force_login(adviser)
    client.post(url("proposal_edit", conference, session.pk), edit_data(session, title="Ny"))
    session.refresh_from_db()
    assert session.title == "Ny"
    assert ChangeRequest.objects.count() == 0


def test_a_co_owner_who_leaves_the_proposal_goes_back_to_the_dashboard(
    client, conference, partner_org, rival_org, rival_editor
):
    session = proposal(conference, partner_org)
    session.co_owners.add(rival_org)
    client.force_login(rival_editor)
    response = client.post(
        url("proposal_edit", conference, session.pk), edit_data(session, co_owners=[])
    )
    assert response["Location"] == url("partner_dashboard", conference)
    assert list(session.co_owners.all()) == []


def test_html_in_any_field_is_shown_as_text(client, open_call, partner_org, editor):
    script = '<script>alert("x")</script>'
    client.force_login(editor)
    client.post(
        url("proposal_create", open_call),
        proposal_data(
            partner_org,
            title=f"Tittel {script}",
            abstract=f"Sammendrag {script}",
            audience=f"Alle {script}",
            needs=f"Behov {script}",
            speakers=[{"name": f"Ola {script}", "organisation": script}],
        ),
    )
    session = Session.objects.get()
    for name in ("proposal_detail", "partner_dashboard"):
        args = [session.pk] if name == "proposal_detail" else []
        body = client.get(url(name, open_call, *args)).content.decode()
        assert "<script>" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_after_the_close_date_a_partner_cannot_create(client, closed_call, partner_org, editor):
    client.force_login(editor)
    response = client.get(url("proposal_create", closed_call))
    assert CALL_CLOSED in page(response)
    assert 'name="submit"' not in response.content.decode()
    before = counts()
    response = client.post(
        url("proposal_create", closed_call), {**proposal_data(partner_org), "submit": ""}
    )
    assert response.status_code == 200
    assert counts() == before
    assert CALL_CLOSED in page(response)


def test_an_adviser_creates_for_any_partner_after_the_close_date(
    client, closed_call, partner_org, rival_org, adviser
):
    client.force_login(adviser)
    body = client.get(url("proposal_create", closed_call)).content.decode()
    assert '<select name="owner"' in body
    response = client.post(
        url("proposal_create", closed_call), {**proposal_data(rival_org), "submit": ""}
    )
    session = Session.objects.get()
    assert response.status_code == 302
    assert (session.owner, session.state, session.created_by) == (rival_org, S.SUBMITTED, adviser)


def test_a_partner_cannot_propose_for_another_organisation(
    client, open_call, partner_org, rival_org, editor
):
    client.force_login(editor)
    before = counts()
    response = client.post(url("proposal_create", open_call), proposal_data(rival_org))
    assert response.status_code == 200
    assert counts() == before
    assert "Velg en av organisasjonene dine som deltar i konferansen." in page(response)


# detail and scope ------------------------------------------------------------------------------


@pytest.fixture
def nho_proposal(conference, partner_org, adviser):
    session = proposal(conference, partner_org, S.SUBMITTED, title="NHOs forslag")
    Comment.objects.create(session=session, author=adviser, text="Synlig kommentar")
    Comment.objects.create(session=session, author=adviser, text=INTERNAL, internal=True)
    return session


@pytest.mark.parametrize(
    "name,method,data",
    [
        ("proposal_detail", "get", None),
        ("proposal_edit", "get", None),
        ("proposal_edit", "post", {"title": "Kapret"}),
        ("proposal_state", "post", {"state": "withdrawn"}),
        ("proposal_comment", "post", {"text": "Hei fra Skien"}),
    ],
)
def test_another_organisations_proposal_is_a_404(
    client, conference, nho_proposal, rival_editor, name, method, data
):
    client.force_login(rival_editor)
    before = counts()
    response = getattr(client, method)(url(name, conference, nho_proposal.pk), data)
    assert response.status_code == 404
    assert counts() == before
    body = response.content.decode()
    assert "NHOs forslag" not in body
    assert "Synlig kommentar" not in body


def test_detail_shows_the_proposal_and_its_comments_but_no_internal_note_to_partners(
    client, conference, nho_proposal, editor, adviser
):
    client.force_login(editor)
    response = client.get(url("proposal_detail", conference, nho_proposal.pk))
    body = page(response)
    assert "NHOs forslag" in body
    assert "Synlig kommentar" in body
    assert INTERNAL not in body
    assert [c.text for c in response.context["comments"]] == ["Synlig kommentar"]
    assert 'name="internal"' not in body
    client.force_login(adviser)
    body = page(client.get(url("proposal_detail", conference, nho_proposal.pk)))
    assert INTERNAL in body
    assert 'name="internal"' in body


def test_detail_offers_the_moves_of_the_state(client, conference, partner_org, editor):
    session = proposal(conference, partner_org, S.SUBMITTED)
    client.force_login(editor)
    response = client.get(url("proposal_detail", conference, session.pk))
    assert [(a.name, a.value) for a in response.context["actions"]] == [
        ("state", "draft"),
        ("state", "withdrawn"),
    ]
    assert "Sendt inn: rådgiverne vil vurdere det." in page(response)


def test_detail_shows_the_open_change_request_side_by_side(client, conference, partner_org, editor):
    session = proposal(conference, partner_org, S.ACCEPTED, title="Gammel tittel")
    ChangeRequest.objects.create(
        session=session,
        requested_by=editor,
        proposed={"title": "Ny tittel", "goals": ["S1", "N3"]},
        original={"title": "Gammel tittel", "goals": ["S1"]},
    )
    client.force_login(editor)
    response = client.get(url("proposal_detail", conference, session.pk))
    rows = [(str(r.label), r.current, r.proposed) for r in response.context["change_rows"]]
    assert rows == [
        ("tittel", "Gammel tittel", "Ny tittel"),
        (
            "hovedmål",
            ["S1 Økt verdiskaping og flere arbeidsplasser"],
            [
                "S1 Økt verdiskaping og flere arbeidsplasser",
                "N3 Klimatilpasning og robuste samfunn",
            ],
        ),
    ]
    assert "Endringsforespørsel venter på rådgiverne" in page(response)


@pytest.mark.parametrize("count", [1, 5])
def test_detail_queries(
    client, conference, partner_org, editor, adviser, count, django_assert_num_queries
):
    session = proposal(conference, partner_org, S.ACCEPTED, goals=[goal("S1"), goal("N1")])
    for n in range(count):
        Comment.objects.create(session=session, author=adviser, text=f"Kommentar {n}")
        session.speakers.create(conference=conference, name=f"Innleder {n}")
        session.co_owners.add(MembershipFactory(role=MembershipRole.EDITOR).organisation)
    ChangeRequest.objects.create(
        session=session, requested_by=editor, proposed={"title": "Ny"}, original={"title": "x"}
    )
    client.force_login(editor)
    client.get(url("proposal_detail", conference, session.pk))  # warm the content type cache
    # session, user, conference, memberships, partners of the conference, the proposal with its
    # co-owners, speakers, goals and their focus areas, open change request, comments, history
    with django_assert_num_queries(13):
        response = client.get(url("proposal_detail", conference, session.pk))
    assert len(response.context["comments"]) == count


# edit ------------------------------------------------------------------------------------------


def test_a_partner_edits_a_draft(client, conference, partner_org, editor):
    session = proposal(conference, partner_org, title="Gammel tittel")
    client.force_login(editor)
    response = client.post(
        url("proposal_edit", conference, session.pk),
        edit_data(session, title="Ny tittel", goals=["S1", "I1"]),
    )
    assert response["Location"] == url("proposal_detail", conference, session.pk)
    session.refresh_from_db()
    assert session.title == "Ny tittel"
    assert sorted(g.code for g in session.goals.all()) == ["I1", "S1"]
    assert messages_of(response) == ["Forslaget er lagret."]


def test_a_double_click_on_save_and_submit_submits_once(
    client, open_call, partner_org, editor, django_capture_on_commit_callbacks
):
    session = proposal(open_call, partner_org, title="Gammel tittel")
    client.force_login(editor)
    data = {**edit_data(session, title="Ny tittel"), "submit": ""}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("proposal_edit", open_call, session.pk), data)
        before = counts()
        response = client.post(url("proposal_edit", open_call, session.pk), data)
    assert counts() == before
    assert messages_of(response) == ["Forslaget er allerede sendt inn."]
    session.refresh_from_db()
    assert (session.title, session.state) == ("Ny tittel", S.SUBMITTED)
    assert OutboxMessage.objects.filter(role="proposal_received").count() == 1
    assert [e.action for e in history_for(session)] == [
        "conferences.session.state",
        "conferences.session.update",
    ]


def test_editing_a_draft_without_a_goal_changes_nothing(client, conference, partner_org, editor):
    session = proposal(conference, partner_org, title="Gammel tittel")
    client.force_login(editor)
    response = client.post(
        url("proposal_edit", conference, session.pk),
        edit_data(session, title="Ny tittel", goals=[]),
    )
    assert response.status_code == 200
    assert NO_GOAL in page(response)
    session.refresh_from_db()
    assert session.title == "Gammel tittel"
    assert history_for(session).count() == 0


def test_a_co_owner_organisations_member_can_edit(
    client, conference, partner_org, rival_org, rival_editor
):
    session = proposal(conference, partner_org, title="Felles post")
    session.co_owners.add(rival_org)
    client.force_login(rival_editor)
    assert client.get(url("proposal_detail", conference, session.pk)).status_code == 200
    response = client.post(
        url("proposal_edit", conference, session.pk), edit_data(session, title="Endret av Skien")
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Endret av Skien"


def test_speakers_can_be_removed_and_added_without_javascript(
    client, conference, partner_org, editor
):
    session = proposal(conference, partner_org)
    session.speakers.create(conference=conference, name="Gammel innleder")
    client.force_login(editor)
    data = edit_data(session)
    data["speakers-0-DELETE"] = "on"
    data["speakers-1-name"] = "Ny innleder"
    client.post(url("proposal_edit", conference, session.pk), data)
    assert [s.name for s in session.speakers.all()] == ["Ny innleder"]
    body = client.get(url("proposal_edit", conference, session.pk)).content.decode()
    assert body.count('<legend class="ds-label">Innleder ') == 4  # the speaker + 3 empty rows


def test_partner_edit_of_an_accepted_item_opens_a_change_request(
    client, conference, partner_org, editor
):
    session = proposal(conference, partner_org, S.ACCEPTED, title="Gammel tittel", audience="Alle")
    client.force_login(editor)
    form = client.get(url("proposal_edit", conference, session.pk))
    assert "Endringer i tittel, sammendrag, format, lengde, hovedmål" in page(form)
    response = client.post(
        url("proposal_edit", conference, session.pk),
        edit_data(session, title="Ny tittel", goals=["S1", "S2"], audience="Kommuner"),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Gammel tittel"
    assert [g.code for g in session.goals.all()] == ["S1"]
    assert session.audience == "Kommuner"  # not reviewed: applies at once
    change_request = ChangeRequest.objects.get()
    assert change_request.state == ChangeRequestState.OPEN
    assert change_request.proposed == {"title": "Ny tittel", "goals": ["S1", "S2"]}
    assert change_request.requested_by == editor
    assert messages_of(response) == [
        "Endringen av tittel, hovedmål er sendt til rådgiverne for godkjenning. Programposten "
        "blir som den er til de har bestemt seg.",
        "De andre endringene dine er lagret.",
    ]
    # the form now shows the change asked for; saving it again changes nothing
    form = client.get(url("proposal_edit", conference, session.pk))
    assert form.context["form"]["title"].value() == "Ny tittel"
    client.post(
        url("proposal_edit", conference, session.pk),
        edit_data(session, title="Ny tittel", goals=["S1", "S2"]),
    )
    assert ChangeRequest.objects.get().proposed == {"title": "Ny tittel", "goals": ["S1", "S2"]}


def test_after_the_lock_date_an_accepted_item_is_read_only_for_partners(
    client, conference, partner_org, editor
):
    conference.changes_lock = timezone.now() - dt.timedelta(hours=1)
    conference.save()
    session = proposal(conference, partner_org, S.ACCEPTED, title="Gammel tittel")
    client.force_login(editor)
    response = client.get(url("proposal_edit", conference, session.pk))
    assert response.status_code == 200
    assert LOCKED in page(response)
    assert all(field.disabled for field in response.context["form"].fields.values())
    assert 'type="submit"' not in response.content.decode().split('class="stacked-form"')[1]
    before = counts()
    response = client.post(
        url("proposal_edit", conference, session.pk), edit_data(session, title="Ny tittel")
    )
    assert response.status_code == 403
    assert counts() == before
    session.refresh_from_db()
    assert session.title == "Gammel tittel"


@pytest.mark.parametrize("state", [S.DECLINED, S.WITHDRAWN])
def test_declined_and_withdrawn_items_are_read_only_for_partners(
    client, conference, partner_org, editor, state
):
    session = proposal(conference, partner_org, state, title="Gammel tittel")
    client.force_login(editor)
    response = client.get(url("proposal_edit", conference, session.pk))
    assert response.context["read_only"] is True
    response = client.post(
        url("proposal_edit", conference, session.pk), edit_data(session, title="Ny tittel")
    )
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.title == "Gammel tittel"


# state -----------------------------------------------------------------------------------------


def test_submit_and_a_second_submit(
    client, open_call, partner_org, editor, django_capture_on_commit_callbacks
):
    session = proposal(open_call, partner_org)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("proposal_state", open_call, session.pk), {"state": "submitted"})
    assert response["Location"] == url("proposal_detail", open_call, session.pk)
    session.refresh_from_db()
    assert session.state == S.SUBMITTED
    submitted_at = session.submitted_at
    assert OutboxMessage.objects.filter(role="proposal_received").count() == 1
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("proposal_state", open_call, session.pk), {"state": "submitted"})
    assert messages_of(response) == ["Forslaget er allerede sendt inn."]
    assert counts() == before
    session.refresh_from_db()
    assert (session.state, session.submitted_at) == (S.SUBMITTED, submitted_at)


def test_submit_after_the_close_date_is_refused(client, closed_call, partner_org, editor):
    session = proposal(closed_call, partner_org)
    client.force_login(editor)
    response = client.post(url("proposal_state", closed_call, session.pk), {"state": "submitted"})
    assert messages_of(response) == [CALL_CLOSED]
    session.refresh_from_db()
    assert session.state == S.DRAFT
    assert OutboxMessage.objects.count() == 0


def test_submit_without_a_goal_is_refused(client, open_call, partner_org, editor):
    session = proposal(open_call, partner_org, goals=[])
    client.force_login(editor)
    response = client.post(url("proposal_state", open_call, session.pk), {"state": "submitted"})
    assert messages_of(response) == [NO_GOAL]
    session.refresh_from_db()
    assert session.state == S.DRAFT


def test_withdraw_and_back_to_draft(client, conference, partner_org, editor):
    session = proposal(conference, partner_org, S.SUBMITTED)
    client.force_login(editor)
    response = client.post(url("proposal_state", conference, session.pk), {"state": "withdrawn"})
    assert messages_of(response) == ["Forslaget er trukket tilbake."]
    session.refresh_from_db()
    assert session.state == S.WITHDRAWN
    client.post(url("proposal_state", conference, session.pk), {"state": "draft"})
    session.refresh_from_db()
    assert session.state == S.DRAFT
    assert [e.changes[0]["after"] for e in history_for(session)] == ["draft", "withdrawn"]


def test_a_partner_cannot_decide_through_the_state_view(client, conference, partner_org, editor):
    session = proposal(conference, partner_org, S.SUBMITTED)
    client.force_login(editor)
    response = client.post(url("proposal_state", conference, session.pk), {"state": "accepted"})
    assert messages_of(response) == ["Velg hva som skal skje med forslaget."]
    session.refresh_from_db()
    assert session.state == S.SUBMITTED


def test_the_state_view_answers_get_with_405(client, conference, partner_org, editor):
    session = proposal(conference, partner_org)
    client.force_login(editor)
    assert client.get(url("proposal_state", conference, session.pk)).status_code == 405
    assert client.get(url("proposal_comment", conference, session.pk)).status_code == 405


def test_a_partner_withdraws_their_change_request(client, conference, partner_org, editor):
    session = proposal(conference, partner_org, S.ACCEPTED)
    change_request = ChangeRequest.objects.create(
        session=session, requested_by=editor, proposed={"title": "Ny"}, original={"title": "x"}
    )
    client.force_login(editor)
    response = client.post(
        url("proposal_state", conference, session.pk), {"change_request": "withdrawn"}
    )
    change_request.refresh_from_db()
    assert change_request.state == ChangeRequestState.WITHDRAWN
    assert messages_of(response) == [
        "Endringsforespørselen din er trukket tilbake. Programposten blir som den er."
    ]
    response = client.post(
        url("proposal_state", conference, session.pk), {"change_request": "withdrawn"}
    )
    assert messages_of(response) == [
        "Ingen endringsforespørsel venter: rådgiverne kan allerede ha avgjort den."
    ]


# comments --------------------------------------------------------------------------------------


def test_a_partner_comments_and_cannot_write_an_internal_note(
    client, conference, partner_org, editor
):
    session = proposal(conference, partner_org, S.SUBMITTED)
    client.force_login(editor)
    response = client.post(
        url("proposal_comment", conference, session.pk),
        {"text": "Kan vi få en større sal?", "internal": "on"},
    )
    assert response["Location"] == url("proposal_detail", conference, session.pk)
    comment = Comment.objects.get()
    assert (comment.text, comment.internal, comment.author) == (
        "Kan vi få en større sal?",
        False,
        editor,
    )


def test_an_adviser_writes_an_internal_note_and_goes_back_to_a_safe_next(
    client, conference, partner_org, adviser
):
    session = proposal(conference, partner_org, S.SUBMITTED)
    client.force_login(adviser)
    review = reverse("review_detail", args=[conference.slug, session.pk])
    response = client.post(
        url("proposal_comment", conference, session.pk),
        {"text": "Vurderes i morgen", "internal": "on", "next": review},
    )
    assert response["Location"] == review
    assert Comment.objects.get().internal is True
    response = client.post(
        url("proposal_comment", conference, session.pk),
        {"text": "Enda en", "next": "https://evil.example/"},
    )
    assert response["Location"] == url("proposal_detail", conference, session.pk)


@pytest.mark.parametrize(
    "text,message",
    [
        ("   ", "Skriv en kommentar før du lagrer."),
        (
            "x" * (COMMENT_MAX + 1),
            "Kommentaren er for lang: den kan ha høyst 3000 tegn, men har 3001.",
        ),
    ],
    ids=["empty", "too-long"],
)
def test_a_bad_comment_gives_a_message_and_changes_nothing(
    client, conference, partner_org, editor, text, message
):
    session = proposal(conference, partner_org, S.SUBMITTED)
    client.force_login(editor)
    response = client.post(url("proposal_comment", conference, session.pk), {"text": text})
    assert messages_of(response) == [message]
    assert Comment.objects.count() == 0


def test_a_member_added_later_sees_the_organisations_proposals(client, conference, partner_org):
    session = proposal(conference, partner_org, title="NHOs post")
    user = UserFactory(email="ny@example.no")
    MembershipFactory(user=user, organisation=partner_org)
    client.force_login(user)
    assert client.get(url("proposal_detail", conference, session.pk)).status_code == 200
