from django.contrib import admin

from conferences.forms import SessionAdminForm
from conferences.models import (
    BadgeFile,
    ChangeRequest,
    Comment,
    Commitment,
    Conference,
    ConferencePartner,
    FlaggedAddress,
    Invitation,
    MailTemplate,
    OutboxMessage,
    Priority,
    ProgrammeFile,
    ProgrammeVersion,
    Registration,
    ReportFile,
    Room,
    Session,
    SessionSignup,
    Speaker,
    StatusUpdate,
    TimeSlot,
)
from moteplass.admin import AuditedAdmin


class ReadOnlyAdmin(AuditedAdmin):
    """Rows that change only through their domain functions (outbox, publishing, PDF task):
    nobody adds, changes or deletes them here. Deleting a registration here would skip the
    waiting list's promotion and the erasure's rules; a programme version, the public record."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


class PartnerInline(admin.TabularInline):
    model = ConferencePartner
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Conference)
class ConferenceAdmin(AuditedAdmin):
    list_display = ["title", "year", "start_date", "end_date", "status", "capacity"]
    list_filter = ["status", "year"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["goals_in_focus"]
    inlines = [RoomInline, PartnerInline]


@admin.register(Room)
class RoomAdmin(AuditedAdmin):
    list_display = ["name", "conference", "capacity"]
    list_filter = ["conference"]
    list_select_related = ["conference"]


@admin.register(Speaker)
class SpeakerAdmin(AuditedAdmin):
    list_display = ["name", "title", "organisation", "conference"]
    list_filter = ["conference"]
    search_fields = ["name", "organisation"]
    list_select_related = ["conference"]


@admin.register(Session)
class SessionAdmin(AuditedAdmin):
    form = SessionAdminForm
    list_display = ["title", "conference", "format", "state", "owner", "room", "start"]
    list_filter = ["conference", "format", "state"]
    search_fields = ["title"]
    list_select_related = ["conference", "owner", "room"]
    filter_horizontal = ["co_owners", "speakers", "goals"]

    def save_related(self, request, form, formsets, change):
        """A new state goes through the one transition function, after the goals are saved
        (it checks the goal rule and records the change; the admin sends no notices)."""
        super().save_related(request, form, formsets, change)
        wanted = form.cleaned_data.get("state")
        if change and "state" in form.changed_data:
            from conferences.domain.sessions import set_session_state

            Session.objects.filter(pk=form.instance.pk).update(state=form.initial["state"])
            form.instance.state = form.initial["state"]
            set_session_state(form.instance, wanted, by=request.user, notify=False)


@admin.register(ConferencePartner)
class ConferencePartnerAdmin(AuditedAdmin):
    list_display = ["organisation", "conference", "added_at"]
    list_filter = ["conference"]
    list_select_related = ["organisation", "conference"]


@admin.register(MailTemplate)
class MailTemplateAdmin(AuditedAdmin):
    list_display = ["role", "conference", "updated_at"]
    list_filter = ["conference", "role"]
    list_select_related = ["conference"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    """Read-only: messages change only through the outbox's own functions."""

    list_display = ["subject", "to_email", "state", "attempts", "created_at", "sent_at"]
    list_filter = ["state", "role", "conference"]
    search_fields = ["to_email", "to_name", "subject"]
    list_select_related = ["conference"]


@admin.register(FlaggedAddress)
class FlaggedAddressAdmin(AuditedAdmin):
    list_display = ["email", "flagged_at", "reason"]
    search_fields = ["email"]


@admin.register(Invitation)
class InvitationAdmin(AuditedAdmin):
    list_display = ["email", "first_name", "last_name", "conference", "answer", "answered_at"]
    list_filter = ["conference", "answer"]
    search_fields = ["email", "first_name", "last_name"]
    list_select_related = ["conference"]
    readonly_fields = ["token", "answer", "answer_reason", "answered_at"]


@admin.register(Comment)
class CommentAdmin(AuditedAdmin):
    list_display = ["session", "author", "internal", "created_at"]
    list_filter = ["internal", "session__conference"]
    search_fields = ["text", "session__title"]
    list_select_related = ["session", "author"]


@admin.register(ChangeRequest)
class ChangeRequestAdmin(ReadOnlyAdmin):
    """Read-only: change requests are decided in the review pages (set_change_request_state)."""

    list_display = ["session", "state", "requested_by", "created_at", "decided_by", "decided_at"]
    list_filter = ["state", "session__conference"]
    list_select_related = ["session", "requested_by", "decided_by"]


@admin.register(TimeSlot)
class TimeSlotAdmin(ReadOnlyAdmin):
    """Read-only: time slots are added and deleted in the schedule editor."""

    list_display = ["__str__", "conference"]
    list_filter = ["conference"]
    list_select_related = ["conference"]


@admin.register(ProgrammeVersion)
class ProgrammeVersionAdmin(ReadOnlyAdmin):
    list_display = ["conference", "number", "published_at", "published_by", "conflicts_confirmed"]
    list_filter = ["conference"]
    list_select_related = ["conference", "published_by"]
    exclude = ["snapshot", "changes"]


@admin.register(ProgrammeFile)
class ProgrammeFileAdmin(ReadOnlyAdmin):
    list_display = ["version", "language", "state", "progress", "pages", "finished_at"]
    list_filter = ["state", "language"]
    list_select_related = ["version__conference"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    """Read-only: registrations change through their domain functions (capacity, waiting list,
    the log); advisers work with them on the registration pages."""

    list_display = ["__str__", "conference", "state", "created_at", "checked_in_at"]
    list_filter = ["state", "conference"]
    list_select_related = ["conference"]
    search_fields = ["first_name", "last_name", "email"]
    exclude = ["manage_token", "ticket_code", "creation_key"]


@admin.register(SessionSignup)
class SessionSignupAdmin(ReadOnlyAdmin):
    list_display = ["registration", "session", "state", "queued_at"]
    list_filter = ["state", "session__conference"]
    list_select_related = ["registration", "session"]


@admin.register(BadgeFile)
class BadgeFileAdmin(ReadOnlyAdmin):
    list_display = ["conference", "layout", "state", "progress", "badges", "finished_at"]
    list_filter = ["state", "layout"]
    list_select_related = ["conference"]


@admin.register(Priority)
class PriorityAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "conference", "order", "created_at"]
    list_filter = ["conference"]
    list_select_related = ["conference"]


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "priority", "responsible_organisation", "responsible_network"]
    list_display += ["due_date", "state"]
    list_filter = ["state", "priority__conference"]
    list_select_related = ["priority", "responsible_organisation", "responsible_network"]


@admin.register(StatusUpdate)
class StatusUpdateAdmin(ReadOnlyAdmin):
    list_display = ["commitment", "from_state", "to_state", "organisation_name", "at"]
    list_filter = ["to_state"]
    list_select_related = ["commitment"]


@admin.register(ReportFile)
class ReportFileAdmin(ReadOnlyAdmin):
    list_display = ["conference", "language", "state", "progress", "pages", "finished_at"]
    list_filter = ["state", "language"]
    list_select_related = ["conference"]
