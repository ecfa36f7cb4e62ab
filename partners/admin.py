from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from moteplass.admin import AuditedAdmin
from partners.forms import OrganisationForm
from partners.models import (
    MemberInvitation,
    Membership,
    Municipality,
    Network,
    Organisation,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "language", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin):
    list_display = ["number", "name", "written_standard"]
    list_editable = ["written_standard"]
    search_fields = ["name", "number"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    form = OrganisationForm
    list_display = ["name", "sector", "orgnr", "municipality", "written_standard"]
    list_filter = ["sector", "written_standard"]
    list_select_related = ["municipality"]
    search_fields = ["name", "orgnr"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "organisation", "role", "is_adviser"]
    list_filter = ["role", "is_adviser"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(MemberInvitation)
class MemberInvitationAdmin(AuditedAdmin):
    """Invitations are made and accepted in the application (partners.domain); the admin shows
    them and can shorten their validity."""

    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    list_select_related = ["organisation"]
    search_fields = ["email", "first_name", "last_name", "organisation__name"]
    fields = [
        "organisation",
        "email",
        "first_name",
        "last_name",
        "role",
        "language",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
    ]
    readonly_fields = [
        "organisation",
        "email",
        "role",
        "language",
        "invited_by",
        "created_at",
        "accepted_at",
        "accepted_by",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(Network)
class NetworkAdmin(AuditedAdmin):
    list_display = ["name", "lead"]
    list_select_related = ["lead"]
    autocomplete_fields = ["lead"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["organisations", "goals"]
