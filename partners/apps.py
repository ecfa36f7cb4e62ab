from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners and people")

    def ready(self):
        from moteplass.audit import register_action_labels
        from partners.domain import ACTION_LABELS

        register_action_labels(ACTION_LABELS)
