"""Public endpoints, no token: dossier lookup and processing statistics."""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from procedures_pages.models import Agency, ProcedurePage

from ..queries import lookup
from ..queries.statistics import statistics_for_period
from .errors import ApiError, error_response
from .schemas import ChannelCode, ErrorEnvelope, Text

router = Router(tags=["Công khai"])

# A report spans at most ten years; longer periods are typing mistakes.
MAX_PERIOD_DAYS = 3660
EARLIEST_DAY = datetime.date(2000, 1, 1)


class TimelineOut(Schema):
    at: datetime.datetime
    transition: str
    action: str
    agency: str
    agency_code: str
    to_agency: str
    status: int
    status_label: str
    timeliness: str
    timeliness_label: str
    step_due_at: datetime.datetime | None


class ProgressOut(Schema):
    code: str
    label: str
    closed: bool


class LookupOut(Schema):
    code: str
    procedure: str
    receiving_agency: str
    received_at: datetime.datetime
    status: int
    status_label: str
    due_at: datetime.datetime | None = None
    original_due_at: datetime.datetime | None = None
    rescheduled: bool = False
    progress: ProgressOut | None = None
    result_ready: bool = False
    result_ready_at: datetime.datetime | None = None
    outcome: str = ""
    outcome_label: str = ""
    collect_at: str = ""
    collect_address: str = ""
    returned_at: datetime.datetime | None = None
    return_method_label: str = ""
    timeline: list[TimelineOut]


def _localised(row: dict) -> dict:
    return {
        key: timezone.localtime(value) if isinstance(value, datetime.datetime) else value
        for key, value in row.items()
    }


@router.get(
    "/lookup/",
    response={200: LookupOut, 404: ErrorEnvelope, 429: ErrorEnvelope},
    summary="Tra cứu hồ sơ",
    description=(
        "Tình trạng và các bước xử lý của một hồ sơ, cho người nộp. Cần mã hồ sơ (`code`) "
        "và yếu tố thứ hai (`secret`): mã tra cứu in trên giấy tiếp nhận, số điện thoại hoặc "
        "số định danh đã khai. Mọi thất bại đều trả cùng một lỗi 404 `not_found`; quá nhiều "
        "lần thất bại từ một địa chỉ hoặc cho một mã hồ sơ trả 429 `rate_limited`."
    ),
    operation_id="lookup_dossier",
)
def lookup_dossier(request, code: str = "", secret: str = ""):
    limiter = lookup.LookupRateLimiter()
    ip = lookup.client_ip(request)
    # Bound what reaches the cache key and the query; longer input never matches anyway.
    code, secret = code[: lookup.MAX_CODE_LENGTH * 2], secret[: lookup.MAX_FACTOR_LENGTH * 2]
    wait = limiter.retry_after(ip=ip, code=code)
    if wait:
        response = error_response(
            429,
            "rate_limited",
            _("Bạn đã tra cứu sai quá nhiều lần; vui lòng thử lại sau %(seconds)d giây.")
            % {"seconds": wait},
            {"retry_after": wait},
        )
        response["Retry-After"] = str(wait)
        return response
    dossier = None
    if "\x00" not in code and "\x00" not in secret:
        dossier = lookup.find_dossier_for_lookup(code, secret)
    if dossier is None:
        limiter.record_failure(ip=ip, code=code)
        raise ApiError(
            404,
            "not_found",
            _("Không tìm thấy hồ sơ với mã và thông tin tra cứu đã nhập."),
        )
    summary = _localised(lookup.public_summary(dossier))
    summary["timeline"] = [_localised(row) for row in lookup.public_timeline(dossier)]
    return summary


class StatisticsQuery(Schema):
    agency: Text(40) = Field("", description="Mã định danh cơ quan; bỏ trống: toàn bộ.")
    procedure: Text(64) = Field("", description="Mã thủ tục; bỏ trống: mọi thủ tục.")
    channel: ChannelCode | None = Field(None, description="Kênh nộp; bỏ trống: mọi kênh.")
    start: datetime.date | None = Field(
        None, description="Ngày đầu kỳ (YYYY-MM-DD); mặc định ngày 01 tháng hiện tại."
    )
    end: datetime.date | None = Field(
        None, description="Ngày cuối kỳ (YYYY-MM-DD), tính cả ngày này; mặc định hôm nay."
    )


@router.get(
    "/statistics/",
    response={200: dict[str, Any], 404: ErrorEnvelope, 422: ErrorEnvelope},
    summary="Thống kê kết quả giải quyết hồ sơ",
    description=(
        "Số liệu theo kỳ (báo cáo số 06): tồn kỳ trước, tiếp nhận theo kênh, đã giải quyết "
        "trước / đúng / quá hạn, đang giải quyết, tỉ lệ đúng hạn. Lọc theo cơ quan, thủ tục, "
        "kênh. Lỗi: `unknown_agency`, `unknown_procedure` (404), `invalid_period`, "
        "`validation_error` (422)."
    ),
    operation_id="dossier_statistics",
)
def statistics(request, filters: Query[StatisticsQuery]):
    today = timezone.localdate()
    end = filters.end or today
    start = filters.start or end.replace(day=1)
    if start > end or start < EARLIEST_DAY or (end - start).days > MAX_PERIOD_DAYS:
        return error_response(
            422,
            "invalid_period",
            _(
                "Kỳ báo cáo không hợp lệ: ngày đầu phải từ 01/01/2000, không sau ngày cuối, "
                "và kỳ dài tối đa 10 năm."
            ),
        )
    agency = procedure = None
    if filters.agency:
        agency = Agency.objects.filter(code=filters.agency).first()
        if agency is None:
            raise ApiError(404, "unknown_agency", _("Không có cơ quan có mã định danh này."))
    if filters.procedure:
        procedure = ProcedurePage.objects.filter(code=filters.procedure.upper()).first()
        if procedure is None:
            raise ApiError(404, "unknown_procedure", _("Không có thủ tục có mã này."))
    report = statistics_for_period(
        start=start, end=end, agency=agency, procedure=procedure, channel=filters.channel
    )
    return report.to_dict()
