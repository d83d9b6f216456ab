"""Request and response shapes of the JSON API.

Text input is normalised to Unicode NFC (Vietnamese typed on some systems arrives
decomposed, NFD, and would neither match stored names nor fit the column lengths), trimmed,
and refused if it carries control characters such as NUL (PostgreSQL cannot store them).
"""

import datetime
import unicodedata
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Schema
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from procedures_pages.models import Channel

from ..models import ReturnMethod, Stage

# Working-time arithmetic relies on holiday tables (lunar dates included) that are only
# meaningful for modern dates; older timestamps are typing mistakes, not records.
EARLIEST_RECEIPT = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
MAX_INT = 2**31 - 1


def _nfc(value: Any) -> Any:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _no_control_characters(value: str) -> str:
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in value):
        raise ValueError("Không được chứa ký tự điều khiển (ví dụ ký tự NUL).")
    return value


def _single_line(value: str) -> str:
    if any(ch in value for ch in "\t\n\r"):
        raise ValueError("Không được xuống dòng.")
    return value


def _email(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError:
            raise ValueError("Địa chỉ thư điện tử không hợp lệ.") from None
    return value


def Text(max_length: int, *, min_length: int = 0, multiline: bool = False):
    """A trimmed NFC string of at most ``max_length`` characters."""
    validators = [AfterValidator(_no_control_characters)]
    if not multiline:
        validators.append(AfterValidator(_single_line))
    return Annotated[
        str,
        BeforeValidator(_nfc),
        StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
        *validators,
    ]


def _require_string(value: Any) -> Any:
    # Pydantic would otherwise read a bare number as a Unix timestamp.
    if not isinstance(value, str):
        raise ValueError(
            "Phải là thời điểm theo ISO 8601, có múi giờ (ví dụ 2026-11-16T09:00:00+07:00)."
        )
    return value


def _plausible(value: datetime.datetime) -> datetime.datetime:
    if value < EARLIEST_RECEIPT:
        raise ValueError("Thời điểm phải từ năm 2000 trở về sau.")
    return value


Timestamp = Annotated[AwareDatetime, BeforeValidator(_require_string), AfterValidator(_plausible)]
ChannelCode = Literal["truc-tiep", "truc-tuyen", "buu-chinh"]
assert set(ChannelCode.__args__) == set(Channel.values)


class StrictSchema(Schema):
    model_config = ConfigDict(extra="forbid")


# --- Errors ------------------------------------------------------------------------


class ErrorBody(Schema):
    code: str = Field(description="Mã lỗi ổn định, dành cho chương trình.")
    message: str = Field(description="Thông báo tiếng Việt, dành cho người dùng.")
    details: Any = Field(None, description="Chi tiết (danh sách lỗi theo trường) hoặc null.")


class ErrorEnvelope(Schema):
    error: ErrorBody


# --- Receipt -----------------------------------------------------------------------


class ApplicantIn(StrictSchema):
    name: Text(255, min_length=1) = Field(description="Họ tên người nộp hồ sơ.")
    id_number: Text(20) = Field("", description="Số định danh cá nhân / CCCD.")
    phone: Text(20) = ""
    email: Annotated[Text(254), AfterValidator(_email)] = ""
    address: Text(500) = ""
    owner_name: Text(255) = Field("", description="Chủ hồ sơ, nếu khác người nộp.")


class ReceiveIn(StrictSchema):
    procedure_code: Text(64, min_length=1) = Field(description="Mã thủ tục, ví dụ 1.000656.")
    agency_code: Text(40, min_length=1) = Field(
        description="Mã định danh của cơ quan tiếp nhận, ví dụ 000.00.31.H33."
    )
    channel: ChannelCode = Field(description="Kênh nộp hồ sơ.")
    applicant: ApplicantIn
    received_at: Timestamp | None = Field(
        None,
        description=(
            "Thời điểm tiếp nhận (ISO 8601 có múi giờ). Mặc định là lúc gọi; dùng cho ngày "
            "dấu bưu điện hoặc nhập hồ sơ cũ."
        ),
    )
    subject: Text(500) = Field("", description="Nội dung yêu cầu; mặc định là tên thủ tục.")
    sets: int = Field(1, ge=1, le=100, description="Số bộ hồ sơ.")
    received_documents: list[Text(32)] | None = Field(
        None,
        max_length=200,
        description=(
            "Mã (id) các giấy tờ đã nhận trong thành phần hồ sơ của thủ tục; bỏ trống nghĩa "
            "là đã nhận đủ."
        ),
    )
    note: Text(5000, multiline=True) = ""


class ReceiptOut(Schema):
    code: str = Field(description="Mã hồ sơ <mã cơ quan>-<YYMMDD>-<NNNN>.")
    status: int = Field(description="Mã trạng thái quốc gia (2 = Được tiếp nhận).")
    status_label: str
    due_at: datetime.datetime | None = Field(description="Hẹn trả kết quả.")
    lookup_secret: str = Field(description="Mã tra cứu in trên giấy tiếp nhận.")
    version: int = Field(description="Phiên bản, gửi kèm mỗi thao tác tiếp theo.")


# --- Transitions -------------------------------------------------------------------


class TransitionIn(StrictSchema):
    name: Text(40, min_length=1) = Field(description="Tên thao tác, ví dụ transfer, approve.")
    version: int = Field(ge=1, le=MAX_INT, description="Phiên bản hồ sơ mà bạn đang xem.")
    note: Text(5000, multiline=True) = Field("", description="Ghi chú, lý do.")
    to_agency: Text(40, min_length=1) | None = Field(
        None, description="transfer, forward_to_agency: mã định danh cơ quan nhận."
    )
    to_stage: Literal[tuple(Stage.values)] | None = Field(  # type: ignore[valid-type]
        None, description="forward: bước nhận hồ sơ."
    )
    missing_documents: list[Text(1000)] | None = Field(
        None, max_length=100, description="request_supplement: giấy tờ cần bổ sung."
    )
    new_due_at: Timestamp | None = Field(None, description="reschedule: ngày hẹn trả mới.")
    result_number: Text(100) | None = Field(None, description="approve: số văn bản kết quả.")
    method: Literal[tuple(ReturnMethod.values)] | None = Field(  # type: ignore[valid-type]
        None, description="return_result: hình thức trả kết quả."
    )


# --- Dossier -----------------------------------------------------------------------


class AgencyOut(Schema):
    code: str
    name: str


class EventOut(Schema):
    transition: str
    label: str
    at: datetime.datetime
    actor: str
    from_status: int | None
    to_status: int
    from_stage: str
    to_stage: str
    from_agency: str | None
    to_agency: str | None
    step_due_at: datetime.datetime | None
    step_timeliness: str
    late_agency: str | None
    note: str
    data: dict[str, Any]


class FieldChangeOut(Schema):
    field: str
    label: str
    old: Any
    new: Any


class HistoryOut(Schema):
    at: datetime.datetime
    user: str | None
    change_reason: str | None
    type: Literal["created", "changed", "deleted"]
    changes: list[FieldChangeOut]


class DossierOut(Schema):
    code: str
    status: int
    status_label: str
    stage: str
    version: int
    procedure: dict[str, str]
    receiving_agency: AgencyOut
    current_agency: AgencyOut
    channel: str
    applicant: dict[str, str]
    subject: str
    sets: int
    received_at: datetime.datetime
    due_at: datetime.datetime | None
    original_due_at: datetime.datetime | None
    outcome: str
    result_number: str
    returned_at: datetime.datetime | None
    timeliness: str
    rescheduled: bool
    available_transitions: list[str] = Field(
        description="Thao tác mà người giữ mã truy cập được phép thực hiện lúc này."
    )
    events: list[EventOut]
    history: list[HistoryOut]


# --- Public ------------------------------------------------------------------------


class LookupOut(Schema):
    code: str
    procedure: str
    status: int
    status_label: str
    received_at: datetime.datetime
    due_at: datetime.datetime | None
    returned_at: datetime.datetime | None
    timeline: list[dict[str, Any]]
