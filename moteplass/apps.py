from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoteplassConfig(AppConfig):
    name = "moteplass"
    verbose_name = _("Møteplass")

    def ready(self):
        from allauth.mfa import signals as mfa_signals
        from django.contrib.auth.signals import user_logged_in

        from moteplass.audit import register_action_labels

        user_logged_in.connect(two_factor_at_login, dispatch_uid="moteplass-two-factor-login")
        mfa_signals.authenticator_added.connect(
            two_factor_added, dispatch_uid="moteplass-two-factor-added"
        )
        mfa_signals.authenticator_removed.connect(
            two_factor_removed, dispatch_uid="moteplass-two-factor-removed"
        )

        register_action_labels(
            {
                "admin.add": _("Added in the administration"),
                "admin.change": _("Changed in the administration"),
                "admin.delete": _("Deleted in the administration"),
            }
        )


def two_factor_at_login(sender, request, user, **kwargs):
    """A person with an authenticator app has just logged in with it (allauth asks for the code
    before the log-in completes): the session need not check again."""
    from moteplass.middleware import remember_two_factor
    from partners.roles import has_authenticator_app

    if request is not None and hasattr(request, "session") and has_authenticator_app(user):
        remember_two_factor(request, user)


def two_factor_added(sender, request, user, authenticator, **kwargs):
    from allauth.mfa.models import Authenticator

    from moteplass.middleware import remember_two_factor

    if authenticator.type == Authenticator.Type.TOTP:
        remember_two_factor(request, user)


def two_factor_removed(sender, request, user, authenticator, **kwargs):
    from moteplass.middleware import RequireTwoFactorMiddleware

    request.session.pop(RequireTwoFactorMiddleware.SESSION_KEY, None)
