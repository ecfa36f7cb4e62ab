"""Read side of the day (house style rule 3): finding a participant by ticket code or name, the
check-in counters and the people who get a name badge. The views have checked that the user is
one of the conference's advisers; every function is scoped to one conference and runs a fixed
number of queries, however many registrations match."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from django.db.models import Count, Prefetch, Q

from conferences.enums import BadgeLayout, RegistrationState, SignupState
from conferences.models import BadgeFile, Conference, Registration, SessionSignup

R = RegistrationState
SEARCH_LIMIT = 25
MAX_WORDS = 5
# what new_ticket_code() makes (URL-safe base64), with room for longer codes later
TICKET_CODE = re.compile(r"[A-Za-z0-9_-]{8,64}")
URL_PARAMETERS = ("code", "ticket")


def ticket_code_from(text: str) -> str:
    """The ticket code in what a helper typed, a scanner sent or someone pasted: the code itself
    with whitespace around it, or a URL that ends with the code or carries it as ``?code=``.
    An empty string if there is no code in it."""
    text = (text or "").strip()
    if not text:
        return ""
    if "/" in text or "?" in text:
        try:
            parts = urlsplit(text)
        except ValueError:
            return ""
        query = parse_qs(parts.query)
        named = [query[name][0].strip() for name in URL_PARAMETERS if query.get(name)]
        segments = [segment for segment in parts.path.split("/") if segment]
        candidates = [*named, *reversed(segments)]  # ?code= first, else the last path segment
        text = candidates[0] if candidates else ""
    return text if TICKET_CODE.fullmatch(text) else ""


def _name_variants(word: str) -> set[str]:
    """Spellings of a word to match case-insensitively also where the database folds only ASCII
    letters (SQLite's LIKE): 'øyvind', 'Øyvind' and 'ØYVIND' all find 'Øyvind'."""
    return {word, word.lower(), word.upper(), word[:1].upper() + word[1:].lower()}


def search_registrations(conference: Conference, query: str) -> tuple[list[Registration], bool]:
    """Live registrations of ``conference`` whose first or last name contains every word of
    ``query`` (case-insensitive), or whose ticket code is ``query``: at most SEARCH_LIMIT, by
    last name, and whether there were more. One query."""
    words = (query or "").split()[:MAX_WORDS]
    if not words:
        return [], False
    by_name = Q()
    for word in words:
        either = Q()
        for variant in _name_variants(word):
            either |= Q(first_name__icontains=variant) | Q(last_name__icontains=variant)
        by_name &= either
    code = ticket_code_from(query)
    condition = by_name | Q(ticket_code=code) if code else by_name
    rows = list(
        Registration.objects.filter(conference=conference, state__in=R.active())
        .filter(condition)
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")[: SEARCH_LIMIT + 1]
    )
    return rows[:SEARCH_LIMIT], len(rows) > SEARCH_LIMIT


def checkin_counts(conference: Conference) -> dict[str, int]:
    """How many people are checked in, of those with a confirmed place. One query."""
    return Registration.objects.filter(
        conference=conference, state__in=[R.CONFIRMED, R.CHECKED_IN]
    ).aggregate(
        confirmed=Count("pk"),
        checked_in=Count("pk", filter=Q(state=R.CHECKED_IN)),
    )


def registration_by_code(conference: Conference, code: str) -> Registration | None:
    """The registration of ``conference`` with ticket ``code`` (any state), with its
    organisation, who checked it in and its sessions that are not cancelled (``live_signups``,
    in programme order with room and time). Two queries; None for an unknown code or a code of
    another conference."""
    code = ticket_code_from(code)
    if not code:
        return None
    return (
        Registration.objects.filter(conference=conference, ticket_code=code)
        .select_related("organisation", "checked_in_by")
        .prefetch_related(
            Prefetch(
                "signups",
                queryset=SessionSignup.objects.filter(
                    state__in=[SignupState.CONFIRMED, SignupState.WAITLISTED, SignupState.WANTED]
                )
                .select_related("session__room", "slot")
                .order_by("slot__start", "pk"),
                to_attr="live_signups",
            )
        )
        .first()
    )


def badge_registrations(conference: Conference):
    """Everyone who gets a badge: confirmed or checked in, by last name, with the organisation."""
    return (
        Registration.objects.filter(conference=conference, state__in=[R.CONFIRMED, R.CHECKED_IN])
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")
    )


def badge_count(conference: Conference) -> int:
    return badge_registrations(conference).count()


def badge_file(conference: Conference, layout: str) -> BadgeFile | None:
    return BadgeFile.objects.filter(conference=conference, layout=layout).first()


def badge_files(conference: Conference) -> list[tuple[str, str, BadgeFile | None]]:
    """(layout, its name, its file or None) for every layout. One query."""
    rows = {row.layout: row for row in BadgeFile.objects.filter(conference=conference)}
    return [(layout, label, rows.get(layout)) for layout, label in BadgeLayout.choices]
