from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = _("Conferences")

    def ready(self):
        from conferences.phrases import ACTION_LABELS
        from moteplass.audit import register_action_labels, register_conference_parents

        register_action_labels(ACTION_LABELS)
        # the objects without a conference of their own reach it through these (the log of a
        # conference lists everything that belongs to it)
        register_conference_parents(
            {
                "conferences.commitment": "priority",
                "conferences.statusupdate": "commitment",
                "conferences.comment": "session",
                "conferences.changerequest": "session",
                "conferences.sessionsignup": "registration",
                "conferences.programmefile": "version",
            }
        )
