"""Helpers shared by the forms built from a dossier's events (registers no form).

The supplement request, refusal, apology, stop notice, control sheet and result document
all read the legal record of the dossier (``DossierEvent``): the event that the form
reports (the latest of its kind, or the one named by ``params["event"]``), its officer,
and the agencies' contact details printed for the applicant.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable

from django.utils.translation import gettext as _

from dossiers.models import Dossier, DossierEvent, OfficerRole
from procedures_pages.models import Agency

from ..services import DocumentError, portal_base_url

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")

# The wording of the official forms (TT 01/2018 and TT 03/2025): "Quá hạn", not the
# "Trễ hạn" of the statistics pages.
VERDICTS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


def local(value: datetime.datetime | None) -> datetime.datetime | None:
    return value.astimezone(VN) if value is not None else None


def form_event(
    dossier: Dossier, params: dict, transitions: Iterable[str], *, title: str
) -> DossierEvent:
    """The event a form reports: ``params["event"]`` (an event id) when given, else the
    latest event of ``transitions``. A dossier without one cannot have the form."""
    transitions = tuple(transitions)
    events = dossier.events.filter(transition__in=transitions).select_related(
        "actor__officer", "from_agency", "to_agency", "late_agency"
    )
    if params.get("event"):
        event = events.filter(pk=params["event"]).first()
    else:
        event = events.order_by("-at", "-pk").first()
    if event is None:
        raise DocumentError(
            _("Không lập được “%(title)s”: hồ sơ %(code)s không có thao tác tương ứng.")
            % {"title": title, "code": dossier.code}
        )
    return event


def officer_title(user, default: str) -> str:
    """The position printed under a signature: the officer's title, else ``default``."""
    officer = getattr(user, "officer", None) if user is not None else None
    return (officer.title if officer is not None and officer.title else "") or default


def is_head(user) -> bool:
    officer = getattr(user, "officer", None) if user is not None else None
    return officer is not None and officer.role == OfficerRole.AGENCY_HEAD


def head_signature(agency: Agency, user, params: dict) -> dict:
    """The signature block of the leader of ``agency`` who acted (NĐ 30/2020): a People's
    Committee signs collectively ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"), another agency by
    its head ("GIÁM ĐỐC", the officer's title). ``params`` may override
    ``authority_prefix``, ``signer_title`` and ``signer_name`` (a deputy signing
    "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC")."""
    if agency.name.lower().startswith(("ủy ban nhân dân", "uỷ ban nhân dân")):
        prefix, title = "TM. ỦY BAN NHÂN DÂN", "Chủ tịch"
    else:
        prefix, title = "", officer_title(user, "Thủ trưởng cơ quan")
    name = (user.get_full_name() or user.get_username()) if user is not None else ""
    return {
        "authority_prefix": params.get("authority_prefix", prefix),
        "signer_title": params.get("signer_title") or title,
        "signer_name": params.get("signer_name") or name,
    }


def contact_line(agency: Agency) -> str:
    """ "Trung tâm …, địa chỉ: …, điện thoại: …" — whom the applicant calls."""
    parts = [agency.name]
    if agency.address:
        parts.append(f"địa chỉ: {agency.address}")
    if agency.phone:
        parts.append(f"điện thoại: {agency.phone}")
    if agency.email:
        parts.append(f"thư điện tử: {agency.email}")
    return ", ".join(parts)


def procedure_url(dossier: Dossier) -> str:
    """The procedure's public page, where its rules and forms are published."""
    url = dossier.procedure.get_url() or ""
    if url.startswith("/"):
        url = portal_base_url().rstrip("/") + url
    return url


def applicant_context(dossier: Dossier) -> dict:
    return {
        "subject": dossier.subject or dossier.procedure.title,
        "received_at": local(dossier.received_at),
        "due_at": local(dossier.due_at),
    }
