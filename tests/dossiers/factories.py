"""Officers, agencies and procedures for dossier tests, built through real models."""

import datetime
import zoneinfo

from django.contrib.auth import get_user_model

from dossiers.models import Officer
from procedures_pages.models import Agency, AgencyLevel, WorkflowStep
from tests.factories import add_procedure

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def vn(year, month, day, hour=9, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=VN)


def make_agency(code: str, name: str, level=AgencyLevel.PROVINCE, parent=None) -> Agency:
    agency, _ = Agency.objects.get_or_create(
        code=code, defaults={"name": name, "level": level, "parent": parent}
    )
    return agency


def make_officer(username: str, agency: Agency, role: str):
    user = get_user_model().objects.create_user(
        username=username, password="x", first_name=username.title(), is_staff=True
    )
    Officer.objects.create(user=user, agency=agency, role=role)
    return user


def make_procedure(
    catalogue,
    *,
    code="1.000656",
    days=5,
    unit="working_days",
    steps=True,
    processing_agency=None,
    supplement_limit=1,
):
    page = add_procedure(
        catalogue,
        code=code,
        title="Thủ tục đăng ký khai sinh",
        level_commune=True,
        supplement_limit=supplement_limit,
        channels=[
            {
                "channel": "truc-tiep",
                "time_limit_value": days,
                "time_limit_unit": unit,
                "fee_amount": 0,
                "legal_version": "Luật Hộ tịch 2014",
            },
            {
                "channel": "truc-tuyen",
                "time_limit_value": days,
                "time_limit_unit": unit,
                "fee_amount": 0,
            },
        ],
    )
    if steps:
        rows = [
            ("Tiếp nhận", "desk", 4),
            ("Thẩm định", "specialist", 24),
            ("Xem xét", "department_head", 4),
            ("Ký duyệt", "agency_head", 4),
            ("Trả kết quả", "desk", 4),
        ]
        for order, (name, role, hours) in enumerate(rows):
            WorkflowStep.objects.create(
                page=page,
                sort_order=order,
                name=name,
                unit=name,
                role=role,
                agency=processing_agency if role not in ("desk",) else None,
                allotted_value=hours,
                allotted_unit="hours",
            )
    return page
