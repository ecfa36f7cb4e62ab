from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TelemarksplanenConfig(AppConfig):
    name = "telemarksplanen"
    verbose_name = _("Telemarksplanen")

    def ready(self):
        from moteplass.audit import register_action_labels

        register_action_labels(
            {
                "telemarksplanen.goal.update": _("Changed the main goal"),
                "telemarksplanen.goal.create": _("Added the main goal"),
            }
        )
