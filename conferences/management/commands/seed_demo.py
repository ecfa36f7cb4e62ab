"""``manage.py seed_demo --stage …``: demo data for one stage of the conference year.

House style rule 18, after pretalx's ``create_test_event --stage``. The data itself lives in
:mod:`conferences.demo_data`; this module only writes it.
"""

import contextlib
import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from conferences import demo_data as data
from conferences import demo_followup as followup_data
from conferences.domain.checkin import check_in
from conferences.domain.followup import save_commitment, save_priority, set_commitment_state
from conferences.domain.invitations import create_invitations, draft_invitations
from conferences.domain.mail import ensure_default_templates
from conferences.domain.proposals import content_of
from conferences.domain.registration import RegistrationError, register
from conferences.domain.schedule import ScheduleError, publish_programme, request_programme_pdf
from conferences.imports import InviteeRow
from conferences.models import (
    ChangeRequest,
    Comment,
    Commitment,
    Conference,
    ConferencePartner,
    Priority,
    ProgrammeFile,
    Room,
    Session,
    Speaker,
    TimeSlot,
)
from conferences.queries.participant import signup_sessions
from conferences.validators import validate_session_goals
from partners.models import Membership, Municipality, Network, Organisation, User
from telemarksplanen.models import Goal, Plan

STAGES = ["planning", "call", "programme", "after"]
PLACED_STAGES = {"programme", "after"}
OSLO = ZoneInfo("Europe/Oslo")

HELP = """Create realistic demo data for one stage of the year of Møteplass Telemark 2026.

Stages: planning (draft edition with rooms and partners, no programme), call (published
edition, proposals in draft, submitted and changes-requested states), programme (most
proposals accepted and placed in rooms and times), after (as programme, with one session
cancelled on the day, the participants checked in, the priorities and commitments agreed for the
coming year recorded with varied statuses, and the follow-up report published).

Idempotent: rows are found by slug, email, name or title and created only when missing; rows
that exist keep their values (also passwords and edits made by hand). Only the stage fields move:
the conference status, each demo session's state, room, time slot and start, and the published
programme versions (programme: version 1, with the PDF in bokmål and nynorsk; after: version 2
without the session cancelled on the day; before programme: none). Going back to planning
deletes the demo sessions and speakers of the demo edition. Refuses to run when DEBUG is off,
unless --force is given."""


def ensure(model, *, defaults=None, **lookup):
    """Find a row by ``lookup``, or validate and create it. An existing row is never changed."""
    obj = model.objects.filter(**lookup).first()
    if obj is not None:
        return obj, False
    obj = model(**lookup, **(defaults or {}))
    obj.full_clean()
    obj.save()
    return obj, True


def oslo_time(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=OSLO)


# --- Organisations and networks --------------------------------------------------------------


def seed_organisations() -> dict[str, Organisation]:
    organisations = {data.COUNTY_SLUG: Organisation.objects.get(slug=data.COUNTY_SLUG)}
    municipalities = {m.number: m for m in Municipality.objects.all()}
    for entry in data.ORGANISATIONS:
        organisations[entry.slug], _created = ensure(
            Organisation,
            slug=entry.slug,
            defaults={
                "name": entry.name,
                "sector": entry.sector,
                "municipality": municipalities.get(entry.municipality),
                "written_standard": entry.written_standard,
                "orgnr": entry.orgnr,
            },
        )
    return organisations


def seed_networks(organisations: dict[str, Organisation], goals: dict[str, Goal]) -> None:
    for entry in data.NETWORKS:
        network, created = ensure(
            Network,
            slug=entry.slug,
            defaults={
                "name": entry.name,
                "description_nb": entry.description_nb,
                "description_nn": entry.description_nn,
                "description_en": entry.description_en,
            },
        )
        if created:
            network.organisations.set([organisations[slug] for slug in entry.organisations])
            network.goals.set([goals[code] for code in entry.goals])
        lead = followup_data.NETWORK_LEADS.get(entry.slug)
        if lead and network.lead_id is None:
            network.lead = organisations[lead]
            network.save(update_fields=["lead"])


# --- The conference, its rooms and partners --------------------------------------------------


