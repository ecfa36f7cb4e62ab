"""Read-side queries for the registrations of one conference (house style rule 3).

The advisers' views check first that the user advises the conference; the partner coordinator's
view gets its registrations only through :func:`registrations_for_coordinator`, which limits them
to the organisations the person coordinates. Every function here runs a fixed number of queries,
however many registrations there are: lists join what their page shows, and the summaries count
in one pass over ``values_list`` rows (the JSON list fields ``diets``, ``allergens`` and
``access_needs`` are counted in Python, which works the same on SQLite and PostgreSQL).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _

from conferences.enums import AccessNeed, Allergen, Diet, RegistrationState, SignupState
from conferences.models import Conference, OutboxMessage, Registration, SessionSignup
from conferences.queries.participant import session_capacity, signup_sessions
from conferences.rules import partner_org_ids
from partners.enums import Sector
from partners.models import Municipality, Organisation
from partners.roles import capabilities

R = RegistrationState
S = SignupState

# The summaries and the catering list count the live registrations that hold or wait for a place.
COUNTED_STATES = [R.CONFIRMED, R.CHECKED_IN, R.OFFERED, R.WAITLISTED]
# The list's municipality filter: registrations without a municipality.
NO_MUNICIPALITY = "none"
FILTER_NAMES = ("state", "organisation", "sector", "municipality", "session", "checked_in", "q")


# --- the list and the exports --------------------------------------------------------------------


def _signups():
    """A registration's sign-ups that are not cancelled, in programme order, with the session."""
    return Prefetch(
        "signups",
        queryset=SessionSignup.objects.exclude(state=S.CANCELLED)
        .select_related("session")
        .order_by("slot__start", "pk"),
        to_attr="live_signups",
    )


def registrations_for(conference: Conference, filters: Mapping | None = None):
    """The conference's registrations, narrowed by the list's ``filters`` (clean values from
    the filter form: state, organisation id, sector, municipality id or NO_MUNICIPALITY, session
    id, checked_in "yes"/"no", q free text on name and email). Each row has its organisation,
    municipality and ``live_signups`` (with their sessions): two queries in all."""
    filters = filters or {}
    rows = Registration.objects.filter(conference=conference)
    if filters.get("state"):
        rows = rows.filter(state=filters["state"])
    if filters.get("organisation"):
        rows = rows.filter(organisation_id=filters["organisation"])
    if filters.get("sector"):
        rows = rows.filter(sector=filters["sector"])
    municipality = filters.get("municipality")
    if municipality == NO_MUNICIPALITY:
        rows = rows.filter(municipality__isnull=True)
    elif municipality:
        rows = rows.filter(municipality_id=municipality)
    if filters.get("session"):
        rows = rows.filter(
            Exists(
                SessionSignup.objects.filter(
                    registration=OuterRef("pk"),
                    session_id=filters["session"],
                    state__in=S.active(),
                )
            )
        )
    if filters.get("checked_in") == "yes":
        rows = rows.filter(state=R.CHECKED_IN)
    elif filters.get("checked_in") == "no":
        rows = rows.exclude(state=R.CHECKED_IN)
    for word in (filters.get("q") or "").split():
        rows = rows.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return rows.select_related("organisation", "municipality").prefetch_related(_signups())


def registration_for(conference: Conference, pk: int) -> Registration | None:
    """One registration of the conference with everything its page shows, or None."""
    return (
        Registration.objects.filter(conference=conference, pk=pk)
        .select_related(
            "conference", "organisation", "municipality", "invitation", "user", "checked_in_by"
        )
        .prefetch_related(
            Prefetch(
                "signups",
                queryset=SessionSignup.objects.select_related("session").order_by(
                    "slot__start", "pk"
                ),
                to_attr="all_signups",
            )
        )
        .first()
    )


def messages_about(registration: Registration):
    """The outbox messages about one registration, newest first."""
    return OutboxMessage.objects.filter(
        conference_id=registration.conference_id,
        about_type__app_label="conferences",
        about_type__model="registration",
        about_id=registration.pk,
    ).order_by("-created_at", "-pk")


