"""Registration (house style rule 2): places at the conference and in parallel sessions and the
waiting lists. Check-in is in conferences.domain.checkin, the participant's personal data (access,
erasure, retention) in conferences.domain.personal_data; both change states only through the
transition functions here.

Capacity is kept under any number of simultaneous requests by row locks, always taken in the
same order so two requests cannot deadlock: first the conference row (every change to who holds
a conference place), then session rows in primary-key order (every change to who holds a session
place). Counting and writing happen while the lock is held; on PostgreSQL's READ COMMITTED each
count sees every registration committed before the lock was granted.

A registration's state changes only through :func:`set_registration_state`, a session sign-up's
only through :func:`set_signup_state`: they write (a conditional UPDATE, so two helpers or a
helper and the expiry job cannot both win), log and queue the participant's email.

The conference's waiting list is served in order by timed offers: a freed place is offered to the
first person waiting, who has ``conference.offer_hours`` to accept; an offer not taken expires
(:func:`expire_offers`, Celery beat) and passes to the next. A session's waiting list is served
directly: the first person waiting gets the freed place and an email, since they asked for
exactly that session and hold nothing else in its time slot.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from conferences.domain.mail import (
    conference_values,
    queue_message,
    render_template,
    template_for,
)
from conferences.enums import (
    InvitationAnswer,
    MailRole,
    RegistrationState,
    SignupState,
)
from conferences.models import (
    Conference,
    Invitation,
    Registration,
    Session,
    SessionSignup,
)
from conferences.queries.participant import session_capacity, signup_sessions
from moteplass.audit import log_action, log_actions
from moteplass.transitions import move

logger = logging.getLogger(__name__)

R = RegistrationState
S = SignupState

TRANSITIONS = {
    R.WAITLISTED: {R.OFFERED, R.CONFIRMED, R.CANCELLED},
    R.OFFERED: {R.CONFIRMED, R.EXPIRED, R.CANCELLED},
    R.CONFIRMED: {R.CHECKED_IN, R.CANCELLED},
    R.CHECKED_IN: {R.CONFIRMED},  # an adviser undoes a check-in made by mistake
    R.CANCELLED: set(),
    R.EXPIRED: set(),
}
SIGNUP_TRANSITIONS = {
    S.WANTED: {S.CONFIRMED, S.WAITLISTED, S.CANCELLED},
    S.WAITLISTED: {S.CONFIRMED, S.CANCELLED},
    S.CONFIRMED: {S.CANCELLED},
    S.CANCELLED: set(),
}
MAILS = {
    R.CONFIRMED: MailRole.REGISTRATION_CONFIRMATION,
    R.WAITLISTED: MailRole.REGISTRATION_WAITLISTED,
    R.OFFERED: MailRole.WAITING_LIST_OFFER,
    R.CANCELLED: MailRole.REGISTRATION_CANCELLED,
    R.EXPIRED: MailRole.OFFER_EXPIRED,
}
# what a participant (or an adviser for them) may change after registering
DETAIL_FIELDS = [
    "first_name",
    "last_name",
    "phone",
    "organisation",
    "organisation_name",
    "sector",
    "job_title",
    "municipality",
    "language",
    "diets",
    "allergens",
    "diet_other",
    "access_needs",
    "access_other",
    "listed",
    "photos",
]

# Widens the window between counting and writing; only the concurrency tests' control sets it, to
# show that without the locks the test would catch an oversell.
pause_before_write: Callable[[], None] | None = None


class RegistrationError(Exception):
    """A refused registration or change, with a message for the person and the form field."""

    def __init__(self, message, field: str | None = None):
        self.message, self.field = message, field
        super().__init__(str(message))


# --- reading -------------------------------------------------------------------------------------


def manage_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse("registration_manage", args=[registration.manage_token])


def places_taken(conference: Conference) -> int:
    return Registration.objects.filter(conference=conference, state__in=R.holding()).count()


def _session_places_taken(session: Session) -> int:
    return SessionSignup.objects.filter(session=session, state=S.CONFIRMED).count()


# --- locks ---------------------------------------------------------------------------------------


def _locking() -> bool:
    return getattr(settings, "REGISTRATION_LOCKING", True)


def _lock_conference(conference: Conference) -> Conference:
    """The conference row, locked until the end of the transaction (on PostgreSQL)."""
    rows = Conference.objects.filter(pk=conference.pk)
    if _locking():
        # NO KEY: excludes every other locker but not the foreign-key checks of rows that refer
        # to the conference (an outbox message inserted by another locker's transaction), which
        # FOR UPDATE would block into a deadlock
        rows = rows.select_for_update(no_key=True)
    return rows.get()


def _lock_sessions(session_ids: Iterable[int]) -> dict[int, Session]:
    """Session rows, locked in primary-key order."""
    ids = sorted(set(session_ids))
    if not ids:
        return {}
    rows = Session.objects.filter(pk__in=ids).order_by("pk")
    if _locking():
        rows = rows.select_for_update(of=("self",), no_key=True)
    rows = rows.select_related("room", "slot")
    return {session.pk: session for session in rows}


def _pause() -> None:
    if pause_before_write is not None:
        pause_before_write()


# --- the transition functions -------------------------------------------------------------------


def set_registration_state(
    registration: Registration,
    state: str,
    *,
    by=None,
    reason: str = "",
    notify: bool = True,
    now: dt.datetime | None = None,
    **fields,
) -> bool:
    """Move ``registration`` to ``state`` if its current state allows it (checked in the UPDATE),
    writing ``fields`` with it; log the change and queue the participant's email. False if the
    registration had already moved on."""
    now = now or timezone.now()
    before = registration.state
    if not move(registration, TRANSITIONS, state, state_changed_at=now, **fields):
        return False
    _record(registration, before, state, by=by, reason=reason, notify=notify)
    return True


def _record(registration, before, state, *, by, reason: str, notify: bool, signups=None) -> None:
    """Log the change and queue the participant's email. ``signups``: the sign-ups a new
    registration has just made, logged in the same INSERT and put in its calendar file without
    reading them back (it all happens while the conference is locked)."""
    entry = (
        registration,
        f"conferences.registration.{state}",
        {"from": before or "", **({"reason": reason} if reason else {})},
    )
    signup_entries = [
        (registration, f"conferences.signup.{s.state}", {"from": "", "session": s.session_id})
        for s in signups or ()
    ]
    log_actions([*signup_entries, entry], user=by)  # the registration's entry is the newest
    role = MAILS.get(state)
    if notify and role and registration.email and before != R.CHECKED_IN:
        send_registration_mail(registration, role, by=by, signups=signups)


def set_signup_state(
    signup: SessionSignup, state: str, *, by=None, notify: bool = True, now=None
) -> bool:
    """The one transition function of a session sign-up (same rules as registrations)."""
    now = now or timezone.now()
    before = signup.state
    if not move(signup, SIGNUP_TRANSITIONS, state, state_changed_at=now):
        return False
    log_action(
        signup.registration,
        f"conferences.signup.{state}",
        user=by,
        data={"from": before, "session": signup.session_id},
    )
    if notify and state == S.CONFIRMED and before == S.WAITLISTED:
        send_registration_mail(
            signup.registration, MailRole.SESSION_PLACE, by=by, session=signup.session
        )
    return True


# --- email ---------------------------------------------------------------------------------------


def send_registration_mail(
    registration: Registration, role: str, *, by=None, session=None, signups=None
):
    """One message to the participant in their written standard, through the outbox. The
    confirmation carries a calendar file with the conference and their sessions (``signups``
    when the caller has them at hand, else read from the database)."""
    from conferences.exports import registration_ics

    conference = registration.conference
    template = template_for(conference, role)
    language = registration.language or "nb"
    values = {
        **conference_values(conference, language),
        "first_name": registration.first_name,
        "last_name": registration.last_name,
        "full_name": registration.full_name,
        "manage_url": manage_url(registration),
        "programme_url": settings.SITE_URL + reverse("programme", args=[conference.slug]),
        "session": session.title if session else "",
        "offer_expires": offer_expiry_text(registration, language),
    }
    subject, body = render_template(template, language=language, values=values)
    attachment = None
    if role == MailRole.REGISTRATION_CONFIRMATION:
        attachment = (
            f"{conference.slug}.ics",
            registration_ics(registration, signups=signups).decode(),
            "text/calendar",
        )
    return queue_message(
        to_email=registration.email,
        to_name=registration.full_name,
        language=language,
        subject=subject,
        body=body,
        conference=conference,
        role=role,
        about=registration,
        user=registration.user,
        by=by,
        attachment=attachment,
    )


def offer_expiry_text(registration: Registration, language: str) -> str:
    if registration.offer_expires_at is None:
        return ""
    with translation.override(language):
        return formats.date_format(
            timezone.localtime(registration.offer_expires_at), "j. F Y \\k\\l. H:i"
        )


# --- registering ---------------------------------------------------------------------------------


def check_open(conference: Conference, *, invitation: Invitation | None, now=None) -> None:
    """Raise RegistrationError unless a participant may register now."""
    now = now or timezone.now()
    if conference.registration_opens is None or now < conference.registration_opens:
        raise RegistrationError(_("Registration for this conference has not opened yet."))
    if conference.registration_closes is not None and now >= conference.registration_closes:
        raise RegistrationError(_("Registration for this conference has closed."))
    if conference.invitation_only and (
        invitation is None or invitation.conference_id != conference.pk
    ):
        raise RegistrationError(
            _("This conference is by invitation only. Use the link in your invitation.")
        )


def _check_limits(conference: Conference, values: dict, *, exclude: int | None = None) -> None:
    live = Registration.objects.filter(conference=conference, state__in=R.active())
    if exclude:
        live = live.exclude(pk=exclude)
    limit = conference.places_per_organisation
    organisation, name = values.get("organisation"), (values.get("organisation_name") or "").strip()
    if limit and (organisation or name):
        same = (
            live.filter(organisation=organisation)
            if organisation
            else live.annotate(lower_name=Lower("organisation_name")).filter(
                organisation__isnull=True, lower_name=name.lower()
            )
        )
        if same.count() >= limit:
            raise RegistrationError(
                _(
                    "Your organisation has used all its %(limit)s places. Ask the organisers "
                    "if you need more."
                )
                % {"limit": limit},
                "organisation",
            )
    limit = conference.places_per_municipality
    municipality = values.get("municipality")
    if limit and municipality and live.filter(municipality=municipality).count() >= limit:
        raise RegistrationError(
            _(
                "%(municipality)s has used all its %(limit)s places. Ask the organisers if you "
                "need more."
            )
            % {"municipality": municipality.name, "limit": limit},
            "municipality",
        )


def _email_taken(conference: Conference, email: str, *, exclude: int | None = None) -> bool:
    rows = Registration.objects.annotate(lower_email=Lower("email")).filter(
        conference=conference, state__in=R.active(), lower_email=email.strip().lower()
    )
    if exclude:
        rows = rows.exclude(pk=exclude)
    return rows.exists()


ALREADY_REGISTERED = _(
    "This email address is already registered for the conference. Use the link in your "
    "confirmation email to see or change the registration."
)


FORM_USED = _("This form has already been sent. Open the registration page again and fill it in.")


def register(
    conference: Conference,
    *,
    values: dict,
    sessions: Iterable[Session] = (),
    invitation: Invitation | None = None,
    user=None,
    by=None,
    creation_key=None,
    override_reason: str = "",
    now: dt.datetime | None = None,
    notify: bool = True,
) -> Registration:
    """Register a person: a confirmed place if one is free and nobody is waiting, else a place on
    the waiting list (in order). An adviser's ``override_reason`` confirms beyond capacity and
    past the opening times and limits. A repeated ``creation_key`` returns the first
    registration. ``notify`` False queues no email (the demo data). Times are taken once the
    locks are held (unless ``now`` is given), so the waiting lists keep the order of arrival."""
    given = now
    sessions = list(sessions)
    if creation_key is not None:
        existing = Registration.objects.filter(
            creation_key=creation_key, conference=conference
        ).first()
        if existing is not None:
            return existing
    if not override_reason:
        check_open(conference, invitation=invitation, now=given)
    _check_session_choice(conference, sessions)
    email = values["email"].strip()
    try:
        with transaction.atomic():
            conference = _lock_conference(conference)
            now = given or timezone.now()
            # the places taken, the waiting list and whether the address is registered already,
            # in one query (this runs while the conference is locked)
            counts = (
                Registration.objects.filter(conference=conference)
                .annotate(lower_email=Lower("email"))
                .aggregate(
                    taken=Count("pk", filter=Q(state__in=R.holding())),
                    waiting=Count("pk", filter=Q(state=R.WAITLISTED)),
                    same_email=Count(
                        "pk", filter=Q(state__in=R.active(), lower_email=email.lower())
                    ),
                )
            )
            if counts["same_email"]:
                raise RegistrationError(ALREADY_REGISTERED, "email")
            if not override_reason:
                _check_limits(conference, values)
            _pause()
            free = counts["taken"] < conference.capacity and not counts["waiting"]
            state = R.CONFIRMED if free or override_reason else R.WAITLISTED
            registration = Registration.objects.create(
                conference=conference,
                state=state,
                email=email,
                user=user if user is not None and user.is_authenticated else None,
                invitation=invitation,
                creation_key=creation_key,
                created_at=now,
                state_changed_at=now,
                waitlisted_at=now if state == R.WAITLISTED else None,
                override_reason=override_reason,
                sector=_sector(values),
                **{
                    name: values[name]
                    for name in DETAIL_FIELDS
                    if name in values and name != "sector"
                },
            )
            if invitation is not None and invitation.answer != InvitationAnswer.YES:
                from conferences.domain.invitations import answer_invitation

                answer_invitation(invitation, answer=InvitationAnswer.YES)
            signups = _claim_sessions(registration, sessions, now=given)
            _record(
                registration,
                None,
                state,
                by=by,
                reason=override_reason,
                notify=notify,
                signups=signups,
            )
    except IntegrityError as error:
        if creation_key is not None:
            existing = Registration.objects.filter(creation_key=creation_key).first()
            if existing is not None and existing.conference_id == conference.pk:
                return existing  # the same form sent twice at once
            if existing is not None:
                raise RegistrationError(FORM_USED) from error
        if _email_taken(conference, email):
            raise RegistrationError(ALREADY_REGISTERED, "email") from error
        raise
    return registration


def _sector(values: dict) -> str:
    organisation = values.get("organisation")
    if organisation is not None:
        return organisation.sector
    return values.get("sector") or ""


def _check_session_choice(conference: Conference, sessions: list[Session]) -> None:
    if not sessions:
        return
    allowed = dict(signup_sessions(conference).values_list("pk", "slot_id"))
    slots = set()
    for session in sessions:
        if session.pk not in allowed:
            raise RegistrationError(
                _("You cannot sign up for “%(title)s”.") % {"title": session.title}, "sessions"
            )
        slot = allowed[session.pk]
        if slot in slots:
            raise RegistrationError(_("Choose one session per time slot."), "sessions")
        slots.add(slot)


def _claim_sessions(
    registration: Registration, sessions: list[Session], *, now
) -> list[SessionSignup]:
    """Sign-ups for ``sessions``: confirmed where there is room and nobody waiting, else on the
    session's waiting list; only wanted while the registration holds no conference place. The
    caller logs them (with the registration, in one INSERT)."""
    if not sessions:
        return []
    locked = _lock_sessions(s.pk for s in sessions) if registration.holds_place else {}
    now = now or timezone.now()  # after the locks: the session queues keep the order of arrival
    counts = _session_counts(locked) if locked else {}
    signups = [
        SessionSignup(
            registration=registration,
            session=session,
            slot_id=session.slot_id,
            state=(
                _session_state_for_new(locked[session.pk], counts)
                if registration.holds_place
                else S.WANTED
            ),
            created_at=now,
            queued_at=now,
            state_changed_at=now,
        )
        for session in sorted(sessions, key=lambda s: s.pk)
    ]
    SessionSignup.objects.bulk_create(signups)
    return signups


def _session_counts(session_ids) -> dict[int, tuple[int, int]]:
    """Confirmed and waiting sign-ups of each (locked) session, in one query."""
    rows = (
        SessionSignup.objects.filter(session_id__in=list(session_ids))
        .values("session_id")
        .annotate(
            taken=Count("pk", filter=Q(state=S.CONFIRMED)),
            waiting=Count("pk", filter=Q(state=S.WAITLISTED)),
        )
        .order_by()
    )
    return {row["session_id"]: (row["taken"], row["waiting"]) for row in rows}


def _session_state_for_new(session: Session, counts=None) -> str:
    """Confirmed if the (locked) session has a free place and nobody waiting, else waitlisted."""
    capacity = session_capacity(session)
    if capacity is None:
        return S.CONFIRMED
    if counts is None:
        counts = _session_counts([session.pk])
    taken, waiting = counts.get(session.pk, (0, 0))
    _pause()
    return S.CONFIRMED if taken < capacity and not waiting else S.WAITLISTED


def _claim_wanted(registration: Registration, *, by, now) -> None:
    """A registration that now holds a place takes up the sessions it wanted, in order."""
    wanted = list(
        registration.signups.filter(state=S.WANTED).select_related("session").order_by("session")
    )
    if not wanted:
        return
    locked = _lock_sessions(signup.session_id for signup in wanted)
    for signup in wanted:
        set_signup_state(
            signup, _session_state_for_new(locked[signup.session_id]), by=by, notify=False, now=now
        )


def _promote_session(session: Session, *, by, now) -> int:
    """Give freed places in a (locked) session to the first people on its waiting list."""
    capacity = session_capacity(session)
    promoted = 0
    while True:
        if capacity is not None and _session_places_taken(session) >= capacity:
            return promoted
        first = (
            SessionSignup.objects.filter(session=session, state=S.WAITLISTED)
            .select_related("registration__conference", "session")
            .order_by("queued_at", "pk")
            .first()
        )
        if first is None:
            return promoted
        set_signup_state(first, S.CONFIRMED, by=by, now=now)
        promoted += 1


# --- changing ------------------------------------------------------------------------------------


def check_may_change(registration: Registration, *, now=None) -> None:
    if not registration.is_live:
        raise RegistrationError(_("This registration is cancelled and can no longer be changed."))
    if not registration.conference.participants_may_change(now):
        raise RegistrationError(
            _("The deadline for changes has passed. Contact the organisers if something is wrong.")
        )


def change_sessions(
    registration: Registration, sessions: Iterable[Session], *, by=None, now=None
) -> dict[str, int]:
    """Replace the participant's session choices with ``sessions`` (one per time slot). Unchanged
    choices keep their place; a dropped place goes to the first person on that waiting list."""
    given = now
    sessions = list(sessions)
    conference = registration.conference
    _check_session_choice(conference, sessions)
    with transaction.atomic():
        registration = Registration.objects.select_related("conference").get(pk=registration.pk)
        check_may_change(registration, now=given)
        current = {
            signup.session_id: signup
            for signup in registration.signups.filter(state__in=S.active()).select_related(
                "session"
            )
        }
        wanted = {session.pk: session for session in sessions}
        dropped = [signup for pk, signup in current.items() if pk not in wanted]
        added = [session for pk, session in wanted.items() if pk not in current]
        if not dropped and not added:
            return {"added": 0, "dropped": 0}
        locked = _lock_sessions([*(s.session_id for s in dropped), *(s.pk for s in added)])
        now = given or timezone.now()
        for signup in dropped:
            freed = signup.state == S.CONFIRMED
            set_signup_state(signup, S.CANCELLED, by=by, notify=False, now=now)
            if freed:
                _promote_session(locked[signup.session_id], by=by, now=now)
        for session in sorted(added, key=lambda s: s.pk):
            state = (
                _session_state_for_new(locked[session.pk]) if registration.holds_place else S.WANTED
            )
            signup = SessionSignup.objects.create(
                registration=registration,
                session=session,
                slot_id=session.slot_id,
                state=state,
                created_at=now,
                queued_at=now,
                state_changed_at=now,
            )
            log_action(
                registration,
                f"conferences.signup.{state}",
                user=by,
                data={"from": "", "session": session.pk},
            )
    return {"added": len(added), "dropped": len(dropped)}


def update_details(registration: Registration, *, values: dict, by=None, now=None) -> list[str]:
    """Change the participant's own details; returns the names of the changed fields. Health
    details are logged by field name only, never by value."""
    registration.conference.refresh_from_db()
    check_may_change(registration, now=now)
    if "organisation" in values or "sector" in values:
        # a listed organisation brings its own sector (the form sends "" for it)
        values = {**values, "sector": _sector(values)}
    changed = [
        name
        for name in DETAIL_FIELDS
        if name in values and getattr(registration, name) != values[name]
    ]
    if not changed:
        return []
    with transaction.atomic():
        if {"organisation", "organisation_name", "municipality"} & set(changed):
            conference = _lock_conference(registration.conference)
            _check_limits(conference, {**_current(registration), **values}, exclude=registration.pk)
        for name in changed:
            setattr(registration, name, values[name])
        registration.save(update_fields=changed)
        log_action(
            registration, "conferences.registration.details", user=by, data={"fields": changed}
        )
    return changed


def _current(registration: Registration) -> dict:
    return {name: getattr(registration, name) for name in DETAIL_FIELDS}


def cancel_registration(
    registration: Registration, *, by=None, notify: bool = True, now=None, deadline: bool = True
) -> bool:
    """Cancel: the registration's places (conference and sessions) go to the people waiting.
    ``deadline`` False lets an adviser cancel after the participants' deadline."""
    now = now or timezone.now()
    with transaction.atomic():
        conference = _lock_conference(registration.conference)
        registration = Registration.objects.select_related("conference").get(pk=registration.pk)
        if deadline:
            check_may_change(registration, now=now)
        if not registration.is_live:
            return False
        held = registration.holds_place
        signups = list(registration.signups.filter(state__in=S.active()))
        locked = _lock_sessions(signup.session_id for signup in signups)
        if not set_registration_state(registration, R.CANCELLED, by=by, notify=notify, now=now):
            return False
        for signup in signups:
            freed = signup.state == S.CONFIRMED
            set_signup_state(signup, S.CANCELLED, by=by, notify=False, now=now)
            if freed:
                _promote_session(locked[signup.session_id], by=by, now=now)
        if held:
            offer_free_places(conference, by=by, now=now)
    return True