def call_fields(stage: str) -> dict:
    """The call for programme items: open while the demo is at the stage "call" (it closes three
    weeks after seeding), closed on its fixed date afterwards."""
    closes = oslo_time(*data.CALL_CLOSES)
    if stage == "call":
        closes = max(closes, timezone.now() + dt.timedelta(days=21)).replace(
            second=0, microsecond=0
        )
    return {
        "call_opens": oslo_time(*data.CALL_OPENS),
        "call_closes": closes,
        "changes_lock": oslo_time(*data.CHANGES_LOCK),
        "programme_shared": stage in PLACED_STAGES,
    }


def seed_conference(plan: Plan, county: Organisation, goals: dict[str, Goal], stage: str):
    stage_values = {
        "status": data.CONFERENCE_STATUS[stage],
        **call_fields(stage),
        **registration_fields(stage),
    }
    conference, created = ensure(
        Conference,
        slug=data.CONFERENCE_SLUG,
        defaults={
            **data.CONFERENCE,
            **data.CALL_GUIDANCE,
            **stage_values,
            "organiser": county,
            "plan": plan,
        },
    )
    if created:
        conference.goals_in_focus.set([goals[code] for code in data.GOALS_IN_FOCUS])
    else:
        changed = [
            name for name, value in stage_values.items() if getattr(conference, name) != value
        ]
        for name in changed:
            setattr(conference, name, stage_values[name])
        if changed:
            conference.save(update_fields=changed)
    return conference


def seed_rooms(conference: Conference) -> dict[str, Room]:
    rooms = {}
    for order, entry in enumerate(data.ROOMS, start=1):
        rooms[entry.name], _created = ensure(
            Room,
            conference=conference,
            name=entry.name,
            defaults={
                "capacity": entry.capacity,
                "accessibility_nb": entry.accessibility_nb,
                "accessibility_nn": entry.accessibility_nn,
                "accessibility_en": entry.accessibility_en,
                "order": order,
            },
        )
    return rooms


def seed_partners(conference: Conference, organisations: dict[str, Organisation]) -> None:
    for slug in data.PARTNERS:
        ensure(ConferencePartner, conference=conference, organisation=organisations[slug])


# --- The programme ---------------------------------------------------------------------------


def remove_programme(conference: Conference) -> None:
    """Back to planning: the demo sessions and speakers go; anything else stays."""
    titles = [entry.title for entry in data.SESSIONS]
    Session.objects.filter(conference=conference, title__in=titles).delete()
    names = [entry.name for entry in data.SPEAKERS]
    Speaker.objects.filter(conference=conference, name__in=names).delete()


def seed_speakers(conference: Conference) -> dict[str, Speaker]:
    speakers = {}
    for entry in data.SPEAKERS:
        speakers[entry.name], _created = ensure(
            Speaker,
            conference=conference,
            name=entry.name,
            defaults={"title": entry.title, "organisation": entry.organisation, "bio": entry.bio},
        )
    return speakers


def seed_slots(conference: Conference) -> dict[tuple[int, str], TimeSlot]:
    """The demo timetable's time slots: one per distinct start of a placed demo item, as long as
    the longest item starting then."""
    ends: dict[tuple[int, str], dt.datetime] = {}
    for entry in data.SESSIONS:
        if entry.slot is None:
            continue
        key = (entry.slot.day, entry.slot.time)
        start = oslo_time(data.DAYS[entry.slot.day], dt.time.fromisoformat(entry.slot.time))
        ends[key] = max(ends.get(key, start), start + dt.timedelta(minutes=entry.duration))
    slots = {}
    for (day, time), end in sorted(ends.items()):
        start = oslo_time(data.DAYS[day], dt.time.fromisoformat(time))
        slots[(day, time)], _created = ensure(
            TimeSlot, conference=conference, start=start, defaults={"end": end}
        )
    return slots


def alone_in_slot() -> set[str]:
    """Titles of demo items that are the only item of their slot: they take every room."""
    counts = Counter((e.slot.day, e.slot.time) for e in data.SESSIONS if e.slot)
    return {e.title for e in data.SESSIONS if e.slot and counts[(e.slot.day, e.slot.time)] == 1}


