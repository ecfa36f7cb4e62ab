"""The write side of follow-up (conferences.domain.followup): recording and editing priorities and
commitments, and the one transition function of a commitment's status. Every refusal is a
FollowUpError with a message for the person and writes nothing."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone, translation

from conferences.domain.followup import (
    FollowUpError,
    save_commitment,
    save_priority,
    set_commitment_state,
)
from conferences.enums import CommitmentState
from conferences.models import Commitment, Priority, StatusUpdate
from moteplass.audit import history_for
from moteplass.models import ActivityLog
from partners.enums import MembershipRole
from telemarksplanen.models import FocusArea, Goal, Plan
from tests.factories import (
    CommitmentFactory,
    ConferenceFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PriorityFactory,
    SessionFactory,
    county,
    goal,
)

pytestmark = pytest.mark.django_db
C = CommitmentState


@pytest.fixture(autouse=True)
def _bokmal():
    with translation.override("nb"):
        yield


def counts():
    return {
        "priorities": Priority.objects.count(),
        "commitments": Commitment.objects.count(),
        "updates": StatusUpdate.objects.count(),
        "log": ActivityLog.objects.count(),
    }


def other_plan_goal() -> Goal:
    plan = Plan.objects.create(
        name="Telemarksplanen 2019–2023", slug="telemarksplanen-2019", start_year=2019,
        end_year=2023, owner=county(),
    )  # fmt: skip
    area = FocusArea.objects.create(plan=plan, code="I", title_nb="Gammel", title_nn="Gammal")
    return Goal.objects.create(focus_area=area, code="I1", title_nb="Gammelt", title_nn="Gammalt")


@pytest.fixture
def priority(conference):
    return PriorityFactory(conference=conference, title_nb="Flere lærlingplasser", title_nn="")


def new_commitment(priority, *, by=None, contributors=None, **values):
    return save_commitment(
        Commitment(priority=priority),
        by=by,
        values={"title_nb": "Kartlegge behovet", "due_date": dt.date(2031, 12, 1), **values},
        contributors=contributors,
    )[0]


# --- save_priority -------------------------------------------------------------------------------


def test_save_priority_creates_with_goals_and_sessions_and_logs_it(conference, adviser):
    session = SessionFactory(conference=conference, title="Kompetanse for framtida")

    priority, changes = save_priority(
        Priority(conference=conference),
        by=adviser,
        values={"title_nb": "Flere lærlingplasser", "title_nn": "Fleire lærlingplassar"},
        goals=[goal("S2"), goal("I1")],
        sessions=[session],
    )

    priority.refresh_from_db()
    assert changes == []
    assert (priority.title_nb, priority.title_nn, priority.order) == (
        "Flere lærlingplasser",
        "Fleire lærlingplassar",
        1,
    )
    assert priority.created_by == adviser
    assert sorted(priority.goals.values_list("code", flat=True)) == ["I1", "S2"]
    assert list(priority.sessions.all()) == [session]
    [entry] = history_for(priority)
    assert entry.action == "conferences.priority.create"
    assert entry.user == adviser
    assert entry.data == {
        "title": "Flere lærlingplasser",
        "goals": ["I1", "S2"],
        "sessions": [session.pk],
    }


def test_save_priority_puts_a_new_priority_last(conference, adviser):
    PriorityFactory(conference=conference)
    PriorityFactory(conference=conference)

    priority, _changes = save_priority(
        Priority(conference=conference), by=adviser, values={"title_nn": "Ny"}, goals=[goal("N1")]
    )

    assert priority.order == 3
    assert list(priority.sessions.all()) == []


def test_save_priority_without_a_goal_is_refused(conference, adviser):
    before = counts()

    with pytest.raises(FollowUpError) as error:
        save_priority(
            Priority(conference=conference), by=adviser, values={"title_nb": "Mål"}, goals=[]
        )

    assert (error.value.field, str(error.value)) == (
        "goals",
        "Velg minst ett hovedmål som prioriteringen skal bidra til.",
    )
    assert counts() == before


def test_save_priority_with_a_goal_of_another_plan_is_refused(conference, adviser):
    old_goal = other_plan_goal()
    before = counts()

    with pytest.raises(FollowUpError) as error:
        save_priority(
            Priority(conference=conference),
            by=adviser,
            values={"title_nb": "Mål"},
            goals=[goal("I1"), old_goal],
        )

    assert (error.value.field, str(error.value)) == (
        "goals",
        "Velg hovedmål fra planen konferansen bygger på.",
    )
    assert counts() == before


def test_save_priority_with_a_session_of_another_conference_is_refused(conference, adviser):
    elsewhere = SessionFactory(conference=ConferenceFactory(slug="annen-konferanse"))
    before = counts()

    with pytest.raises(FollowUpError) as error:
        save_priority(
            Priority(conference=conference),
            by=adviser,
            values={"title_nb": "Mål"},
            goals=[goal("I1")],
            sessions=[elsewhere],
        )

    assert (error.value.field, str(error.value)) == (
        "sessions",
        "Velg programposter fra denne konferansen.",
    )
    assert counts() == before


def test_save_priority_without_a_title_is_refused(conference, adviser):
    before = counts()

    with pytest.raises(FollowUpError) as error:
        save_priority(
            Priority(conference=conference),
            by=adviser,
            values={"title_nb": "  ", "title_en": "Only English"},
            goals=[goal("I1")],
        )

    assert (error.value.field, str(error.value)) == (
        "title_nb",
        "Gi prioriteringen en tittel på bokmål eller nynorsk.",
    )
    assert counts() == before


def test_save_priority_with_an_unknown_value_raises(priority, adviser):
    with pytest.raises(ValueError):
        save_priority(priority, by=adviser, values={"conference_id": 99}, goals=[goal("I1")])


def test_save_priority_edit_logs_fields_goals_and_sessions(priority, adviser):
    first, second = SessionFactory.create_batch(2, conference=priority.conference)
    priority.sessions.set([first])

    saved, changes = save_priority(
        priority,
        by=adviser,
        values={"title_nb": "Flere læreplasser", "title_nn": ""},
        goals=[goal("I1"), goal("N2")],
        sessions=[second],
    )

    assert changes == [
        {
            "field": "title_nb",
            "label": "tittel (bokmål)",
            "before": "Flere lærlingplasser",
            "after": "Flere læreplasser",
        },
        {"field": "goals", "label": "hovedmål", "before": ["I1"], "after": ["I1", "N2"]},
        {
            "field": "sessions",
            "label": "drøftet i programpostene",
            "before": [first.pk],
            "after": [second.pk],
        },
    ]
    priority.refresh_from_db()
    assert priority.title_nb == "Flere læreplasser"
    assert sorted(priority.goals.values_list("code", flat=True)) == ["I1", "N2"]
    assert list(priority.sessions.all()) == [second]
    [entry] = history_for(priority)
    assert (entry.action, entry.user, entry.data) == (
        "conferences.priority.update",
        adviser,
        {"changes": changes},
    )


def test_save_priority_edit_without_sessions_keeps_them_and_logs_nothing(priority, adviser):
    session = SessionFactory(conference=priority.conference)
    priority.sessions.set([session])

    _saved, changes = save_priority(
        priority, by=adviser, values={"title_nb": "Flere lærlingplasser"}, goals=[goal("I1")]
    )

    assert changes == []
    assert list(priority.sessions.all()) == [session]
    assert list(history_for(priority)) == []


def test_save_priority_refused_edit_changes_nothing(priority, adviser):
    before = counts()

    with pytest.raises(FollowUpError):
        save_priority(
            priority, by=adviser, values={"title_nb": "", "title_nn": ""}, goals=[goal("S1")]
        )

    priority.refresh_from_db()
    assert priority.title_nb == "Flere lærlingplasser"
    assert list(priority.goals.values_list("code", flat=True)) == ["I1"]
    assert counts() == before


# --- save_commitment -----------------------------------------------------------------------------


def test_save_commitment_creates_with_a_first_status_update_and_a_log_entry(
    priority, partner_org, rival_org, adviser
):
    commitment, changes = save_commitment(
        Commitment(priority=priority),
        by=adviser,
        values={
            "title_nb": "Kartlegge behovet for lærlinger",
            "title_nn": "Kartleggje behovet for lærlingar",
            "responsible_organisation": partner_org,
            "due_date": dt.date(2031, 12, 1),
        },
        contributors=[rival_org],
    )

    commitment.refresh_from_db()
    assert changes == []
    assert (commitment.state, commitment.responsible, commitment.due_date) == (
        C.PLANNED,
        partner_org,
        dt.date(2031, 12, 1),
    )
    assert (commitment.created_by, commitment.status_changed_by) == (adviser, adviser)
    assert list(commitment.contributors.all()) == [rival_org]
    [update] = commitment.updates.all()
    assert (update.from_state, update.to_state, update.note, update.by) == (
        "",
        C.PLANNED,
        "Registrert på konferansen.",
        adviser,
    )
    [entry] = history_for(commitment)
    assert (entry.action, entry.user, entry.data) == (
        "conferences.commitment.create",
        adviser,
        {
            "title": "Kartlegge behovet for lærlinger",
            "responsible": "NHO Vestfold og Telemark",
            "due_date": "2031-12-01",
            "contributors": [rival_org.pk],
        },
    )


def test_save_commitment_for_a_network_keeps_the_network_responsible(priority, adviser):
    network = NetworkFactory(name="Telemark næringskollegium")

    commitment = new_commitment(priority, responsible_network=network, by=adviser)

    assert (commitment.responsible_organisation, commitment.responsible) == (None, network)


def test_save_commitment_without_a_responsible_party_is_refused(priority, adviser):
    before = counts()

    with pytest.raises(FollowUpError) as error:
        new_commitment(priority, by=adviser)

    assert (error.value.field, str(error.value)) == (
        "responsible_organisation",
        "Velg organisasjonen eller fagnettverket som har ansvaret.",
    )
    assert counts() == before


def test_save_commitment_with_both_an_organisation_and_a_network_is_refused(
    priority, partner_org, adviser
):
    before = counts()

    with pytest.raises(FollowUpError) as error:
        new_commitment(
            priority,
            responsible_organisation=partner_org,
            responsible_network=NetworkFactory(),
            by=adviser,
        )

    assert (error.value.field, str(error.value)) == (
        "responsible_network",
        "Velg enten en ansvarlig organisasjon eller et ansvarlig fagnettverk, ikke begge.",
    )
    assert counts() == before


def test_save_commitment_due_before_the_conference_is_refused_naming_its_date(
    priority, partner_org, adviser
):
    before = counts()

    with pytest.raises(FollowUpError) as error:
        new_commitment(
            priority,
            responsible_organisation=partner_org,
            due_date=dt.date(2031, 4, 21),
            by=adviser,
        )

    assert (error.value.field, str(error.value)) == (
        "due_date",
        "Fristen kan ikke være før konferansen (22. april 2031).",
    )
    assert counts() == before


def test_save_commitment_due_on_the_first_day_of_the_conference_is_accepted(
    priority, partner_org, adviser
):
    commitment = new_commitment(
        priority, responsible_organisation=partner_org, due_date=dt.date(2031, 4, 22), by=adviser
    )

    assert commitment.due_date == dt.date(2031, 4, 22)


def test_save_commitment_without_a_due_date_is_refused(priority, partner_org, adviser):
    with pytest.raises(FollowUpError) as error:
        new_commitment(priority, responsible_organisation=partner_org, due_date=None)

    assert (error.value.field, str(error.value)) == (
        "due_date",
        "Skriv inn fristen for oppfølgingspunktet.",
    )
    assert Commitment.objects.count() == 0


def test_save_commitment_without_a_title_is_refused(priority, partner_org, adviser):
    with pytest.raises(FollowUpError) as error:
        new_commitment(priority, responsible_organisation=partner_org, title_nb="")

    assert (error.value.field, str(error.value)) == (
        "title_nb",
        "Gi oppfølgingspunktet en tittel på bokmål eller nynorsk.",
    )
    assert Commitment.objects.count() == 0


def test_save_commitment_contributors_leave_out_the_responsible_organisation(
    priority, partner_org, rival_org, adviser
):
    commitment = new_commitment(
        priority,
        responsible_organisation=partner_org,
        contributors=[partner_org, rival_org, rival_org],
        by=adviser,
    )

    assert list(commitment.contributors.all()) == [rival_org]


def test_save_commitment_with_a_state_raises(priority, partner_org, adviser):
    with pytest.raises(ValueError):
        new_commitment(priority, responsible_organisation=partner_org, state=C.DONE)

    commitment = CommitmentFactory(priority=priority)
    with pytest.raises(ValueError):
        save_commitment(commitment, by=adviser, values={"state": C.DONE})
    with pytest.raises(ValueError):
        save_commitment(commitment, by=adviser, values={"status_note": "Ferdig"})
    commitment.refresh_from_db()
    assert (commitment.state, commitment.status_note) == (C.PLANNED, "")


def test_save_commitment_edit_logs_what_changed(priority, partner_org, rival_org, adviser):
    commitment = new_commitment(priority, responsible_organisation=partner_org)
    helper = OrganisationFactory(name="USN")

    saved, changes = save_commitment(
        commitment,
        by=adviser,
        values={
            "title_nb": "Kartlegge behovet i hele fylket",
            "responsible_organisation": rival_org,
            "due_date": dt.date(2032, 3, 1),
        },
        contributors=[helper],
    )

    assert changes == [
        {
            "field": "title_nb",
            "label": "tittel (bokmål)",
            "before": "Kartlegge behovet",
            "after": "Kartlegge behovet i hele fylket",
        },
        {
            "field": "responsible_organisation_id",
            "label": "ansvarlig organisasjon",
            "before": partner_org.pk,
            "after": rival_org.pk,
        },
        {"field": "due_date", "label": "frist", "before": "2031-12-01", "after": "2032-03-01"},
        {"field": "contributors", "label": "organisasjoner som bidrar", "before": [],
         "after": [helper.pk]},
    ]  # fmt: skip
    commitment.refresh_from_db()
    assert (commitment.responsible, commitment.due_date, commitment.state) == (
        rival_org,
        dt.date(2032, 3, 1),
        C.PLANNED,
    )
    assert [entry.action for entry in history_for(commitment)] == [
        "conferences.commitment.update",
        "conferences.commitment.create",
    ]
    assert history_for(commitment)[0].data == {"changes": changes}
    assert commitment.updates.count() == 1


def test_save_commitment_edit_without_contributors_keeps_them_but_not_the_responsible(
    priority, partner_org, rival_org, adviser
):
    helper = OrganisationFactory(name="USN")
    commitment = new_commitment(
        priority, responsible_organisation=partner_org, contributors=[rival_org, helper]
    )

    _saved, changes = save_commitment(
        commitment, by=adviser, values={"responsible_organisation": rival_org}
    )

    assert sorted(commitment.contributors.values_list("name", flat=True)) == ["USN"]
    assert [change["field"] for change in changes] == [
        "responsible_organisation_id",
        "contributors",
    ]


def test_save_commitment_edit_with_an_unchanged_due_date_skips_the_date_check(
    priority, partner_org, adviser
):
    commitment = new_commitment(priority, responsible_organisation=partner_org)
    Commitment.objects.filter(pk=commitment.pk).update(due_date=dt.date(2031, 1, 1))

    _saved, changes = save_commitment(commitment, by=adviser, values={"title_nb": "Nytt navn"})

    assert [change["field"] for change in changes] == ["title_nb"]


def test_save_commitment_refused_edit_changes_nothing(priority, partner_org, adviser):
    commitment = new_commitment(priority, responsible_organisation=partner_org)
    before = counts()

    with pytest.raises(FollowUpError) as error:
        save_commitment(
            commitment,
            by=adviser,
            values={"title_nb": "Nytt", "due_date": dt.date(2030, 1, 1)},
            contributors=[OrganisationFactory()],
        )

    assert error.value.field == "due_date"
    commitment.refresh_from_db()
    assert (commitment.title_nb, commitment.due_date) == ("Kartlegge behovet", dt.date(2031, 12, 1))
    assert list(commitment.contributors.all()) == []
    assert counts() == before


def test_save_commitment_cannot_move_to_a_priority_of_another_conference(
    priority, partner_org, adviser
):
    commitment = new_commitment(priority, responsible_organisation=partner_org)
    elsewhere = PriorityFactory(conference=ConferenceFactory(slug="annen-konferanse"))

    with pytest.raises(FollowUpError) as error:
        save_commitment(commitment, by=adviser, values={"priority": elsewhere})

    assert (error.value.field, str(error.value)) == (
        "priority",
        "Velg en prioritering fra samme konferanse.",
    )
    commitment.refresh_from_db()
    assert commitment.priority == priority


# --- set_commitment_state ------------------------------------------------------------------------


@pytest.fixture
def commitment(priority, partner_org):
    return CommitmentFactory(
        priority=priority, responsible_organisation=partner_org, title_nb="Kartlegge behovet"
    )


@pytest.mark.parametrize(("start", "target"), list(itertools.product(C.chosen(), C.chosen())))
def test_set_commitment_state_allows_every_move_with_a_note(commitment, adviser, start, target):
    Commitment.objects.filter(pk=commitment.pk).update(state=start)
    commitment.refresh_from_db()

    set_commitment_state(commitment, target, by=adviser, note="Vi har snakket sammen.", seen=start)

    commitment.refresh_from_db()
    assert (commitment.state, commitment.status_note) == (target, "Vi har snakket sammen.")
    assert list(commitment.updates.values_list("from_state", "to_state")) == [(start, target)]


@pytest.mark.parametrize("start", [C.PLANNED, C.IN_PROGRESS])
def test_set_commitment_state_carries_an_open_commitment_over_only_with_its_copy(
    commitment, adviser, start
):
    Commitment.objects.filter(pk=commitment.pk).update(state=start)
    commitment.refresh_from_db()
    copy = CommitmentFactory(title_nb="Kopien", carried_from=commitment)

    with pytest.raises(FollowUpError) as refused:
        set_commitment_state(commitment, C.CARRIED, by=adviser, note="Videre.")
    assert (str(refused.value), refused.value.field) == ("Velg en av statusene.", "state")

    set_commitment_state(commitment, C.CARRIED, by=adviser, note="Videre.", carried_to=copy)

    commitment.refresh_from_db()
    assert commitment.state == C.CARRIED
    assert list(commitment.updates.values_list("from_state", "to_state")) == [(start, C.CARRIED)]
    assert history_for(commitment).first().data == {
        "note": "Videre.",
        "carried_to": copy.pk,
        "changes": [{"field": "state", "label": "status", "before": start, "after": "carried"}],
    }


@pytest.mark.parametrize("start", [C.DONE, C.DROPPED])
def test_set_commitment_state_does_not_carry_a_closed_commitment(commitment, adviser, start):
    Commitment.objects.filter(pk=commitment.pk).update(state=start)
    copy = CommitmentFactory(title_nb="Kopien")

    with pytest.raises(FollowUpError):
        set_commitment_state(commitment, C.CARRIED, by=adviser, note="Videre.", carried_to=copy)

    assert Commitment.objects.get(pk=commitment.pk).state == start
    assert StatusUpdate.objects.count() == 0


@pytest.mark.parametrize("target", [C.PLANNED, C.IN_PROGRESS, C.DONE, C.DROPPED])
def test_set_commitment_state_leaves_a_carried_commitment_alone(
    commitment, adviser, coordinator, target
):
    Commitment.objects.filter(pk=commitment.pk).update(state=C.CARRIED)
    commitment.refresh_from_db()

    for person in (adviser, coordinator):
        with pytest.raises(FollowUpError) as refused:
            set_commitment_state(commitment, target, by=person, note="Endret.")
        assert str(refused.value) == (
            "Dette oppfølgingspunktet er overført til neste konferanse og følges opp der."
        )
    assert not adviser.has_perm("conferences.change_commitment", commitment)
    assert Commitment.objects.get(pk=commitment.pk).state == C.CARRIED
    assert StatusUpdate.objects.count() == 0


def test_set_commitment_state_reopens_a_done_commitment(commitment, coordinator):
    set_commitment_state(commitment, C.DONE, by=coordinator, note="Ferdig.", seen=C.PLANNED)

    set_commitment_state(
        commitment, C.IN_PROGRESS, by=coordinator, note="Mer å gjøre likevel.", seen=C.DONE
    )

    commitment.refresh_from_db()
    assert commitment.state == C.IN_PROGRESS
    assert list(commitment.updates.values_list("from_state", "to_state", "note")) == [
        (C.DONE, C.IN_PROGRESS, "Mer å gjøre likevel."),
        (C.PLANNED, C.DONE, "Ferdig."),
    ]


def test_set_commitment_state_records_the_change_who_and_on_whose_behalf(commitment, coordinator):
    before = timezone.now()

    returned = set_commitment_state(
        commitment, C.IN_PROGRESS, by=coordinator, note="  Første møte\n holdt.  ", seen=C.PLANNED
    )

    commitment.refresh_from_db()
    assert returned.state == C.IN_PROGRESS
    assert (commitment.state, commitment.status_note, commitment.status_changed_by) == (
        C.IN_PROGRESS,
        "Første møte holdt.",
        coordinator,
    )
    assert commitment.status_changed_at >= before
    [update] = commitment.updates.all()
    assert (
        update.from_state,
        update.to_state,
        update.note,
        update.by,
        update.organisation_name,
        update.at,
    ) == (
        C.PLANNED,
        C.IN_PROGRESS,
        "Første møte holdt.",
        coordinator,
        "NHO Vestfold og Telemark",
        commitment.status_changed_at,
    )
    [entry] = history_for(commitment)
    assert (entry.action, entry.user, entry.data) == (
        "conferences.commitment.status",
        coordinator,
        {
            "changes": [
                {"field": "state", "label": "status", "before": "planned", "after": "in_progress"}
            ],
            "note": "Første møte holdt.",
        },
    )


def test_set_commitment_state_by_an_adviser_is_on_behalf_of_the_organiser(commitment, adviser):
    set_commitment_state(commitment, C.DROPPED, by=adviser, note="Ikke aktuelt lenger.")

    [update] = commitment.updates.all()
    assert (update.by, update.organisation_name) == (adviser, county().name)


def test_set_commitment_state_names_the_organisation_given(commitment, editor, rival_org):
    set_commitment_state(commitment, C.DONE, by=editor, note="Levert.", organisation=rival_org)

    [update] = commitment.updates.all()
    assert (update.by, update.organisation_name) == (editor, "Skien kommune")


def test_set_commitment_state_to_the_same_state_records_progress(commitment, editor):
    set_commitment_state(commitment, C.PLANNED, by=editor, note="Møte avtalt.", seen=C.PLANNED)

    commitment.refresh_from_db()
    assert (commitment.state, commitment.status_note) == (C.PLANNED, "Møte avtalt.")
    assert list(commitment.updates.values_list("from_state", "to_state")) == [
        (C.PLANNED, C.PLANNED)
    ]


@pytest.mark.parametrize("note", ["", "   \n ", None])
def test_set_commitment_state_without_a_note_is_refused(commitment, coordinator, note):
    before = counts()

    with pytest.raises(FollowUpError) as error:
        set_commitment_state(commitment, C.DONE, by=coordinator, note=note)

    assert (error.value.field, str(error.value)) == (
        "note",
        "Skriv en kort merknad om hva som har skjedd.",
    )
    commitment.refresh_from_db()
    assert commitment.state == C.PLANNED
    assert counts() == before


def test_set_commitment_state_with_a_too_long_note_is_refused(commitment, coordinator):
    with pytest.raises(FollowUpError) as error:
        set_commitment_state(commitment, C.DONE, by=coordinator, note="x" * 1001)

    assert (error.value.field, str(error.value)) == (
        "note",
        "Merknaden kan være på høyst 1000 tegn.",
    )
    assert commitment.updates.count() == 0


def test_set_commitment_state_to_an_unknown_state_is_refused(commitment, coordinator):
    before = counts()

    with pytest.raises(FollowUpError) as error:
        set_commitment_state(commitment, "finished", by=coordinator, note="Ferdig.")

    assert (error.value.field, str(error.value)) == ("state", "Velg en av statusene.")
    commitment.refresh_from_db()
    assert commitment.state == C.PLANNED
    assert counts() == before


def test_set_commitment_state_from_a_stale_state_is_refused_naming_the_current_one(
    commitment, coordinator
):
    Commitment.objects.filter(pk=commitment.pk).update(state=C.IN_PROGRESS)
    before = counts()

    with pytest.raises(FollowUpError) as error:
        set_commitment_state(commitment, C.DONE, by=coordinator, note="Ferdig.", seen=C.PLANNED)

    assert (error.value.field, str(error.value)) == (
        "state",
        "Noen andre endret statusen til «I gang» mens du skrev. Les gjennom og prøv igjen.",
    )
    commitment.refresh_from_db()
    assert commitment.state == C.IN_PROGRESS
    assert counts() == before


def test_set_commitment_state_two_updates_from_the_same_state_only_the_first_wins(
    commitment, coordinator, editor
):
    seen_by_both = commitment.state

    set_commitment_state(commitment, C.DONE, by=coordinator, note="Ferdig.", seen=seen_by_both)
    with pytest.raises(FollowUpError) as error:
        set_commitment_state(
            commitment, C.IN_PROGRESS, by=editor, note="Vi er i gang.", seen=seen_by_both
        )

    assert str(error.value) == (
        "Noen andre endret statusen til «Gjennomført» mens du skrev. Les gjennom og prøv igjen."
    )
    commitment.refresh_from_db()
    assert (commitment.state, commitment.status_note, commitment.status_changed_by) == (
        C.DONE,
        "Ferdig.",
        coordinator,
    )
    assert list(commitment.updates.values_list("to_state", "by")) == [(C.DONE, coordinator.pk)]


def test_set_commitment_state_without_seen_the_last_writer_wins(commitment, coordinator, editor):
    """The control of the test above: without ``seen`` there is no guard."""
    set_commitment_state(commitment, C.DONE, by=coordinator, note="Ferdig.")
    set_commitment_state(commitment, C.IN_PROGRESS, by=editor, note="Vi er i gang.")

    commitment.refresh_from_db()
    assert commitment.state == C.IN_PROGRESS
    assert commitment.updates.count() == 2


def test_set_commitment_state_by_another_partner_is_refused_and_changes_nothing(
    commitment, rival_editor
):
    before = counts()

    with pytest.raises(FollowUpError) as error:
        set_commitment_state(commitment, C.DONE, by=rival_editor, note="Ferdig.", seen=C.PLANNED)

    assert (error.value.field, str(error.value)) == (
        None,
        "Bare folk i NHO Vestfold og Telemark og rådgiverne for konferansen kan endre statusen "
        "på dette oppfølgingspunktet.",
    )
    commitment.refresh_from_db()
    assert (commitment.state, commitment.status_note) == (C.PLANNED, "")
    assert counts() == before


def test_set_commitment_state_of_a_network_without_a_lead_is_for_advisers_only(
    priority, adviser, coordinator, partner_org
):
    network = NetworkFactory()
    network.organisations.set([partner_org])
    commitment = CommitmentFactory(priority=priority, responsible_network=network)

    with pytest.raises(FollowUpError) as error:
        set_commitment_state(commitment, C.DONE, by=coordinator, note="Ferdig.")
    set_commitment_state(commitment, C.DONE, by=adviser, note="Ferdig.")

    assert str(error.value) == (
        "Bare rådgiverne for konferansen kan endre statusen på dette oppfølgingspunktet."
    )
    commitment.refresh_from_db()
    assert (commitment.state, commitment.status_changed_by) == (C.DONE, adviser)


def test_set_commitment_state_of_a_network_by_its_coordinating_organisation(priority):
    lead = OrganisationFactory(name="Vinje kommune")
    member = MembershipFactory(organisation=lead, role=MembershipRole.EDITOR).user
    commitment = CommitmentFactory(priority=priority, responsible_network=NetworkFactory(lead=lead))

    set_commitment_state(commitment, C.IN_PROGRESS, by=member, note="Vi har begynt.")

    [update] = commitment.updates.all()
    assert (update.to_state, update.by, update.organisation_name) == (
        C.IN_PROGRESS,
        member,
        "Vinje kommune",
    )


def test_set_commitment_state_by_the_system_needs_no_person(commitment):
    set_commitment_state(commitment, C.DROPPED, by=None, note="Lagt bort ved årsskiftet.")

    commitment.refresh_from_db()
    [update] = commitment.updates.all()
    assert (commitment.state, commitment.status_changed_by) == (C.DROPPED, None)
    assert (update.by, update.organisation_name) == (None, "")


def test_set_commitment_state_of_a_deleted_commitment_is_refused(commitment, adviser):
    Commitment.objects.filter(pk=commitment.pk).delete()

    with pytest.raises(FollowUpError) as error:
        set_commitment_state(commitment, C.DONE, by=adviser, note="Ferdig.")

    assert str(error.value) == "Dette oppfølgingspunktet finnes ikke lenger."
    assert StatusUpdate.objects.count() == 0