def registration_counts(conference: Conference) -> dict[str, int]:
    """The figures at the top of the list, in one query: ``confirmed`` (confirmed and checked
    in), ``checked_in``, ``offered``, ``waitlisted`` and ``cancelled``."""
    figures = Registration.objects.filter(conference=conference).aggregate(
        confirmed=Count("pk", filter=Q(state__in=[R.CONFIRMED, R.CHECKED_IN])),
        checked_in=Count("pk", filter=Q(state=R.CHECKED_IN)),
        offered=Count("pk", filter=Q(state=R.OFFERED)),
        waitlisted=Count("pk", filter=Q(state=R.WAITLISTED)),
        cancelled=Count("pk", filter=Q(state=R.CANCELLED)),
    )
    return {name: value or 0 for name, value in figures.items()}


def organisation_choices(conference: Conference) -> list[tuple[int, str]]:
    """The known organisations that someone registered for the conference belongs to."""
    return list(
        Organisation.objects.filter(registrations__conference=conference)
        .distinct()
        .order_by("name", "pk")
        .values_list("pk", "name")
    )


def municipality_choices() -> list[tuple[int, str]]:
    return list(Municipality.objects.order_by("name").values_list("pk", "name"))


def municipalities():
    return Municipality.objects.order_by("name")


def session_choices(conference: Conference):
    """The sessions a participant can sign up for, in programme order (with room and slot)."""
    return signup_sessions(conference)


def organisations():
    """Every known organisation, for the adviser's registration form."""
    return Organisation.objects.order_by("name", "pk")


# --- the partner coordinator's view --------------------------------------------------------------


def coordinated_organisations(conference: Conference, user):
    """The partner organisations of the conference that ``user`` is a coordinator of."""
    ids = capabilities(user).coordinator_org_ids & partner_org_ids(conference)
    return Organisation.objects.filter(pk__in=ids).order_by("name", "pk")


def registrations_for_coordinator(conference: Conference, user):
    """The live registrations of the organisations ``user`` coordinates in the conference: the
    rows carry no health details or contact data (``only()`` leaves them out of the query)."""
    ids = capabilities(user).coordinator_org_ids & partner_org_ids(conference)
    return (
        Registration.objects.filter(
            conference=conference, organisation_id__in=ids, state__in=R.active()
        )
        .only(
            "pk",
            "conference_id",
            "state",
            "first_name",
            "last_name",
            "job_title",
            "organisation_id",
            "organisation__name",
        )
        .select_related("organisation")
        .prefetch_related(_signups())
    )


# --- the summary ---------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of a summary table: what is counted, how many, and (on request) who."""

    key: str
    label: str
    count: int = 0
    names: list[str] = field(default_factory=list)


@dataclass
class FreeText:
    text: str
    name: str


@dataclass
class SessionRow:
    session: object
    capacity: int | None
    confirmed: int
    waitlisted: int
    wanted: int


@dataclass
class Summary:
    total: int
    states: list[Row]
    sessions: list[SessionRow]
    municipalities: list[Row]
    no_municipality: int
    sectors: list[Row]
    diets: list[Row]
    allergens: list[Row]
    diet_other: list[FreeText]
    access_needs: list[Row]
    access_other: list[FreeText]

    @property
    def municipalities_without_anyone(self) -> list[Row]:
        return [row for row in self.municipalities if row.count == 0]


COUNTED_FIELDS = (
    "first_name",
    "last_name",
    "state",
    "municipality_id",
    "sector",
    "diets",
    "allergens",
    "diet_other",
    "access_needs",
    "access_other",
    "organisation__name",
    "organisation_name",
)


