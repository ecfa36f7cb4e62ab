"""Exports of a conference's registrations for its advisers: the full list and the catering list,
as CSV and XLSX.

Each export is a table (a header row and rows of text) built from rows the read-side queries
gave (conferences.queries.registration); no function here reads the database. Labels are in the
active language, so the view activates the adviser's. CSV is semicolon-separated with a byte
order mark like ``conferences.exports.programme_csv`` (Excel with Norwegian settings opens it in
columns with æøå intact); in both formats a cell that a spreadsheet would run as a formula gets a
leading apostrophe (``conferences.exports.spreadsheet_cell``, OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from conferences.enums import AccessNeed, Allergen, Diet, RegistrationState, SignupState
from conferences.exports import CSV_DELIMITER, spreadsheet_cell
from partners.enums import Language, Sector

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Table:
    title: str  # the sheet's name in a workbook
    header: list[str]
    rows: list[list[str]]


def _labels(values, choices) -> str:
    known = dict(choices.choices)
    return ", ".join(str(known.get(value, value)) for value in values or [])


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _sessions(registration) -> str:
    return "; ".join(
        f"{signup.session.title} ({SignupState(signup.state).label})"
        for signup in registration.live_signups
    )


# --- the full list -------------------------------------------------------------------------------


def registration_table(registrations) -> Table:
    """Every field of each registration (health details included: advisers only)."""
    header = [
        _("First name"),
        _("Last name"),
        _("Email address"),
        _("Phone"),
        _("Organisation"),
        _("Sector"),
        _("Role or title"),
        _("Municipality"),
        _("Written standard"),
        pgettext("registration", "State"),
        _("Sessions"),
        _("Diet"),
        _("Allergies"),
        _("Other dietary needs or allergies"),
        _("Accessibility needs"),
        _("Other accessibility needs"),
        _("May appear on the published participant list"),
        _("May appear in photos from the conference"),
        _("Registered"),
        _("Joined the waiting list"),
        _("Offer expires"),
        _("Checked in"),
        _("Reason for a place beyond capacity"),
    ]
    rows = [
        [
            registration.first_name,
            registration.last_name,
            registration.email,
            registration.phone,
            registration.organisation_label,
            str(Sector(registration.sector).label) if registration.sector else "",
            registration.job_title,
            registration.municipality.name if registration.municipality_id else "",
            str(Language(registration.language).label) if registration.language else "",
            str(RegistrationState(registration.state).label),
            _sessions(registration),
            _labels(registration.diets, Diet),
            _labels(registration.allergens, Allergen),
            registration.diet_other,
            _labels(registration.access_needs, AccessNeed),
            registration.access_other,
            _yes_no(registration.listed),
            _yes_no(registration.photos),
            _when(registration.created_at),
            _when(registration.waitlisted_at),
            _when(registration.offer_expires_at),
            _when(registration.checked_in_at),
            registration.override_reason,
        ]
        for registration in registrations
    ]
    return Table(title=_("Registrations"), header=header, rows=rows)


# --- catering ------------------------------------------------------------------------------------


def catering_people_table(people: list[dict]) -> Table:
    """One row per person with a diet, an allergy or another dietary need (``people`` from
    conferences.queries.registration.catering_rows)."""
    header = [
        _("Name"),
        _("Organisation"),
        _("Diet"),
        _("Allergies"),
        _("Other dietary needs or allergies"),
    ]
    rows = [
        [
            person["name"],
            person["organisation"],
            _labels(person["diets"], Diet),
            _labels(person["allergens"], Allergen),
            person["diet_other"],
        ]
        for person in people
    ]
    return Table(title=_("Participants"), header=header, rows=rows)


def catering_totals_table(totals: dict, *, counted: int) -> Table:
    """How many people need each diet and avoid each allergen (every choice, zeros included),
    then each free-text need without names, with how many wrote the same."""
    kind_diet, kind_allergen = _("Diet"), _("Allergy")
    rows = [[_("Everyone counted"), "", counted]]
    rows += [[kind_diet, row.label, row.count] for row in totals["diets"]]
    rows += [[kind_allergen, row.label, row.count] for row in totals["allergens"]]
    texts = Counter(entry.text for entry in totals["diet_other"])
    rows += [
        [_("Other dietary needs or allergies"), text, number]
        for text, number in sorted(texts.items(), key=lambda item: item[0].casefold())
    ]
    header = [pgettext("catering export", "Kind"), pgettext("catering export", "Need"), _("Count")]
    return Table(title=_("Totals"), header=header, rows=rows)


# --- writing the files ---------------------------------------------------------------------------


def tables_csv(tables: list[Table]) -> str:
    """One or more tables in a CSV file, an empty row between them; encode as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([spreadsheet_cell(cell) for cell in table.header])
        for row in table.rows:
            writer.writerow([spreadsheet_cell(cell) for cell in row])
    return "\ufeff" + out.getvalue()


def tables_xlsx(tables: list[Table]) -> bytes:
    """One sheet per table, with a bold, frozen header row. Numbers are numbers; every other
    cell is plain text, never a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(title=_sheet_title(table.title))
        for row_number, row in enumerate([table.header, *table.rows], start=1):
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row=row_number, column=column)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    cell.value = value
                else:
                    cell.value = spreadsheet_cell(value)
                    cell.data_type = "s"  # text, never a formula
                if row_number == 1:
                    cell.font = bold
        sheet.freeze_panes = "A2"
        for column, heading in enumerate(table.header, start=1):
            width = max([len(str(heading)), *(len(str(row[column - 1])) for row in table.rows)])
            sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = min(
                max(width + 2, 10), 60
            )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name."""
    return "".join(c for c in str(title) if c not in "[]:*?/\\")[:31] or "Sheet"
