"""One error envelope for every failure of the JSON API.

Every error response is ``{"error": {"code", "message", "details"}}``: ``code`` is stable
and meant for programs, ``message`` is Vietnamese and meant for people, ``details`` carries
field errors (a list) or ``null``. Handlers are registered for every exception the
framework or the services raise, plus a catch-all, so clients never see an HTML page.
"""

import logging
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError

from dossiers.services import DossierError, InvalidTransition, PermissionDenied, StaleVersion

logger = logging.getLogger(__name__)


class ApiError(Exception):
    """Raised by endpoints to answer with a given status and error code."""

    def __init__(self, status: int, code: str, message: str, details: Any = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


def envelope(code: str, message: str, details: Any = None) -> dict:
    return {"error": {"code": code, "message": str(message), "details": details}}


def error_response(status: int, code: str, message: str, details: Any = None) -> HttpResponse:
    response = JsonResponse(
        envelope(code, message, details), status=status, json_dumps_params={"ensure_ascii": False}
    )
    if status == 401:
        response["WWW-Authenticate"] = "Bearer"
    return response


# --- Validation details ------------------------------------------------------------

# Vietnamese wording for the pydantic error types an API client can trigger.
_FIELD_MESSAGES = {
    "missing": gettext_noop("Thiếu trường bắt buộc."),
    "extra_forbidden": gettext_noop("Trường này không được chấp nhận."),
    "string_type": gettext_noop("Phải là chuỗi ký tự."),
    "string_too_long": gettext_noop("Chuỗi quá dài (tối đa {max_length} ký tự)."),
    "string_too_short": gettext_noop("Chuỗi quá ngắn (tối thiểu {min_length} ký tự)."),
    "int_type": gettext_noop("Phải là số nguyên."),
    "int_parsing": gettext_noop("Phải là số nguyên."),
    "int_from_float": gettext_noop("Phải là số nguyên."),
    "greater_than_equal": gettext_noop("Phải lớn hơn hoặc bằng {ge}."),
    "less_than_equal": gettext_noop("Phải nhỏ hơn hoặc bằng {le}."),
    "list_type": gettext_noop("Phải là một danh sách."),
    "too_long": gettext_noop("Danh sách quá dài (tối đa {max_length} phần tử)."),
    "dict_type": gettext_noop("Phải là một đối tượng JSON."),
    "model_type": gettext_noop("Phải là một đối tượng JSON."),
    "model_attributes_type": gettext_noop("Phải là một đối tượng JSON."),
    "literal_error": gettext_noop("Giá trị không thuộc danh sách cho phép: {expected}."),
    "enum": gettext_noop("Giá trị không thuộc danh sách cho phép: {expected}."),
    "datetime_type": gettext_noop("Phải là thời điểm theo ISO 8601, có múi giờ."),
    "datetime_parsing": gettext_noop("Phải là thời điểm theo ISO 8601, có múi giờ."),
    "datetime_from_date_parsing": gettext_noop("Phải là thời điểm theo ISO 8601, có múi giờ."),
    "timezone_aware": gettext_noop("Thời điểm phải ghi rõ múi giờ (ví dụ +07:00)."),
    "date_type": gettext_noop("Phải là ngày theo ISO 8601 (YYYY-MM-DD)."),
    "date_parsing": gettext_noop("Phải là ngày theo ISO 8601 (YYYY-MM-DD)."),
    "date_from_datetime_parsing": gettext_noop("Phải là ngày theo ISO 8601 (YYYY-MM-DD)."),
    "date_from_datetime_inexact": gettext_noop("Phải là ngày theo ISO 8601 (YYYY-MM-DD)."),
    "bool_type": gettext_noop("Phải là true hoặc false."),
    "bool_parsing": gettext_noop("Phải là true hoặc false."),
    "json_invalid": gettext_noop("Dữ liệu JSON không hợp lệ."),
}
_GENERIC_FIELD_MESSAGE = gettext_noop("Giá trị không hợp lệ.")
_SAFE_CTX_TYPES = (str, int, float, bool, type(None))


def _field_message(error: dict) -> str:
    if error.get("type") == "value_error":
        # Raised by our own validators, whose messages are already Vietnamese.
        text = str(error.get("msg", ""))
        return text.removeprefix("Value error, ") or _(_GENERIC_FIELD_MESSAGE)
    template = _(_FIELD_MESSAGES.get(error.get("type", ""), _GENERIC_FIELD_MESSAGE))
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        return _(_GENERIC_FIELD_MESSAGE)


def field_errors(errors: list[dict]) -> list[dict]:
    """Pydantic/ninja errors as ``{"field", "type", "message"}``, JSON-safe, no input echo."""
    details = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        ctx = {
            key: value
            for key, value in (error.get("ctx") or {}).items()
            if isinstance(value, _SAFE_CTX_TYPES)
        }
        details.append(
            {
                "field": ".".join(location),
                "type": str(error.get("type", "invalid")),
                "message": _field_message({**error, "ctx": ctx}),
            }
        )
    return details


# --- Handlers ----------------------------------------------------------------------

_DOSSIER_ERROR_STATUS = {
    PermissionDenied: 403,
    StaleVersion: 409,
    InvalidTransition: 409,
}
_DOSSIER_CODE_STATUS = {"code_conflict": 409}


def dossier_error_status(exc: DossierError) -> int:
    for cls in type(exc).__mro__:
        if cls in _DOSSIER_ERROR_STATUS:
            return _DOSSIER_ERROR_STATUS[cls]
    # Any other refusal of the services concerns the submitted values.
    return _DOSSIER_CODE_STATUS.get(exc.code, 422)


def _http_error_code(exc: HttpError) -> tuple[str, str]:
    if exc.status_code == 400:
        return "malformed_request", _("Nội dung yêu cầu không đọc được (JSON không hợp lệ).")
    if exc.status_code == 404:
        return "not_found", _("Không tìm thấy.")
    if exc.status_code == 405:
        return "method_not_allowed", _("Phương thức không được hỗ trợ.")
    return "http_error", _("Yêu cầu không được chấp nhận.")


def register_exception_handlers(api: NinjaAPI) -> None:
    """Map every exception to the envelope; the most specific class wins (MRO lookup)."""

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.details)

    @api.exception_handler(NinjaValidationError)
    def ninja_validation_error(request: HttpRequest, exc: NinjaValidationError):
        return error_response(
            422, "validation_error", _("Dữ liệu gửi lên không hợp lệ."), field_errors(exc.errors)
        )

    @api.exception_handler(PydanticValidationError)
    def pydantic_validation_error(request: HttpRequest, exc: PydanticValidationError):
        errors = [dict(e) for e in exc.errors(include_url=False, include_input=False)]
        return error_response(
            422, "validation_error", _("Dữ liệu gửi lên không hợp lệ."), field_errors(errors)
        )

    @api.exception_handler(DjangoValidationError)
    def django_validation_error(request: HttpRequest, exc: DjangoValidationError):
        details = [{"field": "", "type": "invalid", "message": m} for m in exc.messages]
        return error_response(422, "validation_error", _("Dữ liệu gửi lên không hợp lệ."), details)

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError):
        return error_response(
            401,
            "unauthorized",
            _("Cần mã truy cập hợp lệ: gửi tiêu đề “Authorization: Bearer <mã>”."),
        )

    @api.exception_handler(AuthorizationError)
    def authorization_error(request: HttpRequest, exc: AuthorizationError):
        return error_response(403, "forbidden", _("Bạn không có quyền thực hiện thao tác này."))

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled):
        return error_response(429, "rate_limited", _("Quá nhiều yêu cầu; vui lòng thử lại sau."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError):
        code, message = _http_error_code(exc)
        return error_response(exc.status_code, code, message)

    @api.exception_handler(DossierError)
    def dossier_error(request: HttpRequest, exc: DossierError):
        return error_response(dossier_error_status(exc), exc.code, exc.message)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404):
        return error_response(404, "not_found", _("Không tìm thấy."))

    @api.exception_handler(ObjectDoesNotExist)
    def object_does_not_exist(request: HttpRequest, exc: ObjectDoesNotExist):
        return error_response(404, "not_found", _("Không tìm thấy."))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig):
        return error_response(413, "payload_too_large", _("Nội dung yêu cầu quá lớn."))

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request: HttpRequest, exc: SuspiciousOperation):
        return error_response(400, "bad_request", _("Yêu cầu không hợp lệ."))

    @api.exception_handler(DataError)
    def data_error(request: HttpRequest, exc: DataError):
        # The database refused a value that passed validation (a gap in the schemas).
        logger.warning("API value refused by the database: %s", exc)
        return error_response(422, "invalid_data", _("Dữ liệu gửi lên không hợp lệ."))

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception):
        logger.exception("Unhandled API error on %s %s", request.method, request.path)
        return error_response(
            500, "internal_error", _("Lỗi hệ thống; vui lòng thử lại sau hoặc báo quản trị.")
        )
