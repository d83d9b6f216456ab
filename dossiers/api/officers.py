"""Endpoints for officers' systems: receive a dossier, fire a transition, read a dossier.

Every call carries ``Authorization: Bearer <token>``, a Wagtail ``APIToken`` of a user with
an ``Officer`` profile. Permission (role and agency) is checked by the services, as for the
back office; the API only translates between JSON and the service calls.
"""

from django.utils.translation import gettext as _
from ninja import Router, Status
from wagtail.api.v3.auth import BearerTokenAuth

from procedures_pages.models import Agency, ProcedurePage

from .. import services
from ..models import Dossier
from ..queries.backoffice import visible_dossiers
from ..services import Applicant
from ..workflow import TRANSITIONS
from . import presenters
from .errors import ApiError
from .schemas import DossierOut, ErrorEnvelope, ReceiptOut, ReceiveIn, TransitionIn

router = Router(auth=BearerTokenAuth(), tags=["Hồ sơ (cán bộ)"])

# The optional fields of TransitionIn each transition understands; any other is refused
# so that a mistyped or misplaced parameter is not silently ignored.
TRANSITION_PARAMS: dict[str, frozenset[str]] = {
    "transfer": frozenset({"to_agency"}),
    "forward": frozenset({"to_stage"}),
    "forward_to_agency": frozenset({"to_agency"}),
    "request_supplement": frozenset({"missing_documents"}),
    "reschedule": frozenset({"new_due_at"}),
    "approve": frozenset({"result_number"}),
    "return_result": frozenset({"method"}),
}
REQUIRED_PARAMS: dict[str, frozenset[str]] = {
    "forward_to_agency": frozenset({"to_agency"}),
    "reschedule": frozenset({"new_due_at"}),
}
OPTIONAL_FIELDS = frozenset(TransitionIn.model_fields) - {"name", "version", "note"}

_ERRORS_WRITE = {
    401: ErrorEnvelope,
    403: ErrorEnvelope,
    404: ErrorEnvelope,
    409: ErrorEnvelope,
    422: ErrorEnvelope,
}


