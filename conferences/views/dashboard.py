"""The advisers' dashboard of one conference (registrations over time, sectors, municipalities,
partner participation, goal coverage, open commitments by network) with a CSV and an Excel export
of each table, and the cross-edition view of what each edition did for each hovedmål.

The dashboard and its exports: the conference's advisers only, everyone else 404. The
cross-edition view: any adviser, showing the editions their own county organised. The numbers
come from conferences.queries.dashboard and conferences.queries.editions (their docstrings say
what each one counts); the files are written by the helpers of conferences.registration_exports
(semicolon CSV with a byte order mark, formula-neutralised cells).
"""

from __future__ import annotations

from django import forms
from django.http import Http404
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views import View
from django.views.generic import TemplateView

from conferences.queries.dashboard import Dashboard
from conferences.queries.editions import editions_for, editions_overview, plans_of
from conferences.registration_exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Table,
    tables_csv,
    tables_xlsx,
)
from conferences.views.adviser import ConferenceScopedMixin
from conferences.views.registrations import download
from moteplass.permissions import ScopedPermissionMixin

FORMATS = ("csv", "xlsx")


class DashboardMixin(ConferenceScopedMixin):
    """Only the conference's advisers (the permission of its registration pages); everyone else
    gets 404."""

    view_permission = "conferences.change_conference"
    change_permission = "conferences.change_conference"


class ConferenceDashboardView(DashboardMixin, TemplateView):
    template_name = "conferences/dashboard/conference.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(dashboard=Dashboard(self.conference), **kwargs)


class DashboardExportView(DashboardMixin, View):
    """One table of the dashboard as CSV or XLSX; an unknown table or format is 404."""

    def get(self, request, *args, table, fmt, **kwargs):
        if table not in EXPORTS or fmt not in FORMATS:
            raise Http404
        tables = [EXPORTS[table](Dashboard(self.conference))]
        return send(tables, name=f"{self.conference.slug}-{table.replace('_', '-')}", fmt=fmt)


def send(tables: list[Table], *, name: str, fmt: str):
    if fmt == "xlsx":
        return download(tables_xlsx(tables), name=f"{name}.xlsx", content_type=XLSX_CONTENT_TYPE)
    return download(tables_csv(tables).encode(), name=f"{name}.csv", content_type=CSV_CONTENT_TYPE)


# --- the dashboard's tables as files -------------------------------------------------------------


def timeline_table(dashboard: Dashboard) -> Table:
    timeline = dashboard.timeline
    period = pgettext("dashboard", "Week") if timeline.weekly else pgettext("dashboard", "Day")
    return Table(
        title=_("Registrations over time"),
        header=[
            period,
            _("New registrations"),
            _("Cancelled or expired"),
            _("Live registrations at the end"),
        ],
        rows=[[row.key, row.new, row.ended, row.live] for row in timeline.periods],
    )


def sectors_table(dashboard: Dashboard) -> Table:
    return Table(
        title=_("Sectors"),
        header=[_("Sector"), _("Registrations")],
        rows=[[row.label, row.count] for row in dashboard.sectors],
    )


def municipalities_table(dashboard: Dashboard) -> Table:
    rows = [[row.label, row.count] for row in dashboard.municipalities]
    rows.append([_("No municipality given"), dashboard.no_municipality])
    return Table(
        title=_("Municipalities"), header=[_("Municipality"), _("Registrations")], rows=rows
    )


def partners_table(dashboard: Dashboard) -> Table:
    return Table(
        title=_("Partner participation"),
        header=[
            _("Organisation"),
            _("Proposals sent"),
            _("Accepted items"),
            _("Commitments"),
            _("Commitments done"),
            _("Registrations"),
        ],
        rows=[
            [
                row.organisation.name,
                row.proposals,
                row.accepted,
                row.commitments,
                row.done,
                row.registrations,
            ]
            for row in dashboard.partners
        ],
    )


def coverage_table(dashboard: Dashboard) -> Table:
    return Table(
        title=_("Goal coverage"),
        header=[
            _("Focus area"),
            _("Main goal"),
            _("Proposed items"),
            _("Accepted items"),
            _("Accepted minutes"),
        ],
        rows=[
            [
                str(area.area),
                str(goal),
                goal.proposed,
                goal.accepted,
                goal.minutes,
            ]
            for area in dashboard.coverage
            for goal in area.goals
        ],
    )


def commitments_table(dashboard: Dashboard) -> Table:
    network, organisation = _("Network"), _("Organisation")
    return Table(
        title=_("Open commitments"),
        header=[
            _("Responsible"),
            pgettext("responsible", "Kind"),
            _("Open commitments"),
            _("Overdue"),
        ],
        rows=[
            *([row.name, network, row.open, row.overdue] for row in dashboard.networks),
            *([row.name, organisation, row.open, row.overdue] for row in dashboard.organisations),
        ],
    )


EXPORTS = {
    "registrations_over_time": timeline_table,
    "sectors": sectors_table,
    "municipalities": municipalities_table,
    "partners": partners_table,
    "coverage": coverage_table,
    "commitments_by_network": commitments_table,
}


# --- the cross-edition view ----------------------------------------------------------------------


class PlanChoiceForm(forms.Form):
    """The plan to show (``?plan=<slug>``). A plan that is not one of the adviser's editions'
    is shown as an error next to the field and ignored: every plan is shown."""

    plan = forms.ChoiceField(label=gettext_lazy("Plan"), required=False)

    def __init__(self, data=None, *, plans, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["plan"].choices = [
            ("", gettext_lazy("All plans")),
            *((plan.slug, plan.name) for plan in plans),
        ]
        self.plans = plans

    def chosen(self) -> list:
        """The plans to show: the one asked for, or all of them."""
        if self.is_bound and self.is_valid() and self.cleaned_data["plan"]:
            return [plan for plan in self.plans if plan.slug == self.cleaned_data["plan"]]
        return self.plans


class EditionsMixin(ScopedPermissionMixin):
    """Any adviser; the editions are those of their own county."""

    view_permission = "conferences.view_adviser_area"

    def overview(self):
        conferences = list(editions_for(self.request.user))
        form = PlanChoiceForm(self.request.GET or None, plans=plans_of(conferences))
        return form, editions_overview(conferences, form.chosen())


class EditionsOverviewView(EditionsMixin, TemplateView):
    template_name = "conferences/dashboard/editions.html"

    def get_context_data(self, **kwargs):
        form, overviews = self.overview()
        plan = form.cleaned_data.get("plan") if form.is_bound and form.is_valid() else ""
        query = urlencode({"plan": plan}) if plan else ""
        return super().get_context_data(form=form, overviews=overviews, query=query, **kwargs)


class EditionsExportView(EditionsMixin, View):
    def get(self, request, *args, fmt, **kwargs):
        if fmt not in FORMATS:
            raise Http404
        _form, overviews = self.overview()
        return send([editions_table(overviews)], name="editions", fmt=fmt)


def editions_table(overviews) -> Table:
    return Table(
        title=_("Editions"),
        header=[
            _("Plan"),
            _("Main goal"),
            _("Year"),
            _("Conference"),
            _("Accepted sessions"),
            _("Minutes of programme"),
            _("Participants"),
            _("Priorities"),
            _("Commitments"),
            _("Commitments done"),
        ],
        rows=[
            [
                overview.plan.name,
                str(row.goal),
                figures.conference.year,
                figures.conference.title,
                figures.sessions,
                figures.minutes,
                figures.participants,
                figures.priorities,
                figures.commitments,
                figures.done,
            ]
            for overview in overviews
            for row in overview.goals
            for figures in row.editions
        ],
    )
