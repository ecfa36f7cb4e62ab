from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from moteplass.i18n import LocalizedFieldsMixin
from partners.rules import always
from telemarksplanen.rules import is_plan_adviser
from telemarksplanen.validators import (
    validate_colour,
    validate_focus_area_code,
    validate_goal_code,
)


class Plan(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """A regional plan with a period, e.g. Telemarksplanen 2024–2028. One plan is in force."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    in_force = models.BooleanField(_("in force"), default=False)
    owner = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("owner"),
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="plans",
        help_text=_("The county authority whose advisers maintain the plan's wording."),
    )

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["in_force"], condition=Q(in_force=True), name="plan_one_in_force"
            ),
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="plan_period_ordered"
            ),
        ]
        rules_permissions = {"view": always, "change": is_plan_adviser}

    def __str__(self):
        return self.name

    @property
    def plan(self):
        return self

    @property
    def period(self) -> str:
        return f"{self.start_year}–{self.end_year}"


class FocusArea(LocalizedFieldsMixin, RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """A satsingsområde of a plan."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="focus_areas"
    )
    code = models.CharField(_("code"), max_length=1, validators=[validate_focus_area_code])
    title_nb = models.CharField(_("title (bokmål)"), max_length=200)
    title_nn = models.CharField(_("title (nynorsk)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_nb = models.TextField(_("description (bokmål)"), blank=True)
    description_nn = models.TextField(_("description (nynorsk)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    colour = models.CharField(
        _("colour"), max_length=7, default="#1e6b52", validators=[validate_colour]
    )
    provisional = models.BooleanField(
        _("provisional wording"),
        default=False,
        help_text=_("The wording is a working title, not the adopted text."),
    )

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["plan", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="focusarea_code_unique"),
        ]
        rules_permissions = {"view": always, "change": is_plan_adviser}

    def __str__(self):
        return f"{self.code} {self.title}"


class Goal(LocalizedFieldsMixin, RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """A hovedmål. Its code (I1–I3, S1–S3, N1–N3) is stable; its wording may change."""

    focus_area = models.ForeignKey(
        FocusArea, verbose_name=_("focus area"), on_delete=models.CASCADE, related_name="goals"
    )
    code = models.CharField(_("code"), max_length=2, validators=[validate_goal_code])
    title_nb = models.CharField(_("title (bokmål)"), max_length=300)
    title_nn = models.CharField(_("title (nynorsk)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_nb = models.TextField(_("description (bokmål)"), blank=True)
    description_nn = models.TextField(_("description (nynorsk)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    provisional = models.BooleanField(
        _("provisional wording"),
        default=False,
        help_text=_("The wording is a working title, not the adopted text."),
    )

    class Meta:
        verbose_name = _("main goal")
        verbose_name_plural = _("main goals")
        ordering = ["focus_area__order", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["focus_area", "code"], name="goal_code_unique"),
        ]
        rules_permissions = {"view": always, "change": is_plan_adviser}

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def plan(self):
        return self.focus_area.plan

    def clean(self):
        super().clean()
        if self.focus_area_id and self.code and not self.code.startswith(self.focus_area.code):
            raise ValidationError(
                {
                    "code": _("The code must start with the focus area's code, %(code)s.")
                    % {"code": self.focus_area.code}
                }
            )
