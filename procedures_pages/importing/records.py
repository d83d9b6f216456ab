"""The project's own full procedure record: one plain dict per procedure.

Every reader (own JSON/CSV, crawled national JSON, national list export) produces these
dicts, and the import service consumes only these, so the database mapping lives in one
place. ``normalize_record`` fills defaults and NFC-normalises text; ``validate_record``
returns Vietnamese error messages and never raises.
"""

import datetime
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models.catalogue import (
    AdministrativeLevel,
    Channel,
    DocumentRequirement,
    OnlineServiceLevel,
    StepTimeUnit,
    TimeLimitUnit,
    WorkflowRole,
    procedure_code_validator,
)
from ..text import normalize


class ChannelRecord(TypedDict, total=False):
    channel: str
    time_limit_value: str | None
    time_limit_unit: str
    time_limit_text: str
    fee_amount: int | None
    fee_text: str
    description: str
    legal_version: str
    effective_from: str | None


class DocumentRecord(TypedDict, total=False):
    case_name: str
    name: str
    kind: str
    originals: int
    copies: int
    quantity_text: str
    form_name: str


class LegalBasisRecord(TypedDict, total=False):
    number: str
    summary: str
    issued_on: str | None
    issuer: str


class WorkflowStepRecord(TypedDict, total=False):
    name: str
    unit: str
    role: str
    agency: str | None
    allotted_value: str
    allotted_unit: str
    form_used: str


class ProcedureRecord(TypedDict, total=False):
    code: str
    name: str
    decision_number: str
    sector: str
    levels: list[str]
    procedure_type: str
    implementing_agency_text: str
    implementing_agencies: list[str]
    competent_authority: str
    authorised_agency: str
    coordinating_agency: str
    receiving_address: str
    applicants: str
    steps: str
    conditions: str
    result_name: str
    result_code: str
    online_service_level: str
    related_procedures: str
    source_url: str
    unparsed_text: str
    channels: list[ChannelRecord]
    documents: list[DocumentRecord]
    legal_bases: list[LegalBasisRecord]
    workflow_steps: list[WorkflowStepRecord]


# Scalar text keys and their maximum length (None: unlimited), mirroring the model fields.
SCALAR_FIELDS: dict[str, int | None] = {
    "code": 64,
    "name": 255,
    "decision_number": 255,
    "sector": 255,
    "procedure_type": 255,
    "implementing_agency_text": None,
    "competent_authority": None,
    "authorised_agency": None,
    "coordinating_agency": None,
    "receiving_address": None,
    "applicants": None,
    "steps": None,
    "conditions": None,
    "result_name": None,
    "result_code": 255,
    "online_service_level": 16,
    "related_procedures": None,
    "source_url": 500,
    "unparsed_text": None,
}
# Fields whose line breaks carry meaning (numbered steps, descriptions).
MULTILINE_FIELDS = {
    "steps",
    "conditions",
    "unparsed_text",
    "description",
    "related_procedures",
    "implementing_agency_text",
    "competent_authority",
    "authorised_agency",
    "coordinating_agency",
    "receiving_address",
}
LIST_FIELDS = ("levels", "implementing_agencies", "channels", "documents", "legal_bases",
               "workflow_steps")  # fmt: skip
ALL_FIELDS = (*SCALAR_FIELDS, *LIST_FIELDS)

CHILD_FIELDS: dict[str, dict[str, int | None]] = {
    "channels": {
        "channel": 16,
        "time_limit_unit": 16,
        "time_limit_text": 500,
        "fee_text": None,
        "description": None,
        "legal_version": 100,
    },
    "documents": {
        "case_name": 500,
        "name": None,
        "kind": 8,
        "quantity_text": 255,
        "form_name": 500,
    },
    "legal_bases": {"number": 255, "summary": None, "issuer": 255},
    "workflow_steps": {"name": 500, "unit": 255, "role": 20, "form_used": 255},
}
CHILD_DEFAULTS: dict[str, dict[str, Any]] = {
    "channels": {
        "time_limit_value": None,
        "time_limit_unit": TimeLimitUnit.UNSTATED.value,
        "fee_amount": None,
        "effective_from": None,
    },
    "documents": {"kind": DocumentRequirement.Kind.SUBMIT.value, "originals": 0, "copies": 0},
    "legal_bases": {"issued_on": None},
    "workflow_steps": {"agency": None, "allotted_unit": StepTimeUnit.HOURS.value},
}


