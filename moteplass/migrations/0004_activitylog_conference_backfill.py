"""Fill in the conference and the object's name of the log entries written before 0003 (best
effort: an object deleted since keeps no conference, and only the name the administration
recorded when it deleted it)."""

from django.core.exceptions import FieldError
from django.db import migrations
from django.utils import timezone

CHUNK = 1000
REPR_MAX = 200

# How each kind of object reached its conference when this migration was written.
PARENT_PATHS = {
    "conferences.conference": "pk",
    "conferences.commitment": "priority__conference_id",
    "conferences.statusupdate": "commitment__priority__conference_id",
    "conferences.comment": "session__conference_id",
    "conferences.changerequest": "session__conference_id",
    "conferences.sessionsignup": "registration__conference_id",
    "conferences.programmefile": "version__conference_id",
}


def _join(*parts, sep=" "):
    return sep.join(str(part) for part in parts if part not in (None, "")).strip()


def _person(first, last, email=""):
    return _join(first, last) or email or ""


def _slot(start, end):
    if start is None or end is None:
        return ""
    start, end = timezone.localtime(start), timezone.localtime(end)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


# model label → (the fields to read, how the object's __str__ read them), as close to each
# model's __str__ as plain fields allow
NAMES = {
    "conferences.conference": (["title"], lambda r: r["title"]),
    "conferences.room": (["name"], lambda r: r["name"]),
    "conferences.speaker": (["name"], lambda r: r["name"]),
    "conferences.session": (["title"], lambda r: r["title"]),
    "conferences.conferencepartner": (
        ["organisation__name", "conference__title"],
        lambda r: _join(r["organisation__name"], r["conference__title"], sep=" – "),
    ),
    "conferences.priority": (["title_nb", "title_nn"], lambda r: r["title_nb"] or r["title_nn"]),
    "conferences.commitment": (
        ["title_nb", "title_nn"],
        lambda r: r["title_nb"] or r["title_nn"],
    ),
    "conferences.statusupdate": (
        ["commitment__title_nb", "commitment__title_nn", "to_state"],
        lambda r: _join(
            r["commitment__title_nb"] or r["commitment__title_nn"], r["to_state"], sep=" → "
        ),
    ),
    "conferences.registration": (
        ["first_name", "last_name"],
        lambda r: _person(r["first_name"], r["last_name"]),
    ),
    "conferences.sessionsignup": (
        ["registration__first_name", "registration__last_name", "session__title"],
        lambda r: _join(
            _person(r["registration__first_name"], r["registration__last_name"]),
            r["session__title"],
            sep=" – ",
        ),
    ),
    "conferences.invitation": (
        ["first_name", "last_name", "email"],
        lambda r: f"{_join(r['first_name'], r['last_name'])} <{r['email']}>",
    ),
    "conferences.outboxmessage": (
        ["subject", "to_email"],
        lambda r: _join(r["subject"], r["to_email"], sep=" → "),
    ),
    "conferences.mailtemplate": (
        ["subject_nb", "conference__title"],
        lambda r: _join(r["subject_nb"], r["conference__title"], sep=" – "),
    ),
    "conferences.comment": (["session__title"], lambda r: r["session__title"]),
    "conferences.changerequest": (["session__title"], lambda r: r["session__title"]),
    "conferences.timeslot": (["start", "end"], lambda r: _slot(r["start"], r["end"])),
    "conferences.programmeversion": (
        ["conference__title", "number"],
        lambda r: _join(r["conference__title"], r["number"], sep=" – "),
    ),
    "conferences.flaggedaddress": (["email"], lambda r: r["email"]),
    "partners.user": (
        ["first_name", "last_name", "email"],
        lambda r: _person(r["first_name"], r["last_name"], r["email"]),
    ),
    "partners.organisation": (["name"], lambda r: r["name"]),
    "partners.network": (["name"], lambda r: r["name"]),
    "partners.municipality": (["number", "name"], lambda r: _join(r["number"], r["name"])),
    "partners.membership": (
        ["user__email", "organisation__name"],
        lambda r: _join(r["user__email"], r["organisation__name"], sep=" – "),
    ),
    "partners.memberinvitation": (
        ["email", "organisation__name"],
        lambda r: _join(r["email"], r["organisation__name"], sep=" – "),
    ),
    "telemarksplanen.plan": (["name"], lambda r: r["name"]),
    "telemarksplanen.focusarea": (["code", "title_nb"], lambda r: _join(r["code"], r["title_nb"])),
    "telemarksplanen.goal": (["code", "title_nb"], lambda r: _join(r["code"], r["title_nb"])),
}


def _cut(text: str) -> str:
    text = str(text or "")
    return text if len(text) <= REPR_MAX else text[: REPR_MAX - 1] + "…"


def _conference_path(label: str, model) -> str | None:
    if label in PARENT_PATHS:
        return PARENT_PATHS[label]
    names = {field.name for field in model._meta.get_fields()}
    return "conference_id" if "conference" in names else None


def backfill(apps, schema_editor):
    ActivityLog = apps.get_model("moteplass", "ActivityLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kinds = ActivityLog.objects.order_by().values_list("content_type_id", flat=True).distinct()
    for content_type in ContentType.objects.filter(pk__in=list(kinds)):
        label = f"{content_type.app_label}.{content_type.model}"
        try:
            model = apps.get_model(content_type.app_label, content_type.model)
        except LookupError:
            model = None
        path = _conference_path(label, model) if model is not None else None
        fields, name_of = NAMES.get(label, ([], None))
        entries = ActivityLog.objects.filter(content_type=content_type).order_by("pk")
        last = 0
        while True:
            chunk = list(entries.filter(pk__gt=last).only("pk", "object_id", "data")[:CHUNK])
            if not chunk:
                break
            last = chunk[-1].pk
            rows = {}
            if model is not None and (path or name_of):
                objects = model._default_manager.filter(pk__in={e.object_id for e in chunk})
                where = [path] if path and path != "pk" else []
                try:
                    found = list(objects.values("pk", *fields, *where))
                except FieldError:  # the model changed since: its conference only
                    name_of = None
                    found = list(objects.values("pk", *where))
                rows = {row["pk"]: row for row in found}
            for entry in chunk:
                row = rows.get(entry.object_id)
                entry.conference_id = row[path] if row is not None and path else None
                name = name_of(row) if row is not None and name_of else ""
                if not name and isinstance(entry.data, dict):
                    name = entry.data.get("object", "")  # deleted in the administration
                entry.object_repr = _cut(name)
            ActivityLog.objects.bulk_update(chunk, ["conference", "object_repr"])


class Migration(migrations.Migration):
    dependencies = [
        ("moteplass", "0003_activitylog_conference"),
        ("conferences", "0012_commitment_carried"),
        ("partners", "0004_followup"),
        ("telemarksplanen", "0004_plan_owner_telemark"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
