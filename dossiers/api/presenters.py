"""Dossiers as JSON-ready dicts: summary, events and the field-level audit trail."""

import datetime
import decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from procedures_pages.models import Agency

from ..models import Dossier, DossierEvent, Status
from ..services import available_transitions
from ..workflow import TRANSITIONS

_HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


def local(value: datetime.datetime | None) -> datetime.datetime | None:
    """Aware datetimes are shown in Asia/Ho_Chi_Minh (UTC is for the database)."""
    return timezone.localtime(value) if value else None


def status_label(status: int) -> str:
    return str(Status(status).label)


def receipt(dossier: Dossier) -> dict:
    return {
        "code": dossier.code,
        "status": dossier.status,
        "status_label": status_label(dossier.status),
        "due_at": local(dossier.due_at),
        "lookup_secret": dossier.lookup_secret,
        "version": dossier.version,
    }


def _agency(agency: Agency) -> dict:
    return {"code": agency.code, "name": agency.name}


def _user_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def dossier_detail(dossier: Dossier, user) -> dict:
    """The officer's view of a dossier: its state, every event and every field change."""
    return {
        "code": dossier.code,
        "status": dossier.status,
        "status_label": status_label(dossier.status),
        "stage": dossier.stage,
        "version": dossier.version,
        "procedure": {"code": dossier.procedure.code, "title": dossier.procedure.title},
        "receiving_agency": _agency(dossier.receiving_agency),
        "current_agency": _agency(dossier.current_agency),
        "channel": dossier.channel,
        "applicant": {
            "name": dossier.applicant_name,
            "id_number": dossier.applicant_id_number,
            "phone": dossier.applicant_phone,
            "email": dossier.applicant_email,
            "address": dossier.applicant_address,
            "owner_name": dossier.owner_name,
        },
        "subject": dossier.subject,
        "sets": dossier.sets,
        "received_at": local(dossier.received_at),
        "due_at": local(dossier.due_at),
        "original_due_at": local(dossier.original_due_at),
        "outcome": dossier.outcome,
        "result_number": dossier.result_number,
        "returned_at": local(dossier.returned_at),
        "timeliness": dossier.timeliness,
        "rescheduled": dossier.rescheduled,
        "available_transitions": [t.name for t in available_transitions(dossier, user)],
        "events": events(dossier),
        "history": history(dossier),
    }


def events(dossier: Dossier) -> list[dict]:
    rows = DossierEvent.objects.filter(dossier=dossier).select_related(
        "from_agency", "to_agency", "late_agency"
    )
    return [
        {
            "transition": event.transition,
            "label": _transition_label(event.transition),
            "at": local(event.at),
            "actor": event.actor_name,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "from_stage": event.from_stage,
            "to_stage": event.to_stage,
            "from_agency": event.from_agency.code if event.from_agency else None,
            "to_agency": event.to_agency.code if event.to_agency else None,
            "step_due_at": local(event.step_due_at),
            "step_timeliness": event.step_timeliness,
            "late_agency": event.late_agency.code if event.late_agency else None,
            "note": event.note,
            "data": event.data or {},
        }
        for event in rows
    ]


def _transition_label(name: str) -> str:
    if name == "receive":
        return _("Tiếp nhận hồ sơ")
    spec = TRANSITIONS.get(name)
    return str(spec.label) if spec else name


# --- Field history -----------------------------------------------------------------


def history(dossier: Dossier) -> list[dict]:
    """django-simple-history rows, oldest first, each with its changed fields (old → new).

    Rows are paired in Python rather than through ``prev_record`` (one query per row);
    foreign keys are shown by code or name, resolved in one query per related model.
    """
    records = list(
        dossier.history.select_related("history_user").order_by("history_date", "history_id")
    )
    fields = {
        f.name: f
        for f in Dossier._meta.get_fields()
        if getattr(f, "concrete", False) and f.editable and not f.many_to_many
    }
    fields = {name: f for name, f in fields.items() if name not in {"id", "updated_at"}}
    raw = []
    previous = None
    for record in records:
        changes = []
        for field in fields.values():
            attribute = field.attname
            new = getattr(record, attribute, None)
            old = getattr(previous, attribute, None) if previous is not None else None
            if previous is None and new in (None, "", False):
                continue  # creation: list only the values that were set
            if previous is not None and old == new:
                continue
            changes.append((field, old, new))
        raw.append((record, changes))
        previous = record
    names = _related_names(
        [(f, v) for _record, changes in raw for f, old, new in changes for v in (old, new)]
    )
    return [
        {
            "at": local(record.history_date),
            "user": _user_name(record.history_user) or None,
            "change_reason": record.history_change_reason,
            "type": _HISTORY_TYPES.get(record.history_type, "changed"),
            "changes": [
                {
                    "field": field.name,
                    "label": str(field.verbose_name),
                    "old": _display(field, old, names),
                    "new": _display(field, new, names),
                }
                for field, old, new in changes
            ],
        }
        for record, changes in raw
    ]


def _related_names(pairs: list[tuple[models.Field, Any]]) -> dict:
    wanted: dict[type, set] = {}
    for field, value in pairs:
        if field.is_relation and value is not None:
            wanted.setdefault(field.related_model, set()).add(value)
    names: dict = {}
    for model, ids in wanted.items():
        if model is Agency:
            rows = Agency.objects.filter(pk__in=ids).values_list("pk", "code")
        elif model is get_user_model():
            rows = [(u.pk, _user_name(u)) for u in model.objects.filter(pk__in=ids)]
        elif hasattr(model, "code"):
            rows = model.objects.filter(pk__in=ids).values_list("pk", "code")
        else:
            rows = [(pk, str(pk)) for pk in ids]
        for pk, label in rows:
            names[(model, pk)] = label
    return names


def _display(field: models.Field, value: Any, names: dict) -> Any:
    if value is None:
        return None
    if field.is_relation:
        return names.get((field.related_model, value), value)
    if isinstance(value, datetime.datetime):
        return local(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value
