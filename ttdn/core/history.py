"""The audit log in the user's words: field labels instead of column names, choice labels
instead of stored values, names instead of ids, dates as dd/mm/yyyy, and an action named
after what happened ("Draft → Issued", not "Moved").

Keys that are not fields of the model (a report's values are stored by indicator code) get
their labels from the app that owns the model: it registers a provider in its
AppConfig.ready(), as with the other registries, so core never imports an app.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ttdn.core.enums import AuditAction
from ttdn.core.models import AuditEntry

# object ids of one model → {object id: {key: label}}
LabelProvider = Callable[[list[str]], dict[str, dict[str, str]]]
_providers: dict[str, LabelProvider] = {}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
EMPTY = "—"


def register_labels(object_type: str, provider: LabelProvider) -> None:
    """Label the keys of `object_type` ("reports.Submission") that are not its fields."""
    _providers[object_type.lower()] = provider


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Line:
    entry: AuditEntry
    action: str  # what happened, in words
    object_kind: str  # "Plan", "Report"
    changes: list[Change]


def describe(entries: Iterable[AuditEntry]) -> list[Line]:
    """The entries as people read them. Runs one query per model that changed values point
    to (units, people, …) and one per registered provider, whatever the number of entries."""
    entries = list(entries)
    found = {e.object_type: _model(e.object_type) for e in entries}
    names = _names(entries, found)
    extra = _extra_labels(entries)
    return [_line(entry, found[entry.object_type], names, extra) for entry in entries]


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type) if object_type else None
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _pairs(changes: Any) -> list[tuple[str, Any, Any]]:
    """(key, before, after) for each change; a lone value is what was removed or set."""
    if not isinstance(changes, dict):
        return []
    pairs = []
    for key, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            pairs.append((key, value[0], value[1]))
        else:
            pairs.append((key, value, None))
    return pairs


def _names(
    entries: list[AuditEntry], found: dict[str, type[models.Model] | None]
) -> dict[type[models.Model], dict[str, str]]:
    wanted: dict[type[models.Model], set[Any]] = {}
    for entry in entries:
        for key, before, after in _pairs(entry.changes):
            field = _field(found[entry.object_type], key)
            if field is not None and field.is_relation and field.related_model is not None:
                ids = wanted.setdefault(field.related_model, set())
                ids.update(v for v in (before, after) if isinstance(v, int | str) and v != "")
    return {
        model: {str(pk): _name(obj) for pk, obj in model._default_manager.in_bulk(ids).items()}
        for model, ids in wanted.items()
    }


def _name(obj: models.Model) -> str:
    full_name = getattr(obj, "get_full_name", None)
    return (full_name() if callable(full_name) else "") or str(obj)


def _extra_labels(entries: list[AuditEntry]) -> dict[str, dict[str, dict[str, str]]]:
    by_type: dict[str, list[str]] = {}
    for entry in entries:
        if entry.object_type.lower() in _providers:
            by_type.setdefault(entry.object_type.lower(), []).append(entry.object_id)
    return {kind: _providers[kind](ids) for kind, ids in by_type.items()}


def _line(
    entry: AuditEntry,
    model: type[models.Model] | None,
    names: dict[type[models.Model], dict[str, str]],
    extra: dict[str, dict[str, dict[str, str]]],
) -> Line:
    labels = extra.get(entry.object_type.lower(), {}).get(entry.object_id, {})
    changes, action = [], entry.get_action_display()
    for key, before, after in _pairs(entry.changes):
        field = _field(model, key)
        label = capfirst(str(field.verbose_name)) if field is not None else labels.get(key)
        change = Change(
            label or capfirst(key.replace("_", " ")),
            _value(field, before, names),
            _value(field, after, names),
        )
        if key == "status" and entry.action in (AuditAction.MOVE, AuditAction.UPDATE):
            # A status move is named by its two states: "Draft → Issued", not "Moved".
            action = _("%(before)s → %(after)s") % {"before": change.before, "after": change.after}
        else:
            changes.append(change)
    kind = capfirst(str(model._meta.verbose_name)) if model is not None else ""
    return Line(entry, str(action), kind, changes)


def _value(
    field: models.Field[Any, Any] | None,
    value: Any,
    names: dict[type[models.Model], dict[str, str]],
) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, list):
        return ", ".join(_value(field, item, names) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(None, v, names)}" for k, v in value.items())
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field is not None and field.is_relation and field.related_model is not None:
        related: Any = field.related_model
        return names.get(related, {}).get(str(value), f"#{value}")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return _plain(str(value))


def _plain(text: str) -> str:
    if _ISO_DATE.match(text):
        return datetime.date.fromisoformat(text).strftime("%d/%m/%Y")
    if _ISO_DATETIME.match(text):
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError:
            return text
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%d/%m/%Y %H:%M")
    return text
