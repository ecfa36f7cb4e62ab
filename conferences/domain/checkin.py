"""Check-in on the day (house style rule 2): a participant with a confirmed place is checked in
once; the state changes through conferences.domain.registration.set_registration_state, whose
conditional UPDATE lets only one of several helpers win."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from conferences.domain.registration import RegistrationError, set_registration_state
from conferences.enums import RegistrationState
from conferences.models import Registration

R = RegistrationState


class AlreadyCheckedIn(RegistrationError):
    def __init__(self, registration: Registration):
        self.registration = registration
        at = formats.date_format(timezone.localtime(registration.checked_in_at), "H:i")
        super().__init__(
            _("%(name)s was already checked in at %(time)s.")
            % {"name": registration.full_name, "time": at}
        )


def check_in(registration: Registration, *, by, now=None) -> Registration:
    """Check a participant in. Twice is refused with the time of the first; several helpers at
    once cannot check the same person in twice (the state is checked in the UPDATE)."""
    now = now or timezone.now()
    if registration.state == R.CHECKED_IN:
        raise AlreadyCheckedIn(registration)
    if registration.state != R.CONFIRMED:
        raise RegistrationError(
            _("%(name)s has no confirmed place (%(state)s).")
            % {"name": registration.full_name, "state": registration.get_state_display()}
        )
    if not set_registration_state(
        registration, R.CHECKED_IN, by=by, now=now, checked_in_at=now, checked_in_by=by
    ):
        registration.refresh_from_db()
        raise AlreadyCheckedIn(registration)
    return registration


def undo_check_in(registration: Registration, *, by) -> bool:
    return set_registration_state(
        registration, R.CONFIRMED, by=by, checked_in_at=None, checked_in_by=None
    )