def stage_fields(entry: data.DemoSession, stage: str, rooms: dict[str, Room], slots) -> dict:
    """State, room, slot and start of a demo session at ``stage``: accepted ones are placed from
    ``programme`` on, everything else is unplaced."""
    state = entry.state_at(stage)
    if stage not in PLACED_STAGES or state != data.ACCEPTED or entry.slot is None:
        return {"state": state, "room": None, "slot": None, "start": None, "all_rooms": False}
    slot = entry.slot
    start = oslo_time(data.DAYS[slot.day], dt.time.fromisoformat(slot.time))
    return {
        "state": state,
        "room": rooms[slot.room],
        "slot": slots[(slot.day, slot.time)],
        "start": start,
        "all_rooms": entry.title in alone_in_slot(),
    }


def seed_session(
    conference, entry, *, stage, organisations, goals, rooms, slots, speakers
) -> Session:
    session_goals = [goals[code] for code in entry.goals]
    validate_session_goals(entry.format, session_goals)
    fields = stage_fields(entry, stage, rooms, slots)
    session, created = ensure(
        Session,
        conference=conference,
        title=entry.title,
        defaults={
            "abstract": entry.abstract,
            "language": entry.language,
            "format": entry.format,
            "duration": entry.duration,
            "owner": organisations.get(entry.owner),
            "capacity": entry.capacity,
            "submitted_at": None
            if fields["state"] == data.DRAFT
            else oslo_time(*data.CALL_OPENS) + dt.timedelta(days=14),
            **fields,
        },
    )
    if created:
        session.goals.set(session_goals)
        session.co_owners.set([organisations[slug] for slug in entry.co_owners])
        session.speakers.set([speakers[name] for name in entry.speakers])
    else:
        move_to_stage(session, fields)
    return session


def move_to_stage(session: Session, fields: dict) -> None:
    # Seeding sets states directly: there is no reviewer, so nothing to log or mail.
    changed = [name for name, value in fields.items() if getattr(session, name) != value]
    for name in changed:
        setattr(session, name, fields[name])
    if changed:
        session.save(update_fields=changed)


def seed_programme(conference, *, stage, organisations, goals, rooms) -> None:
    if stage == "planning":
        remove_programme(conference)
        return
    speakers = seed_speakers(conference)
    slots = seed_slots(conference)
    for entry in data.SESSIONS:
        seed_session(
            conference,
            entry,
            stage=stage,
            organisations=organisations,
            goals=goals,
            rooms=rooms,
            slots=slots,
            speakers=speakers,
        )


# --- Demo log-ins ----------------------------------------------------------------------------


