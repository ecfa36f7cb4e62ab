"""The advisers' dashboard of one conference: every section's numbers for a constructed dataset,
the exports' exact rows, bad tables and formats, permissions and query counts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from conferences.enums import CommitmentState, RegistrationState, SessionState
from conferences.models import Registration
from conferences.queries.dashboard import registrations_over_time
from partners.models import Municipality
from tests.factories import (
    CommitmentFactory,
    ConferenceFactory,
    NetworkFactory,
    OrganisationFactory,
    PriorityFactory,
    RegistrationFactory,
    SessionFactory,
    goal,
)
from tests.support.spreadsheets import csv_rows, xlsx_rows

pytestmark = pytest.mark.django_db
R = RegistrationState
C = CommitmentState
TODAY = timezone.localdate()
TABLES = [
    "registrations_over_time",
    "sectors",
    "municipalities",
    "partners",
    "coverage",
    "commitments_by_network",
]
NOT_ADVISERS = [
    "participant",
    "other_editor",
    "rival_editor",
    "removed_editor",
    "editor",
    "coordinator",
    "other_adviser",
]


# --- helpers -------------------------------------------------------------------------------------


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def at(offset: int, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day(offset), dt.time(hour)))


def municipality(name):
    return Municipality.objects.get(name=name)


def registration(conference, state=R.CONFIRMED, *, made, ended=None, **fields):
    if state == R.CHECKED_IN:
        fields.setdefault("checked_in_at", at(-19))
    if state == R.OFFERED:
        fields.setdefault("offer_expires_at", at(2))
    return RegistrationFactory(
        conference=conference,
        state=state,
        created_at=at(made),
        state_changed_at=at(ended if ended is not None else made),
        **fields,
    )


def url(name, conference, *args):
    return reverse(name, args=[conference.slug, *args])


@pytest.fixture
def conf(conference):
    """The conference took place three weeks ago (so commitments can be overdue today)."""
    conference.start_date, conference.end_date = day(-20), day(-19)
    conference.year = conference.start_date.year
    conference.save()
    return conference


@pytest.fixture
def adviser_client(client, adviser):
    client.force_login(adviser)
    return client


@pytest.fixture
def bondelag(db):
    return OrganisationFactory(name="Telemark Bondelag", slug="bondelag", sector="frivillighet")


@pytest.fixture
def data(conf, partner_org, rival_org, bondelag):
    """Registrations on different days in every state, proposals in every state, commitments of
    networks and organisations (some overdue)."""
    nho, skien = partner_org, rival_org
    registration(
        conf, R.CHECKED_IN, made=-30, sector="naeringsliv", municipality=municipality("Skien"),
        organisation=nho,
    )  # fmt: skip
    registration(
        conf, R.CANCELLED, made=-30, ended=-27, sector="kommune",
        municipality=municipality("Skien"), organisation=skien,
    )  # fmt: skip
    registration(conf, R.WAITLISTED, made=-27, organisation_name="Bø Sparebank")
    registration(
        conf, R.CONFIRMED, made=-25, sector="kommune",
        municipality=municipality("Midt-Telemark"), organisation=skien,
    )  # fmt: skip
    registration(
        conf, R.EXPIRED, made=-28, ended=-25, sector="naeringsliv",
        municipality=municipality("Notodden"), organisation=nho,
    )  # fmt: skip
    registration(
        conf, R.OFFERED, made=-25, sector="naeringsliv", municipality=municipality("Skien"),
        organisation=nho,
    )  # fmt: skip

    S = SessionState
    SessionFactory(conference=conf, owner=nho, state=S.SUBMITTED, goals=[goal("I1")])
    shared = SessionFactory(conference=conf, owner=nho, state=S.ACCEPTED, goals=[goal("I1")])
    shared.co_owners.set([skien])
    SessionFactory(conference=conf, owner=nho, state=S.DRAFT, goals=[goal("I1")])
    SessionFactory(conference=conf, owner=nho, state=S.WITHDRAWN, goals=[goal("I1")])
    SessionFactory(conference=conf, owner=skien, state=S.DECLINED, goals=[goal("I2")])
    SessionFactory(conference=conf, owner=skien, state=S.CHANGES_REQUESTED, goals=[goal("N1")])
    theirs = SessionFactory(
        conference=conf, owner=bondelag, state=S.ACCEPTED, duration=90, goals=[goal("S1")]
    )
    theirs.co_owners.set([nho])
    other = ConferenceFactory(slug="moteplass-2032", year=2032, title="Møteplass 2032")
    SessionFactory(conference=other, owner=nho, state=S.SUBMITTED, goals=[goal("I1")])
    RegistrationFactory(conference=other, organisation=nho, created_at=at(-30))

    hydrogen = NetworkFactory(name="Hydrogennettverket")
    culture = NetworkFactory(name="Kulturnettverket")
    priority = PriorityFactory(conference=conf)
    for network, state, due in [
        (hydrogen, C.PLANNED, -5),
        (hydrogen, C.IN_PROGRESS, 30),
        (hydrogen, C.DONE, -10),
        (culture, C.DONE, 10),
    ]:
        CommitmentFactory(
            priority=priority, responsible_network=network, state=state, due_date=day(due)
        )
    for organisation, state, due in [
        (nho, C.PLANNED, -1),
        (nho, C.DONE, -3),
        (nho, C.DROPPED, -3),
        (skien, C.IN_PROGRESS, 0),
        (bondelag, C.PLANNED, 10),
    ]:
        CommitmentFactory(
            priority=priority, responsible_organisation=organisation, state=state, due_date=day(due)
        )
    CommitmentFactory(
        priority=PriorityFactory(conference=other), responsible_organisation=nho, due_date=day(-5)
    )
    return conf


# --- the numbers of each section -----------------------------------------------------------------


def test_registrations_over_time_counts_new_ended_and_live_per_day(adviser_client, data):
    response = adviser_client.get(url("conference_dashboard", data))
    timeline = response.context["dashboard"].timeline
    assert timeline.weekly is False
    assert [(p.key, p.new, p.ended, p.live) for p in timeline.periods] == [
        (day(-30).isoformat(), 2, 0, 2),
        (day(-29).isoformat(), 0, 0, 2),
        (day(-28).isoformat(), 1, 0, 3),
        (day(-27).isoformat(), 1, 1, 3),
        (day(-26).isoformat(), 0, 0, 3),
        (day(-25).isoformat(), 2, 1, 4),
        *((day(offset).isoformat(), 0, 0, 4) for offset in range(-24, -18)),
    ]
    assert timeline.scale == 4
    html = response.content.decode()
    assert f'<tr data-period="{day(-25).isoformat()}">' in html
    assert '<meter min="0" max="4" value="4" aria-hidden="true"></meter>' in html


def test_registrations_over_time_runs_until_today_while_the_conference_lies_ahead(conference):
    facts = [
        {"created_at": at(-2), "state": R.CONFIRMED, "state_changed_at": at(-2)},
        {"created_at": at(-2), "state": R.CANCELLED, "state_changed_at": at(0)},
    ]
    timeline = registrations_over_time(facts, until=TODAY)
    assert [(p.key, p.new, p.ended, p.live) for p in timeline.periods] == [
        (day(-2).isoformat(), 2, 0, 2),
        (day(-1).isoformat(), 0, 0, 2),
        (day(0).isoformat(), 0, 1, 1),
    ]


def test_registrations_over_time_is_weekly_over_a_long_span():
    monday = dt.date(2031, 1, 6)  # a Monday, ISO week 2
    facts = [
        {"created_at": _noon(monday + dt.timedelta(days=2)), "state": R.CONFIRMED},
        {"created_at": _noon(monday + dt.timedelta(days=3)), "state": R.WAITLISTED},
        {
            "created_at": _noon(monday + dt.timedelta(days=9)),
            "state": R.CANCELLED,
            "state_changed_at": _noon(monday + dt.timedelta(days=70)),
        },
    ]
    for fact in facts:
        fact.setdefault("state_changed_at", fact["created_at"])
    timeline = registrations_over_time(facts, until=monday + dt.timedelta(days=64))
    assert timeline.weekly is True
    rows = [(p.key, p.start, p.end, p.new, p.ended, p.live) for p in timeline.periods]
    assert rows[:2] == [
        ("2031-W02", monday, dt.date(2031, 1, 12), 2, 0, 2),
        ("2031-W03", dt.date(2031, 1, 13), dt.date(2031, 1, 19), 1, 0, 3),
    ]
    assert rows[-1] == ("2031-W12", dt.date(2031, 3, 17), dt.date(2031, 3, 23), 0, 1, 2)
    assert len(rows) == 11
    assert [row[5] for row in rows[2:-1]] == [3] * 8


def test_registrations_over_time_is_empty_without_registrations(adviser_client, conf):
    response = adviser_client.get(url("conference_dashboard", conf))
    assert response.context["dashboard"].timeline.periods == []
    assert "Ingen har meldt seg på ennå." in response.content.decode()


def _noon(date):
    return timezone.make_aware(dt.datetime.combine(date, dt.time(12)))


def test_sectors_count_the_live_registrations_with_every_sector(adviser_client, data):
    response = adviser_client.get(url("conference_dashboard", data))
    assert [(row.key, row.count) for row in response.context["dashboard"].sectors] == [
        ("kommune", 1),
        ("naeringsliv", 2),
        ("arbeidsliv", 0),
        ("frivillighet", 0),
        ("statlig", 0),
        ("utdanning", 0),
        ("fylkeskommune", 0),
        ("annet", 0),
        ("", 1),
    ]


def test_municipalities_list_all_seventeen_and_flag_those_with_nobody(adviser_client, data):
    response = adviser_client.get(url("conference_dashboard", data))
    dashboard = response.context["dashboard"]
    names = list(Municipality.objects.order_by("name").values_list("name", flat=True))
    assert len(names) == 17
    counts = {"Skien": 2, "Midt-Telemark": 1}  # Notodden's only registration expired
    assert [(row.label, row.count) for row in dashboard.municipalities] == [
        (name, counts.get(name, 0)) for name in names
    ]
    assert dashboard.no_municipality == 1
    assert len(dashboard.municipalities_without_anyone) == 15
    html = response.content.decode()
    assert html.count("data-nobody>Ingen ennå</strong>") == 15
    assert "15 kommuner har ingen påmeldte:" in html
    assert (
        '<tr data-municipality="Notodden">\n        <th scope="row">Notodden</th>\n'
        '        <td><span data-count>0</span> – <strong class="error-text" data-nobody>'
        "Ingen ennå</strong></td>"
    ) in html


def test_partner_participation_counts_proposals_items_commitments_and_registrations(
    adviser_client, data
):
    response = adviser_client.get(url("conference_dashboard", data))
    rows = [
        (r.organisation.name, r.proposals, r.accepted, r.commitments, r.done, r.registrations)
        for r in response.context["dashboard"].partners
    ]
    assert rows == [
        # submitted + accepted; accepted own + co-owned; 3 commitments, 1 done; checked in + offered
        ("NHO Vestfold og Telemark", 2, 2, 3, 1, 2),
        # declined + changes requested; the co-owned accepted item; in progress; confirmed
        ("Skien kommune", 2, 1, 1, 0, 1),
    ]


def test_goal_coverage_reuses_the_coverage_of_the_programme(adviser_client, data):
    response = adviser_client.get(url("conference_dashboard", data))
    goals = {
        goal.code: (goal.proposed, goal.accepted, goal.minutes)
        for area in response.context["dashboard"].coverage
        for goal in area.goals
    }
    assert goals == {
        "I1": (2, 1, 45),
        "I2": (0, 0, 0),
        "I3": (0, 0, 0),
        "S1": (1, 1, 90),
        "S2": (0, 0, 0),
        "S3": (0, 0, 0),
        "N1": (1, 0, 0),
        "N2": (0, 0, 0),
        "N3": (0, 0, 0),
    }
    assert response.context["dashboard"].coverage_scale == 90
    assert f'href="{url("goal_coverage", data)}"' in response.content.decode()


def test_open_commitments_per_network_and_per_organisation_outside_networks(adviser_client, data):
    response = adviser_client.get(url("conference_dashboard", data))
    dashboard = response.context["dashboard"]
    assert [(r.name, r.open, r.overdue) for r in dashboard.networks] == [
        ("Hydrogennettverket", 2, 1),
        ("Kulturnettverket", 0, 0),
    ]
    assert [(r.name, r.open, r.overdue) for r in dashboard.organisations] == [
        ("NHO Vestfold og Telemark", 1, 1),
        ("Skien kommune", 1, 0),  # due today: not overdue yet
        ("Telemark Bondelag", 1, 0),
    ]
    assert (dashboard.open_total.open, dashboard.open_total.overdue) == (5, 2)
    html = response.content.decode()
    assert '<dd data-figure="open">5</dd>' in html
    assert '<dd data-figure="overdue">2</dd>' in html


def test_the_page_has_a_table_with_caption_and_download_links_per_section(adviser_client, data):
    html = adviser_client.get(url("conference_dashboard", data)).content.decode()
    for table in TABLES:
        for fmt in ("csv", "xlsx"):
            assert f'href="{url("dashboard_export", data, table, fmt)}"' in html
    assert html.count("<caption") == 7  # the commitments have a table for networks and one more
    assert "style=" not in html


def test_the_dashboard_in_nynorsk(adviser_client, adviser, data):
    adviser.language = "nn"
    adviser.save(update_fields=["language"])
    html = adviser_client.get(url("conference_dashboard", data)).content.decode()
    assert "Ingen enno" in html
    assert "Oppfølgingspunkt" in html


# --- exports -------------------------------------------------------------------------------------


def test_export_registrations_over_time_csv(adviser_client, data):
    response = adviser_client.get(url("dashboard_export", data, "registrations_over_time", "csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="moteplass-2031-registrations-over-time.csv"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert csv_rows(response) == [
        ["Dag", "Nye påmeldinger", "Avmeldt eller utløpt", "Aktive påmeldinger ved slutten"],
        [day(-30).isoformat(), "2", "0", "2"],
        [day(-29).isoformat(), "0", "0", "2"],
        [day(-28).isoformat(), "1", "0", "3"],
        [day(-27).isoformat(), "1", "1", "3"],
        [day(-26).isoformat(), "0", "0", "3"],
        [day(-25).isoformat(), "2", "1", "4"],
        *([day(offset).isoformat(), "0", "0", "4"] for offset in range(-24, -18)),
    ]


def test_export_sectors_xlsx(adviser_client, data):
    response = adviser_client.get(url("dashboard_export", data, "sectors", "xlsx"))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == f'attachment; filename="{data.slug}-sectors.xlsx"'
    assert xlsx_rows(response, as_text=False) == [
        ["Sektor", "Påmeldinger"],
        ["Kommune", 1],
        ["Næringsliv", 2],
        ["Arbeidsgiver- eller arbeidstakerorganisasjon", 0],
        ["Frivillig sektor", 0],
        ["Staten", 0],
        ["Utdanning og forskning", 0],
        ["Fylkeskommune", 0],
        ["Annet", 0],
        ["Ikke oppgitt", 1],
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_municipalities(adviser_client, data, fmt):
    response = adviser_client.get(url("dashboard_export", data, "municipalities", fmt))
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    counts = {"Skien": "2", "Midt-Telemark": "1"}
    names = Municipality.objects.order_by("name").values_list("name", flat=True)
    assert rows == [
        ["Kommune", "Påmeldinger"],
        *([name, counts.get(name, "0")] for name in names),
        ["Ingen kommune oppgitt", "1"],
    ]


def test_export_partners_csv(adviser_client, data):
    response = adviser_client.get(url("dashboard_export", data, "partners", "csv"))
    assert csv_rows(response) == [
        [
            "Organisasjon",
            "Innsendte forslag",
            "Aksepterte programposter",
            "Oppfølgingspunkter",
            "Gjennomførte oppfølgingspunkter",
            "Påmeldinger",
        ],
        ["NHO Vestfold og Telemark", "2", "2", "3", "1", "2"],
        ["Skien kommune", "2", "1", "1", "0", "1"],
    ]


def test_export_coverage_xlsx(adviser_client, data):
    response = adviser_client.get(url("dashboard_export", data, "coverage", "xlsx"))
    rows = xlsx_rows(response)
    assert rows[0] == [
        "Satsingsområde",
        "Hovedmål",
        "Foreslåtte programposter",
        "Aksepterte programposter",
        "Aksepterte minutter",
    ]
    assert [row[1].split(" ")[0] for row in rows[1:]] == [
        "I1", "I2", "I3", "S1", "S2", "S3", "N1", "N2", "N3",
    ]  # fmt: skip
    assert rows[1] == [
        "I Inkluderende Telemark",
        "I1 Flere i arbeid og utdanning – færre i utenforskap",
        "2",
        "1",
        "45",
    ]
    assert rows[4][2:] == ["1", "1", "90"]
    assert rows[7][2:] == ["1", "0", "0"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_commitments_by_network(adviser_client, data, fmt):
    response = adviser_client.get(url("dashboard_export", data, "commitments_by_network", fmt))
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    assert rows == [
        ["Ansvarlig", "Type", "Åpne oppfølgingspunkter", "Over fristen"],
        ["Hydrogennettverket", "Fagnettverk", "2", "1"],
        ["Kulturnettverket", "Fagnettverk", "0", "0"],
        ["NHO Vestfold og Telemark", "Organisasjon", "1", "1"],
        ["Skien kommune", "Organisasjon", "1", "0"],
        ["Telemark Bondelag", "Organisasjon", "1", "0"],
    ]


def test_export_neutralises_formulas_in_names(adviser_client, conf):
    NetworkFactory(name="=HYPERLINK(1)")
    CommitmentFactory(
        priority=PriorityFactory(conference=conf),
        responsible_network=NetworkFactory(name="=cmd|' /C calc'!A0"),
    )
    response = adviser_client.get(url("dashboard_export", conf, "commitments_by_network", "csv"))
    assert csv_rows(response)[1] == ["'=cmd|' /C calc'!A0", "Fagnettverk", "1", "0"]
    response = adviser_client.get(url("dashboard_export", conf, "commitments_by_network", "xlsx"))
    assert xlsx_rows(response)[1] == ["'=cmd|' /C calc'!A0", "Fagnettverk", "1", "0"]


def test_export_in_nynorsk(adviser_client, adviser, data):
    adviser.language = "nn"
    adviser.save(update_fields=["language"])
    response = adviser_client.get(url("dashboard_export", data, "partners", "csv"))
    assert csv_rows(response)[0] == [
        "Organisasjon",
        "Innsende framlegg",
        "Aksepterte programpostar",
        "Oppfølgingspunkt",
        "Gjennomførte oppfølgingspunkt",
        "Påmeldingar",
    ]


@pytest.mark.parametrize(
    "table,fmt",
    [("sectors", "pdf"), ("sectors", "json"), ("nothing", "csv"), ("Sectors", "csv"), ("", "csv")],
)
def test_export_of_an_unknown_table_or_format_is_404(adviser_client, conf, table, fmt):
    path = f"/adviser/conferences/{conf.slug}/dashboard/{table}.{fmt}"
    assert adviser_client.get(path).status_code == 404


def test_export_of_an_unknown_conference_is_404(adviser_client):
    assert adviser_client.get("/adviser/conferences/nope/dashboard/sectors.csv").status_code == 404


# --- permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,args",
    [("conference_dashboard", []), ("dashboard_export", ["partners", "xlsx"])],
)
@pytest.mark.parametrize("role", ["anonymous", *NOT_ADVISERS, "adviser"])
def test_dashboard_only_for_the_conferences_advisers(client_as, data, name, args, role):
    response = client_as(role).get(url(name, data, *args))
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    elif role == "adviser":
        assert response.status_code == 200
    else:
        assert response.status_code == 404
        assert b"Hydrogennettverket" not in response.content
        assert b"NHO Vestfold" not in response.content


@pytest.mark.parametrize("role", ["anonymous", "coordinator", "other_adviser", "adviser"])
def test_every_export_only_for_the_conferences_advisers(client_as, data, role):
    client = client_as(role)
    statuses = {
        (table, fmt): client.get(url("dashboard_export", data, table, fmt)).status_code
        for table in TABLES
        for fmt in ("csv", "xlsx")
    }
    expected = {"anonymous": 302, "adviser": 200}.get(role, 404)
    assert statuses == dict.fromkeys(statuses, expected)


@pytest.mark.parametrize("role", ["anonymous", *NOT_ADVISERS, "adviser"])
def test_posts_to_the_dashboard_change_nothing(client_as, data, role):
    before = list(Registration.objects.order_by("pk").values_list("pk", "state"))
    response = client_as(role).post(url("conference_dashboard", data), {"state": "cancelled"})
    expected = {"anonymous": 302, "adviser": 405}.get(role, 404)
    assert response.status_code == expected
    assert list(Registration.objects.order_by("pk").values_list("pk", "state")) == before


# --- query counts --------------------------------------------------------------------------------


def populate(conference, count, organisations):
    """``count`` registrations, sessions, priorities and commitments (of organisations and of
    networks) per organisation."""
    for index in range(count):
        for number, organisation in enumerate(organisations):
            registration(
                conference,
                made=-30 + index,
                sector="kommune",
                municipality=municipality("Skien"),
                organisation=organisation,
                email=f"p{index}-{number}@example.no",
            )
            session = SessionFactory(
                conference=conference, owner=organisation, goals=[goal("I1"), goal("S1")]
            )
            session.co_owners.set(organisations)
            priority = PriorityFactory(conference=conference, sessions=[session])
            CommitmentFactory(priority=priority, responsible_organisation=organisation)
            CommitmentFactory(priority=priority, responsible_network=NetworkFactory())


@pytest.mark.parametrize("count", [3, 30])
def test_dashboard_queries_do_not_grow(
    adviser_client, conf, partner_org, rival_org, django_assert_num_queries, count
):
    populate(conf, count, [partner_org, rival_org])
    # session, user, memberships, conference; registrations, municipalities; partners, sessions;
    # commitments; goals, accepted sessions (coverage)
    with django_assert_num_queries(11):
        response = adviser_client.get(url("conference_dashboard", conf))
    assert response.status_code == 200
    assert response.context["dashboard"].partners[0].registrations == count


@pytest.mark.parametrize(
    "table,queries",
    [
        ("registrations_over_time", 5),
        ("sectors", 5),
        ("municipalities", 6),
        ("partners", 8),
        ("coverage", 6),
        ("commitments_by_network", 5),
    ],
)
@pytest.mark.parametrize("count", [3, 30])
def test_export_queries_do_not_grow(
    adviser_client, conf, partner_org, rival_org, django_assert_num_queries, table, queries, count
):
    populate(conf, count, [partner_org, rival_org])
    for fmt in ("csv", "xlsx"):
        with django_assert_num_queries(queries):
            response = adviser_client.get(url("dashboard_export", conf, table, fmt))
        assert response.status_code == 200


def test_another_conference_of_the_county_has_its_own_numbers(adviser_client, data):
    other = ConferenceFactory(slug="moteplass-2033", year=2033, title="Møteplass 2033")
    RegistrationFactory(conference=other, created_at=at(-3))
    response = adviser_client.get(url("conference_dashboard", other))
    dashboard = response.context["dashboard"]
    assert [(p.new, p.live) for p in dashboard.timeline.periods] == [(1, 1), (0, 1), (0, 1), (0, 1)]
    assert dashboard.partners == []
    assert dashboard.networks == [] and dashboard.organisations == []