def offer_free_places(conference: Conference, *, by=None, now=None) -> int:
    """Offer each free place to the next person on the waiting list (the conference row must be
    locked by the caller)."""
    now = now or timezone.now()
    offered = 0
    free = conference.capacity - places_taken(conference)
    if free <= 0:
        return 0
    queue = list(
        Registration.objects.filter(conference=conference, state=R.WAITLISTED)
        .select_related("conference")
        .order_by("waitlisted_at", "pk")[:free]
    )
    expires = now + dt.timedelta(hours=conference.offer_hours)
    for registration in queue:
        if set_registration_state(
            registration, R.OFFERED, by=by, now=now, offer_expires_at=expires
        ):
            offered += 1
    return offered


def accept_offer(registration: Registration, *, by=None, now=None) -> None:
    now = now or timezone.now()
    with transaction.atomic():
        _lock_conference(registration.conference)
        registration = Registration.objects.select_related("conference").get(pk=registration.pk)
        if registration.state != R.OFFERED:
            raise RegistrationError(_("There is no open offer on this registration."))
        if registration.offer_expires_at <= now:
            raise RegistrationError(
                _(
                    "The offer has expired, and the place has gone to the next person on the "
                    "waiting list."
                )
            )
        set_registration_state(registration, R.CONFIRMED, by=by, now=now, offer_expires_at=None)
        _claim_wanted(registration, by=by, now=now)


