"""Public verification of issued documents and their downloads.

``/xac-thuc/`` asks for a code; ``/xac-thuc/<code>/`` shows what was issued and checks an
uploaded copy against the stored SHA-256 (and reports the digital signature of the stored
and the uploaded file, see ``signing.verify_pdf_signature``); ``/xac-thuc/<code>/tai-ve/``
lets the applicant download a public form (the result); ``/van-ban/<code>/tai-ve/`` is the
officers' download.
"""

import hashlib

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dossiers.queries.backoffice import visible_dossiers

from .forms import MAX_UPLOAD_BYTES, CheckFileForm, VerificationCodeForm, get_form
from .queries import document_by_code, normalise_code
from .signing import verify_pdf_signature

# Multipart overhead above the file itself: a larger request is refused unread.
_REQUEST_SLACK = 64 * 1024


def verify_index(request):
    form = VerificationCodeForm(request.GET or None)
    if form.is_valid():
        return redirect("publishing:verify", code=normalise_code(form.cleaned_data["code"]))
    return render(request, "publishing/verify_index.html", {"form": form})


def _not_found(request):
    return render(request, "publishing/verify_not_found.html", status=404)


@require_http_methods(["GET", "POST"])
def verify(request, code: str):
    document = document_by_code(code)
    if document is None:
        return _not_found(request)
    if normalise_code(code) != code:
        return redirect("publishing:verify", code=document.verification_code)
    context = {"document": document, "form_title": _form_title(document)}
    if document.signed:
        with document.file.open("rb") as stored:
            context["signature"] = verify_pdf_signature(stored.read())
    status = 200
    if request.method == "POST":
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > MAX_UPLOAD_BYTES + _REQUEST_SLACK:
            form = CheckFileForm()
            context["upload_error"] = _("Tệp quá lớn: tối đa 20 MB.")
            status = 413
        else:
            form = CheckFileForm(request.POST, request.FILES)
            if form.is_valid():
                data = form.cleaned_data["file"].read()
                digest = hashlib.sha256(data)
                context["checked"] = True
                context["matches"] = digest.hexdigest() == document.sha256
                context["uploaded_sha256"] = digest.hexdigest()
                uploaded_signature = verify_pdf_signature(data)
                context["uploaded_signature"] = uploaded_signature
                # Someone else's valid signature on a copy is not the issuer's signature.
                context["uploaded_signer_differs"] = bool(
                    uploaded_signature.present
                    and uploaded_signature.signer_subject != document.signer_subject
                )
            else:
                status = 400
    else:
        form = CheckFileForm()
    context["form"] = form
    response = render(request, "publishing/verify.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _form_title(document) -> str:
    try:
        return get_form(document.form, document.legal_set).title
    except LookupError:
        return document.title


def _file_response(document):
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.form}-{document.verification_code}.pdf",
        content_type="application/pdf",
    )


def public_download(request, code: str):
    """The applicant's copy of a public form (the result), by its verification code."""
    document = document_by_code(code)
    if document is None:
        raise Http404
    try:
        public = get_form(document.form, document.legal_set).public_download
    except LookupError:
        public = False
    if not public:
        raise Http404
    return _file_response(document)


@login_required(login_url="wagtailadmin_login")
def download(request, code: str):
    """Officers of an agency the dossier is or was at, and superusers, download any form."""
    document = document_by_code(code)
    if document is None:
        raise Http404
    user = request.user
    allowed = user.is_superuser or (
        getattr(user, "officer", None) is not None
        and (
            user.officer.agency_id == document.agency_id
            or (
                document.dossier_id is not None
                and visible_dossiers(user).filter(pk=document.dossier_id).exists()
            )
        )
    )
    if not allowed:
        raise Http404
    return _file_response(document)
