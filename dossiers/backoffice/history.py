"""Field-level history of a dossier for the back office, from django-simple-history.

``DossierEvent`` rows tell *what happened* (the legal record); this tells *which fields
changed and who changed them*, record by record.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from procedures_pages.models import Agency, ProcedurePage

from ..models import Dossier
from ..workflow import TRANSITIONS

# Technical fields that change with every save and would only add noise.
HIDDEN_FIELDS = {"version", "lookup_secret", "created_at", "updated_at", "id"}
DEFAULT_LIMIT = 50


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    user: str
    reason: str
    created: bool
    changes: list[FieldChange]


def field_history(dossier: Dossier, *, limit: int = DEFAULT_LIMIT) -> list[HistoryEntry]:
    """The latest ``limit`` history records of ``dossier``, oldest first, each with the
    fields it changed compared with the record before it. A fixed number of queries."""
    newest = list(
        dossier.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    records = list(reversed(newest))
    names = _related_names(records)
    entries = []
    for index, record in enumerate(records):
        previous = records[index - 1] if index else None
        if previous is None and len(newest) > limit:
            continue  # only the base for the first shown record's diff
        entries.append(
            HistoryEntry(
                at=record.history_date,
                user=_user_label(record.history_user),
                reason=action_label(record.history_change_reason or ""),
                created=record.history_type == "+",
                changes=_changes(record, previous, names) if previous else [],
            )
        )
    return entries


def action_label(name: str) -> str:
    """The Vietnamese label of a transition (or of the receipt) named ``name``."""
    if name == "receive":
        return _("Tiếp nhận hồ sơ")
    spec = TRANSITIONS.get(name)
    return str(spec.label) if spec else name


def _user_label(user) -> str:
    if user is None:
        return _("Hệ thống")
    return user.get_full_name() or user.get_username()


def _fk_fields() -> dict[str, type[models.Model]]:
    return {
        field.attname: field.related_model
        for field in Dossier._meta.concrete_fields
        if isinstance(field, models.ForeignKey)
    }


def _related_names(records) -> dict[tuple[type, object], str]:
    """Display names of every agency, procedure and user the records point at, with one
    query per related model."""
    wanted: dict[type, set] = {}
    for attname, model in _fk_fields().items():
        for record in records:
            value = getattr(record, attname, None)
            if value is not None:
                wanted.setdefault(model, set()).add(value)
    names = {}
    for model, pks in wanted.items():
        if model is ProcedurePage:
            rows = ProcedurePage.objects.filter(pk__in=pks).only("pk", "code", "title")
        elif model is Agency:
            rows = Agency.objects.filter(pk__in=pks).only("pk", "name")
        else:
            rows = model.objects.filter(pk__in=pks)
        for row in rows:
            label = _user_label(row) if model is get_user_model() else str(row)
            names[(model, row.pk)] = label
    return names


def _changes(record, previous, names) -> list[FieldChange]:
    delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
    fields = {field.name: field for field in Dossier._meta.concrete_fields}
    changes = []
    for change in delta.changes:
        field = fields.get(change.field)
        if field is None:
            continue
        changes.append(
            FieldChange(
                label=capfirst(str(field.verbose_name)),
                old=_display(field, change.old, names),
                new=_display(field, change.new, names),
            )
        )
    return changes


def _display(field, value, names) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(field, models.ForeignKey):
        return names.get((field.related_model, value), str(value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(value, date):
        return formats.date_format(value, "d/m/Y")
    return str(value)
