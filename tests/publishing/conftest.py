"""Shared fixtures for publishing tests (also used by the remaining forms' tests).

A realistic setting in Hưng Yên: the provincial People's Committee at the top, its public
administration service centre (the one-stop desk) and the Department of Justice below,
officers with Vietnamese names, a birth-registration procedure with its documents, and
dossiers received through the real services (``receive_dossier``).

Fixtures: ``hung_yen`` (Ủy ban nhân dân tỉnh Hưng Yên), ``centre`` (Trung tâm Phục vụ hành
chính công tỉnh Hưng Yên, code 000.00.31.H33), ``department`` (Sở Tư pháp tỉnh Hưng Yên),
``people`` (dict: desk, specialist, head, leader, clerk, outsider), ``procedure``,
``dossier`` (received 05/3/2026 09:15, 2025 form set), ``old_dossier`` (received
20/6/2025, 2018 form set), ``pdf_text`` (function: PDF bytes → NFC text of all pages,
whitespace collapsed).
"""

import io
import unicodedata

import pytest
from pypdf import PdfReader

from dossiers import services
from dossiers.models import OfficerRole
from dossiers.services import Applicant
from procedures_pages.models import AgencyLevel, DocumentRequirement
from tests.dossiers.factories import make_agency, make_officer, make_procedure, vn

APPLICANT = Applicant(
    name="Nguyễn Thị Hồng Nhung",
    id_number="033190004567",
    phone="0912345678",
    email="hongnhung@example.vn",
    address="Số 12 đường Nguyễn Văn Linh, phường Hiến Nam, tỉnh Hưng Yên",
)


@pytest.fixture(autouse=True)
def _portal_base_url(settings):
    settings.PORTAL_BASE_URL = "https://dichvucong.hungyen.gov.vn"


@pytest.fixture
def hung_yen(db):
    return make_agency("000.00.00.H33", "Ủy ban nhân dân tỉnh Hưng Yên", AgencyLevel.PROVINCE)


@pytest.fixture
def centre(hung_yen):
    agency = make_agency(
        "000.00.31.H33",
        "Trung tâm Phục vụ hành chính công tỉnh Hưng Yên",
        AgencyLevel.PROVINCE,
        parent=hung_yen,
    )
    agency.address = "Số 8 đường Chùa Chuông, phường Hiến Nam, tỉnh Hưng Yên"
    agency.save()
    return agency


@pytest.fixture
def department(hung_yen):
    return make_agency(
        "000.00.15.H33", "Sở Tư pháp tỉnh Hưng Yên", AgencyLevel.PROVINCE, parent=hung_yen
    )


def _officer(username, agency, role, first, last, title=""):
    user = make_officer(username, agency, role)
    user.first_name, user.last_name = first, last
    user.save()
    if title:
        user.officer.title = title
        user.officer.save()
    return user


@pytest.fixture
def people(centre, department, hung_yen):
    return {
        "desk": _officer("desk", centre, OfficerRole.DESK, "Trần Văn", "Đức"),
        "specialist": _officer(
            "specialist", department, OfficerRole.SPECIALIST, "Lê Thị", "Ngọc Ánh"
        ),
        "head": _officer("head", department, OfficerRole.DEPARTMENT_HEAD, "Phạm Quốc", "Việt"),
        "leader": _officer(
            "leader", department, OfficerRole.AGENCY_HEAD, "Đỗ Thị", "Hương", "Giám đốc"
        ),
        "clerk": _officer("clerk", centre, OfficerRole.CLERK, "Vũ Thị", "Lụa"),
        "outsider": _officer("outsider", hung_yen, OfficerRole.DESK, "Hoàng Văn", "Sỹ"),
    }


@pytest.fixture
def procedure(catalogue, department):
    page = make_procedure(catalogue, processing_agency=department)
    for order, (name, originals, copies) in enumerate(
        [
            ("Tờ khai đăng ký khai sinh theo mẫu", 1, 0),
            ("Giấy chứng sinh do cơ sở y tế cấp", 1, 0),
            ("Giấy tờ tùy thân của người đi đăng ký (căn cước công dân)", 0, 1),
        ]
    ):
        DocumentRequirement.objects.create(
            page=page, sort_order=order, name=name, originals=originals, copies=copies
        )
    return page


def receive(people, procedure, centre, at, **kwargs):
    return services.receive_dossier(
        actor=people["desk"],
        procedure=procedure,
        agency=centre,
        channel="truc-tiep",
        applicant=APPLICANT,
        received_at=at,
        subject="Đăng ký khai sinh cho con: Nguyễn Minh Khôi, sinh ngày 02/02/2026",
        **kwargs,
    )


@pytest.fixture
def dossier(people, procedure, centre):
    return receive(people, procedure, centre, vn(2026, 3, 5, 9, 15))


@pytest.fixture
def old_dossier(people, procedure, centre):
    return receive(people, procedure, centre, vn(2025, 6, 20, 14, 5))


def extract_text(pdf: bytes) -> str:
    """All pages' text, NFC, with every run of whitespace (line breaks too) as one space."""
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture
def pdf_text():
    return extract_text