def normalize_text(value: Any, *, multiline: bool = False) -> str:
    """NFC, NBSP → space; one-line fields collapse whitespace, multi-line ones keep lines."""
    if value is None:
        return ""
    text = str(value)
    if not multiline:
        return normalize(text)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = (normalize(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _normalize_row(kind: str, row: Any) -> Any:
    if not isinstance(row, dict):
        return row  # reported by validate_record
    clean = {**CHILD_DEFAULTS[kind]}
    for key, value in row.items():
        if key in CHILD_FIELDS[kind]:
            clean[key] = normalize_text(value, multiline=key in MULTILINE_FIELDS)
        elif isinstance(value, str):
            clean[key] = normalize(value) or None
        else:
            clean[key] = value
    for key in CHILD_FIELDS[kind]:
        clean.setdefault(key, "")
    return clean


def normalize_record(raw: dict[str, Any], *, fields: set[str] | None = None) -> ProcedureRecord:
    """A complete, normalised copy of ``raw``: every key present, text NFC and trimmed.

    ``fields`` limits the record to the keys a partial format carries (xlsx list export);
    keys outside it are left out so that an update cannot touch them.
    """
    record: dict[str, Any] = {}
    for key, _length in SCALAR_FIELDS.items():
        record[key] = normalize_text(raw.get(key), multiline=key in MULTILINE_FIELDS)
    record["code"] = record["code"].upper()
    record["online_service_level"] = record["online_service_level"] or OnlineServiceLevel.NONE.value
    for key in ("levels", "implementing_agencies"):
        value = raw.get(key) or []
        if isinstance(value, str):
            value = value.split(",")
        record[key] = (
            [normalize(str(item)) for item in value if normalize(str(item))]
            if isinstance(value, list)
            else value
        )
    record["levels"] = (
        [level.lower() for level in record["levels"]]
        if isinstance(record["levels"], list)
        else record["levels"]
    )
    for kind in CHILD_FIELDS:
        rows = raw.get(kind) or []
        record[kind] = (
            [_normalize_row(kind, row) for row in rows] if isinstance(rows, list) else rows
        )
    if fields is not None:
        record = {key: value for key, value in record.items() if key in fields or key == "code"}
    return record  # type: ignore[return-value]


def _parse_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite() or number < 0:
        raise ValueError(value)
    return number


def _parse_date(value: Any) -> datetime.date | None:
    if value is None or value == "":
        return None
    return datetime.date.fromisoformat(str(value))


def _parse_count(value: Any) -> int:
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise ValueError(value)
    number = int(value)
    if number < 0 or number > 32767:
        raise ValueError(value)
    return number


@dataclass
class _Checker:
    errors: list[str] = field(default_factory=list)

    def add(self, message: str, **params: Any) -> None:
        self.errors.append(message % params if params else message)

    def length(self, label: str, value: str, limit: int | None) -> None:
        if limit is not None and len(value) > limit:
            self.add(
                _("Trường “%(field)s” dài %(length)d ký tự, vượt quá %(limit)d."),
                field=label,
                length=len(value),
                limit=limit,
            )

    def choice(self, label: str, value: Any, choices: list[str]) -> None:
        if value not in choices:
            self.add(
                _(
                    "Giá trị “%(value)s” của trường “%(field)s” không hợp lệ (chọn một trong: "
                    "%(choices)s)."
                ),
                value=value,
                field=label,
                choices=", ".join(choices),
            )


def _validate_channel(check: _Checker, label: str, row: dict[str, Any]) -> None:
    check.choice(f"{label}.channel", row.get("channel"), Channel.values)
    check.choice(f"{label}.time_limit_unit", row.get("time_limit_unit"), TimeLimitUnit.values)
    try:
        value = _parse_decimal(row.get("time_limit_value"))
        if value is not None and (value >= Decimal(100000) or -value.as_tuple().exponent > 2):
            raise ValueError(value)
    except ValueError:
        check.add(
            _("Thời hạn “%(value)s” ở %(field)s không phải là số hợp lệ."),
            value=row.get("time_limit_value"),
            field=label,
        )
    fee = row.get("fee_amount")
    if fee not in (None, "") and (isinstance(fee, bool) or not isinstance(fee, int) or fee < 0):
        check.add(
            _("Phí, lệ phí “%(value)s” ở %(field)s phải là số nguyên đồng không âm."),
            value=fee,
            field=label,
        )
    try:
        _parse_date(row.get("effective_from"))
    except (TypeError, ValueError):
        check.add(
            _("Ngày “%(value)s” ở %(field)s không đúng dạng YYYY-MM-DD."),
            value=row.get("effective_from"),
            field=f"{label}.effective_from",
        )


def _validate_document(check: _Checker, label: str, row: dict[str, Any]) -> None:
    if not row.get("name"):
        check.add(_("Thiếu tên giấy tờ ở %(field)s."), field=label)
    check.choice(f"{label}.kind", row.get("kind"), DocumentRequirement.Kind.values)
    for key in ("originals", "copies"):
        try:
            _parse_count(row.get(key))
        except (TypeError, ValueError):
            check.add(
                _("Số bản “%(value)s” ở %(field)s phải là số nguyên từ 0 đến 32767."),
                value=row.get(key),
                field=f"{label}.{key}",
            )


def _validate_legal_basis(check: _Checker, label: str, row: dict[str, Any]) -> None:
    if not row.get("summary") and not row.get("number"):
        check.add(_("Căn cứ pháp lý ở %(field)s thiếu cả số ký hiệu lẫn trích yếu."), field=label)
    try:
        _parse_date(row.get("issued_on"))
    except (TypeError, ValueError):
        check.add(
            _("Ngày “%(value)s” ở %(field)s không đúng dạng YYYY-MM-DD."),
            value=row.get("issued_on"),
            field=f"{label}.issued_on",
        )


def _validate_workflow_step(check: _Checker, label: str, row: dict[str, Any]) -> None:
    for key in ("name", "unit"):
        if not row.get(key):
            check.add(_("Thiếu trường “%(field)s”."), field=f"{label}.{key}")
    check.choice(f"{label}.role", row.get("role"), WorkflowRole.values)
    check.choice(f"{label}.allotted_unit", row.get("allotted_unit"), StepTimeUnit.values)
    try:
        value = _parse_decimal(row.get("allotted_value"))
        if value is None or value >= Decimal(10000) or -value.as_tuple().exponent > 2:
            raise ValueError(value)
    except ValueError:
        check.add(
            _("Thời gian “%(value)s” ở %(field)s không phải là số hợp lệ."),
            value=row.get("allotted_value"),
            field=f"{label}.allotted_value",
        )


_ROW_VALIDATORS = {
    "channels": _validate_channel,
    "documents": _validate_document,
    "legal_bases": _validate_legal_basis,
    "workflow_steps": _validate_workflow_step,
}


def validate_record(
    record: ProcedureRecord, *, known_agencies: set[str] | None = None
) -> list[str]:
    """Vietnamese messages for everything wrong with a normalised record (empty if valid).

    ``known_agencies`` is the set of Agency identifier codes in the database; when given,
    codes outside it are reported.
    """
    check = _Checker()
    code = record.get("code", "")
    if not code:
        check.add(_("Thiếu mã thủ tục."))
    else:
        try:
            procedure_code_validator(code)
        except ValidationError as error:
            check.add(
                _("Mã thủ tục “%(code)s”: %(reason)s"), code=code, reason=" ".join(error.messages)
            )
    if "name" in record and not record["name"]:
        check.add(_("Thiếu tên thủ tục."))
    for key, limit in SCALAR_FIELDS.items():
        if key in record and key != "code":
            check.length(key, record[key], limit)
    if "online_service_level" in record:
        check.choice(
            "online_service_level", record["online_service_level"], OnlineServiceLevel.values
        )
    if "levels" in record:
        levels = record["levels"]
        if not isinstance(levels, list):
            check.add(_("Trường “levels” phải là một danh sách."))
        else:
            if not levels:
                check.add(_("Cần ít nhất một cấp thực hiện (levels)."))
            for level in levels:
                check.choice("levels", level, AdministrativeLevel.values)
    if "implementing_agencies" in record:
        agencies = record["implementing_agencies"]
        if not isinstance(agencies, list):
            check.add(_("Trường “implementing_agencies” phải là một danh sách."))
        elif known_agencies is not None:
            for agency in agencies:
                if agency not in known_agencies:
                    check.add(_("Không có cơ quan nào mang mã định danh “%(code)s”."), code=agency)
    for kind, validator in _ROW_VALIDATORS.items():
        if kind not in record:
            continue
        rows = record[kind]
        if not isinstance(rows, list):
            check.add(_("Trường “%(field)s” phải là một danh sách."), field=kind)
            continue
        for index, row in enumerate(rows, start=1):
            label = f"{kind}[{index}]"
            if not isinstance(row, dict):
                check.add(_("Phần tử %(field)s phải là một đối tượng."), field=label)
                continue
            for key, limit in CHILD_FIELDS[kind].items():
                check.length(f"{label}.{key}", row.get(key) or "", limit)
            validator(check, label, row)
            agency = row.get("agency") if kind == "workflow_steps" else None
            if agency and known_agencies is not None and agency not in known_agencies:
                check.add(_("Không có cơ quan nào mang mã định danh “%(code)s”."), code=agency)
    return check.errors


def referenced_agencies(record: ProcedureRecord) -> set[str]:
    """Agency identifier codes a record points at (implementing agencies, workflow steps)."""
    codes = {c for c in record.get("implementing_agencies") or [] if isinstance(c, str)}
    for row in record.get("workflow_steps") or []:
        if isinstance(row, dict) and isinstance(row.get("agency"), str) and row["agency"]:
            codes.add(row["agency"])
    return codes


def parse_decimal(value: Any) -> Decimal | None:
    """Decimal from a validated record value ("1.5", "1,5", 2) or None."""
    return _parse_decimal(value)


def parse_date(value: Any) -> datetime.date | None:
    """Date from a validated ``YYYY-MM-DD`` value, or None."""
    return _parse_date(value)


def parse_count(value: Any) -> int:
    """Non-negative copy count from a validated value; missing means 0."""
    return _parse_count(value)
