"""Issuing a dossier's documents from the back office (Wagtail admin).

``/admin/van-ban/phat-hanh/<dossier_pk>/<form>/``: POST issues ``form`` for the dossier
through :func:`publishing.services.issue_document` and returns to the dossier page with the
number and verification code; GET shows a confirmation page, where the result document
also takes an optional body written by the officer. Each issue is a new
``IssuedDocument`` (regenerating never overwrites), listed on the dossier page by the
``{% dossier_documents_admin %}`` tag.

Only officers (and superusers) who may see the dossier reach it: another agency's dossier
is a 404, as on the dossier page. A form the dossier cannot have now (see
:mod:`publishing.applicability`) is refused with a message and issues nothing.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from dossiers.backoffice.views import forbidden
from dossiers.queries.backoffice import can_use_backoffice, officer_or_none, visible_dossiers

from .applicability import applies, dossier_facts
from .forms import UnknownForm, spec_for
from .services import DocumentError, issue_document

URL_NAMESPACE = "publishing_admin"
# Records of the one-stop desk: issued in the receiving agency's name whoever prints them.
DESK_FORMS = frozenset({"receipt", "control_sheet"})
MAX_BODY_LENGTH = 20_000


def issue_url(dossier_pk: int, form: str) -> str:
    return reverse(f"{URL_NAMESPACE}:issue", args=[dossier_pk, form])


def dossier_url(dossier_pk: int) -> str:
    return reverse("dossiers_backoffice:detail", args=[dossier_pk]) + "#dossier-documents"


class IssueForm(forms.Form):
    """The officer's input before issuing; only the result takes a body."""

    body = forms.CharField(
        label=gettext_lazy("Nội dung văn bản"),
        help_text=gettext_lazy(
            "Không bắt buộc. Mỗi đoạn cách nhau một dòng trống. Để trống để dùng nội dung "
            "mặc định lập từ hồ sơ."
        ),
        required=False,
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    def __init__(self, *args, takes_body: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not takes_body:
            del self.fields["body"]

    def params(self) -> dict:
        body = (self.cleaned_data.get("body") or "").strip()
        return {"body": body} if body else {}


class IssueDocumentView(WagtailAdminTemplateMixin, View):
    template_name = "publishing/admin/issue_form.html"
    header_icon = "doc-full"

    def dispatch(self, request, dossier_pk: int, form: str):
        if not can_use_backoffice(request.user):
            return forbidden(request)
        self.dossier = get_object_or_404(visible_dossiers(request.user), pk=dossier_pk)
        try:
            self.spec = spec_for(form, self.dossier)
        except UnknownForm as error:
            raise Http404 from error
        if not self.spec.needs_dossier:
            raise Http404
        return super().dispatch(request, dossier_pk, form)

    def get_page_title(self):
        return self.spec.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("dossiers_backoffice:all"), "label": _("Hồ sơ")},
            {"url": dossier_url(self.dossier.pk), "label": self.dossier.code},
            {"url": "", "label": self.spec.title},
        ]

    def _not_applicable(self):
        messages.error(
            self.request,
            _(
                "Không lập được “%(title)s”: hồ sơ %(code)s chưa có thao tác tương ứng "
                "hoặc không thuộc trường hợp sử dụng biểu mẫu này."
            )
            % {"title": self.spec.title, "code": self.dossier.code},
        )
        return redirect(dossier_url(self.dossier.pk))

    def _render(self, form):
        context = self.get_context_data(
            dossier=self.dossier,
            spec=self.spec,
            form=form,
            action_url=issue_url(self.dossier.pk, self.spec.key),
            back_url=dossier_url(self.dossier.pk),
        )
        return self.render_to_response(context)

    def get(self, request, dossier_pk: int, form: str):
        if not applies(self.spec, dossier_facts(self.dossier)):
            return self._not_applicable()
        return self._render(IssueForm(takes_body=self.spec.takes_body))

    def post(self, request, dossier_pk: int, form: str):
        if not applies(self.spec, dossier_facts(self.dossier)):
            return self._not_applicable()
        issue_form = IssueForm(request.POST, takes_body=self.spec.takes_body)
        if not issue_form.is_valid():
            return self._render(issue_form)
        try:
            document = issue_document(
                form=self.spec,
                actor=request.user,
                dossier=self.dossier,
                agency=self._issuing_agency(),
                params=issue_form.params(),
            )
        except PermissionDenied as error:
            return forbidden(request, str(error))
        except DocumentError as error:
            if self.spec.takes_body:
                issue_form.add_error(None, str(error))
                return self._render(issue_form)
            messages.error(request, str(error))
            return redirect(dossier_url(self.dossier.pk))
        messages.success(request, self._issued_message(document), buttons=self._buttons(document))
        return redirect(dossier_url(self.dossier.pk))

    def _issuing_agency(self):
        """Officers of a processing agency issue in their agency's name (the result, the
        apology of the late agency); the desk's records and superusers' issues use the
        receiving agency (``issue_document``'s default)."""
        officer = officer_or_none(self.request.user)
        if officer is None or self.spec.key in DESK_FORMS:
            return None
        return officer.agency

    @staticmethod
    def _issued_message(document) -> str:
        if document.number_display:
            return _("Đã phát hành “%(title)s” số %(number)s, mã xác thực %(code)s.") % {
                "title": document.title,
                "number": document.number_display,
                "code": document.verification_code,
            }
        return _("Đã phát hành “%(title)s”, mã xác thực %(code)s.") % {
            "title": document.title,
            "code": document.verification_code,
        }

    @staticmethod
    def _buttons(document) -> list:
        href = reverse("publishing:download", kwargs={"code": document.verification_code})
        return [messages.button(href, _("Tải về"))]
