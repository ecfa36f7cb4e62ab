"""The audit log for advisers: who changed what, when, filtered by person, kind of object, object
and time. A conference's log for its advisers (everyone else gets 404), and the county's log of
all its conferences for its advisers."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from conferences.forms.audit import ActivityLogFilterForm
from conferences.models import Session
from conferences.queries.audit import (
    activity_log_for,
    county_activity_log_for,
    county_conferences,
    filtered_log,
    kinds_in,
    people_in,
)
from conferences.views.adviser import ConferenceScopedMixin
from conferences.views.display import shown
from conferences.views.review import query_without_page
from moteplass.audit import action_label
from moteplass.permissions import ScopedPermissionMixin

PAGE_SIZE = 50
VALUE_MAX = 300  # characters of a recorded value shown in the list (the object's page has all)

# What an entry's details (besides the changed fields) say, for people: key → label. Other keys
# (ids, codes) are left out of the list.
DETAIL_LABELS = {
    "note": gettext_lazy("Note"),
    "reason": gettext_lazy("Reason"),
    "room": gettext_lazy("Room"),
    "slot": gettext_lazy("Time slot"),
    "organisation": gettext_lazy("Organisation"),
    "organisations": gettext_lazy("Organisations"),
    "email": gettext_lazy("Email address"),
    "to": gettext_lazy("Recipient"),
    "subject": gettext_lazy("Subject"),
    "count": gettext_lazy("Number"),
    "version": gettext_lazy("Version"),
    "object": gettext_lazy("Object"),
}


def _conference_page(name):
    return lambda entry, slug: reverse(name, args=[slug]) if slug else ""


def _object_page(name):
    return lambda entry, slug: reverse(name, args=[slug, entry.object_id]) if slug else ""


# The adviser page of an object, for the kinds of object that are never deleted (a link to a
# deleted room or message would lead nowhere): model label → url(entry, conference slug).
OBJECT_PAGES = {
    "telemarksplanen.goal": lambda entry, slug: reverse("goal_edit", args=[entry.object_id]),
    "conferences.conference": _conference_page("conference_edit"),
    "conferences.session": _object_page("review_detail"),
    "conferences.registration": _object_page("registration_detail"),
    "conferences.invitation": _object_page("invitation_detail"),
    "conferences.priority": _object_page("priority_edit"),
    "conferences.commitment": _object_page("commitment_detail"),
}


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class LogRow:
    entry: object
    action: str
    kind: str
    name: str
    url: str = ""
    changes: list[Change] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)


def as_text(value) -> str:
    """A recorded value for people ("" when empty), cut to :data:`VALUE_MAX` characters."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | tuple):
        text = ", ".join(as_text(item) for item in value)
    elif isinstance(value, dict):
        text = ", ".join(f"{key}: {as_text(item)}" for key, item in value.items())
    else:
        text = str(value)
    return Truncator(text).chars(VALUE_MAX)


def shown_value(model, name: str, value):
    """Choices by their label (a programme item's values as its history shows them)."""
    if model is Session:
        return shown(name, value)
    if model is not None and isinstance(value, str):
        try:
            choices = model._meta.get_field(name).choices
        except FieldDoesNotExist:  # a field that no longer exists: the value as recorded
            choices = None
        if choices:
            return str(dict(choices).get(value, value))
    return value


def log_row(entry, slug: str | None) -> LogRow:
    model = entry.object_model
    kind = str(model._meta.verbose_name).capitalize() if model else entry.content_type.model
    page = OBJECT_PAGES.get(model._meta.label_lower) if model else None
    data = entry.data if isinstance(entry.data, dict) else {}
    return LogRow(
        entry=entry,
        action=action_label(entry.action),
        kind=kind,
        name=entry.object_repr or f"{kind} #{entry.object_id}",
        url=page(entry, slug) if page else "",
        changes=[
            Change(
                label=capfirst(str(row["label"])),
                before=as_text(shown_value(model, row.get("field", ""), row.get("before"))),
                after=as_text(shown_value(model, row.get("field", ""), row.get("after"))),
            )
            for row in entry.changes
        ],
        details=[
            (str(label), as_text(data[key]))
            for key, label in DETAIL_LABELS.items()
            if data.get(key) not in (None, "", [])
        ],
    )


class ActivityLogPage:
    """The list with its filters; the view says which entries (``entries()``) and whether it is
    the county's log (``county``)."""

    template_name = "conferences/audit/log.html"
    county = False

    def entries(self):
        raise NotImplementedError

    def slug_of(self, entry) -> str | None:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = self.entries()
        form = ActivityLogFilterForm(
            self.request.GET or None,
            people=people_in(entries),
            kinds=kinds_in(entries),
            conferences=county_conferences(self.request.user) if self.county else None,
        )
        filters = form.filters()
        selected = filtered_log(
            entries,
            person=filters.get("person", ""),
            kind=filters.get("kind"),
            text=filters.get("object", ""),
            since=filters.get("from"),
            until=filters.get("to"),
            conference=filters.get("conference", ""),
        )
        page = Paginator(selected, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            filter_form=form,
            page_obj=page,
            rows=[log_row(entry, self.slug_of(entry)) for entry in page.object_list],
            query=query_without_page(self.request),
            filtered=bool(filters),
            county=self.county,
        )
        return context


class ActivityLogView(ConferenceScopedMixin, ActivityLogPage, TemplateView):
    """The log of one conference: its advisers only."""

    view_permission = "conferences.view_activity_log"
    change_permission = None

    def entries(self):
        return activity_log_for(self.conference, self.request.user)

    def slug_of(self, entry) -> str:
        return self.conference.slug


class CountyActivityLogView(ScopedPermissionMixin, ActivityLogPage, TemplateView):
    """The log of every conference of the adviser's county and of what the county looks after
    outside them (see conferences.queries.audit): advisers only."""

    view_permission = "conferences.view_adviser_area"
    change_permission = None
    county = True

    def entries(self):
        return county_activity_log_for(self.request.user)

    def slug_of(self, entry) -> str | None:
        return entry.conference.slug if entry.conference_id else None
