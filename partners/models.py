import secrets
from datetime import timedelta

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from moteplass.i18n import localized
from partners import rules as partner_rules
from partners.enums import (
    Language,
    MembershipRole,
    OrganisationWrittenStandard,
    Sector,
    WrittenStandard,
)
from partners.validators import normalize_orgnr, validate_municipality_number, validate_orgnr


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. The email address is the login; an account is optional for participants."""

    email = models.EmailField(_("email address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language, default=Language.BOKMAL
    )
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("May log in to the administration site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="user_language_valid"
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email


class Municipality(models.Model):
    """Reference data: a Telemark municipality, its number and adopted written standard."""

    number = models.CharField(
        _("municipality number"),
        max_length=4,
        unique=True,
        validators=[validate_municipality_number],
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    written_standard = models.CharField(
        _("written standard"),
        max_length=10,
        choices=WrittenStandard,
        default=WrittenStandard.NEUTRAL,
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(written_standard__in=WrittenStandard.values),
                name="municipality_written_standard_valid",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.name}"


class Organisation(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    orgnr = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[validate_orgnr],
        help_text=_("9 digits, from the Central Coordinating Register (Enhetsregisteret)."),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    written_standard = models.CharField(
        _("written standard"),
        max_length=2,
        choices=OrganisationWrittenStandard,
        default=OrganisationWrittenStandard.BOKMAL,
    )
    members = models.ManyToManyField(
        User, through="Membership", related_name="organisations", verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["orgnr"], condition=~Q(orgnr=""), name="organisation_orgnr_unique"
            ),
            models.CheckConstraint(
                condition=Q(sector__in=Sector.values), name="organisation_sector_valid"
            ),
            models.CheckConstraint(
                condition=Q(written_standard__in=OrganisationWrittenStandard.values),
                name="organisation_written_standard_valid",
            ),
        ]
        rules_permissions = {
            "view": partner_rules.can_view_organisation,
            "change": partner_rules.is_organisation_coordinator | partner_rules.is_adviser,
        }

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.orgnr = normalize_orgnr(self.orgnr)
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:100]


class Membership(models.Model):
    """A person's role in an organisation. Advisers are members of the county authority with the
    adviser flag set; they form the organiser team of the conferences that organisation runs."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole, default=MembershipRole.EDITOR
    )
    is_adviser = models.BooleanField(
        _("adviser"),
        default=False,
        help_text=_(
            "Advisers organise the conferences of their organisation. "
            "Only for members of a county authority."
        ),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
            models.CheckConstraint(
                condition=Q(role__in=MembershipRole.values), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.is_adviser and self.organisation_id and self.organisation.sector != Sector.COUNTY:
            raise ValidationError(
                {"is_adviser": _("Only members of a county authority can be advisers.")}
            )


class Network(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """A fagnettverk: a professional network that contributes to one or more hovedmål."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    description_nb = models.TextField(_("description (bokmål)"), blank=True)
    description_nn = models.TextField(_("description (nynorsk)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    organisations = models.ManyToManyField(
        Organisation, related_name="networks", blank=True, verbose_name=_("member organisations")
    )
    goals = models.ManyToManyField(
        "telemarksplanen.Goal", related_name="networks", verbose_name=_("main goals")
    )
    lead = models.ForeignKey(
        Organisation,
        verbose_name=_("coordinating organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_networks",
        help_text=_(
            "Its people update the status of the network's commitments and get the reminders."
        ),
    )

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]
        rules_permissions = {"view": partner_rules.always, "change": partner_rules.is_adviser}

    def __str__(self):
        return self.name

    @property
    def description(self):
        return localized(self, "description")


INVITATION_VALID_DAYS = 30


def new_invitation_token() -> str:
    """An unguessable invitation-link token (256 bits)."""
    return secrets.token_urlsafe(32)


def invitation_expiry():
    return timezone.now() + timedelta(days=INVITATION_VALID_DAYS)


class MemberInvitation(models.Model):
    """An email invitation to become a member of an organisation with a role. The personal link
    carries the token; accepting it (partners.domain.accept_invitation) creates the membership."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="member_invitations",
    )
    email = models.EmailField(_("email address"))
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole, default=MembershipRole.EDITOR
    )
    language = models.CharField(
        _("language of the invitation"), max_length=2, choices=Language, blank=True
    )
    token = models.CharField(
        max_length=64, unique=True, default=new_invitation_token, editable=False
    )
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), default=invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("member invitation")
        verbose_name_plural = _("member invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True),
                name="memberinvitation_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(role__in=MembershipRole.values), name="memberinvitation_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=[*Language.values, ""]),
                name="memberinvitation_language_valid",
            ),
        ]

    def __str__(self):
        return f"{self.email} – {self.organisation} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        self.email = (self.email or "").strip().lower()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_open(self) -> bool:
        """Not accepted yet and not expired: the link still works."""
        return self.accepted_at is None and self.expires_at > timezone.now()
