"""The public verification page, file check, downloads and the lookup page's documents."""

import datetime
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template

from dossiers import services
from publishing import forms as registry
from publishing.forms import FormSpec
from publishing.services import issue_document

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
ISSUED = datetime.datetime(2026, 3, 5, 9, 30, tzinfo=VN)

RESULT = FormSpec(
    key="test_result",
    title="Văn bản kết quả thử nghiệm",
    template="publishing/base_document.html",
    numbered=True,
    symbol="QĐ-STP",
    build_context=lambda dossier, params: {},
    public_download=True,
)


@pytest.fixture
def receipt(dossier, people, home_page):
    return issue_document(form="receipt", actor=people["desk"], dossier=dossier, now=ISSUED)


@pytest.fixture
def result(dossier, people, monkeypatch, home_page):
    registry._load_builtin_forms()
    monkeypatch.setitem(registry._REGISTRY, ("test_result", "2025"), RESULT)
    dossier = services.fire(dossier, "transfer", actor=people["desk"], version=dossier.version)
    return issue_document(
        form="test_result",
        actor=people["leader"],
        dossier=dossier,
        agency=people["leader"].officer.agency,
        now=ISSUED,
    )


def pdf_of(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def page(response) -> str:
    return response.content.decode()


def test_valid_code_shows_what_was_issued(client, receipt, dossier):
    response = client.get(f"/xac-thuc/{receipt.verification_code}/")
    text = page(response)
    assert response.status_code == 200
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in text
    assert dossier.code in text
    assert "Trung tâm Phục vụ hành chính công tỉnh Hưng Yên" in text
    assert "09:30 05/03/2026" in text
    assert receipt.sha256 in text
    assert "Kiểm tra tệp" in text
    # No applicant data on a public page.
    assert "Nguyễn Thị Hồng Nhung" not in text
    assert "0912345678" not in text


def test_code_typed_in_lower_case_with_spaces_redirects(client, receipt):
    code = receipt.verification_code
    response = client.get("/xac-thuc/", {"code": f" {code[:5].lower()} {code[5:]} "})
    assert response.status_code == 302
    assert response["Location"] == f"/xac-thuc/{code}/"


def test_unknown_code_is_a_neutral_404(client, receipt):
    for code in ("ACDEFGHJKM", "not-a-code", "0" * 10):
        response = client.get(f"/xac-thuc/{code}/")
        assert response.status_code == 404
        assert "Không có văn bản nào mang mã xác thực này" in page(response)


def test_matching_file(client, receipt):
    upload = SimpleUploadedFile("giay-tiep-nhan.pdf", pdf_of(receipt), "application/pdf")
    response = client.post(f"/xac-thuc/{receipt.verification_code}/", {"file": upload})
    assert response.status_code == 200
    assert "Tệp khớp với văn bản đã cấp." in page(response)
    assert "KHÔNG khớp" not in page(response)


def test_tampered_file_is_reported(client, receipt):
    original = pdf_of(receipt)
    middle = len(original) // 2
    data = original[:middle] + bytes([original[middle] ^ 0x01]) + original[middle + 1 :]
    upload = SimpleUploadedFile("giay-tiep-nhan.pdf", data, "application/pdf")
    response = client.post(f"/xac-thuc/{receipt.verification_code}/", {"file": upload})
    assert response.status_code == 200
    assert "Tệp KHÔNG khớp — có thể đã bị sửa đổi." in page(response)
    assert "Tệp khớp với văn bản đã cấp." not in page(response)


def test_a_file_of_another_document_does_not_match(client, receipt, dossier, people):
    other = issue_document(form="receipt", actor=people["desk"], dossier=dossier, now=ISSUED)
    upload = SimpleUploadedFile("x.pdf", pdf_of(other), "application/pdf")
    response = client.post(f"/xac-thuc/{receipt.verification_code}/", {"file": upload})
    assert "Tệp KHÔNG khớp" in page(response)


def test_non_pdf_is_refused_with_a_clear_message(client, receipt):
    upload = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n...", "image/png")
    response = client.post(f"/xac-thuc/{receipt.verification_code}/", {"file": upload})
    assert response.status_code == 400
    assert "Tệp không phải định dạng PDF" in page(response)


def test_file_over_20_mb_is_refused(client, receipt):
    data = b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024)
    upload = SimpleUploadedFile("lon.pdf", data, "application/pdf")
    response = client.post(f"/xac-thuc/{receipt.verification_code}/", {"file": upload})
    assert response.status_code in (400, 413)
    assert "Tệp quá lớn: tối đa 20 MB." in page(response)


def test_officer_download_requires_an_officer_of_the_dossier(client, receipt, people):
    url = f"/van-ban/{receipt.verification_code}/tai-ve/"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(people["outsider"])
    assert client.get(url).status_code == 404
    client.force_login(people["desk"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_of(receipt)
    assert response["Content-Type"] == "application/pdf"


def test_only_public_forms_download_without_login(client, receipt, result):
    assert client.get(f"/xac-thuc/{receipt.verification_code}/tai-ve/").status_code == 404
    response = client.get(f"/xac-thuc/{result.verification_code}/tai-ve/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_of(result)


def test_lookup_tag_lists_public_result_documents_only(receipt, result, dossier):
    template = Template(
        "{% load publishing_tags %}{% dossier_documents code public=True %}"
        "|{% dossier_documents dossier public=False %}"
    )
    public, internal = template.render(Context({"code": dossier.code, "dossier": dossier})).split(
        "|"
    )
    assert f"/xac-thuc/{result.verification_code}/tai-ve/" in public
    assert receipt.verification_code not in public
    assert f"/van-ban/{receipt.verification_code}/tai-ve/" in internal
    assert f"/van-ban/{result.verification_code}/tai-ve/" in internal


def test_lookup_page_shows_the_result_document(client, result, dossier):
    response = client.get(
        "/tra-cuu-ho-so/", {"code": dossier.code, "secret": dossier.lookup_secret}
    )
    assert response.status_code == 200
    assert f"/xac-thuc/{result.verification_code}/tai-ve/" in page(response)
