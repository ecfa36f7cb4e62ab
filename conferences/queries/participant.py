"""Read-side queries of the participant's side of registration (house style rule 3): the public
form and the pages behind a personal management link. The token is the credential, so these take
the conference or the registration the token names, not a user."""

from django.db.models import Count, Q

from conferences.enums import ConferenceStatus, RegistrationState, SessionState, SignupState
from conferences.models import Conference, Registration, Session
from partners.models import Organisation
from partners.validators import is_link_token

R = RegistrationState
S = SignupState
SIGNUP_FORMATS_EXCLUDED = {"plenary", "break", "social"}


def session_capacity(session: Session) -> int | None:
    """Places in a session: its own number, else its room's; None means no limit."""
    if session.capacity:
        return session.capacity
    return session.room.capacity if session.room_id else None


def signup_sessions(conference: Conference):
    """The sessions a participant can sign up for: accepted items placed in a time slot, except
    plenaries, breaks, social items and items that span all rooms."""
    return (
        Session.objects.filter(
            conference=conference,
            state=SessionState.ACCEPTED,
            slot__isnull=False,
            all_rooms=False,
        )
        .exclude(format__in=SIGNUP_FORMATS_EXCLUDED)
        .select_related("room", "slot")
        .order_by("slot__start", "start", "room__order", "title")
    )


def published_conference(slug: str) -> Conference | None:
    return Conference.objects.filter(slug=slug, status=ConferenceStatus.PUBLISHED).first()


def registration_by_token(token: str) -> Registration | None:
    """The registration of a management link, with what every token page shows; None for an
    unknown token (an erased registration has a new one, which nobody knows)."""
    if not is_link_token(token):
        return None
    return (
        Registration.objects.filter(manage_token=token, erased_at__isnull=True)
        .select_related("conference", "organisation", "municipality")
        .first()
    )


def sessions_with_places(conference: Conference):
    """The sessions to sign up for, in programme order, each with ``taken`` (confirmed)."""
    return signup_sessions(conference).annotate(
        taken=Count("signups", filter=Q(signups__state=S.CONFIRMED))
    )


def signups_of(registration: Registration):
    """The participant's sign-ups that are not cancelled, in programme order."""
    return (
        registration.signups.filter(state__in=S.active())
        .select_related("session__room", "slot")
        .order_by("slot__start", "pk")
    )


def waiting_position(registration: Registration) -> int:
    """The participant's place on the conference's waiting list (1 is next)."""
    ahead = Q(waitlisted_at__lt=registration.waitlisted_at) | Q(
        waitlisted_at=registration.waitlisted_at, pk__lte=registration.pk
    )
    return (
        Registration.objects.filter(conference_id=registration.conference_id, state=R.WAITLISTED)
        .filter(ahead)
        .count()
    )


def conference_places(conference: Conference) -> dict[str, int]:
    """``free`` places and people ``waiting``, in one query."""
    counts = Registration.objects.filter(conference=conference).aggregate(
        taken=Count("pk", filter=Q(state__in=R.holding())),
        waiting=Count("pk", filter=Q(state=R.WAITLISTED)),
    )
    return {"free": conference.capacity - counts["taken"], "waiting": counts["waiting"]}


def live_registration_for(conference: Conference, *, user=None, invitation=None):
    """The live registration of the logged-in user or made from the invitation, if any."""
    if user is None and invitation is None:
        return None
    mine = Q(user=user) if user is not None else Q()
    if invitation is not None:
        mine = (mine | Q(invitation=invitation)) if user is not None else Q(invitation=invitation)
    return (
        Registration.objects.filter(mine, conference=conference, state__in=R.active())
        .order_by("pk")
        .first()
    )


def known_organisations():
    """The organisations a participant can pick from."""
    return Organisation.objects.order_by("name", "pk")


def registrations_of_user(user):
    """A logged-in person's registrations that are not erased, newest conference first (for
    their profile page)."""
    return (
        Registration.objects.filter(user=user, erased_at__isnull=True)
        .select_related("conference")
        .order_by("-conference__start_date", "-pk")
    )
