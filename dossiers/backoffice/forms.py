"""Forms of the back office: receipt at the desk, list filters, one form per action, and
the attachment upload and fee forms of the dossier page.

Forms only collect and validate input; the services decide (and re-check) everything.
"""

import re
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from procedures_pages.models import Agency, Channel, DocumentRequirement, ProcedurePage

from ..attachments import ALLOWED_EXTENSIONS, MAX_FEE_AMOUNT
from ..models import ReturnMethod, Stage, Status
from ..queries.backoffice import DossierFilters
from ..services import Applicant

DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def live_procedures():
    return ProcedurePage.objects.live().only("pk", "code", "title").order_by("code")


def _datetime_field(label, *, required, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATETIME_INPUT_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


# --- Receipt ----------------------------------------------------------------------------


class ProcedureChoiceForm(forms.Form):
    """Step 1 of the receipt (a GET form): which procedure the dossier is for."""

    procedure = forms.ModelChoiceField(
        label=_("Thủ tục hành chính"),
        queryset=live_procedures(),
        empty_label=_("— Chọn thủ tục —"),
        error_messages={
            "required": _("Chọn thủ tục hành chính của hồ sơ."),
            "invalid_choice": _("Thủ tục đã chọn không tồn tại hoặc chưa được công bố."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = live_procedures()


class ReceiveForm(forms.Form):
    """Step 2: the applicant, the channel and the checklist of the chosen procedure."""

    procedure = forms.IntegerField(widget=forms.HiddenInput)
    # One key per rendered form: a double submit returns the dossier already received.
    submission_key = forms.CharField(
        widget=forms.HiddenInput, max_length=64, required=False, initial=lambda: uuid.uuid4().hex
    )
    documents = forms.MultipleChoiceField(
        label=_("Giấy tờ đã nhận"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Đánh dấu từng giấy tờ người nộp đã nộp đủ."),
    )
    applicant_name = forms.CharField(
        label=_("Họ tên người nộp"),
        max_length=255,
        error_messages={"required": _("Nhập họ tên người nộp hồ sơ.")},
    )
    applicant_id_number = forms.CharField(
        label=_("Số định danh cá nhân"), max_length=20, required=False
    )
    applicant_phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    applicant_email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )
    applicant_address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)
    owner_name = forms.CharField(
        label=_("Chủ hồ sơ (nếu khác người nộp)"), max_length=255, required=False
    )
    channel = forms.ChoiceField(
        label=_("Kênh nộp"), choices=Channel.choices, initial=Channel.DIRECT
    )
    sets = forms.IntegerField(
        label=_("Số bộ hồ sơ"),
        min_value=1,
        max_value=99,
        initial=1,
        error_messages={
            "required": _("Nhập số bộ hồ sơ."),
            "invalid": _("Số bộ hồ sơ phải là số nguyên."),
            "min_value": _("Số bộ hồ sơ ít nhất là 1."),
            "max_value": _("Số bộ hồ sơ nhiều nhất là 99."),
        },
    )
    subject = forms.CharField(
        label=_("Nội dung yêu cầu"),
        max_length=500,
        required=False,
        help_text=_("Để trống: dùng tên thủ tục."),
    )
    received_at = _datetime_field(
        _("Thời điểm tiếp nhận (theo dấu bưu điện)"),
        required=False,
        help_text=_("Chỉ dùng cho hồ sơ gửi qua dịch vụ bưu chính; để trống là bây giờ."),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, procedure: ProcedurePage, **kwargs):
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        self.requirements = [
            doc for doc in procedure.documents.all() if doc.kind == DocumentRequirement.Kind.SUBMIT
        ]
        self.fields["documents"].choices = [
            (str(doc.pk), self._document_label(doc)) for doc in self.requirements
        ]
        self.fields["procedure"].initial = procedure.pk

    @staticmethod
    def _document_label(doc: DocumentRequirement) -> str:
        parts = [doc.name]
        if doc.case_name:
            parts.insert(0, f"[{doc.case_name}]")
        quantity = doc.quantity_display
        if quantity:
            parts.append(f"({quantity})")
        return " ".join(parts)

    def clean_procedure(self):
        value = self.cleaned_data["procedure"]
        if value != self.procedure.pk:
            raise forms.ValidationError(_("Thủ tục của biểu mẫu đã thay đổi; chọn lại thủ tục."))
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("received_at") and cleaned.get("channel") != Channel.POSTAL:
            self.add_error(
                "received_at",
                _("Chỉ nhập thời điểm tiếp nhận cho hồ sơ gửi qua dịch vụ bưu chính."),
            )
        return cleaned

    def applicant(self) -> Applicant:
        data = self.cleaned_data
        return Applicant(
            name=data["applicant_name"],
            id_number=data["applicant_id_number"],
            phone=data["applicant_phone"],
            email=data["applicant_email"],
            address=data["applicant_address"],
            owner_name=data["owner_name"],
        )


# --- List filters -------------------------------------------------------------------------


class DossierFilterForm(forms.Form):
    """Search and filters of "Tất cả hồ sơ" (a GET form; every field optional)."""

    code = forms.CharField(label=_("Mã hồ sơ (phần đầu)"), max_length=64, required=False)
    applicant = forms.CharField(label=_("Tên người nộp"), max_length=255, required=False)
    procedure = forms.ModelChoiceField(
        label=_("Thủ tục"),
        queryset=live_procedures(),
        required=False,
        empty_label=_("Tất cả thủ tục"),
    )
    status = forms.TypedChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả trạng thái")), *Status.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    received_from = _date_field(_("Tiếp nhận từ ngày"))
    received_to = _date_field(_("đến ngày"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = live_procedures()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and end < start:
            self.add_error("received_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return cleaned

    def filters(self) -> DossierFilters:
        data = self.cleaned_data
        return DossierFilters(
            code=data.get("code") or "",
            applicant=data.get("applicant") or "",
            procedure_id=data["procedure"].pk if data.get("procedure") else None,
            statuses=(data["status"],) if data.get("status") else (),
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
        )


# --- Actions --------------------------------------------------------------------------------


class ActionForm(forms.Form):
    """One transition: the version the officer saw, a note, and the transition's own fields.

    ``version`` is the optimistic lock: a second submit of the same form, or a submit after
    a colleague changed the dossier, carries an old version and the service refuses it.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, spec, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        self.dossier = dossier
        if spec.requires_note:
            note = self.fields["note"]
            note.required = True
            note.label = _("Lý do")
            note.error_messages["required"] = _("Thao tác này cần ghi rõ lý do.")
        builder = getattr(self, f"_fields_{spec.name}", None)
        if builder is not None:
            builder()

    # Extra fields, one builder per transition that takes parameters.

    def _fields_transfer(self):
        self.fields["to_agency"] = forms.ModelChoiceField(
            label=_("Cơ quan xử lý"),
            queryset=Agency.objects.order_by("name"),
            required=False,
            empty_label=_("Theo quy trình nội bộ của thủ tục"),
        )

    def _fields_forward(self):
        choices = [(value, label) for value, label in Stage.choices if value != self.dossier.stage]
        self.fields["to_stage"] = forms.ChoiceField(
            label=_("Chuyển đến bước"),
            choices=[("", _("Bước kế tiếp theo quy trình")), *choices],
            required=False,
        )

    def _fields_forward_to_agency(self):
        self.fields["to_agency"] = forms.ModelChoiceField(
            label=_("Cơ quan phối hợp nhận hồ sơ"),
            queryset=Agency.objects.exclude(pk=self.dossier.current_agency_id).order_by("name"),
            empty_label=_("— Chọn cơ quan —"),
            error_messages={"required": _("Chọn cơ quan phối hợp nhận hồ sơ.")},
        )

    def _fields_reschedule(self):
        self.fields["new_due_at"] = _datetime_field(_("Ngày giờ hẹn trả mới"), required=True)
        self.fields["new_due_at"].error_messages["required"] = _("Nhập ngày giờ hẹn trả mới.")

    def _fields_approve(self):
        self.fields["result_number"] = forms.CharField(
            label=_("Số văn bản kết quả"),
            max_length=100,
            help_text=_("Ví dụ: 15/QĐ-UBND"),
            error_messages={"required": _("Nhập số văn bản kết quả.")},
        )

    def _fields_return_result(self):
        self.fields["method"] = forms.ChoiceField(
            label=_("Hình thức trả kết quả"),
            choices=ReturnMethod.choices,
            initial=ReturnMethod.IN_PERSON,
            widget=forms.RadioSelect,
        )

    def _fields_request_supplement(self):
        self.fields["missing_documents"] = forms.MultipleChoiceField(
            label=_("Giấy tờ cần bổ sung, hoàn thiện"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[
                (str(item.pk), item.requirement_name) for item in self.dossier.checklist.all()
            ],
        )
        self.fields["other_documents"] = forms.CharField(
            label=_("Giấy tờ khác cần bổ sung"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Mỗi dòng một giấy tờ."),
        )

    def clean(self):
        cleaned = super().clean()
        if self.spec.name == "request_supplement" and not self._missing_documents(cleaned):
            raise forms.ValidationError(_("Chọn hoặc ghi ít nhất một giấy tờ cần bổ sung."))
        if self.spec.name == "reschedule" and self.dossier.due_at is None:
            # services._reschedule compares with due_at and would fail on None.
            raise forms.ValidationError(
                _("Hồ sơ không có ngày hẹn trả kết quả nên không thể hẹn lại.")
            )
        return cleaned

    def _missing_documents(self, cleaned) -> list[str]:
        names = dict(self.fields["missing_documents"].choices)
        chosen = [names[key] for key in cleaned.get("missing_documents") or [] if key in names]
        others = [line.strip() for line in (cleaned.get("other_documents") or "").splitlines()]
        return chosen + [line for line in others if line]

    def service_params(self) -> dict:
        """Keyword arguments for ``services.fire`` besides actor, version and note."""
        data = self.cleaned_data
        name = self.spec.name
        if name in ("transfer", "forward_to_agency"):
            return {"to_agency": data.get("to_agency")}
        if name == "forward":
            return {"to_stage": data.get("to_stage") or None}
        if name == "reschedule":
            return {"new_due_at": data["new_due_at"]}
        if name == "approve":
            return {"result_number": data["result_number"]}
        if name == "return_result":
            return {"method": data["method"]}
        if name == "request_supplement":
            return {"missing_documents": self._missing_documents(data)}
        return {}


# --- Attachments and fees -------------------------------------------------------------------


class AttachmentUploadForm(forms.Form):
    """A scan of one document: a new document by its title, or a new version of a document
    of the checklist or already attached. The service validates the file itself."""

    document = forms.ChoiceField(label=_("Giấy tờ"), required=False)
    title = forms.CharField(
        label=_("Tên giấy tờ"),
        max_length=500,
        required=False,
        help_text=_(
            "Bắt buộc với giấy tờ mới; để trống khi bổ sung phiên bản cho giấy tờ đã chọn."
        ),
    )
    file = forms.FileField(
        label=_("Tệp"),
        widget=forms.FileInput(attrs={"accept": ",".join(sorted(ALLOWED_EXTENSIONS))}),
        error_messages={
            "required": _("Chọn tệp cần tải lên."),
            "empty": _("Tệp rỗng."),
            "invalid": _("Không đọc được tệp đã gửi; hãy chọn lại tệp."),
            "missing": _("Không nhận được tệp; hãy chọn lại tệp."),
        },
    )

    def __init__(
        self,
        *args,
        checklist_documents: list[tuple[str, str]],
        other_documents: list[tuple[str, str]],
        **kwargs,
    ):
        """(document key, name) of the checklist's documents and of the other documents
        already attached: the documents a new version can be added to."""
        super().__init__(*args, **kwargs)
        self.document_names = dict(checklist_documents) | dict(other_documents)
        self.fields["file"].help_text = _("Bản quét hoặc tệp điện tử: %(types)s.") % {
            "types": ", ".join(sorted(ext.lstrip(".") for ext in ALLOWED_EXTENSIONS))
        }
        choices = [("", _("— Giấy tờ mới (nhập tên bên dưới) —"))]
        if checklist_documents:
            choices.append((_("Thành phần hồ sơ"), checklist_documents))
        if other_documents:
            choices.append((_("Giấy tờ khác đã tải lên"), other_documents))
        self.fields["document"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("document") and not (cleaned.get("title") or "").strip():
            self.add_error("title", _("Nhập tên giấy tờ hoặc chọn một giấy tờ trong danh sách."))
        return cleaned

    def document_key(self) -> str:
        return self.cleaned_data["document"]

    def document_title(self) -> str:
        """The typed title, else the name of the chosen document."""
        title = (self.cleaned_data.get("title") or "").strip()
        return title or self.document_names.get(self.cleaned_data["document"], "")


# "1500000", "1.500.000" or "1 500 000" đồng, optionally followed by the unit.
_AMOUNT = re.compile(r"[0-9]{1,3}(?:[. ][0-9]{3})+|[0-9]+")
_AMOUNT_UNIT = re.compile(r"\s*(?:đồng|đ|vnđ|vnd)$", re.IGNORECASE)


def parse_dong(text: str) -> int:
    """An amount in whole đồng as typed at the desk; raises ``ValidationError``."""
    value = " ".join((text or "").split())  # also folds non-breaking spaces
    value = _AMOUNT_UNIT.sub("", value)
    if not _AMOUNT.fullmatch(value):
        raise forms.ValidationError(
            _("Số tiền phải là số nguyên dương, tính bằng đồng (ví dụ: 1.500.000)."),
            code="invalid",
        )
    amount = int(value.replace(".", "").replace(" ", ""))
    if amount <= 0:
        raise forms.ValidationError(_("Số tiền phải lớn hơn 0 đồng."), code="min_value")
    if amount > MAX_FEE_AMOUNT:
        raise forms.ValidationError(_("Số tiền vượt quá mức cho phép."), code="max_value")
    return amount


class FeeForm(forms.Form):
    """A fee collected at the desk, in đồng."""

    amount = forms.CharField(
        label=_("Số tiền (đồng)"),
        max_length=40,
        help_text=_("Số nguyên, ví dụ: 1.500.000 hoặc 1500000."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Nhập số tiền đã thu.")},
    )
    description = forms.CharField(
        label=_("Nội dung thu"),
        max_length=255,
        required=False,
        help_text=_("Để trống: “Lệ phí”."),
    )
    # One key per rendered form: posting it twice records the fee once.
    submission_key = forms.CharField(
        widget=forms.HiddenInput, max_length=64, required=False, initial=lambda: uuid.uuid4().hex
    )

    def clean_amount(self) -> int:
        return parse_dong(self.cleaned_data["amount"])
