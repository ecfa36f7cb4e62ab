from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoteplassConfig(AppConfig):
    name = "moteplass"
    verbose_name = _("Møteplass")

    def ready(self):
        from moteplass.audit import register_action_labels

        register_action_labels(
            {
                "admin.add": _("Added in the administration"),
                "admin.change": _("Changed in the administration"),
                "admin.delete": _("Deleted in the administration"),
            }
        )