def _agency(code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise ApiError(
            404,
            "unknown_agency",
            _("Không có cơ quan có mã định danh “%(code)s”.") % {"code": code},
        )
    return agency


def _procedure(code: str) -> ProcedurePage:
    procedure = ProcedurePage.objects.live().filter(code=code.upper()).first()
    if procedure is None:
        raise ApiError(
            404, "unknown_procedure", _("Không có thủ tục có mã “%(code)s”.") % {"code": code}
        )
    return procedure


def _not_found() -> ApiError:
    return ApiError(404, "not_found", _("Không tìm thấy hồ sơ."))


@router.post(
    "/dossiers/",
    response={201: ReceiptOut, 400: ErrorEnvelope, **_ERRORS_WRITE},
    summary="Tiếp nhận hồ sơ",
    description=(
        "Tiếp nhận một hồ sơ đầy đủ tại bộ phận một cửa (trực tiếp, bưu chính, hoặc hồ sơ "
        "trực tuyến đã kiểm tra). Cấp mã hồ sơ, mã tra cứu, tính hẹn trả kết quả. Người giữ "
        "mã truy cập phải là cán bộ một cửa của cơ quan tiếp nhận. Lỗi: `unknown_procedure`, "
        "`unknown_agency` (404), `forbidden` (403), `validation_error` (422), "
        "`received_in_future` (422). Gửi lại cùng header `Idempotency-Key` trả về hồ sơ đã "
        "tạo thay vì tạo hồ sơ mới."
    ),
    operation_id="receive_dossier",
)
def receive(request, payload: ReceiveIn):
    procedure = _procedure(payload.procedure_code)
    agency = _agency(payload.agency_code)
    if payload.received_documents is not None:
        known = {
            str(pk) for pk in procedure.documents.filter(kind="submit").values_list("pk", flat=True)
        }
        unknown = sorted(set(payload.received_documents) - known)
        if unknown:
            raise ApiError(
                422,
                "unknown_document",
                _("Giấy tờ không thuộc thành phần hồ sơ của thủ tục."),
                [
                    {
                        "field": "body.payload.received_documents",
                        "type": "unknown_document",
                        "message": _("Không có giấy tờ mã “%(id)s”.") % {"id": doc_id},
                    }
                    for doc_id in unknown
                ],
            )
    applicant = payload.applicant
    dossier = services.receive_dossier(
        actor=request.user,
        procedure=procedure,
        agency=agency,
        channel=payload.channel,
        applicant=Applicant(
            name=applicant.name,
            id_number=applicant.id_number,
            phone=applicant.phone,
            email=applicant.email,
            address=applicant.address,
            owner_name=applicant.owner_name,
        ),
        received_at=payload.received_at,
        received_documents=payload.received_documents,
        subject=payload.subject,
        sets=payload.sets,
        note=payload.note,
        submission_key=_idempotency_key(request),
    )
    return Status(201, presenters.receipt(dossier))


def _idempotency_key(request) -> str | None:
    """An ``Idempotency-Key`` header makes a retried receipt return the first dossier."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        return None
    if len(key) > 40 or not key.isascii() or not key.isprintable():
        raise ApiError(
            422,
            "invalid_idempotency_key",
            _("Idempotency-Key phải là chuỗi ASCII tối đa 40 ký tự."),
        )
    return f"api:{request.user.pk}:{key}"


@router.post(
    "/dossiers/{code}/transitions/",
    response={200: DossierOut, 400: ErrorEnvelope, **_ERRORS_WRITE},
    summary="Thực hiện một thao tác trên hồ sơ",
    description=(
        "Chuyển trạng thái hoặc bàn giao hồ sơ theo quy trình (DOMAIN §2). Gửi kèm `version` "
        "đang xem: nếu hồ sơ đã thay đổi, trả 409 `stale_version` và không ghi gì. Tham số "
        "theo thao tác: transfer (to_agency), forward (to_stage), forward_to_agency "
        "(to_agency, bắt buộc), request_supplement (missing_documents), reschedule "
        "(new_due_at, bắt buộc), approve (result_number), return_result (method). Lỗi: "
        "`unknown_transition` (400), `forbidden` (403), `not_found` (404), `stale_version`, "
        "`invalid_transition` (409), `note_required`, `invalid_params` (422)."
    ),
    operation_id="fire_transition",
)
def fire_transition(request, code: str, payload: TransitionIn):
    dossier = Dossier.objects.filter(code=code[:64]).first() if "\x00" not in code else None
    if dossier is None:
        raise _not_found()
    name = payload.name
    if name not in TRANSITIONS:
        raise ApiError(
            400,
            "unknown_transition",
            _("Không có thao tác “%(name)s”.") % {"name": name},
            {"allowed": sorted(TRANSITIONS)},
        )
    params = _transition_params(name, payload)
    if name == "reschedule" and dossier.due_at is None:
        # The service compares the new date with the appointment, which must exist.
        raise ApiError(
            409, "invalid_transition", _("Hồ sơ chưa có ngày hẹn trả nên không thể hẹn lại.")
        )
    dossier = services.fire(
        dossier, name, actor=request.user, version=payload.version, note=payload.note, **params
    )
    return presenters.dossier_detail(_reload(dossier), request.user)


def _transition_params(name: str, payload: TransitionIn) -> dict:
    given = {field for field in OPTIONAL_FIELDS if getattr(payload, field) is not None}
    accepted = TRANSITION_PARAMS.get(name, frozenset())
    errors = [
        {
            "field": f"body.payload.{field}",
            "type": "not_applicable",
            "message": _("Thao tác “%(name)s” không nhận tham số này.") % {"name": name},
        }
        for field in sorted(given - accepted)
    ] + [
        {
            "field": f"body.payload.{field}",
            "type": "missing",
            "message": _("Thao tác “%(name)s” cần tham số này.") % {"name": name},
        }
        for field in sorted(REQUIRED_PARAMS.get(name, frozenset()) - given)
    ]
    if errors:
        raise ApiError(422, "invalid_params", _("Tham số của thao tác không hợp lệ."), errors)
    params = {field: getattr(payload, field) for field in given}
    if "to_agency" in params:
        params["to_agency"] = _agency(params["to_agency"])
    return params


def _reload(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_related("procedure", "receiving_agency", "current_agency").get(
        pk=dossier.pk
    )


@router.get(
    "/dossiers/{code}/",
    response={200: DossierOut, 401: ErrorEnvelope, 404: ErrorEnvelope},
    summary="Xem hồ sơ",
    description=(
        "Hồ sơ kèm các sự kiện bàn giao (phiếu kiểm soát quá trình) và lịch sử thay đổi "
        "từng trường (thời điểm, người sửa, lý do, giá trị cũ → mới). Cán bộ chỉ xem được "
        "hồ sơ đang hoặc đã ở cơ quan mình; hồ sơ khác trả 404 `not_found`."
    ),
    operation_id="get_dossier",
)
def get_dossier(request, code: str):
    if "\x00" in code or len(code) > 64:
        raise _not_found()
    dossier = (
        visible_dossiers(request.user)
        .select_related("procedure", "receiving_agency", "current_agency")
        .filter(code=code)
        .first()
    )
    if dossier is None:
        raise _not_found()
    return presenters.dossier_detail(dossier, request.user)
