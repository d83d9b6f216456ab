"""Public forms of the dossier app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .queries.lookup import CODE_PATTERN, MAX_CODE_LENGTH, normalize_code

# Raw input may carry spaces between groups; longer than this is never a real code.
CODE_INPUT_MAX_LENGTH = 100
FACTOR_INPUT_MAX_LENGTH = 64


class LookupForm(forms.Form):
    """The dossier code and one second factor, as typed by the applicant.

    Only the shape of the input is checked here; whether a dossier matches is decided
    by ``find_dossier_for_lookup``, which answers every mismatch the same way.
    """

    code = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=CODE_INPUT_MAX_LENGTH,
        error_messages={
            "required": _("Nhập mã hồ sơ in trên giấy tiếp nhận và hẹn trả kết quả."),
            "max_length": _("Mã hồ sơ quá dài. Mã hồ sơ có dạng 000.00.15.H26-250701-0001."),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
            }
        ),
    )
    secret = forms.CharField(
        label=_("Mã tra cứu in trên giấy hẹn, hoặc số điện thoại, hoặc số định danh cá nhân"),
        max_length=FACTOR_INPUT_MAX_LENGTH,
        error_messages={
            "required": _(
                "Nhập mã tra cứu in trên giấy hẹn, hoặc số điện thoại, hoặc số định danh "
                "cá nhân đã khai khi nộp hồ sơ."
            ),
            "max_length": _("Thông tin tra cứu quá dài."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = normalize_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(self.fields["code"].error_messages["required"])
        if len(code) > MAX_CODE_LENGTH or not CODE_PATTERN.fullmatch(code):
            raise forms.ValidationError(
                _(
                    "Mã hồ sơ chỉ gồm chữ, chữ số, dấu chấm và dấu gạch ngang, "
                    "ví dụ 000.00.15.H26-250701-0001."
                ),
                code="invalid",
            )
        return code
