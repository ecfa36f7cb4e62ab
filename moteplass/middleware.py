from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Choose the interface language: a logged-in person's saved language, else the language
    cookie set by the switcher, else bokmål.

    The browser's Accept-Language is deliberately not used: this is a Norwegian public service
    whose default is bokmål (many Norwegians run English browsers); everyone can switch on every
    page. Placed after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def language_for(self, request) -> str:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in self.languages:
            return user.language
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if cookie in self.languages:
            return cookie
        return settings.LANGUAGE_CODE

    def __call__(self, request):
        language = self.language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class RequireTwoFactorMiddleware:
    """Advisers and staff must have an authenticator app (TOTP): until they have, every page but
    the account pages (log out, two-factor set-up, reauthentication) sends them to the set-up.

    allauth then asks them for a code at every log-in. Once a person's authenticator is known, the
    session remembers it, so the check costs no query on later requests (they cannot remove it:
    partners.adapter.MFAAdapter). The session learns it at log-in (:func:`remember_two_factor`),
    so the first page after logging in costs no query either. Placed after the message middleware.
    """

    SESSION_KEY = "moteplass_two_factor_ok"
    # allauth's pages (log-in stages, log out, the set-up itself), the language switch, health,
    # and what the set-up page itself loads (static files, the plan's colours)
    OPEN_URL_NAMES = ("set_language", "health", "plan_colours")
    # our own pages under /accounts/: not allauth's, so not open (the profile shows personal data)
    CLOSED_URL_NAMES = ("profile",)

    def __init__(self, get_response):
        self.get_response = get_response
        self.open_prefixes = None
        self.closed_paths = None

    def is_open(self, path: str) -> bool:
        if self.open_prefixes is None:
            from django.urls import reverse

            self.open_prefixes = (
                "/accounts/",
                "/" + settings.STATIC_URL.lstrip("/"),
                *(reverse(name) for name in self.OPEN_URL_NAMES),
            )
            self.closed_paths = {reverse(name) for name in self.CLOSED_URL_NAMES}
        return path.startswith(self.open_prefixes) and path not in self.closed_paths

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.session.get(self.SESSION_KEY) != user.pk
            and not self.is_open(request.path)
        ):
            response = self.check(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def check(self, request, user):
        from django.contrib import messages
        from django.shortcuts import redirect
        from django.utils.translation import gettext

        from partners.roles import has_authenticator_app, must_use_two_factor

        if not must_use_two_factor(user):
            return None
        if has_authenticator_app(user):
            remember_two_factor(request, user)
            return None
        messages.warning(
            request,
            gettext(
                "Advisers must log in with two factors. Set up an authenticator app on your "
                "phone to continue."
            ),
        )
        return redirect("mfa_activate_totp")


class PermissionsPolicyMiddleware:
    """Sends the Permissions-Policy header (settings.PERMISSIONS_POLICY): the camera for the
    check-in scanner on our own pages, nothing else."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.value)
        return response


def remember_two_factor(request, user) -> None:
    """Note in the session that ``user`` has an authenticator app (or needs none)."""
    request.session[RequireTwoFactorMiddleware.SESSION_KEY] = user.pk
