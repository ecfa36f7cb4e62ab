"""The one place where changes are recorded (house style rule 13)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from moteplass.models import ActivityLog


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


def log_action(
    obj: models.Model,
    action: str,
    *,
    user=None,
    changes: list[dict] | None = None,
    data: dict | None = None,
) -> ActivityLog:
    payload = dict(data or {})
    if changes is not None:
        payload["changes"] = changes
    return ActivityLog.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        data=payload,
    )


def log_actions(entries: list[tuple[models.Model, str, dict]], *, user=None) -> None:
    """Several ``(obj, action, data)`` records in one INSERT (for example one per session a
    participant signs up for)."""
    ActivityLog.objects.bulk_create(
        ActivityLog(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            action=action,
            user=user if user is not None and user.is_authenticated else None,
            data=dict(data),
        )
        for obj, action, data in entries
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
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
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
