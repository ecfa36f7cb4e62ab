from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = _("Conferences")

    def ready(self):
        from conferences.phrases import ACTION_LABELS
        from moteplass.audit import register_action_labels

        register_action_labels(ACTION_LABELS)
