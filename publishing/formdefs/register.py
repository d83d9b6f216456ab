"""Sổ theo dõi hồ sơ (DOMAIN.md §6.7): the register of an agency's desk for a period.

Not about one dossier (``needs_dossier=False``), landscape, unnumbered. ``params``:
``date_from`` and ``date_to`` (ISO dates, inclusive, days in Vietnam's time zone),
``agency`` (identifier code; ``issue_document`` fills in the issuing agency) and
optionally ``status`` (a national status code or a list of them).

The register is kept by the one-stop desk, so it lists the dossiers the agency received
in the period, in order of receipt. Three queries whatever the number of rows: the
agency, the dossiers (with their procedure, and the lead agency as a subquery on the
first transfer) and one query aggregating their events per dossier (first transfer,
last decision) — never a query per row.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Max, Min, OuterRef, Q, Subquery
from django.utils import translation
from django.utils.translation import gettext as _

from dossiers.models import Dossier, DossierEvent, Status
from procedures_pages.models import Agency

from ..forms import FormSpec, register_form
from ..services import DocumentError
from ._common import VERDICTS, VN, local

TITLE = "Sổ theo dõi hồ sơ"
DECISIONS = ("approve", "reject_ineligible")
CLOSING_NOTES = {
    Status.REFUSED: "Từ chối tiếp nhận",
    Status.WITHDRAWN: "Công dân rút hồ sơ",
    Status.STOPPED: "Dừng giải quyết",
}


def _date(params: dict, key: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(str(params[key]))
    except (KeyError, ValueError) as error:
        raise DocumentError(
            _("Sổ theo dõi hồ sơ cần khoảng thời gian: từ ngày, đến ngày (dạng YYYY-MM-DD).")
        ) from error


def _statuses(params: dict) -> list[int]:
    value = params.get("status")
    if value in (None, "", []):
        return []
    values = value if isinstance(value, list | tuple) else [value]
    try:
        statuses = [int(v) for v in values]
    except (TypeError, ValueError) as error:
        raise DocumentError(_("Trạng thái hồ sơ không hợp lệ.")) from error
    if not set(statuses) <= set(Status.values):
        raise DocumentError(_("Trạng thái hồ sơ không hợp lệ."))
    return statuses


def register_dossiers(
    agency: Agency, date_from: datetime.date, date_to: datetime.date, statuses=()
) -> list[Dossier]:
    """The agency's dossiers received in the period, with ``lead_agency_name``,
    ``sent_at`` and ``result_at`` set on each (two queries)."""
    start = datetime.datetime.combine(date_from, datetime.time.min, tzinfo=VN)
    end = start + datetime.timedelta(days=(date_to - date_from).days + 1)
    base = Dossier.objects.filter(
        receiving_agency=agency, received_at__gte=start, received_at__lt=end
    )
    if statuses:
        base = base.filter(status__in=statuses)
    first_transfer = DossierEvent.objects.filter(
        dossier=OuterRef("pk"), transition="transfer"
    ).order_by("at", "pk")
    dossiers = list(
        base.select_related("procedure")
        .annotate(lead_agency_name=Subquery(first_transfer.values("to_agency__name")[:1]))
        .order_by("received_at", "pk")
    )
    moments = {
        row["dossier_id"]: row
        for row in DossierEvent.objects.filter(dossier__in=base.values("pk"))
        .values("dossier_id")
        .annotate(
            sent_at=Min("at", filter=Q(transition="transfer")),
            result_at=Max("at", filter=Q(transition__in=DECISIONS)),
        )
        .order_by()
    }
    for dossier in dossiers:
        row = moments.get(dossier.pk, {})
        dossier.sent_at = row.get("sent_at")
        dossier.result_at = row.get("result_at")
    return dossiers


def _note(dossier: Dossier) -> str:
    parts = []
    if dossier.status in CLOSING_NOTES:
        parts.append(CLOSING_NOTES[Status(dossier.status)])
    elif dossier.status == Status.RETURNED and dossier.timeliness:
        parts.append(VERDICTS.get(dossier.timeliness, ""))
    if dossier.rescheduled:
        parts.append("Đã hẹn lại")
    if dossier.return_method == "postal":
        parts.append("Trả qua bưu chính")
    elif dossier.return_method == "electronic":
        parts.append("Trả trực tuyến")
    return "; ".join(p for p in parts if p)


def register_row(dossier: Dossier) -> dict:
    address_phone = "; ".join(p for p in (dossier.applicant_address, dossier.applicant_phone) if p)
    # The agency part and the date-sequence part, so the narrow column breaks between them.
    head, dash, tail = dossier.code.partition("-")
    return {
        "code": dossier.code,
        "code_parts": (head + dash, tail),
        "procedure": dossier.procedure.title,
        "sets": dossier.sets,
        "applicant": dossier.applicant_name,
        "address_phone": address_phone,
        "lead_agency": dossier.lead_agency_name or "",
        "received_at": local(dossier.received_at),
        "due_at": local(dossier.due_at),
        "original_due_at": local(dossier.original_due_at) if dossier.rescheduled else None,
        "sent_at": local(dossier.sent_at),
        "result_at": local(dossier.result_at),
        "returned_at": local(dossier.returned_at),
        "note": _note(dossier),
    }


def build_register_context(dossier: Dossier | None, params: dict) -> dict:
    date_from, date_to = _date(params, "date_from"), _date(params, "date_to")
    if date_from > date_to:
        raise DocumentError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
    agency = Agency.objects.filter(code=str(params.get("agency", ""))).first()
    if agency is None:
        raise DocumentError(_("Sổ theo dõi hồ sơ cần cơ quan (mã định danh) hợp lệ."))
    statuses = _statuses(params)
    rows = [register_row(d) for d in register_dossiers(agency, date_from, date_to, statuses)]
    with_status = ""
    if statuses:
        with translation.override(settings.LANGUAGE_CODE):
            labels = ", ".join(str(Status(s).label) for s in statuses)
        with_status = f"; trạng thái: {labels}"
    return {
        "register_agency": agency,
        "date_from": date_from,
        "date_to": date_to,
        "summary": (f"Từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y}{with_status}"),
        "rows": rows,
    }


register_form(
    FormSpec(
        key="register",
        title=TITLE,
        template="publishing/forms/register.html",
        numbered=False,
        symbol="",
        build_context=build_register_context,
        landscape=True,
        needs_dossier=False,
    )
)
