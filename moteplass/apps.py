from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoteplassConfig(AppConfig):
    name = "moteplass"
    verbose_name = _("Møteplass")
