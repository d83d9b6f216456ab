"""Files and fees on the back-office dossier page (DOMAIN.md §2 rule 3, §9).

The "Tệp đính kèm" section lists every scanned document with all its versions and offers
the upload form; the "Phí, lệ phí" section lists the fees collected and offers the fee
form. Both forms post to their own URL and, on an error, the dossier page is shown again
with the form and its errors; on success the officer is redirected back to the page.

Files are downloaded through :class:`AttachmentDownloadView`, which applies the dossier
page's visibility rule: the media URL of an attachment is never shown to anyone.
"""

import os
from dataclasses import dataclass, field
from datetime import datetime

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from wagtail.admin import messages

from procedures_pages.text import format_dong

from .. import attachments as attachment_services
from ..models import Attachment, ChecklistItem, Dossier
from ..queries.backoffice import visible_dossiers
from ..services import DossierError
from .forms import AttachmentUploadForm, FeeForm

URL_NAMESPACE = "dossiers_backoffice"
SHORT_SHA_LENGTH = 12
ATTACHMENTS_ANCHOR = "tep-dinh-kem"
FEES_ANCHOR = "phi-le-phi"


def _url(name: str, *args) -> str:
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


def _user_label(user) -> str:
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class AttachmentVersion:
    attachment: Attachment
    size: str
    short_sha: str
    uploaded_by: str
    download_url: str


@dataclass
class DocumentGroup:
    """One document of the dossier with its versions, newest first."""

    key: str
    title: str
    first_uploaded_at: datetime
    versions: list[AttachmentVersion] = field(default_factory=list)


@dataclass(frozen=True)
class FeeRow:
    amount: int  # đồng
    amount_label: str  # "1.500.000 đồng"
    description: str
    collected_by: str
    collected_at: datetime
    refunded: bool


def document_groups(dossier: Dossier) -> list[DocumentGroup]:
    """Every attachment of ``dossier`` grouped by document (oldest document first), each
    group's versions newest first; named by its newest version's title. One query."""
    rows = dossier.attachments.select_related("uploaded_by").order_by("document_key", "-version")
    groups: dict[str, DocumentGroup] = {}
    for attachment in rows:
        group = groups.get(attachment.document_key)
        if group is None:
            group = groups[attachment.document_key] = DocumentGroup(
                key=attachment.document_key,
                title=attachment.title,
                first_uploaded_at=attachment.uploaded_at,
            )
        group.first_uploaded_at = min(group.first_uploaded_at, attachment.uploaded_at)
        group.versions.append(
            AttachmentVersion(
                attachment=attachment,
                size=attachment_services.human_size(attachment.size),
                short_sha=attachment.sha256[:SHORT_SHA_LENGTH],
                uploaded_by=_user_label(attachment.uploaded_by),
                download_url=_url("attachment_download", dossier.pk, attachment.pk),
            )
        )
    return sorted(groups.values(), key=lambda group: (group.first_uploaded_at, group.key))


def fee_rows(dossier: Dossier) -> list[FeeRow]:
    """The fees collected for ``dossier``, oldest first. One query."""
    return [
        FeeRow(
            amount=payment.amount,
            amount_label=format_dong(payment.amount),
            description=payment.description,
            collected_by=_user_label(payment.collected_by),
            collected_at=payment.collected_at,
            refunded=payment.refunded,
        )
        for payment in dossier.fees.select_related("collected_by").order_by("collected_at", "pk")
    ]


def build_upload_form(
    checklist: list[ChecklistItem], groups: list[DocumentGroup], *args
) -> AttachmentUploadForm:
    """The upload form, offering a new version of the checklist's documents and of the
    other documents already attached."""
    checklist_documents = [
        (attachment_services.checklist_document_key(item), item.requirement_name[:500])
        for item in checklist
    ]
    keys = {key for key, _name in checklist_documents}
    return AttachmentUploadForm(
        *args,
        checklist_documents=checklist_documents,
        other_documents=[(group.key, group.title) for group in groups if group.key not in keys],
        auto_id="id_upload_%s",
    )


