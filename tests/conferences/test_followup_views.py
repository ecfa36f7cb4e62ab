"""The follow-up pages: the conference's priorities and commitments (advisers record, partners
read), the advisers' forms, a commitment's page with its status form and history, and a partner's
list of the commitments their organisation answers for."""

import datetime as dt
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from conferences.domain.followup import set_commitment_state
from conferences.enums import CommitmentState, SessionState
from conferences.models import Commitment, Priority, StatusUpdate
from moteplass.models import ActivityLog
from partners.enums import MembershipRole
from tests.factories import (
    CommitmentFactory,
    ConferenceFactory,
    ConferencePartnerFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PriorityFactory,
    SessionFactory,
    UserFactory,
    goal,
)

pytestmark = pytest.mark.django_db
S = CommitmentState
FAR = dt.date(2040, 1, 1)  # a due date that is never overdue while these tests are kept


# --- helpers -------------------------------------------------------------------------------------


def url(name, conference, *args):
    return reverse(name, args=[conference.slug, *args])


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def login_redirect(response):
    return response.status_code == 302 and response["Location"].startswith(
        reverse("account_login") + "?next="
    )


def text(response) -> str:
    """The page's main content as text, tags removed and white space collapsed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def field_error(response, field) -> str:
    match = re.search(rf'id="id_{field}_error"><p>(.*?)</p>', response.content.decode(), flags=re.S)
    return match.group(1) if match else ""


def snapshot():
    return [
        list(model.objects.values().order_by("pk"))
        for model in (Priority, Commitment, StatusUpdate, ActivityLog)
    ]


@pytest.fixture
def session(conference, partner_org):
    return SessionFactory(
        conference=conference,
        owner=partner_org,
        title="Lærlinger i industrien",
        goals=[goal("S2")],
        state=SessionState.ACCEPTED,
    )


@pytest.fixture
def priority(conference, session):
    return PriorityFactory(
        conference=conference,
        title_nb="Flere lærlingplasser",
        title_nn="Fleire lærlingplassar",
        goals=[goal("S2"), goal("I1")],
        sessions=[session],
        order=1,
    )


@pytest.fixture
def commitment(priority, partner_org):
    return CommitmentFactory(
        priority=priority,
        title_nb="Ti nye lærlingplasser i industrien",
        title_nn="Ti nye lærlingplassar i industrien",
        responsible_organisation=partner_org,
        due_date=FAR,
        status_note="Avtalt på konferansen.",
    )


@pytest.fixture
def network(db):
    lead = OrganisationFactory(name="Vekst i Grenland", slug="vekst")
    return NetworkFactory(name="Fagnettverk for fagbrev", lead=lead, goals=[goal("S2")])


@pytest.fixture
def lead_member(network):
    user = UserFactory(email="leder@vekst.example.no", first_name="Lea", last_name="Leder")
    MembershipFactory(user=user, organisation=network.lead, role=MembershipRole.EDITOR)
    return user


# --- the follow-up page --------------------------------------------------------------------------


def test_followup_page_lists_priorities_goals_sessions_and_commitments(
    client, adviser, conference, priority, commitment, rival_org
):
    second = PriorityFactory(conference=conference, title_nb="Grønn industri", order=2)
    commitment.contributors.set([rival_org])
    client.force_login(adviser)

    response = client.get(url("followup", conference))

    assert response.status_code == 200
    assert [p.title for p in response.context["priorities"]] == [
        "Flere lærlingplasser",
        "Grønn industri",
    ]
    page = text(response)
    assert (
        "1. Flere lærlingplasser Hovedmål I1 Flere i arbeid og utdanning – færre i utenforskap "
        "S2 Kompetanse som møter arbeidslivets behov Diskutert i Lærlinger i industrien"
    ) in page
    assert (
        "Ti nye lærlingplasser i industrien Endre Ti nye lærlingplasser i industrien "
        "NHO Vestfold og Telemark Skien kommune 1. januar 2040 Planlagt Avtalt på konferansen."
    ) in page
    assert "2. Grønn industri" in page
    assert "Ingen oppfølgingspunkter er registrert under denne prioriteringen ennå." in page
    html = response.content.decode()
    assert 'class="focus-area__swatch area-colour-' in html
    for link in (
        url("priority_add", conference),
        url("priority_edit", conference, priority.pk),
        url("priority_edit", conference, second.pk),
        url("commitment_add", conference, priority.pk),
        url("commitment_edit", conference, commitment.pk),
        url("commitment_detail", conference, commitment.pk),
    ):
        assert f'href="{link}"' in html
    assert [
        response.context[name] for name in ("commitment_count", "open_count", "overdue_count")
    ] == [1, 1, 0]


def test_followup_page_flags_overdue_commitments_in_text(client, adviser):
    past = ConferenceFactory(title="Møteplass Telemark 2026", slug="moteplass-2026", year=2026)
    priority = PriorityFactory(conference=past, title_nb="Gamle saker")
    CommitmentFactory(priority=priority, title_nb="Forsinket", due_date=dt.date(2026, 10, 1))
    CommitmentFactory(
        priority=priority, title_nb="Ferdig", due_date=dt.date(2026, 9, 1), state=S.DONE
    )
    client.force_login(adviser)

    response = client.get(url("followup", past))

    page = text(response)
    assert "1. september 2026 Gjennomført" in page
    assert "1. oktober 2026 Planlagt Over fristen" in page
    assert page.count("Over fristen") == 2  # the figure's label and the one commitment
    assert [
        response.context[name] for name in ("commitment_count", "open_count", "overdue_count")
    ] == [2, 1, 1]


@pytest.mark.parametrize("role", ["editor", "coordinator", "rival_editor"])
def test_followup_page_is_read_only_for_the_conference_partners(
    client_as, role, conference, priority, commitment
):
    response = client_as(role).get(url("followup", conference))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ti nye lærlingplasser i industrien" in html
    assert "bare konferansens rådgivere kan registrere og endre" in text(response)
    assert "/followup/priorities/" not in html
    assert "/edit/" not in html
    assert f'href="{url("commitment_detail", conference, commitment.pk)}"' in html


@pytest.mark.parametrize(
    "role,status",
    [("participant", 404), ("other_editor", 404), ("other_adviser", 404), ("removed_editor", 404)],
)
def test_followup_page_is_404_outside_the_conference(client_as, role, status, conference, priority):
    assert client_as(role).get(url("followup", conference)).status_code == status


def test_followup_page_sends_anonymous_to_log_in(client, conference):
    assert login_redirect(client.get(url("followup", conference)))


def test_followup_page_without_priorities_says_so(client, adviser, conference):
    client.force_login(adviser)
    page = text(client.get(url("followup", conference)))
    assert "Ingen prioriteringer er registrert for denne konferansen ennå." in page


# --- priorities ----------------------------------------------------------------------------------


def priority_data(**overrides):
    data = {
        "title_nb": "Flere lærlingplasser",
        "title_nn": "Fleire lærlingplassar",
        "title_en": "",
        "description_nb": "Bedriftene i Grenland tar inn flere lærlinger.",
        "description_nn": "",
        "description_en": "",
        "goals": [str(goal("S2").pk)],
        "sessions": [],
        "order": "",
    }
    data.update(overrides)
    return data


def test_adviser_records_a_priority(client, adviser, conference, session):
    PriorityFactory(conference=conference, title_nb="Første", order=1)
    client.force_login(adviser)

    response = client.post(
        url("priority_add", conference), priority_data(sessions=[str(session.pk)])
    )

    priority = Priority.objects.get(title_nb="Flere lærlingplasser")
    assert response.status_code == 302
    assert response["Location"] == url("followup", conference) + f"#priority-{priority.pk}"
    assert flashed(response) == ["Prioriteringen er registrert."]
    assert (priority.conference, priority.title_nn, priority.order, priority.created_by) == (
        conference,
        "Fleire lærlingplassar",
        2,
        adviser,
    )
    assert priority.description_nb == "Bedriftene i Grenland tar inn flere lærlinger."
    assert [g.code for g in priority.goals.all()] == ["S2"]
    assert list(priority.sessions.all()) == [session]
    log = ActivityLog.objects.get(object_id=priority.pk, action="conferences.priority.create")
    assert (log.user, log.data) == (
        adviser,
        {"title": "Flere lærlingplasser", "goals": ["S2"], "sessions": [session.pk]},
    )


def test_adviser_changes_a_priority(client, adviser, conference, priority):
    client.force_login(adviser)

    response = client.post(
        url("priority_edit", conference, priority.pk),
        priority_data(title_nb="Flere lærlinger", goals=[str(goal("S2").pk)], order="4"),
    )

    assert response.status_code == 302
    assert flashed(response) == ["Prioriteringen er lagret."]
    priority.refresh_from_db()
    assert (priority.title_nb, priority.order) == ("Flere lærlinger", 4)
    assert [g.code for g in priority.goals.all()] == ["S2"]
    assert list(priority.sessions.all()) == []
    log = ActivityLog.objects.get(object_id=priority.pk, action="conferences.priority.update")
    assert [change["field"] for change in log.data["changes"]] == [
        "title_nb",
        "description_nb",
        "order",
        "goals",
        "sessions",
    ]


def test_priority_form_shows_the_saved_values_and_grouped_goals(
    client, adviser, conference, priority, session
):
    client.force_login(adviser)

    response = client.get(url("priority_edit", conference, priority.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Flere lærlingplasser"' in html
    legends = re.findall(r'<legend class="ds-label focus-area__heading">(.*?)</legend>', html)
    assert [re.sub(r"<[^>]+>", "", legend) for legend in legends] == [
        "Inkluderende Telemark",
        "Skapende Telemark",
        "Naturrike Telemark",
        "Ikke i timeplanen",
    ]
    checked = re.findall(r'name="(goals|sessions)" value="(\d+)" id="[^"]+" checked', html)
    assert sorted(checked) == sorted(
        [
            ("goals", str(goal("S2").pk)),
            ("goals", str(goal("I1").pk)),
            ("sessions", str(session.pk)),
        ]
    )
    assert 'id="id_goals_0"' in html


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"goals": []}, "goals", "Velg minst ett hovedmål som prioriteringen skal bidra til."),
        (
            {"title_nb": "", "title_nn": "", "title_en": "Apprentices"},
            "title_nb",
            "Gi prioriteringen en tittel på bokmål eller nynorsk.",
        ),
        ({"goals": ["999999"]}, "goals", "Velg hovedmål fra planen konferansen bygger på."),
        ({"order": "-1"}, "order", "Verdien må være større enn eller lik 0."),
    ],
)
def test_bad_priority_gives_a_message_next_to_the_field_and_changes_nothing(
    client, adviser, conference, priority, overrides, field, message
):
    client.force_login(adviser)
    before = snapshot()

    for target in (url("priority_add", conference), url("priority_edit", conference, priority.pk)):
        response = client.post(target, priority_data(**overrides))
        assert response.status_code == 200
        assert field_error(response, field) == message
        assert "data-error-summary" in response.content.decode()
    assert snapshot() == before


def test_priority_sessions_are_the_accepted_sessions_of_the_conference(
    client, adviser, conference, session
):
    declined = SessionFactory(conference=conference, title="Avslått", state=SessionState.DECLINED)
    elsewhere = SessionFactory(title="Annen konferanse", state=SessionState.ACCEPTED)
    client.force_login(adviser)

    response = client.get(url("priority_add", conference))

    assert [s.title for s in response.context["form"].fields["sessions"].objects.values()] == [
        "Lærlinger i industrien"
    ]
    response = client.post(
        url("priority_add", conference), priority_data(sessions=[str(declined.pk)])
    )
    assert field_error(response, "sessions") == "Velg programposter fra denne konferansen."
    response = client.post(
        url("priority_add", conference), priority_data(sessions=[str(elsewhere.pk)])
    )
    assert field_error(response, "sessions") == "Velg programposter fra denne konferansen."
    assert Priority.objects.count() == 0


@pytest.mark.parametrize(
    "role",
    ["editor", "coordinator", "rival_editor", "other_editor", "participant", "other_adviser"],
)
def test_priority_forms_are_404_for_everyone_but_the_advisers(
    client_as, role, conference, priority
):
    client = client_as(role)
    before = snapshot()
    for target in (url("priority_add", conference), url("priority_edit", conference, priority.pk)):
        assert client.get(target).status_code == 404
        assert client.post(target, priority_data(title_nb="Endret")).status_code == 404
    assert snapshot() == before


def test_priority_of_another_conference_is_404(client, adviser, conference):
    other = PriorityFactory(conference=ConferenceFactory())
    client.force_login(adviser)
    assert client.get(url("priority_edit", conference, other.pk)).status_code == 404
    assert client.get(url("commitment_add", conference, other.pk)).status_code == 404


# --- commitments ---------------------------------------------------------------------------------


def commitment_data(**overrides):
    data = {
        "title_nb": "Ti nye lærlingplasser",
        "title_nn": "Ti nye lærlingplassar",
        "title_en": "",
        "description_nb": "",
        "description_nn": "",
        "description_en": "",
        "responsible_kind": "organisation",
        "responsible_organisation": "",
        "responsible_network": "",
        "contributors": [],
        "due_date": "2031-12-01",
    }
    data.update(overrides)
    return data


def test_adviser_records_a_commitment(
    client, adviser, conference, priority, partner_org, rival_org
):
    client.force_login(adviser)

    response = client.post(
        url("commitment_add", conference, priority.pk),
        commitment_data(
            responsible_organisation=str(partner_org.pk),
            contributors=[str(rival_org.pk), str(partner_org.pk)],
        ),
    )

    commitment = Commitment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("followup", conference) + f"#commitment-{commitment.pk}"
    assert flashed(response) == ["Oppfølgingspunktet er registrert."]
    assert (
        commitment.priority,
        commitment.title_nb,
        commitment.responsible_organisation,
        commitment.responsible_network,
        commitment.due_date,
        commitment.state,
        commitment.created_by,
    ) == (
        priority,
        "Ti nye lærlingplasser",
        partner_org,
        None,
        dt.date(2031, 12, 1),
        S.PLANNED,
        adviser,
    )
    # the responsible organisation is not also a contributor
    assert list(commitment.contributors.all()) == [rival_org]
    assert list(commitment.updates.values_list("from_state", "to_state", "note", "by")) == [
        ("", S.PLANNED, "Registrert på konferansen.", adviser.pk)
    ]
    log = ActivityLog.objects.get(object_id=commitment.pk, action="conferences.commitment.create")
    assert (log.user, log.data) == (
        adviser,
        {
            "title": "Ti nye lærlingplasser",
            "responsible": "NHO Vestfold og Telemark",
            "due_date": "2031-12-01",
            "contributors": [rival_org.pk],
        },
    )


def test_adviser_records_a_network_commitment_and_the_radio_decides(
    client, adviser, conference, priority, partner_org, network
):
    client.force_login(adviser)

    client.post(
        url("commitment_add", conference, priority.pk),
        commitment_data(
            responsible_kind="network",
            responsible_organisation=str(partner_org.pk),  # left over: the radio says network
            responsible_network=str(network.pk),
        ),
    )

    commitment = Commitment.objects.get()
    assert (commitment.responsible_organisation, commitment.responsible_network) == (
        None,
        network,
    )


def test_adviser_changes_a_commitment(client, adviser, conference, commitment, network):
    client.force_login(adviser)

    response = client.post(
        url("commitment_edit", conference, commitment.pk),
        commitment_data(
            title_nb="Tolv nye lærlingplasser",
            title_nn=commitment.title_nn,
            responsible_kind="network",
            responsible_network=str(network.pk),
            due_date="2032-01-15",
        ),
    )

    assert response.status_code == 302
    assert flashed(response) == ["Oppfølgingspunktet er lagret."]
    commitment.refresh_from_db()
    assert (
        commitment.title_nb,
        commitment.responsible_organisation,
        commitment.responsible_network,
        commitment.due_date,
        commitment.state,
    ) == ("Tolv nye lærlingplasser", None, network, dt.date(2032, 1, 15), S.PLANNED)
    log = ActivityLog.objects.get(object_id=commitment.pk, action="conferences.commitment.update")
    assert [change["field"] for change in log.data["changes"]] == [
        "title_nb",
        "responsible_organisation_id",
        "responsible_network_id",
        "due_date",
    ]


def test_commitment_form_shows_the_saved_values_partners_first(
    client, adviser, conference, commitment, partner_org, rival_org
):
    OrganisationFactory(name="Aaa AS", slug="aaa")
    client.force_login(adviser)

    response = client.get(url("commitment_edit", conference, commitment.pk))

    html = response.content.decode()
    assert f'<option value="{partner_org.pk}" selected>NHO Vestfold og Telemark</option>' in html
    assert 'value="organisation" id="id_responsible_kind_0" checked' in html
    assert 'value="2040-01-01"' in html
    groups = response.context["form"].contributor_groups()
    assert [group["legend"] for group in groups] == [
        "Samarbeidspartnere i konferansen",
        "Andre organisasjoner",
    ]
    assert [option["label"] for option in groups[0]["options"]] == [
        "NHO Vestfold og Telemark",
        "Skien kommune",
    ]
    assert groups[1]["options"][0]["label"] == "Aaa AS"


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        (
            {"responsible_kind": "organisation"},
            "responsible_organisation",
            "Velg organisasjonen eller fagnettverket som har ansvaret.",
        ),
        (
            {"responsible_kind": "network"},
            "responsible_network",
            "Velg organisasjonen eller fagnettverket som har ansvaret.",
        ),
        (
            {"responsible_kind": ""},
            "responsible_organisation",
            "Velg organisasjonen eller fagnettverket som har ansvaret.",
        ),
        (
            {"responsible_kind": "", "both": True},
            "responsible_network",
            "Velg enten en ansvarlig organisasjon eller et ansvarlig fagnettverk, ikke begge.",
        ),
        (
            {"due_date": "2031-04-21", "org": True},
            "due_date",
            "Fristen kan ikke være før konferansen (22. april 2031).",
        ),
        (
            {"due_date": "", "org": True},
            "due_date",
            "Skriv inn fristen for oppfølgingspunktet.",
        ),
        (
            {"title_nb": "", "title_nn": "", "org": True},
            "title_nb",
            "Gi oppfølgingspunktet en tittel på bokmål eller nynorsk.",
        ),
    ],
)
def test_bad_commitment_gives_a_message_next_to_the_field_and_changes_nothing(
    client, adviser, conference, commitment, partner_org, network, overrides, field, message
):
    overrides = dict(overrides)
    if overrides.pop("both", False):
        overrides |= {
            "responsible_organisation": str(partner_org.pk),
            "responsible_network": str(network.pk),
        }
    if overrides.pop("org", False):
        overrides["responsible_organisation"] = str(partner_org.pk)
    client.force_login(adviser)
    before = snapshot()

    for target in (
        url("commitment_add", conference, commitment.priority_id),
        url("commitment_edit", conference, commitment.pk),
    ):
        response = client.post(target, commitment_data(**overrides))
        assert response.status_code == 200
        assert field_error(response, field) == message
    assert snapshot() == before


@pytest.mark.parametrize(
    "role",
    ["editor", "coordinator", "rival_editor", "other_editor", "participant", "other_adviser"],
)
def test_commitment_forms_are_404_for_everyone_but_the_advisers(
    client_as, role, conference, commitment, partner_org
):
    client = client_as(role)
    before = snapshot()
    data = commitment_data(responsible_organisation=str(partner_org.pk))
    for target in (
        url("commitment_add", conference, commitment.priority_id),
        url("commitment_edit", conference, commitment.pk),
    ):
        assert client.get(target).status_code == 404
        assert client.post(target, data).status_code == 404
    assert snapshot() == before


def test_commitment_of_another_conference_is_404(client, adviser, conference, commitment):
    other = ConferenceFactory()
    client.force_login(adviser)
    assert client.get(url("commitment_edit", other, commitment.pk)).status_code == 404
    assert client.get(url("commitment_detail", other, commitment.pk)).status_code == 404


# --- a commitment's page and its status ----------------------------------------------------------


def status_data(state="in_progress", note="Fire plasser er på plass.", seen="planned"):
    return {"state": state, "note": note, "seen": seen}


def test_commitment_page_shows_the_commitment_and_its_history(
    client, adviser, conference, commitment, editor, rival_org
):
    commitment.contributors.set([rival_org])
    set_commitment_state(commitment, S.IN_PROGRESS, by=editor, note="Godt i gang.")
    client.force_login(adviser)

    response = client.get(url("commitment_detail", conference, commitment.pk))

    assert response.status_code == 200
    page = text(response)
    assert (
        "Status I gang Siste merknad Godt i gang. Frist 1. januar 2040 "
        "Ansvarlig NHO Vestfold og Telemark Organisasjoner som bidrar Skien kommune "
        "Prioritering Flere lærlingplasser Hovedmål I1 Flere i arbeid og utdanning – færre i "
        "utenforskap S2 Kompetanse som møter arbeidslivets behov"
    ) in page
    rows = response.context["updates"]
    assert [(u.from_state, u.to_state, u.note) for u in rows] == [
        (S.PLANNED, S.IN_PROGRESS, "Godt i gang.")
    ]
    assert "Planlagt → I gang Godt i gang." in page
    assert response.context["form"] is not None


@pytest.mark.parametrize("role", ["adviser", "editor", "coordinator"])
def test_status_change_by_adviser_and_the_responsible_organisation(
    client_as, role, person, conference, commitment, partner_org, adviser
):
    client = client_as(role)

    response = client.post(url("commitment_detail", conference, commitment.pk), status_data())

    assert response.status_code == 302
    assert response["Location"] == url("commitment_detail", conference, commitment.pk)
    assert flashed(response) == ["Statusen er endret til «I gang»."]
    commitment.refresh_from_db()
    user = person(role)
    assert (commitment.state, commitment.status_note, commitment.status_changed_by) == (
        S.IN_PROGRESS,
        "Fire plasser er på plass.",
        user,
    )
    update = commitment.updates.get()
    on_behalf = "Telemark fylkeskommune" if role == "adviser" else "NHO Vestfold og Telemark"
    assert (update.from_state, update.to_state, update.by, update.organisation_name) == (
        S.PLANNED,
        S.IN_PROGRESS,
        user,
        on_behalf,
    )
    log = ActivityLog.objects.get(object_id=commitment.pk, action="conferences.commitment.status")
    assert (log.user, log.data["note"], log.data["changes"][0]["after"]) == (
        user,
        "Fire plasser er på plass.",
        S.IN_PROGRESS,
    )
    page = text(client.get(response["Location"]))
    assert "Statusen er endret til «I gang»." in page
    assert f"Planlagt → I gang Fire plasser er på plass. {user} (" in page


def test_status_change_by_a_member_of_the_network_lead(
    client, conference, priority, network, lead_member
):
    commitment = CommitmentFactory(
        priority=priority, responsible_network=network, title_nb="Nettverket følger opp"
    )
    client.force_login(lead_member)

    response = client.get(url("commitment_detail", conference, commitment.pk))
    assert response.status_code == 200
    assert "Fagnettverk for fagbrev (fagnettverk, koordinert av Vekst i Grenland)" in text(response)
    response = client.post(
        url("commitment_detail", conference, commitment.pk), status_data(state="done")
    )

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.state == S.DONE
    assert commitment.updates.get().organisation_name == "Vekst i Grenland"


def test_status_change_by_an_editor_of_another_partner_is_403_and_changes_nothing(
    client, conference, commitment, rival_editor
):
    client.force_login(rival_editor)
    response = client.get(url("commitment_detail", conference, commitment.pk))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "Oppdater statusen" not in text(response)
    before = snapshot()

    response = client.post(url("commitment_detail", conference, commitment.pk), status_data())

    assert response.status_code == 403
    assert (
        "Bare redaktører og koordinatorer i organisasjonen som har ansvaret for dette "
        "oppfølgingspunktet"
    ) in text(response)
    assert "Ingenting er endret." in text(response)
    assert snapshot() == before


@pytest.mark.parametrize("role", ["participant", "other_editor", "other_adviser", "removed_editor"])
def test_commitment_page_is_404_outside_the_conference(client_as, role, conference, commitment):
    client = client_as(role)
    before = snapshot()
    target = url("commitment_detail", conference, commitment.pk)
    assert client.get(target).status_code == 404
    assert client.post(target, status_data()).status_code == 404
    assert snapshot() == before


def test_commitment_page_sends_anonymous_to_log_in(client, conference, commitment):
    before = snapshot()
    target = url("commitment_detail", conference, commitment.pk)
    assert login_redirect(client.get(target))
    assert login_redirect(client.post(target, status_data()))
    assert snapshot() == before


def test_published_report_makes_the_commitment_public_but_not_its_status_form(
    client, conference, commitment, editor, participant
):
    set_commitment_state(commitment, S.IN_PROGRESS, by=editor, note="Godt i gang.")
    conference.report_published_at = timezone.now()
    conference.save(update_fields=["report_published_at"])
    target = url("commitment_detail", conference, commitment.pk)
    before = snapshot()

    response = client.get(target)
    assert response.status_code == 200
    assert response.context["form"] is None
    page = text(response)
    assert "Godt i gang. NHO Vestfold og Telemark" in page
    assert str(editor) not in page  # the public sees organisations, not people
    assert login_redirect(client.post(target, status_data()))

    client.force_login(participant)
    assert client.get(target).status_code == 200
    assert client.post(target, status_data()).status_code == 403
    assert snapshot() == before


def test_stale_status_change_is_refused_next_to_the_state(
    client, conference, commitment, editor, coordinator
):
    set_commitment_state(commitment, S.DONE, by=coordinator, note="Ferdig allerede.")
    client.force_login(editor)
    before = snapshot()

    response = client.post(
        url("commitment_detail", conference, commitment.pk), status_data(seen="planned")
    )

    assert response.status_code == 200
    assert field_error(response, "state") == (
        "Noen andre endret statusen til «Gjennomført» mens du skrev. Les gjennom og prøv igjen."
    )
    assert snapshot() == before
    html = response.content.decode()
    assert 'name="seen" value="done"' in html  # the retry is checked against what is shown now
    assert "Fire plasser er på plass." in html  # the note is kept
    assert "Gjennomført Ferdig allerede." in text(response)


def test_a_form_sent_back_for_a_missing_note_still_catches_a_stale_status(
    client, conference, commitment, editor, coordinator
):
    set_commitment_state(commitment, S.DONE, by=coordinator, note="Ferdig allerede.")
    client.force_login(editor)

    response = client.post(
        url("commitment_detail", conference, commitment.pk), status_data(note="", seen="planned")
    )

    assert field_error(response, "note") == "Skriv en kort merknad om hva som har skjedd."
    assert 'name="seen" value="planned"' in response.content.decode()


def test_same_state_with_a_note_records_progress(client, conference, commitment, editor):
    client.force_login(editor)

    response = client.post(
        url("commitment_detail", conference, commitment.pk),
        status_data(state="planned", note="Vi starter i januar."),
    )

    assert flashed(response) == ["Merknaden er lagt til. Statusen er fortsatt «Planlagt»."]
    commitment.refresh_from_db()
    assert (commitment.state, commitment.status_note) == (S.PLANNED, "Vi starter i januar.")
    assert list(commitment.updates.values_list("from_state", "to_state", "note")) == [
        (S.PLANNED, S.PLANNED, "Vi starter i januar.")
    ]


@pytest.mark.parametrize(
    "data,field,message",
    [
        (status_data(note=""), "note", "Skriv en kort merknad om hva som har skjedd."),
        (status_data(note="   "), "note", "Skriv en kort merknad om hva som har skjedd."),
        (status_data(state=""), "state", "Velg en av statusene."),
        (status_data(state="finished"), "state", "Velg en av statusene."),
    ],
)
def test_bad_status_change_gives_a_message_and_changes_nothing(
    client, conference, commitment, editor, data, field, message
):
    client.force_login(editor)
    before = snapshot()

    response = client.post(url("commitment_detail", conference, commitment.pk), data)

    assert response.status_code == 200
    assert field_error(response, field) == message
    assert snapshot() == before


def test_too_long_note_is_refused(client, conference, commitment, editor):
    client.force_login(editor)
    before = snapshot()
    response = client.post(
        url("commitment_detail", conference, commitment.pk), status_data(note="x" * 1001)
    )
    assert response.status_code == 200
    assert field_error(response, "note") == "Merknaden kan være på høyst 1000 tegn."
    assert snapshot() == before


# --- a partner's commitments ---------------------------------------------------------------------


def test_my_commitments_lists_what_the_organisations_answer_for(
    client, editor, conference, priority, commitment, partner_org, network, rival_org
):
    # the editor's organisation also leads a network
    network.lead = partner_org
    network.save(update_fields=["lead"])
    by_network = CommitmentFactory(
        priority=priority, responsible_network=network, title_nb="Felles kampanje", due_date=FAR
    )
    done = CommitmentFactory(
        priority=priority,
        responsible_organisation=partner_org,
        title_nb="Allerede ferdig",
        due_date=dt.date(2031, 6, 1),
        state=S.DONE,
    )
    CommitmentFactory(priority=priority, responsible_organisation=rival_org, title_nb="Skiens")
    CommitmentFactory(
        priority=priority, title_nb="Bare bidragsyter", contributors=[partner_org], due_date=FAR
    )
    past = ConferenceFactory(title="Møteplass Telemark 2026", slug="moteplass-2026", year=2026)
    ConferencePartnerFactory(conference=past, organisation=partner_org)
    overdue = CommitmentFactory(
        priority=PriorityFactory(conference=past),
        responsible_organisation=partner_org,
        title_nb="Forsinket",
        due_date=dt.date(2026, 10, 1),
    )
    client.force_login(editor)

    response = client.get(reverse("my_commitments"))

    assert response.status_code == 200
    groups = response.context["groups"]
    assert [
        (group["conference"].slug, [c.title for c in group["commitments"]]) for group in groups
    ] == [
        ("moteplass-2031", [commitment.title, by_network.title, done.title]),
        ("moteplass-2026", [overdue.title]),
    ]
    page = text(response)
    assert "3 oppfølgingspunkter er fortsatt åpne. 1 av dem er over fristen." in page
    assert "Forsinket NHO Vestfold og Telemark 1. oktober 2026 Planlagt Over fristen" in page
    assert "Felles kampanje Fagnettverk for fagbrev (fagnettverk)" in page
    html = response.content.decode()
    for item in (commitment, by_network, done):
        assert f'href="{url("commitment_detail", conference, item.pk)}"' in html
    assert f'href="{url("commitment_detail", past, overdue.pk)}"' in html


def test_my_commitments_without_any_says_so_kindly(client, rival_editor, commitment):
    client.force_login(rival_editor)
    response = client.get(reverse("my_commitments"))
    assert response.status_code == 200
    assert response.context["groups"] == []
    assert "Organisasjonen din har ingen oppfølgingspunkter å følge opp." in text(response)


def test_my_commitments_for_a_person_without_organisation(client, participant):
    client.force_login(participant)
    response = client.get(reverse("my_commitments"))
    assert response.status_code == 200
    assert response.context["groups"] == []


def test_my_commitments_sends_anonymous_to_log_in(client):
    assert login_redirect(client.get(reverse("my_commitments")))


def test_my_commitments_is_the_link_of_the_reminders():
    assert reverse("my_commitments") == "/partner/followup/commitments/"


# --- query counts (house style rule 21) ----------------------------------------------------------


def populate(conference, organisation, count):
    """``count`` priorities, each with ``count`` commitments of ``organisation`` with contributors
    and a status history."""
    network = NetworkFactory(lead=organisation)
    helpers = [OrganisationFactory() for _ in range(2)]
    sessions = [SessionFactory(conference=conference, goals=[goal("S1")]) for _ in range(count)]
    last = None
    for _ in range(count):
        priority = PriorityFactory(
            conference=conference, goals=[goal("S1"), goal("N1")], sessions=sessions
        )
        for index in range(count):
            kind = (
                {"responsible_network": network}
                if index % 2
                else {"responsible_organisation": organisation}
            )
            last = CommitmentFactory(priority=priority, contributors=helpers, due_date=FAR, **kind)
            for _ in range(count):
                StatusUpdate.objects.create(
                    commitment=last, from_state=S.PLANNED, to_state=S.IN_PROGRESS, note="Notat"
                )
    ContentType.objects.get_for_model(Commitment)  # cached for the process
    return last


@pytest.mark.parametrize("count", [1, 3])
def test_followup_page_queries_do_not_grow(
    client, adviser, conference, partner_org, django_assert_num_queries, count
):
    populate(conference, partner_org, count)
    client.force_login(adviser)
    # session, user, memberships, conference, priorities, goals, sessions, commitments,
    # contributors
    with django_assert_num_queries(9):
        response = client.get(url("followup", conference))
    assert response.context["commitment_count"] == count * count


@pytest.mark.parametrize("count", [1, 3])
def test_followup_page_queries_do_not_grow_for_a_partner(
    client, editor, conference, partner_org, django_assert_num_queries, count
):
    populate(conference, partner_org, count)
    client.force_login(editor)
    # as for an adviser, and the conference's partners (for the permission)
    with django_assert_num_queries(10):
        response = client.get(url("followup", conference))
    assert response.context["commitment_count"] == count * count


@pytest.mark.parametrize("count", [1, 3])
def test_commitment_page_queries_do_not_grow(
    client, editor, conference, partner_org, django_assert_num_queries, count
):
    commitment = populate(conference, partner_org, count)
    client.force_login(editor)
    # session, user, memberships, commitment (with priority, conference, responsible party),
    # goals, contributors, history, the conference's partners
    with django_assert_num_queries(8):
        response = client.get(url("commitment_detail", conference, commitment.pk))
    assert len(response.context["updates"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_my_commitments_queries_do_not_grow(
    client, editor, conference, partner_org, django_assert_num_queries, count
):
    populate(conference, partner_org, count)
    client.force_login(editor)
    # session, user, memberships, commitments
    with django_assert_num_queries(4):
        response = client.get(reverse("my_commitments"))
    assert len(response.context["groups"][0]["commitments"]) == count * count


# --- everything missing is said at once -----------------------------------------------------------


def test_a_blank_commitment_form_names_every_missing_field_at_once(
    client, adviser, conference, priority
):
    client.force_login(adviser)
    before = snapshot()

    response = client.post(url("commitment_add", conference, priority.pk), {})

    assert response.status_code == 200
    assert [
        field_error(response, field)
        for field in ("title_nb", "responsible_organisation", "due_date")
    ] == [
        "Gi oppfølgingspunktet en tittel på bokmål eller nynorsk.",
        "Velg organisasjonen eller fagnettverket som har ansvaret.",
        "Skriv inn fristen for oppfølgingspunktet.",
    ]
    assert snapshot() == before


def test_a_blank_priority_form_names_the_title_and_the_goals_at_once(client, adviser, conference):
    client.force_login(adviser)
    before = snapshot()

    response = client.post(url("priority_add", conference), {})

    assert [field_error(response, field) for field in ("title_nb", "goals")] == [
        "Gi prioriteringen en tittel på bokmål eller nynorsk.",
        "Velg minst ett hovedmål som prioriteringen skal bidra til.",
    ]
    assert snapshot() == before
