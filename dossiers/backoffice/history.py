"""Field-level history of a dossier for the back office, from django-simple-history.

``DossierEvent`` rows tell *what happened* (the legal record); this tells *which fields
changed and who changed them*, record by record: the dossier itself and, merged in time
order, its checklist items, attachments and fees (:func:`dossier_history`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from procedures_pages.models import Agency, ProcedurePage
from procedures_pages.text import format_dong

from ..models import Attachment, ChecklistItem, Dossier, FeePayment
from ..workflow import TRANSITIONS

# Technical fields that change with every save and would only add noise.
HIDDEN_FIELDS = {"version", "lookup_secret", "created_at", "updated_at", "id"}
DEFAULT_LIMIT = 50
SUBJECT_LENGTH = 80


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
    subject: str = ""  # what the record is about: the dossier, a checklist document, ...
    created_label: str = ""  # what a creation record means, in words


@dataclass(frozen=True)
class _Source:
    """One history-tracked model shown in the panel and how to label its records."""

    model: type[models.Model]
    hidden: frozenset[str]
    subject: Callable[[models.Model], str]
    created_label: Callable[[models.Model], str]


def _short(text: str) -> str:
    return Truncator(text or "").chars(SUBJECT_LENGTH)


def _dossier_source() -> _Source:
    return _Source(
        model=Dossier,
        hidden=frozenset(HIDDEN_FIELDS),
        subject=lambda record: _("Hồ sơ"),
        created_label=lambda record: _("Tạo hồ sơ"),
    )


def _child_sources() -> list[_Source]:
    hidden = frozenset({"id", "dossier"})
    return [
        _Source(
            model=ChecklistItem,
            hidden=hidden,
            subject=lambda record: (
                _("Giấy tờ: %(name)s") % {"name": _short(record.requirement_name)}
            ),
            created_label=lambda record: (
                _("Thêm vào danh mục, đã nhận")
                if record.received
                else _("Thêm vào danh mục, chưa nhận")
            ),
        ),
        _Source(
            model=Attachment,
            hidden=hidden | {"document_key"},
            subject=lambda record: (
                _("Tệp đính kèm: %(title)s (phiên bản %(version)d)")
                % {"title": _short(record.title), "version": record.version}
            ),
            created_label=lambda record: (
                _("Tải lên tệp, SHA-256 %(sha)s…") % {"sha": record.sha256[:12]}
            ),
        ),
        _Source(
            model=FeePayment,
            hidden=hidden,
            subject=lambda record: (
                _("Phí, lệ phí: %(description)s") % {"description": _short(record.description)}
            ),
            created_label=lambda record: (
                _("Thu %(amount)s") % {"amount": format_dong(record.amount)}
            ),
        ),
    ]


def field_history(dossier: Dossier, *, limit: int = DEFAULT_LIMIT) -> list[HistoryEntry]:
    """The latest ``limit`` history records of ``dossier`` itself, oldest first, each with
    the fields it changed compared with the record before it. A fixed number of queries."""
    return _merged_history(dossier, [_dossier_source()], limit=limit)


def dossier_history(
    dossier: Dossier, *, limit: int = DEFAULT_LIMIT, empty: Iterable[type[models.Model]] = ()
) -> list[HistoryEntry]:
    """The latest ``limit`` history records of the dossier, its checklist items, its
    attachments and its fees, merged in time order (oldest first), each labelled with
    what it is about. At most two queries per model plus one per related model named.

    ``empty``: child models the caller knows to have no row for this dossier (it has
    just listed them); rows are never deleted, so they have no history either and their
    query is skipped.
    """
    skipped = set(empty) - {Dossier}
    sources = [_dossier_source(), *(s for s in _child_sources() if s.model not in skipped)]
    return _merged_history(dossier, sources, limit=limit)


def _merged_history(dossier: Dossier, sources: list[_Source], *, limit: int) -> list[HistoryEntry]:
    windows = [
        (order, source, *_window(source, dossier, limit)) for order, source in enumerate(sources)
    ]
    names = _related_names(
        [(source, [*records, *bases.values()]) for _order, source, records, bases in windows],
        known=_names_at_hand(dossier, windows),
    )
    rows = []
    for order, source, records, bases in windows:
        known = {record.history_id: record for record in records} | bases
        for record in records:
            previous = known.get(record.previous_history_id)
            # Records at the dossier's instant sort dossier first, then its children.
            rows.append(((record.history_date, order, record.history_id), source, record, previous))
    rows.sort(key=lambda row: row[0])
    return [
        _entry(source, record, previous, names) for _key, source, record, previous in rows[-limit:]
    ]


def _names_at_hand(dossier: Dossier, windows) -> dict[tuple[type, object], str]:
    """Names of the objects already loaded (the dossier's own relations and the users of
    the history records), so that only other objects need a query."""
    names = {}
    for field in Dossier._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.is_cached(dossier):
            related = getattr(dossier, field.name)
            if related is not None:
                is_user = field.related_model is get_user_model()
                names[(field.related_model, related.pk)] = (
                    _user_label(related) if is_user else str(related)
                )
    for _order, _source, records, _bases in windows:
        for record in records:
            if record.history_user is not None:
                user = record.history_user
                names[(get_user_model(), user.pk)] = _user_label(user)
    return names


def _window(source: _Source, dossier: Dossier, limit: int):
    """The newest ``limit`` records of one model for ``dossier``, each annotated with the
    id of the record before it (same object), plus those earlier records that fall
    outside the window (they are only the base of a diff)."""
    history = source.model.history.model
    if source.model is Dossier:
        queryset = history.objects.filter(id=dossier.pk)
    else:
        queryset = history.objects.filter(dossier_id=dossier.pk)
    previous = (
        history.objects.filter(id=OuterRef("id"))
        .filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    records = list(
        queryset.select_related("history_user")
        .annotate(previous_history_id=Subquery(previous))
        .order_by("-history_date", "-history_id")[:limit]
    )
    shown = {record.history_id for record in records}
    missing = {
        record.previous_history_id
        for record in records
        if record.previous_history_id is not None and record.previous_history_id not in shown
    }
    bases = {}
    if missing:
        bases = {base.history_id: base for base in history.objects.filter(history_id__in=missing)}
    return records, bases


def _entry(source: _Source, record, previous, names) -> HistoryEntry:
    created = record.history_type == "+"
    return HistoryEntry(
        at=record.history_date,
        user=_user_label(record.history_user),
        reason=action_label(record.history_change_reason or ""),
        created=created,
        changes=_changes(source, record, previous, names) if previous and not created else [],
        subject=source.subject(record),
        created_label=source.created_label(record) if created else "",
    )


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


def _fk_fields(source: _Source) -> dict[str, type[models.Model]]:
    return {
        field.attname: field.related_model
        for field in source.model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.name not in source.hidden
    }


def _related_names(records_by_source, *, known=None) -> dict[tuple[type, object], str]:
    """Display names of every agency, procedure and user the records point at: those in
    ``known``, the others with one query per related model."""
    names = dict(known or {})
    wanted: dict[type, set] = {}
    for source, records in records_by_source:
        for attname, model in _fk_fields(source).items():
            for record in records:
                value = getattr(record, attname, None)
                if value is not None and (model, value) not in names:
                    wanted.setdefault(model, set()).add(value)
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


def _changes(source: _Source, record, previous, names) -> list[FieldChange]:
    delta = record.diff_against(previous, excluded_fields=source.hidden)
    fields = {field.name: field for field in source.model._meta.concrete_fields}
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