def confirm_beyond_capacity(registration: Registration, *, reason: str, by) -> None:
    """An adviser gives a waiting person a place even though the conference is full."""
    reason = " ".join(reason.split())
    if not reason:
        raise RegistrationError(_("Give a reason for the extra place."), "reason")
    now = timezone.now()
    with transaction.atomic():
        _lock_conference(registration.conference)
        registration = Registration.objects.select_related("conference").get(pk=registration.pk)
        if registration.state not in {R.WAITLISTED, R.OFFERED}:
            raise RegistrationError(
                _("Only people on the waiting list can be given an extra place.")
            )
        set_registration_state(
            registration,
            R.CONFIRMED,
            by=by,
            reason=reason,
            now=now,
            offer_expires_at=None,
            override_reason=reason[:500],
        )
        _claim_wanted(registration, by=by, now=now)


def expire_offers(now=None) -> int:
    """Celery beat: offers not accepted in time expire and pass to the next person waiting."""
    now = now or timezone.now()
    expired = 0
    conference_ids = (
        Registration.objects.filter(state=R.OFFERED, offer_expires_at__lte=now)
        .values_list("conference_id", flat=True)
        .distinct()
    )
    for conference in Conference.objects.filter(pk__in=list(conference_ids)):
        with transaction.atomic():
            conference = _lock_conference(conference)
            for registration in Registration.objects.filter(
                conference=conference, state=R.OFFERED, offer_expires_at__lte=now
            ).select_related("conference"):
                if set_registration_state(registration, R.EXPIRED, now=now, offer_expires_at=None):
                    expired += 1
            offer_free_places(conference, now=now)
    return expired
