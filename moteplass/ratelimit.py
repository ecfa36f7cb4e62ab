"""Rate limits of our own public forms (the registration form, the personal links' posts).

They read their rates from ``ACCOUNT_RATE_LIMITS`` like allauth's own limits ("60/m/ip"), take the
client address from allauth's adapter (the configured number of trusted proxies) and answer with
the same 429 page. The counting is our own: allauth's guards each address's history with a cache
lock and refuses whoever waits for that lock more than a second, so thirty people registering at
the same moment from one office network (one address) would get 429 pages they never earned. Here
each request is one atomic increment of a counter per address and window (Redis ``INCR``), with
no lock: at most ``amount`` posts per address in each window of ``duration`` (a fixed window, so
up to twice the amount can pass around a window's edge).
"""

import time
from functools import wraps

from allauth.core import ratelimit
from allauth.core.internal.ratelimit import get_ip
from django.conf import settings
from django.core.cache import cache

from moteplass.config import parse_rates


def allow(request, action: str) -> bool:
    """Count this request against ``ACCOUNT_RATE_LIMITS[action]``; False when over a limit."""
    rates = (getattr(settings, "ACCOUNT_RATE_LIMITS", None) or {}).get(action)
    if not rates:
        return True
    # allauth's own reading: the trusted proxies, an IPv6 address as its network
    # (ALLAUTH_RATE_LIMIT_IPV6_PREFIX, /64)
    address = get_ip(request)
    now = time.time()
    allowed = True
    for amount, duration in parse_rates(rates):
        key = f"moteplass:rl:{action}:{duration}:{address}:{int(now // duration)}"
        cache.add(key, 0, timeout=duration + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # the counter expired between add and incr: the window's first
            cache.add(key, 1, timeout=duration + 1)
            count = 1
        allowed = allowed and count <= amount
    return allowed


def rate_limited(action: str):
    """Decorate a view method (``post``): over the limit ``ACCOUNT_RATE_LIMITS[action]`` the
    person gets the 429 page and nothing is written."""

    def decorator(method):
        @wraps(method)
        def wrapper(self, request, *args, **kwargs):
            if not allow(request, action):
                return ratelimit.respond_429(request)
            return method(self, request, *args, **kwargs)

        return wrapper

    return decorator
