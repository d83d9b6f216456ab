"""The curated demo catalogue: a believable province-and-communes subset of the crawl.

``build_demo_catalogue`` picks records from the national JSON files by ministry, sector
and level (quotas in ``SELECTION``), parses them with the national reader and adds an
internal workflow (quy trình nội bộ) to the first common commune/province procedures.
Within a bucket, records that parsed cleanly come first, then by code, so the output is
deterministic for the same input.

Two deliberate adjustments, both visible in the data:
- A bare time limit ("7", no unit) is read as working days, the unit of these
  procedures in their legal basis; ``time_limit_text`` says so.
- Text fields longer than ``MAX_TEXT`` characters are cut (with "…") to keep the file
  small; the full text stays available on the national portal (``source_url``).
"""

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from ..models.catalogue import HOURS_PER_WORKING_DAY
from .national_json import parse_national_record
from .records import ProcedureRecord, normalize_record, validate_record

MAX_TEXT = 1200
WORKFLOW_RECORDS = 20

# (file stem, sector, accepted levels, how many)
SELECTION: list[tuple[str, str, set[str], int]] = [
    ("bo-tu-phap", "Hộ tịch", {"xa"}, 16),
    ("bo-tu-phap", "Chứng thực", {"xa"}, 6),
    ("bo-tu-phap", "Nuôi con nuôi", {"xa", "tinh"}, 4),
    ("bo-tu-phap", "Công chứng", {"tinh"}, 5),
    ("bo-tu-phap", "Luật sư", {"tinh"}, 4),
    ("bo-tu-phap", "Hòa giải ở cơ sở", {"xa"}, 2),
    ("bo-tu-phap", "Trợ giúp pháp lý", {"tinh"}, 2),
    ("bo-tu-phap", "Quốc tịch", {"tinh"}, 2),
    ("bo-tu-phap", "Đấu giá tài sản", {"tinh"}, 2),
    ("bo-xay-dung", "Hoạt động xây dựng", {"tinh", "xa"}, 7),
    ("bo-xay-dung", "Nhà ở và công sở", {"tinh", "xa"}, 6),
    ("bo-xay-dung", "Quy hoạch đô thị và nông thôn", {"xa", "tinh"}, 3),
    ("bo-xay-dung", "Đường bộ", {"tinh", "xa"}, 6),
    ("bo-xay-dung", "Đăng kiểm", {"tinh"}, 3),
    ("bo-xay-dung", "Kinh doanh bất động sản", {"tinh"}, 2),
    ("bo-xay-dung", "Kiến trúc", {"tinh"}, 2),
    ("bo-cong-an", "Đăng ký, quản lý cư trú", {"xa"}, 7),
    ("bo-cong-an", "Cấp, quản lý căn cước", {"xa", "tinh"}, 6),
    ("bo-cong-an", "Phòng cháy, chữa cháy", {"tinh", "xa"}, 4),
    ("bo-cong-an", "Lý lịch tư pháp", {"tinh"}, 3),
    (
        "bo-cong-an",
        "Đăng ký, quản lý phương tiện giao thông cơ giới, xe máy chuyên dùng",
        {"xa"},
        3,
    ),
    ("bo-cong-an", "Quản lý xuất nhập cảnh", {"tinh"}, 2),
    ("ngan-hang-nha-nuoc", "Thành lập và hoạt động ngân hàng", {"tinh"}, 3),
    ("ngan-hang-nha-nuoc", "Hoạt động ngoại hối", {"tinh"}, 2),
    ("ngan-hang-nha-nuoc", "Hoạt động thanh toán", {"bo"}, 2),
]


def _quality(record: ProcedureRecord) -> tuple:
    direct = next((c for c in record["channels"] if c["channel"] == "truc-tiep"), None)
    return (
        bool(record["unparsed_text"]),
        direct is None or direct["time_limit_value"] is None,
        record["code"],
    )


def _assume_working_days(record: ProcedureRecord) -> None:
    for channel in record["channels"]:
        if channel["time_limit_value"] is not None and channel["time_limit_unit"] == "unstated":
            channel["time_limit_unit"] = "working_days"
            channel["time_limit_text"] = _(
                "Nguồn chỉ ghi “%(value)s”, không ghi đơn vị; hiểu là ngày làm việc."
            ) % {"value": channel["time_limit_value"]}


