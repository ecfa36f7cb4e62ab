"""The second factor in tests: the current code of a person's authenticator app, computed from
the secret allauth stored when it was set up, as the app on their phone would."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt

PERIOD = 30
_used: dict[str, int] = {}


def secret_of(user) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return decrypt(authenticator.data["secret"])


def code_for(secret: str, *, fresh: bool = True) -> str:
    """The code of this 30-second window. allauth refuses a code used once already, so with
    ``fresh`` a second log-in with the same secret waits for the next window."""
    counter = int(time.time()) // PERIOD
    if fresh and _used.get(secret) == counter:
        time.sleep(PERIOD - time.time() % PERIOD + 0.1)
        counter = int(time.time()) // PERIOD
    _used[secret] = counter
    return format_hotp_value(hotp_value(secret, counter))
