"""The receipt (DOMAIN.md §6.1) issued from a real dossier, and the issuing service."""

import datetime
import hashlib
import io
import shutil
import subprocess
import unicodedata
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied
from pypdf import PdfReader

from dossiers.queries.lookup import lookup_url
from publishing.forms import FormSpec
from publishing.models import VERIFICATION_ALPHABET, DocumentSequence, IssuedDocument
from publishing.queries import documents_for, public_result_documents
from publishing.services import DocumentError, issue_document, province_name

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
ISSUED = datetime.datetime(2026, 3, 5, 9, 30, tzinfo=VN)

NOTICE = FormSpec(
    key="test_notice",
    title="Thông báo thử nghiệm",
    template="publishing/base_document.html",
    numbered=True,
    symbol="TB-TTPVHCC",
    build_context=lambda dossier, params: {"summary": params.get("summary", "")},
    needs_dossier=False,
)


@pytest.fixture
def receipt(dossier, people):
    return issue_document(form="receipt", actor=people["desk"], dossier=dossier, now=ISSUED)


def file_bytes(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def test_receipt_carries_the_dossier_applicant_and_dates(receipt, dossier, pdf_text):
    text = pdf_text(file_bytes(receipt))
    for expected in (
        "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH HƯNG YÊN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hưng Yên, ngày 05 tháng 3 năm 2026",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Thông tư số 03/2025/TT-VPCP",
        f"Mã hồ sơ: {dossier.code}",
        "Ông/bà: Nguyễn Thị Hồng Nhung",
        "Số 12 đường Nguyễn Văn Linh, phường Hiến Nam, tỉnh Hưng Yên",
        "0912345678",
        "hongnhung@example.vn",
        "033190004567",
        "Đăng ký khai sinh cho con: Nguyễn Minh Khôi, sinh ngày 02/02/2026",
        "Giấy chứng sinh do cơ sở y tế cấp",
        "Số lượng hồ sơ: 01 (bộ)",
        "05 ngày làm việc",
        "09 giờ 15 phút, ngày 05 tháng 3 năm 2026",
        # 5 working days from Thursday 05/3/2026 09:15.
        "09 giờ 15 phút, ngày 12 tháng 3 năm 2026",
        "Số 8 đường Chùa Chuông",
        f"Mã tra cứu: {dossier.lookup_secret}",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Trần Văn Đức",
        f"Mã xác thực: {receipt.verification_code}",
        f"https://dichvucong.hungyen.gov.vn/xac-thuc/{receipt.verification_code}/",
    ):
        assert unicodedata.normalize("NFC", expected) in text, expected


def test_receipt_row_and_file_facts(receipt, dossier, people):
    data = file_bytes(receipt)
    assert data.startswith(b"%PDF-")
    assert receipt.sha256 == hashlib.sha256(data).hexdigest()
    assert receipt.size == len(data)
    assert receipt.pages == len(PdfReader(io.BytesIO(data)).pages) == 1
    assert (receipt.form, receipt.legal_set, receipt.dossier, receipt.agency) == (
        "receipt",
        "2025",
        dossier,
        dossier.receiving_agency,
    )
    assert receipt.number is None and receipt.number_display == ""
    assert receipt.generated_by == people["desk"]
    assert receipt.file.name == f"documents/2026/{receipt.verification_code}.pdf"
    assert len(receipt.verification_code) == 10
    assert set(receipt.verification_code) <= set(VERIFICATION_ALPHABET)
    assert receipt.history.count() == 1


def test_receipt_is_a4(receipt):
    box = PdfReader(io.BytesIO(file_bytes(receipt))).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_lookup_qr_link_is_the_dossiers_lookup_url(dossier, receipt):
    from publishing.formdefs.receipt import build_receipt_context

    context = build_receipt_context(dossier, {})
    assert context["lookup_url"] == lookup_url(dossier, absolute=True)
    assert context["lookup_url"].startswith("https://dichvucong.hungyen.gov.vn/")
    assert context["lookup_qr_data_uri"].startswith("data:image/svg+xml")


def test_dossier_received_before_july_2025_prints_the_2018_set(old_dossier, people, pdf_text):
    document = issue_document(form="receipt", actor=people["desk"], dossier=old_dossier)
    text = pdf_text(file_bytes(document))
    assert document.legal_set == "2018"
    assert "Thông tư số 01/2018/TT-VPCP" in text
    assert "Bộ phận Tiếp nhận và Trả kết quả" in text
    assert "03/2025" not in text


def test_regenerating_creates_a_second_record_and_keeps_the_first(receipt, dossier, people):
    first_bytes = file_bytes(receipt)
    second = issue_document(form="receipt", actor=people["desk"], dossier=dossier, now=ISSUED)
    assert second.pk != receipt.pk
    assert second.verification_code != receipt.verification_code
    assert second.file.name != receipt.file.name
    receipt.refresh_from_db()
    assert file_bytes(receipt) == first_bytes
    assert receipt.sha256 == hashlib.sha256(first_bytes).hexdigest()
    assert list(documents_for(dossier)) == [second, receipt]


def test_issued_documents_are_never_deleted(receipt):
    with pytest.raises(PermissionError):
        receipt.delete()
    with pytest.raises(PermissionError):
        IssuedDocument.objects.all().delete()
    assert IssuedDocument.objects.count() == 1


def test_numbers_per_agency_per_year_with_leading_zero(centre, department, pdf_text):
    issue = lambda agency, now: issue_document(form=NOTICE, actor=None, agency=agency, now=now)  # noqa: E731
    first = issue(centre, ISSUED)
    second = issue(centre, ISSUED)
    other_agency = issue(department, ISSUED)
    # 17:30 UTC on 31/12 is already 00:30 on 01/01 in Hà Nội: a new year, a new sequence.
    new_year = issue(centre, datetime.datetime(2026, 12, 31, 17, 30, tzinfo=datetime.UTC))
    assert [d.number for d in (first, second, other_agency, new_year)] == [1, 2, 1, 1]
    assert first.number_display == "Số: 01/TB-TTPVHCC"
    assert second.number_display == "Số: 02/TB-TTPVHCC"
    assert (new_year.year, new_year.number_display) == (2027, "Số: 01/TB-TTPVHCC")
    assert "Số: 02/TB-TTPVHCC" in pdf_text(file_bytes(second))
    assert DocumentSequence.objects.get(agency=centre, year=2026).last == 2


def test_a_failed_rendering_takes_no_number(centre, settings, tmp_path):
    settings.PUBLISHING_FONTS_DIR = tmp_path
    with pytest.raises(BaseException):  # noqa: B017 - WeasyPrint's fatal fetch error
        issue_document(form=NOTICE, actor=None, agency=centre, now=ISSUED)
    assert not IssuedDocument.objects.exists()
    assert not DocumentSequence.objects.filter(last__gt=0).exists()


def test_an_officer_of_another_agency_may_not_issue(dossier, people):
    with pytest.raises(PermissionDenied):
        issue_document(form="receipt", actor=people["outsider"], dossier=dossier)


def test_a_dossier_form_needs_a_dossier(people):
    with pytest.raises(DocumentError):
        issue_document(form="receipt", actor=people["desk"])


def test_place_is_the_province_of_the_agency_tree(centre, department, hung_yen):
    assert province_name(centre) == "Hưng Yên"
    assert province_name(department) == "Hưng Yên"
    assert province_name(hung_yen) == "Hưng Yên"


def test_receipt_is_not_a_public_result(receipt, dossier):
    assert list(public_result_documents(dossier)) == []


def test_write_a_png_of_the_receipt_for_a_person_to_look_at(receipt, tmp_path):
    """Not an assertion on looks: a picture of page 1 in pytest's tmp folder."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(file_bytes(receipt))
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "receipt")],
        check=True,
    )
    png = tmp_path / "receipt-1.png"
    assert png.read_bytes().startswith(b"\x89PNG")
    print(f"\nReceipt page 1: {png}")
