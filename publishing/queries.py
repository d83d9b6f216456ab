"""Read side of issued documents: a dossier's documents, the public ones, a code's row."""

from __future__ import annotations

import re

from django.db.models import QuerySet

from dossiers.models import Dossier

from .forms import form_keys, get_form
from .models import VERIFICATION_ALPHABET, VERIFICATION_CODE_LENGTH, IssuedDocument

_NOT_CODE = re.compile(r"[\s\-.]")


def documents_for(dossier: Dossier) -> QuerySet[IssuedDocument]:
    """Every document issued for ``dossier``, newest first (regenerations included)."""
    return IssuedDocument.objects.filter(dossier=dossier).select_related("agency", "generated_by")


def public_form_keys() -> list[str]:
    return [key for key in form_keys() if get_form(key).public_download]


def public_result_documents(dossier: Dossier | str) -> QuerySet[IssuedDocument]:
    """The documents the applicant may download from the lookup page (the result),
    newest first. Accepts the dossier or its code (the lookup page only has the code)."""
    queryset = IssuedDocument.objects.filter(form__in=public_form_keys())
    if isinstance(dossier, Dossier):
        return queryset.filter(dossier=dossier)
    return queryset.filter(dossier__code=str(dossier))


def normalise_code(value: str) -> str:
    """Upper-case, spaces and dashes removed: how people copy a code from paper."""
    return _NOT_CODE.sub("", value or "").upper()


def is_well_formed_code(code: str) -> bool:
    return len(code) == VERIFICATION_CODE_LENGTH and all(c in VERIFICATION_ALPHABET for c in code)


def document_by_code(value: str) -> IssuedDocument | None:
    code = normalise_code(value)
    if not is_well_formed_code(code):
        return None
    return (
        IssuedDocument.objects.select_related("agency", "dossier")
        .filter(verification_code=code)
        .first()
    )
