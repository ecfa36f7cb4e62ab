from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TelemarksplanenConfig(AppConfig):
    name = "telemarksplanen"
    verbose_name = _("Telemarksplanen")
