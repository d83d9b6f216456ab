"""The registry of official forms (TT 03/2025/TT-VPCP appendix I; TT 01/2018 before it).

A form is a :class:`FormSpec`: its key, title, template, whether it takes a number from
the agency's yearly sequence, its symbol ("TB-TTPVHCC"), orientation, the legal set it
belongs to and ``build_context(dossier, params) -> dict``, which returns the form's own
context. The common part (agency header, number, place and date, verification code and
QR) is added by :func:`publishing.services.issue_document`.

A dossier received before 01/7/2025 prints the 2018 set: :func:`spec_for` picks the
"2018" variant of a form when one is registered, else the "2025" one.

Forms live in ``publishing/formdefs/``, one module each, loaded on first use.

This module also holds the Django form of the public verification page (``CheckFileForm``).
"""

from __future__ import annotations

import datetime
import importlib
import pkgutil
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from django import forms
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from dossiers.models import Dossier

    from .applicability import DossierFacts

LegalSet = Literal["2025", "2018"]
VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# TT 03/2025/TT-VPCP applies to dossiers received from this day (DOMAIN.md §0).
SET_2025_FROM = datetime.date(2025, 7, 1)
LEGAL_BASIS = {
    "2025": "Thông tư số 03/2025/TT-VPCP",
    "2018": "Thông tư số 01/2018/TT-VPCP",
}


class UnknownForm(LookupError):
    pass


@dataclass(frozen=True)
class FormSpec:
    """One official form.

    ``build_context(dossier, params)`` receives the dossier (``None`` for forms about a
    period, such as the register) and the JSON-serialisable ``params`` stored with the
    document; it returns the form's context (at least ``title`` may be overridden; see
    ``templates/publishing/base_document.html`` for every key the layout reads).
    ``needs_dossier`` tells callers (the command, views) which of the two to ask for.
    ``public_download`` lets the applicant download the file from the public pages
    (the result document); other forms are shown on the verification page only.
    ``signable`` asks for the agency's digital signature when signing is configured
    (see :func:`publishing.signing.signs_form`; the key ``"result"`` is always signed).
    ``applies_to(facts)`` tells the back office cheaply whether ``build_context`` would
    accept the dossier now, from a :class:`publishing.applicability.DossierFacts`
    (the dossier and the latest time of each of its transitions, one query for all
    forms); ``None`` means every dossier (see :func:`publishing.applicability.applies`).
    ``takes_body`` offers officers a free-text body before issuing (the result).
    """

    key: str
    title: str
    template: str
    numbered: bool
    symbol: str
    build_context: Callable[[Dossier | None, dict], dict]
    landscape: bool = False
    legal_set: LegalSet = "2025"
    needs_dossier: bool = True
    public_download: bool = False
    signable: bool = False
    applies_to: Callable[[DossierFacts], bool] | None = None
    takes_body: bool = False


_REGISTRY: dict[tuple[str, str], FormSpec] = {}


def register_form(spec: FormSpec) -> FormSpec:
    """Add (or replace) a form; returns it, so it can be used at module level."""
    if spec.legal_set not in LEGAL_BASIS:
        raise ValueError(f"Unknown legal set {spec.legal_set!r}")
    _REGISTRY[(spec.key, spec.legal_set)] = spec
    return spec


def get_form(key: str, legal_set: LegalSet = "2025") -> FormSpec:
    """The form ``key`` of ``legal_set``, falling back to the 2025 set."""
    _load_builtin_forms()
    spec = _REGISTRY.get((key, legal_set)) or _REGISTRY.get((key, "2025"))
    if spec is None:
        raise UnknownForm(key)
    return spec


def form_keys() -> list[str]:
    _load_builtin_forms()
    return sorted({key for key, _set in _REGISTRY})


def legal_set_for(dossier: Dossier | None, *, on: datetime.date | None = None) -> LegalSet:
    """The form set in force for a dossier: the date it was received decides."""
    if dossier is not None and dossier.received_at is not None:
        received = dossier.received_at.astimezone(VN).date()
        return "2025" if received >= SET_2025_FROM else "2018"
    if on is not None and on < SET_2025_FROM:
        return "2018"
    return "2025"


def spec_for(key: str, dossier: Dossier | None) -> FormSpec:
    return get_form(key, legal_set_for(dossier))


def _load_builtin_forms() -> None:
    """Import every module of ``publishing.formdefs``: each registers its forms.

    One module per form (``formdefs/receipt.py``, ``formdefs/register.py``, …); adding a
    form is adding a module, no list to edit.
    """
    global _loaded
    if _loaded:
        return
    from . import formdefs

    for module in pkgutil.iter_modules(formdefs.__path__):
        importlib.import_module(f"{formdefs.__name__}.{module.name}")
    _loaded = True


_loaded = False


# --- Django forms ------------------------------------------------------------------------

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class VerificationCodeForm(forms.Form):
    code = forms.CharField(label=_("Mã xác thực"), max_length=32, strip=True)


class CheckFileForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp PDF cần kiểm tra"),
        help_text=_("Tệp PDF, tối đa 20 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn: tối đa 20 MB."))
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(
                _("Tệp không phải định dạng PDF. Vui lòng chọn đúng tệp văn bản đã nhận.")
            )
        return upload