class DossierFilesMixin:
    """The files and fees sections of the dossier page, and their two POST handlers.

    Mixed into the dossier page view, which provides ``load_dossier(pk)``,
    ``render_page(dossier, **context)`` and ``self.checklist``; ``files_action`` selects the
    form a POST is for ("upload" or "fee", set per URL).
    """

    files_action = ""

    def files_context(
        self,
        dossier: Dossier,
        checklist: list[ChecklistItem],
        *,
        upload_form: AttachmentUploadForm | None = None,
        fee_form: FeeForm | None = None,
    ) -> dict:
        user = self.request.user
        groups = document_groups(dossier)
        fees = fee_rows(dossier)
        may_attach = attachment_services.may_attach(dossier, user)
        may_collect = attachment_services.may_collect_fee(dossier, user)
        if upload_form is None and may_attach:
            upload_form = build_upload_form(checklist, groups)
        if fee_form is None and may_collect:
            fee_form = FeeForm(auto_id="id_fee_%s")
        return {
            "document_groups": groups,
            "fees": fees,
            "fees_total": format_dong(sum(row.amount for row in fees if not row.refunded)),
            "upload_form": upload_form,
            "fee_form": fee_form,
            "upload_url": _url("attachment_upload", dossier.pk),
            "fee_url": _url("fee_collect", dossier.pk),
        }

    def post(self, request, pk: int):
        if self.files_action not in ("upload", "fee"):
            return self.http_method_not_allowed(request)
        dossier = self.load_dossier(pk)
        if self.files_action == "upload":
            return self._post_upload(request, dossier)
        return self._post_fee(request, dossier)

    def _post_upload(self, request, dossier: Dossier):
        checklist = list(dossier.checklist.all())
        form = build_upload_form(checklist, document_groups(dossier), request.POST, request.FILES)
        if form.is_valid():
            try:
                attachment = attachment_services.attach_document(
                    actor=request.user,
                    dossier=dossier,
                    title=form.document_title(),
                    upload=form.cleaned_data["file"],
                    document_key=form.document_key(),
                )
            except DossierError as error:
                form.add_error("title" if error.code == "missing_title" else None, error.message)
            else:
                messages.success(
                    request,
                    _("Đã lưu “%(title)s”, phiên bản %(version)d.")
                    % {"title": attachment.title, "version": attachment.version},
                )
                return redirect(f"{_url('detail', dossier.pk)}#{ATTACHMENTS_ANCHOR}")
        return self.render_page(dossier, upload_form=form)

    def _post_fee(self, request, dossier: Dossier):
        form = FeeForm(request.POST, auto_id="id_fee_%s")
        if form.is_valid():
            try:
                payment = attachment_services.collect_fee(
                    actor=request.user,
                    dossier=dossier,
                    amount=form.cleaned_data["amount"],
                    description=form.cleaned_data["description"],
                    submission_key=form.cleaned_data["submission_key"],
                )
            except DossierError as error:
                form.add_error("amount" if error.code == "invalid_amount" else None, error.message)
            else:
                messages.success(
                    request,
                    _("Đã ghi nhận khoản thu %(amount)s: %(description)s.")
                    % {"amount": format_dong(payment.amount), "description": payment.description},
                )
                return redirect(f"{_url('detail', dossier.pk)}#{FEES_ANCHOR}")
        return self.render_page(dossier, fee_form=form)


class AttachmentDownloadView(View):
    """One stored version, as a download, to whoever may see its dossier (else a 404,
    which does not even confirm that the dossier or the file exists)."""

    def get(self, request, pk: int, attachment_pk: int):
        attachment = get_object_or_404(
            Attachment.objects.filter(dossier__in=visible_dossiers(request.user).values("pk")),
            pk=attachment_pk,
            dossier_id=pk,
        )
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404(_("Không tìm thấy tệp đã lưu.")) from missing
        ext = os.path.splitext(attachment.file.name)[1].lower()
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=f"{attachment.document_key}-v{attachment.version}{ext}",
            content_type=attachment_services.content_type_of(attachment),
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