def _shorten(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return value[: MAX_TEXT - 1].rsplit(" ", 1)[0] + "…"
    if isinstance(value, list):
        return [_shorten(item) for item in value]
    if isinstance(value, dict):
        return {key: _shorten(item) for key, item in value.items()}
    return value


def workflow_for(record: ProcedureRecord) -> list[dict[str, Any]]:
    """A typical internal workflow whose hours add up to the direct channel's limit.

    Empty when the direct channel has no limit in working days of at least one day.
    """
    direct = next((c for c in record["channels"] if c["channel"] == "truc-tiep"), None)
    if not direct or direct["time_limit_unit"] != "working_days":
        return []
    if direct["time_limit_value"] is None:
        return []
    total = Decimal(direct["time_limit_value"]) * HOURS_PER_WORKING_DAY
    if total >= 24:
        hours = [Decimal(4), total - 16, Decimal(4), Decimal(4), Decimal(2), Decimal(2)]
    elif total >= 16:
        hours = [Decimal(2), total - 8, Decimal(2), Decimal(2), Decimal(1), Decimal(1)]
    elif total >= 8:
        hours = [Decimal(1), total - 5, Decimal(1), Decimal(1), Decimal(1), Decimal(1)]
    else:
        return []
    commune = "xa" in record["levels"]
    desk = "Bộ phận Một cửa UBND xã" if commune else "Trung tâm Phục vụ hành chính công tỉnh"
    office = "Công chức chuyên môn UBND xã" if commune else "Phòng chuyên môn thuộc Sở"
    head = "Lãnh đạo phòng chuyên môn" if not commune else "Công chức phụ trách lĩnh vực"
    leader = "Chủ tịch/Phó Chủ tịch UBND xã" if commune else "Lãnh đạo Sở"
    clerk = "Văn thư UBND xã" if commune else "Văn thư Sở"
    steps = [
        ("Tiếp nhận, kiểm tra, số hóa hồ sơ; chuyển xử lý", desk, "desk", "Mẫu số 01"),
        ("Thẩm định hồ sơ, dự thảo kết quả", office, "specialist", ""),
        ("Xem xét, trình ký", head, "department_head", "Mẫu số 06"),
        ("Ký duyệt kết quả", leader, "agency_head", ""),
        ("Vào số, đóng dấu, phát hành", clerk, "clerk", ""),
        ("Trả kết quả cho người nộp", desk, "desk", "Mẫu số 06"),
    ]
    return [
        {
            "name": name,
            "unit": unit,
            "role": role,
            "agency": None,
            "allotted_value": f"{value.normalize():f}",
            "allotted_unit": "hours",
            "form_used": form,
        }
        for (name, unit, role, form), value in zip(steps, hours, strict=True)
    ]


def build_demo_catalogue(source_dir: Path) -> list[ProcedureRecord]:
    """The demo records from the crawled files in ``source_dir``, validated."""
    raw_by_file: dict[str, list[dict[str, Any]]] = {}
    chosen: list[ProcedureRecord] = []
    taken: set[str] = set()
    for stem, sector, levels, count in SELECTION:
        if stem not in raw_by_file:
            with open(source_dir / f"{stem}.json", encoding="utf-8") as handle:
                raw_by_file[stem] = json.load(handle)
        candidates = []
        for raw in raw_by_file[stem]:
            record = parse_national_record(raw)
            if record["sector"] != sector or record["code"] in taken:
                continue
            if not levels & set(record["levels"]) or not record["channels"]:
                continue
            candidates.append(record)
        for record in sorted(candidates, key=_quality)[:count]:
            taken.add(record["code"])
            chosen.append(record)
    with_workflow = 0
    for record in chosen:
        _assume_working_days(record)
        if with_workflow < WORKFLOW_RECORDS and set(record["levels"]) & {"xa", "tinh"}:
            steps = workflow_for(record)
            if steps:
                record["workflow_steps"] = steps
                with_workflow += 1
    result = []
    for record in chosen:
        record = normalize_record(_shorten(record))
        errors = validate_record(record)
        if errors:
            raise ValueError(f"{record['code']}: {'; '.join(errors)}")
        result.append(record)
    return result
