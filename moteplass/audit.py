"""The one place where changes are recorded (house style rule 13)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import Truncator

from moteplass.models import OBJECT_REPR_MAX, ActivityLog


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    return {name: getattr(obj, name) for name in fields}


def diff(obj: models.Model, before: dict, after: dict) -> list[dict]:
    """The fields whose value changed, with their verbose names, as JSON-safe rows."""
    rows = []
    for name, old in before.items():
        new = after.get(name)
        if old != new:
            label = str(obj._meta.get_field(name).verbose_name)
            rows.append({"field": name, "label": label, "before": plain(old), "after": plain(new)})
    return rows


def plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set):
        return [plain(item) for item in value]
    return str(value)


# How an object reaches its conference when it has no ``conference`` field of its own: model
# label → the foreign key to follow (e.g. a commitment → its priority). Apps register theirs in
# AppConfig.ready() (see register_conference_parents).
CONFERENCE_PARENTS: dict[str, str] = {}

#: ``log_action(..., conference=INFER)``: the entry's conference is found from the object.
INFER = object()


def register_conference_parents(parents: dict[str, str]) -> None:
    CONFERENCE_PARENTS.update(parents)


def conference_model():
    return ActivityLog._meta.get_field("conference").related_model


def conference_id_of(obj: models.Model | None) -> int | None:
    """The id of the conference ``obj`` belongs to, None when it belongs to none. Reads the
    object's own ``conference_id`` (no query); an object that reaches its conference through a
    parent (:data:`CONFERENCE_PARENTS`) uses the parent already loaded with it, and loads it only
    when it was not (callers that care pass ``conference=`` to :func:`log_action`)."""
    conference_class = conference_model()
    for _hop in range(5):
        if obj is None:
            return None
        if isinstance(obj, conference_class):
            return obj.pk
        meta = obj._meta
        try:
            field = meta.get_field("conference")
        except FieldDoesNotExist:
            field = None
        if field is not None and field.many_to_one and field.related_model is conference_class:
            return getattr(obj, field.attname)
        parent = CONFERENCE_PARENTS.get(meta.label_lower)
        if parent is None:
            return None
        obj = getattr(obj, parent)
    return None


def object_repr(obj: models.Model) -> str:
    """What the log calls ``obj``: its text now, cut to the column's length."""
    return Truncator(str(obj)).chars(OBJECT_REPR_MAX)


def _entry(obj, action: str, *, user, data: dict, conference) -> ActivityLog:
    if conference is INFER:
        conference_id = conference_id_of(obj)
    else:
        conference_id = conference.pk if conference is not None else None
    return ActivityLog(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        data=data,
        conference_id=conference_id,
        object_repr=object_repr(obj),
    )


def log_action(
    obj: models.Model,
    action: str,
    *,
    user=None,
    changes: list[dict] | None = None,
    data: dict | None = None,
    conference=INFER,
) -> ActivityLog:
    """Record ``action`` on ``obj``. The entry goes to the log of the conference ``obj`` belongs
    to (see :func:`conference_id_of`); ``conference`` names it instead (None: no conference)."""
    payload = dict(data or {})
    if changes is not None:
        payload["changes"] = changes
    entry = _entry(obj, action, user=user, data=payload, conference=conference)
    entry.save(force_insert=True)
    return entry


def log_actions(
    entries: list[tuple[models.Model, str, dict]], *, user=None, conference=INFER
) -> None:
    """Several ``(obj, action, data)`` records in one INSERT (for example one per session a
    participant signs up for)."""
    ActivityLog.objects.bulk_create(
        _entry(obj, action, user=user, data=dict(data), conference=conference)
        for obj, action, data in entries
    )


def forget_object_names(model: type[models.Model], ids) -> int:
    """Blank the recorded name of the objects ``ids`` of ``model`` in the log (a participant's
    name after their personal data is erased); the entries stay. Returns the entries changed."""
    return (
        ActivityLog.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=list(ids)
        )
        .exclude(object_repr="")
        .update(object_repr="")
    )


def history_for(obj: models.Model):
    return (
        ActivityLog.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )


ACTION_LABELS: dict = {}


def register_action_labels(labels: dict) -> None:
    """Apps name their actions for people (lazy translations), e.g. in AppConfig.ready()."""
    ACTION_LABELS.update(labels)


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))


def update_and_log(obj: models.Model, *, fields: list[str], values: dict, by, action: str):
    """Lock ``obj``'s row, set the given ``fields`` from ``values``, validate, save what changed
    and record it. Returns the recorded changes ([] when nothing changed). Call inside a
    transaction."""
    given = obj
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    _keep_loaded_relations(given, obj)
    before = snapshot(obj, fields)
    for name in fields:
        if name in values:
            setattr(obj, name, values[name])
    obj.full_clean()
    changes = diff(obj, before, snapshot(obj, fields))
    if changes:
        touched = [f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)]
        obj.save(update_fields=[row["field"] for row in changes] + touched)
        log_action(obj, action, user=by, changes=changes)
    return changes


def _keep_loaded_relations(source: models.Model, target: models.Model) -> None:
    """Hand the related objects ``source`` has loaded (e.g. a template's conference) to its
    fresh copy ``target`` where they still match, so the log's text for it needs no query."""
    for field in source._meta.concrete_fields:
        if (
            field.many_to_one
            and field.is_cached(source)
            and getattr(source, field.attname) == getattr(target, field.attname)
        ):
            field.set_cached_value(target, field.get_cached_value(source))
