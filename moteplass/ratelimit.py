"""Rate limits of our own public forms, with allauth's machinery (the same cache, the same client
address behind the configured number of trusted proxies, the same 429 page)."""

from functools import wraps

from allauth.core import ratelimit


def rate_limited(action: str):
    """Decorate a view method (``post``): over the limit ``ACCOUNT_RATE_LIMITS[action]`` the
    person gets the 429 page and nothing is written."""

    def decorator(method):
        @wraps(method)
        def wrapper(self, request, *args, **kwargs):
            if not ratelimit.consume(request, action=action):
                return ratelimit.respond_429(request)
            return method(self, request, *args, **kwargs)

        return wrapper

    return decorator