def seed_user(entry: data.DemoUser, organisations: dict[str, Organisation]) -> User:
    user = User.objects.filter(email__iexact=entry.email).first()
    if user is None:
        user = User.objects.create_user(
            entry.email,
            data.PASSWORD,
            first_name=entry.first_name,
            last_name=entry.last_name,
            language=entry.language,
        )
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if entry.organisation:
        ensure(
            Membership,
            user=user,
            organisation=organisations[entry.organisation],
            defaults={"role": entry.membership_role, "is_adviser": entry.is_adviser},
        )
    if (
        entry.is_adviser
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        TOTP.activate(user, data.DEMO_TOTP_SECRET)
    return user


# --- The command -----------------------------------------------------------------------------


def plan_in_use() -> Plan:
    plan = Plan.objects.filter(slug=data.PLAN_SLUG).first()
    if plan is None:
        raise CommandError(f"The plan {data.PLAN_SLUG!r} is missing: run `manage.py migrate`.")
    return plan


@transaction.atomic
def seed(stage: str) -> Conference:
    plan = plan_in_use()
    goals = {goal.code: goal for goal in Goal.objects.filter(focus_area__plan=plan)}
    organisations = seed_organisations()
    seed_networks(organisations, goals)
    conference = seed_conference(plan, organisations[data.COUNTY_SLUG], goals, stage)
    ensure_default_templates(conference)
    rooms = seed_rooms(conference)
    seed_partners(conference, organisations)
    seed_programme(conference, stage=stage, organisations=organisations, goals=goals, rooms=rooms)
    for entry in data.USERS:
        seed_user(entry, organisations)
    if stage != "planning":
        seed_review(conference, stage)
    if stage in {"programme", "after"}:
        seed_invitations(conference)
    seed_versions(conference, stage)
    if stage in {"programme", "after"}:
        seed_registrations(conference, organisations)
    if stage == "after":
        seed_check_ins(conference)
    seed_followup(conference, stage, organisations)
    return conference


def seed_versions(conference: Conference, stage: str) -> None:
    """From ``programme`` on, the placed programme is published (at ``after`` a second version
    shows the session cancelled on the day) and the PDF programme is made in bokmål and
    nynorsk; before that, no version exists."""
    if stage not in PLACED_STAGES:
        for row in ProgrammeFile.objects.filter(version__conference=conference):
            row.file.delete(save=False)
        conference.programme_versions.all().delete()
        return
    adviser = User.objects.filter(email=data.USERS[0].email).first()
    # refused (ScheduleError) when nothing changed since the version already published
    with contextlib.suppress(ScheduleError):
        publish_programme(
            conference, by=adviser, note=data.VERSION_NOTES.get(stage, ""), confirm_conflicts=True
        )
    version = conference.programme_versions.order_by("-number").first()
    for language in ("nb", "nn"):
        request_programme_pdf(version, language=language, by=adviser)


def seed_review(conference: Conference, stage: str) -> None:
    """Comments (one an internal note) and, at the stage "call", an open change request."""
    users = {user.email: user for user in User.objects.filter(email__in=data.DEMO_EMAILS)}
    sessions = {s.title: s for s in conference.sessions.all()}
    for entry in data.COMMENTS:
        ensure(
            Comment,
            session=sessions[entry.session],
            text=entry.text,
            defaults={"author": users[entry.author], "internal": entry.internal},
        )
    wanted = data.CHANGE_REQUEST
    session = sessions[wanted["session"]]
    if stage != "call" or session.change_requests.exists():
        return
    current = content_of(session)
    proposed = {
        "title": wanted["title"],
        "speakers": [*current["speakers"], wanted["speaker"]],
    }
    ChangeRequest.objects.create(
        session=session,
        requested_by=users[wanted["by"]],
        proposed=proposed,
        original={name: current[name] for name in proposed},
    )


def registration_fields(stage: str) -> dict:
    """Registration: at the stage "programme" open until three weeks after seeding (at most
    until the conference ends), so the demo can be tried whenever it is set up; at "after"
    closed on its fixed date."""
    closes = oslo_time(*data.REGISTRATION_CLOSES)
    if stage == "programme":  # but no later than noon on the last day of the conference
        last_noon = oslo_time(data.CONFERENCE["end_date"], dt.time(12, 0))
        soon = (timezone.now() + dt.timedelta(days=21)).replace(second=0, microsecond=0)
        closes = max(closes, min(soon, last_noon))
    return {
        "registration_opens": oslo_time(*data.REGISTRATION_OPENS),
        "registration_closes": closes,
        "registration_changes_until": closes,
    }


def demo_participant(number: int, organisations, municipalities) -> dict:
    first = data.PARTICIPANT_FIRST_NAMES[number % len(data.PARTICIPANT_FIRST_NAMES)]
    last = data.PARTICIPANT_LAST_NAMES[number % len(data.PARTICIPANT_LAST_NAMES)]
    organisation = organisations[
        data.PARTICIPANT_ORGANISATIONS[number % len(data.PARTICIPANT_ORGANISATIONS)]
    ]
    email = f"{first}.{last}.{number}".lower().replace(" ", "-")
    email = email.translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a", "á": "a"}))
    return {
        "first_name": first,
        "last_name": last,
        "email": f"{email}@demo.example.no",
        "organisation": organisation,
        "job_title": "Rådgiver" if number % 3 else "Leder",
        "municipality": municipalities.get(organisation.municipality_id),
        "language": "nn" if number % 4 == 1 else "nb",
        "diets": ["vegetarian"] if number % 7 == 0 else (["halal"] if number % 17 == 5 else []),
        "allergens": (["gluten"] if number % 11 == 3 else [])
        + (["nuts"] if number % 13 == 4 else []),
        "diet_other": "Tåler ikke kiwi" if number == 9 else "",
        "access_needs": ["wheelchair"]
        if number == 12
        else (["hearing_loop"] if number == 30 else []),
        "listed": number % 2 == 0,
        "photos": number % 5 != 0,
    }


def demo_sessions(number: int, by_slot: dict[int, list[Session]]) -> list[Session]:
    """One session per parallel slot: the full and the nearly full workshop first, then the
    others in turn."""
    chosen = []
    for sessions in by_slot.values():
        titles = [session.title for session in sessions]
        if data.FULL_WORKSHOP in titles and number < data.FULL_WORKSHOP_WANTED:
            chosen.append(sessions[titles.index(data.FULL_WORKSHOP)])
        elif data.NEARLY_FULL_WORKSHOP in titles and number < data.NEARLY_FULL_WANTED:
            chosen.append(sessions[titles.index(data.NEARLY_FULL_WORKSHOP)])
        else:
            others = [
                s
                for s in sessions
                if s.title not in {data.FULL_WORKSHOP, data.NEARLY_FULL_WORKSHOP}
            ]
            chosen.append(others[number % len(others)])
    return chosen


def seed_registrations(conference: Conference, organisations) -> None:
    """Participants registered through the domain, spread over the weeks registration has been
    open (no email is queued for them)."""
    existing = set(conference.registrations.values_list("email", flat=True))
    municipalities = {m.pk: m for m in Municipality.objects.all()}
    by_slot: dict[int, list[Session]] = {}
    for session in signup_sessions(conference):
        by_slot.setdefault(session.slot_id, []).append(session)
    opens = conference.registration_opens
    for number in range(data.PARTICIPANTS):
        values = demo_participant(number, organisations, municipalities)
        if values["email"] in existing:
            continue
        with contextlib.suppress(RegistrationError):
            register(
                conference,
                values=values,
                sessions=demo_sessions(number, by_slot),
                now=opens + dt.timedelta(hours=9 * number + 1),
                notify=False,
            )
    participant = User.objects.filter(email=data.DEMO_PARTICIPANT).first()
    if participant is not None and participant.email not in existing:
        register(
            conference,
            values={
                "first_name": participant.first_name,
                "last_name": participant.last_name,
                "email": participant.email,
                "language": participant.language or "nb",
            },
            user=participant,
            now=opens + dt.timedelta(days=30),
            notify=False,
        )


def seed_check_ins(conference: Conference) -> None:
    """After the conference: the confirmed participants were checked in on the first morning,
    except a few who did not come."""
    adviser = User.objects.filter(email=data.USERS[0].email).first()
    morning = oslo_time(conference.start_date, dt.time(8, 15))
    confirmed = conference.registrations.filter(state="confirmed").order_by("pk")
    for index, registration in enumerate(confirmed[data.NO_SHOWS :]):
        check_in(registration, by=adviser, now=morning + dt.timedelta(minutes=index // 3))


def seed_followup(conference: Conference, stage: str, organisations) -> None:
    """Which network runs which session (every stage); after the conference, the priorities it
    agreed with their commitments in varied states, recorded through the follow-up domain, and
    the follow-up report published (with its PDFs in bokmål and nynorsk). Before that stage, no
    follow-up data exists."""
    networks = {network.slug: network for network in Network.objects.all()}
    for title, slug in followup_data.SESSION_NETWORKS.items():
        conference.sessions.filter(title=title, network__isnull=True).update(network=networks[slug])
    if stage != "after":
        conference.priorities.all().delete()
        Conference.objects.filter(pk=conference.pk).update(
            report_published_at=None, report_published_by=None
        )
        for row in conference.report_files.all():
            row.file.delete(save=False)
        conference.report_files.all().delete()
        return
    users = {user.email: user for user in User.objects.filter(email__in=data.DEMO_EMAILS)}
    adviser = users.get(followup_data.ADVISER)
    goals = {goal.code: goal for goal in Goal.objects.filter(focus_area__plan=conference.plan)}
    sessions = {session.title: session for session in conference.sessions.all()}
    existing = set(conference.priorities.values_list("title_nb", flat=True))
    for order, entry in enumerate(followup_data.PRIORITIES, start=1):
        if entry.title_nb in existing:
            continue
        priority, _changes = save_priority(
            Priority(conference=conference),
            by=adviser,
            values={
                "title_nb": entry.title_nb,
                "title_nn": entry.title_nn,
                "description_nb": entry.description_nb,
                "description_nn": entry.description_nn,
                "order": order,
            },
            goals=[goals[code] for code in entry.goals],
            sessions=[sessions[title] for title in entry.sessions if title in sessions],
        )
        for item in entry.commitments:
            commitment, _changes = save_commitment(
                Commitment(priority=priority),
                by=adviser,
                values={
                    "title_nb": item.title_nb,
                    "title_nn": item.title_nn,
                    "description_nb": item.description_nb,
                    "description_nn": item.description_nn,
                    "due_date": item.due,
                    "responsible_organisation": organisations.get(item.organisation),
                    "responsible_network": networks.get(item.network),
                },
                contributors=[organisations[slug] for slug in item.contributors],
            )
            for status in item.statuses:
                person = users.get(status.by)
                membership = person.memberships.select_related("organisation").first()
                set_commitment_state(
                    commitment,
                    status.state,
                    by=person,
                    note=status.note,
                    organisation=membership.organisation if membership else None,
                )
    if conference.report_published_at is None:
        from conferences.domain.report import publish_report

        publish_report(conference, by=adviser)


def seed_invitations(conference: Conference) -> None:
    """A small invitation list with drafted invitations waiting in the outbox for review."""
    municipalities = {m.name: m.pk for m in Municipality.objects.all()}
    rows = [
        InviteeRow(
            row=number,
            first_name=first,
            last_name=last,
            email=email,
            organisation=organisation,
            municipality_id=municipalities.get(municipality),
            language=language,
        )
        for number, (first, last, email, organisation, municipality, language) in enumerate(
            data.INVITEES, start=2
        )
    ]
    adviser = User.objects.filter(email=data.USERS[0].email).first()
    create_invitations(conference, rows, by=adviser)
    draft_invitations(conference, by=adviser)


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument(
            "--stage",
            choices=STAGES,
            default="programme",
            help="The stage of the conference year to show (default: programme).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off. Never use this on a production database.",
        )

    def handle(self, *args, stage, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: it creates demo log-ins with a known "
                "password. Add --force if this really is a demo or test database."
            )
        conference = seed(stage)
        self.report(conference, stage)

    def report(self, conference: Conference, stage: str) -> None:
        conference.refresh_from_db()
        commitments = Commitment.objects.filter(priority__conference=conference).count()
        report = "published" if conference.report_is_published else "not published"
        states = Counter(conference.sessions.values_list("state", flat=True))
        by_state = ", ".join(f"{count} {state}" for state, count in sorted(states.items()))
        self.stdout.write(
            self.style.SUCCESS(f"{conference.title} is ready at stage “{stage}”.")
            + f"\n  conference status: {conference.status}"
            + f"\n  organisations: {Organisation.objects.count()}"
            + f"\n  networks: {Network.objects.count()}"
            + f"\n  rooms: {conference.rooms.count()}"
            + f"\n  partners: {conference.partners.count()}"
            + f"\n  sessions: {sum(states.values())}"
            + (f" ({by_state})" if by_state else "")
            + f"\n  priorities: {conference.priorities.count()}, commitments: {commitments}"
            + f"\n  follow-up report: {report}"
        )
        self.stdout.write(f"\nOpen {settings.SITE_URL} and log in as:\n")
        width = max(len(entry.email) for entry in data.USERS) + 2
        role_width = max(len(entry.role) for entry in data.USERS) + 2
        self.stdout.write(f"  {'Email':<{width}}{'Role':<{role_width}}Password")
        for entry in data.USERS:
            self.stdout.write(f"  {entry.email:<{width}}{entry.role:<{role_width}}{data.PASSWORD}")
        self.stdout.write(
            "\nThe password is set only when a demo user is created; one changed by hand stays."
            "\nAdvisers log in with two factors: add the secret "
            f"{data.DEMO_TOTP_SECRET} to an authenticator app\n(or run "
            f"`oathtool --totp -b {data.DEMO_TOTP_SECRET}`) and type its 6-digit code."
        )
