from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Language(models.TextChoices):
    """The written standard (målform) a person reads; English for guests."""

    BOKMAL = "nb", _("Bokmål")
    NYNORSK = "nn", _("Nynorsk")
    ENGLISH = "en", _("English")


class WrittenStandard(models.TextChoices):
    """A municipality's adopted written standard (språklova)."""

    BOKMAL = "nb", _("Bokmål")
    NYNORSK = "nn", _("Nynorsk")
    NEUTRAL = "neutral", pgettext_lazy("written standard", "Neutral")


class OrganisationWrittenStandard(models.TextChoices):
    BOKMAL = "nb", _("Bokmål")
    NYNORSK = "nn", _("Nynorsk")


class Sector(models.TextChoices):
    MUNICIPALITY = "kommune", pgettext_lazy("sector", "Municipality")
    BUSINESS = "naeringsliv", _("Business")
    LABOUR = "arbeidsliv", _("Employers' or employees' organisation")
    VOLUNTARY = "frivillighet", _("Voluntary sector")
    STATE = "statlig", pgettext_lazy("sector", "State")
    EDUCATION = "utdanning", _("Education and research")
    COUNTY = "fylkeskommune", _("County authority")
    OTHER = "annet", pgettext_lazy("sector", "Other")


class MembershipRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Partner coordinator")
    EDITOR = "editor", _("Partner editor")