def counted_registrations(conference: Conference) -> list[dict]:
    """The counted registrations as plain dicts with ``name`` and ``organisation``, by name."""
    rows = (
        Registration.objects.filter(conference=conference, state__in=COUNTED_STATES)
        .order_by("last_name", "first_name", "pk")
        .values(*COUNTED_FIELDS)
    )
    return [
        {
            **row,
            "name": f"{row['first_name']} {row['last_name']}".strip(),
            "organisation": row["organisation__name"] or row["organisation_name"],
            "diets": row["diets"] or [],
            "allergens": row["allergens"] or [],
            "access_needs": row["access_needs"] or [],
        }
        for row in rows
    ]


def count_choices(rows: list[dict], name: str, choices) -> list[Row]:
    """One Row per choice (all of them, in the enum's order), counting the people who chose it;
    ``names`` holds who, by name."""
    counted = {value: Row(key=value, label=str(label)) for value, label in choices.choices}
    for row in rows:
        for value in dict.fromkeys(row[name]):  # a value listed twice counts once
            if value in counted:
                counted[value].count += 1
                counted[value].names.append(row["name"])
    return list(counted.values())


def free_texts(rows: list[dict], name: str) -> list[FreeText]:
    return [FreeText(text=row[name], name=row["name"]) for row in rows if row[name].strip()]


def catering_totals(rows: list[dict]) -> dict:
    return {
        "diets": count_choices(rows, "diets", Diet),
        "allergens": count_choices(rows, "allergens", Allergen),
        "diet_other": free_texts(rows, "diet_other"),
    }


def catering_rows(rows: list[dict]) -> list[dict]:
    """The people with any diet, allergy or other dietary need."""
    return [row for row in rows if row["diets"] or row["allergens"] or row["diet_other"].strip()]


def registration_summary(conference: Conference) -> Summary:
    """Counts per state, session, municipality (all of them), sector, diet, allergen and
    accessibility need over the counted registrations, in four queries."""
    rows = counted_registrations(conference)
    states = Counter(row["state"] for row in rows)
    municipalities = Counter(row["municipality_id"] for row in rows)
    sectors = Counter(row["sector"] for row in rows)
    return Summary(
        total=len(rows),
        states=[
            Row(key=state, label=str(R(state).label), count=states[state])
            for state in COUNTED_STATES
        ],
        sessions=session_rows(conference),
        municipalities=municipality_rows(municipalities),
        no_municipality=municipalities[None],
        sectors=sector_rows(sectors),
        **catering_totals(rows),
        access_needs=count_choices(rows, "access_needs", AccessNeed),
        access_other=free_texts(rows, "access_other"),
    )


def municipality_rows(counts: Counter) -> list[Row]:
    """One Row per municipality (all of them, by name, those with nobody included), counting
    ``counts`` (municipality id → number); one query. The count of ``None`` (no municipality
    given) is the caller's to show."""
    return [
        Row(key=str(pk), label=name, count=counts[pk])
        for pk, name in Municipality.objects.order_by("name").values_list("pk", "name")
    ]


def sector_rows(counts: Counter) -> list[Row]:
    """One Row per sector (all of them, in the enum's order) and one for "Not given" (the
    empty value), counting ``counts`` (sector value → number)."""
    return [
        *(Row(key=value, label=str(label), count=counts[value]) for value, label in Sector.choices),
        Row(key="", label=str(_("Not given")), count=counts[""]),
    ]


def session_rows(conference: Conference) -> list[SessionRow]:
    """Each session participants sign up for, with its capacity and its confirmed, waiting and
    wanted sign-ups of counted registrations (two queries)."""
    sessions = list(session_choices(conference))
    counts = Counter()
    for session_id, state, number in (
        SessionSignup.objects.filter(
            session__conference=conference, registration__state__in=COUNTED_STATES
        )
        .exclude(state=S.CANCELLED)
        .values("session_id", "state")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("session_id", "state", "n")
    ):
        counts[session_id, state] = number
    return [
        SessionRow(
            session=session,
            capacity=session_capacity(session),
            confirmed=counts[session.pk, S.CONFIRMED],
            waitlisted=counts[session.pk, S.WAITLISTED],
            wanted=counts[session.pk, S.WANTED],
        )
        for session in sessions
    ]
