"""Issuing official documents: number, render, hash and store, in one transaction.

:func:`issue_document` is the one write of this app. Every call stores a new
:class:`~publishing.models.IssuedDocument` (regenerating never overwrites a file), takes
the next number of the issuing agency's yearly sequence for numbered forms, and renders
the form with the common context built here (agency header, place and date, verification
code and QR) plus the form's own context from its ``FormSpec.build_context``.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
import zoneinfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dossiers.models import Dossier
from dossiers.queries.backoffice import visible_dossiers
from dossiers.services import take_next
from procedures_pages.models import Agency

from . import signing
from .formatting import document_number, place_and_date
from .forms import LEGAL_BASIS, FormSpec, spec_for
from .models import DocumentSequence, IssuedDocument, new_verification_code
from .qr import qr_data_uri
from .rendering import render_document

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
_PROVINCE_NAME = re.compile(r"(?:^|\s)(?:tỉnh|thành phố|Tỉnh|Thành phố|TP\.)\s+(.+)$")
_PLACE_PART = re.compile(
    r"\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s.*$", re.IGNORECASE
)


class DocumentError(ValueError):
    """A document that cannot be issued as asked (message in Vietnamese)."""


def issue_document(
    *,
    form: str | FormSpec,
    actor,
    dossier: Dossier | None = None,
    agency: Agency | None = None,
    params: dict | None = None,
    now: datetime.datetime | None = None,
) -> IssuedDocument:
    """Render ``form`` and store it as a new issued document; return the new row.

    ``form`` is a registry key (the dossier's receipt date picks the 2018 or 2025 set) or
    a :class:`FormSpec`. The issuing agency defaults to the dossier's receiving agency.
    ``actor`` is the officer issuing it (``None`` only for system jobs and the management
    command); officers may issue for their own agency or for dossiers they may see.
    """
    spec = form if isinstance(form, FormSpec) else spec_for(form, dossier)
    params = dict(params or {})
    if spec.needs_dossier and dossier is None:
        raise DocumentError(_("Biểu mẫu “%(title)s” cần một hồ sơ.") % {"title": spec.title})
    agency = agency or (dossier.receiving_agency if dossier is not None else None)
    if agency is None:
        raise DocumentError(_("Chưa xác định cơ quan ban hành văn bản."))
    if not spec.needs_dossier:
        # A period form (the register) is about one agency: the stored params say which.
        params.setdefault("agency", agency.code)
    _check_permission(actor, agency, dossier)

    now = now or timezone.now()
    issued_at = now.astimezone(VN)
    year = issued_at.year
    with transaction.atomic():
        number = _next_number(agency, year) if spec.numbered else None
        code = _unused_verification_code()
        context = common_context(
            spec=spec,
            agency=agency,
            issued_at=issued_at,
            number=number,
            verification_code=code,
        )
        context["dossier"] = dossier
        context["params"] = params
        context.update(spec.build_context(dossier, params))
        rendered = render_document(spec.template, context, pdf_identifier=code)
        data, signer_subject = _sign_if_required(spec, rendered.data, context, issued_at)
        document = IssuedDocument(
            form=spec.key,
            legal_set=spec.legal_set,
            dossier=dossier,
            agency=agency,
            year=year,
            number=number,
            symbol=context["symbol"] if spec.numbered else "",
            number_display=context["number_display"],
            title=str(context.get("title") or spec.title)[:500],
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            pages=rendered.pages,
            verification_code=code,
            generated_by=actor,
            generated_at=now,
            params=params,
            signed=bool(signer_subject),
            signer_subject=signer_subject[:500],
        )
        document.file.save(f"{code}.pdf", ContentFile(data), save=False)
        document._history_user = actor
        document._change_reason = f"issue {spec.key}"
        document.save()
    return document


def _sign_if_required(
    spec: FormSpec, pdf: bytes, context: dict, issued_at: datetime.datetime
) -> tuple[bytes, str]:
    """The agency's PAdES signature on the result document when signing is configured;
    ``(pdf, "")`` otherwise. A certificate that cannot be used stops the issue."""
    if not (signing.signing_enabled() and signing.signs_form(spec)):
        return pdf, ""
    try:
        return signing.sign_pdf(
            pdf,
            reason=_("Ban hành văn bản %(title)s") % {"title": context.get("title") or spec.title},
            location=context["place"],
            signer_name=context["agency"].name,
            signing_time=issued_at,
        )
    except signing.SigningError as error:
        raise DocumentError(str(error)) from error


def _check_permission(actor, agency: Agency, dossier: Dossier | None) -> None:
    """Officers issue in the name of their own agency; for a dossier, only one they may
    see (it is or was at their agency), in the name of their agency or the receiving
    desk's. ``None`` is a system job (the management command)."""
    if actor is None or actor.is_superuser:
        return
    officer = getattr(actor, "officer", None)
    if officer is None:
        raise PermissionDenied(_("Tài khoản này không phải cán bộ của cơ quan nào."))
    if dossier is None:
        allowed = officer.agency_id == agency.pk
    else:
        allowed = (
            agency.pk
            in (
                officer.agency_id,
                dossier.receiving_agency_id,
            )
            and visible_dossiers(actor).filter(pk=dossier.pk).exists()
        )
    if not allowed:
        raise PermissionDenied(
            _("Cán bộ không được ban hành văn bản này thay cho %(agency)s.")
            % {"agency": agency.name}
        )


def _next_number(agency: Agency, year: int) -> int:
    """The next number of ``agency`` in ``year``, from 1, without gaps or repeats."""
    return take_next(DocumentSequence, agency=agency, year=year)


def _unused_verification_code() -> str:
    # 25^10 codes: a collision is astronomically rare, but the column is unique anyway.
    while True:
        code = new_verification_code()
        if not IssuedDocument.objects.filter(verification_code=code).exists():
            return code


# --- The common context -----------------------------------------------------------------


def common_context(
    *,
    spec: FormSpec,
    agency: Agency,
    issued_at: datetime.datetime,
    number: int | None,
    verification_code: str,
) -> dict:
    """What every form's layout reads (keys listed in ``base_document.html``)."""
    place = province_name(agency)
    issued_on = issued_at.date()
    symbol = spec.symbol.replace("{agency}", agency_symbol(agency))
    verification_url = verification_url_for(verification_code)
    return {
        "form_key": spec.key,
        "legal_set": spec.legal_set,
        "legal_basis": LEGAL_BASIS[spec.legal_set],
        "title": spec.title,
        "page_orientation": "landscape" if spec.landscape else "portrait",
        "agency": agency,
        "superior_agency": agency.parent,
        "number": number,
        "symbol": symbol,
        "number_display": document_number(number, symbol) if spec.numbered else "",
        "place": place,
        "issued_on": issued_on,
        "issued_at": issued_at,
        "place_date": place_and_date(place, issued_on),
        "authority_prefix": "",
        "signer_title": "",
        "signer_name": "",
        "recipients": [],
        "verification_code": verification_code,
        "verification_url": verification_url,
        "qr_data_uri": qr_data_uri(verification_url),
    }


def province_name(agency: Agency) -> str:
    """The place printed before the date: the province (or city) at the top of the
    agency's tree, e.g. "Hưng Yên" for anything under "Ủy ban nhân dân tỉnh Hưng Yên"."""
    for node in [*agency.ancestors(), agency]:
        match = _PROVINCE_NAME.search(node.name)
        if match:
            return match.group(1).strip()
    return ""


def agency_symbol(agency: Agency) -> str:
    """The agency's part of a document symbol ("{agency}" in ``FormSpec.symbol``): its
    short name when that is already an abbreviation ("STP"), else the initials of its name
    without the place: "Ủy ban nhân dân tỉnh Hưng Yên" → "UBND", "Trung tâm Phục vụ hành
    chính công tỉnh Hưng Yên" → "TTPVHCC" (NĐ 30/2020 appendix III writes symbols so)."""
    short = agency.short_name.strip()
    if short and " " not in short and len(short) <= 20:
        return short.upper()
    name = _PLACE_PART.sub("", agency.name)
    initials = "".join(word[0] for word in name.split() if word.lower() not in ("và", "-"))
    folded = unicodedata.normalize("NFD", initials.upper())
    return "".join(c for c in folded if not unicodedata.combining(c))


def portal_base_url() -> str:
    base = getattr(settings, "PORTAL_BASE_URL", "")
    if base:
        return base
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "")


def verification_url_for(code: str) -> str:
    """The public verification page of a document, always the Vietnamese URL."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("publishing:verify", kwargs={"code": code})
    return portal_base_url().rstrip("/") + path
