"""Attachments, fees and the merged field history on the back-office dossier page."""

import hashlib
import os
import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dossiers import attachments, roles, services
from dossiers.backoffice.forms import FeeForm, parse_dong
from dossiers.backoffice.history import dossier_history
from dossiers.models import Attachment, FeePayment, OfficerRole
from dossiers.services import Applicant
from procedures_pages.models import DocumentRequirement
from tests.dossiers.factories import make_agency, make_procedure, vn

NS = "dossiers_backoffice"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def admin_url(name, *args):
    return reverse(f"{NS}:{name}", args=args)


def make_user(username, agency, role):
    user = get_user_model().objects.create_user(
        username=username, password="x", first_name=username.title()
    )
    roles.make_officer(user, agency, role)
    return user


@pytest.fixture(autouse=True)
def _own_media_root(settings, tmp_path):
    """Dossier codes repeat from test to test; each test stores its files apart."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def agencies(db):
    return {
        "centre": make_agency("000.00.31.H33", "Trung tâm Phục vụ hành chính công tỉnh"),
        "justice": make_agency("000.00.15.H33", "Sở Tư pháp"),
        "finance": make_agency("000.00.16.H33", "Sở Tài chính"),
    }


@pytest.fixture
def people(agencies):
    return {
        "desk": make_user("desk", agencies["centre"], OfficerRole.DESK),
        "specialist": make_user("specialist", agencies["justice"], OfficerRole.SPECIALIST),
        "leader": make_user("leader", agencies["justice"], OfficerRole.AGENCY_HEAD),
        "finance": make_user("finance", agencies["finance"], OfficerRole.SPECIALIST),
    }


@pytest.fixture
def dossier(catalogue, agencies, people):
    """Received at the centre's desk; nothing attached yet."""
    procedure = make_procedure(catalogue, processing_agency=agencies["justice"])
    for order, name in enumerate(["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]):
        DocumentRequirement.objects.create(
            page=procedure, sort_order=order, name=name, originals=1, kind="submit"
        )
    return services.receive_dossier(
        actor=people["desk"],
        procedure=procedure,
        agency=agencies["centre"],
        channel="truc-tiep",
        applicant=Applicant(name="Nguyễn Thị Hoa", phone="0912345678"),
        received_at=vn(2026, 11, 16),
    )


@pytest.fixture
def transferred(dossier, people):
    """Held by Sở Tư pháp, received by the centre."""
    return services.fire(dossier, "transfer", actor=people["desk"], version=dossier.version)


def checklist_key(dossier, name):
    return attachments.checklist_document_key(dossier.checklist.get(requirement_name=name))


def upload(client, dossier, content, *, name="ban-quet.pdf", **fields):
    data = {"file": SimpleUploadedFile(name, content), "document": "", "title": "", **fields}
    return client.post(admin_url("attachment_upload", dossier.pk), data)


def stored_files(dossier) -> list[str]:
    folder = os.path.join(django_settings.MEDIA_ROOT, "dossiers", dossier.code)
    found = []
    for root, _dirs, files in os.walk(folder):
        found += [os.path.join(root, name) for name in files]
    return found


def text_of(response) -> str:
    return response.content.decode()


# --- Upload and listing ---------------------------------------------------------------------


def test_upload_creates_version_one_then_two_and_lists_them_newest_first(client, dossier, people):
    client.force_login(people["desk"])
    key = checklist_key(dossier, "Giấy chứng sinh")
    page = text_of(client.get(admin_url("detail", dossier.pk)))
    assert "Tệp đính kèm" in page and 'enctype="multipart/form-data"' in page
    assert f'<option value="{key}">Giấy chứng sinh</option>' in page

    first = upload(client, dossier, PDF, document=key)
    assert first.status_code == 302
    assert first.url == admin_url("detail", dossier.pk) + "#tep-dinh-kem"
    second = PDF + b"% rescanned\n" + b"x" * 2000
    response = client.post(
        admin_url("attachment_upload", dossier.pk),
        {"file": SimpleUploadedFile("scan.pdf", second), "document": key, "title": ""},
        follow=True,
    )
    assert "Đã lưu “Giấy chứng sinh”, phiên bản 2." in text_of(response)
    upload(client, dossier, PNG, name="anh.png", title="Ảnh chân dung 4x6")

    versions = list(dossier.attachments.order_by("document_key", "version"))
    assert [(a.title, a.version) for a in versions if a.document_key == key] == [
        ("Giấy chứng sinh", 1),
        ("Giấy chứng sinh", 2),
    ]
    newest = dossier.attachments.get(document_key=key, version=2)
    assert newest.sha256 == hashlib.sha256(second).hexdigest()
    assert newest.uploaded_by == people["desk"]

    html = text_of(client.get(admin_url("detail", dossier.pk)))
    group = re.search(rf'<tbody data-document-key="{key}">(.*?)</tbody>', html, re.S).group(1)
    assert group.index("Phiên bản 2") < group.index("Phiên bản 1")
    assert f'title="{newest.sha256}">{newest.sha256[:12]}…</code>' in group
    assert "<td>2 KB</td>" in group
    assert "Desk" in group
    assert admin_url("attachment_download", dossier.pk, newest.pk) in group
    assert "Ảnh chân dung 4x6" in html
    assert newest.file.url not in html  # never the public media URL


def test_identical_bytes_for_the_same_document_create_no_new_version(client, dossier, people):
    client.force_login(people["desk"])
    key = checklist_key(dossier, "Tờ khai đăng ký khai sinh")
    assert upload(client, dossier, PDF, document=key).status_code == 302
    again = upload(client, dossier, PDF, document=key)  # a double submit
    assert again.status_code == 200
    assert "Tệp giống hệt phiên bản hiện có; không tạo phiên bản mới" in text_of(again)
    assert dossier.attachments.count() == 1
    assert len(stored_files(dossier)) == 1


def test_service_refuses_the_bytes_of_the_latest_version_only(dossier, people):
    desk = people["desk"]

    def attach(content, title="Bản vẽ hiện trạng"):
        return attachments.attach_document(
            actor=desk, dossier=dossier, title=title, upload=SimpleUploadedFile("v.pdf", content)
        )

    attach(PDF)
    with pytest.raises(services.DossierError) as error:
        attach(PDF)
    assert error.value.code == "identical_version"
    assert error.value.message == "Tệp giống hệt phiên bản hiện có; không tạo phiên bản mới."
    assert attach(PDF + b"% v2\n").version == 2
    # Going back to the first scan is a real change, and other documents are independent.
    assert attach(PDF).version == 3
    assert attach(PDF, title="Giấy tờ khác").version == 1
    assert Attachment.objects.filter(dossier=dossier).count() == 4


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Định dạng tệp không được chấp nhận"),
        ("gia-mao.pdf", b"MZ\x90\x00 not a pdf", "Nội dung tệp không khớp với định dạng pdf"),
        ("lon.pdf", PDF + b"0" * 4096, "Tệp quá lớn (4 KB; tối đa 1 KB)."),
        ("rong.pdf", b"", "Tệp rỗng."),
    ],
)
def test_invalid_uploads_show_a_vietnamese_error_and_store_nothing(
    client, dossier, people, settings, name, content, message
):
    settings.DOSSIER_MAX_UPLOAD_BYTES = 1024
    client.force_login(people["desk"])
    response = upload(client, dossier, content, name=name, title="Giấy tờ")
    assert response.status_code == 200
    assert message in text_of(response)
    assert 'value="Giấy tờ"' in text_of(response)  # the form keeps what was typed
    assert not Attachment.objects.exists()
    assert not Attachment.history.exists()
    assert stored_files(dossier) == []


def test_a_new_document_needs_a_title(client, dossier, people):
    client.force_login(people["desk"])
    response = upload(client, dossier, PDF)
    assert "Nhập tên giấy tờ hoặc chọn một giấy tờ trong danh sách." in text_of(response)
    response = upload(client, dossier, PDF, document="checklist-999999")
    assert response.status_code == 200 and not Attachment.objects.exists()


# --- Download -------------------------------------------------------------------------------


def test_download_follows_the_dossier_visibility(client, transferred, people):
    attachment = attachments.attach_document(
        actor=people["specialist"],
        dossier=transferred,
        title="Giấy chứng sinh",
        upload=SimpleUploadedFile("chung-sinh.pdf", PDF),
    )
    url = admin_url("attachment_download", transferred.pk, attachment.pk)
    for who in ("desk", "specialist"):  # receiving and current agency
        client.force_login(people[who])
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert f"{attachment.document_key}-v1.pdf" in disposition

    client.force_login(people["finance"])  # never at Sở Tài chính
    assert client.get(url).status_code == 404
    client.force_login(people["desk"])
    assert client.get(admin_url("attachment_download", 999999, attachment.pk)).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the admin login


def test_download_of_an_image_has_its_content_type(client, dossier, people):
    attachment = attachments.attach_document(
        actor=people["desk"],
        dossier=dossier,
        title="Ảnh",
        upload=SimpleUploadedFile("anh.png", PNG),
    )
    client.force_login(people["desk"])
    response = client.get(admin_url("attachment_download", dossier.pk, attachment.pk))
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG


# --- Who may upload -------------------------------------------------------------------------


def test_unrelated_officer_cannot_reach_the_upload(client, dossier, people):
    client.force_login(people["finance"])
    assert upload(client, dossier, PDF, title="Giấy tờ").status_code == 404
    assert not Attachment.objects.exists()


def test_officer_of_a_former_agency_sees_files_but_cannot_upload(
    client, transferred, people, agencies
):
    dossier = services.fire(
        transferred,
        "forward_to_agency",
        actor=people["leader"],
        version=transferred.version,
        to_agency=agencies["finance"],
    )
    client.force_login(people["specialist"])  # Sở Tư pháp handed it over
    page = text_of(client.get(admin_url("detail", dossier.pk)))
    assert "Tệp đính kèm" in page and 'enctype="multipart/form-data"' not in page
    response = upload(client, dossier, PDF, title="Giấy tờ")
    assert "Bạn không có quyền cập nhật hồ sơ này." in text_of(response)
    assert not Attachment.objects.exists()
    client.force_login(people["finance"])  # now the current agency
    assert upload(client, dossier, PDF, title="Giấy tờ").status_code == 302


def test_closed_dossier_refuses_uploads_and_fees(client, dossier, people):
    dossier = services.fire(
        dossier, "withdraw", actor=people["desk"], version=dossier.version, note="Rút hồ sơ"
    )
    assert dossier.is_closed
    client.force_login(people["desk"])
    page = text_of(client.get(admin_url("detail", dossier.pk)))
    assert "Hồ sơ đã kết thúc; không thể bổ sung tệp." in page
    assert 'enctype="multipart/form-data"' not in page
    assert admin_url("fee_collect", dossier.pk) not in page
    response = upload(client, dossier, PDF, title="Giấy tờ")
    assert "Hồ sơ đã kết thúc; không thể bổ sung tệp." in text_of(response)
    response = client.post(admin_url("fee_collect", dossier.pk), {"amount": "50.000"})
    assert "Hồ sơ đã kết thúc; không thể ghi nhận khoản thu." in text_of(response)
    assert not Attachment.objects.exists() and not FeePayment.objects.exists()


def test_form_urls_take_posts_only(client, dossier, people):
    client.force_login(people["desk"])
    response = client.get(admin_url("attachment_upload", dossier.pk))
    assert response.status_code == 302 and response.url == admin_url("detail", dossier.pk)
    assert client.post(admin_url("detail", dossier.pk), {}).status_code == 405


# --- Fees -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.500.000", 1_500_000),
        ("1500000", 1_500_000),
        (" 1 500 000 ", 1_500_000),
        ("1\u00a0500\u00a0000", 1_500_000),
        ("50.000 đồng", 50_000),
        ("8000đ", 8_000),
    ],
)
def test_parse_dong_accepts_what_the_desk_types(typed, amount):
    assert parse_dong(typed) == amount


@pytest.mark.parametrize(
    "typed", ["-5", "abc", "0", "1,5", "1.5", "1.50.000", "15.00", "", "1e6", "٣٠٠"]
)
def test_fee_form_refuses_garbage_with_a_vietnamese_error(typed):
    form = FeeForm({"amount": typed, "description": "Lệ phí"})
    assert not form.is_valid()
    message = form.errors["amount"][0]
    assert message.startswith(("Số tiền", "Nhập số tiền"))


def test_fee_form_records_the_fee_and_shows_it_formatted(client, dossier, people):
    client.force_login(people["desk"])
    url = admin_url("fee_collect", dossier.pk)
    response = client.post(url, {"amount": "1.500.000", "description": "Lệ phí cấp bản sao"})
    assert response.status_code == 302 and response.url.endswith("#phi-le-phi")
    client.post(url, {"amount": "20000", "description": ""})
    assert sorted(FeePayment.objects.values_list("amount", flat=True)) == [20_000, 1_500_000]

    html = text_of(client.get(admin_url("detail", dossier.pk)))
    section = html[html.index('id="phi-le-phi"') :]
    assert "1.500.000 đồng" in section and "Lệ phí cấp bản sao" in section
    assert "20.000 đồng" in section and "Lệ phí" in section
    assert "1.520.000 đồng" in section  # total
    assert "Desk" in section

    for bad in ("-5", "abc"):
        response = client.post(url, {"amount": bad, "description": "x"})
        assert response.status_code == 200
        assert "Số tiền phải là số nguyên dương, tính bằng đồng" in text_of(response)
    assert FeePayment.objects.count() == 2


def test_only_the_desk_records_fees(client, transferred, people):
    client.force_login(people["specialist"])  # current agency, but not the desk
    page = text_of(client.get(admin_url("detail", transferred.pk)))
    assert "Phí, lệ phí" in page and admin_url("fee_collect", transferred.pk) not in page
    response = client.post(admin_url("fee_collect", transferred.pk), {"amount": "10.000"})
    assert "Chỉ cán bộ bộ phận một cửa được thu phí, lệ phí." in text_of(response)
    assert not FeePayment.objects.exists()


# --- History panel and query count ----------------------------------------------------------


def _tick(item, user):
    # No service ticks a checklist item yet; save it as a service would (history user set).
    item.received = not item.received
    item._history_user = user
    item.save()


def test_history_panel_merges_checklist_attachment_and_fee_changes(client, dossier, people):
    desk = people["desk"]
    item = dossier.checklist.get(requirement_name="Giấy chứng sinh")
    _tick(item, desk)
    attachments.attach_document(
        actor=desk,
        dossier=dossier,
        title="Giấy chứng sinh",
        upload=SimpleUploadedFile("cs.pdf", PDF),
        document_key=attachments.checklist_document_key(item),
    )
    attachments.collect_fee(actor=desk, dossier=dossier, amount=8000, description="Lệ phí")

    client.force_login(people["desk"])
    html = text_of(client.get(admin_url("detail", dossier.pk)))
    panel = html[html.index('id="dossier-history"') :]
    rows = re.findall(r"<tr>(.*?)</tr>", panel, re.S)
    flat = [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]
    subjects = [
        next(text for text in flat if marker in text)
        for marker in (
            "Hồ sơ Desk",
            "Giấy tờ: Giấy chứng sinh Desk — Thêm vào danh mục",
            "Giấy tờ: Giấy chứng sinh Desk — Đã nhận:",
            "Tệp đính kèm: Giấy chứng sinh (phiên bản 1) Desk",
            "Phí, lệ phí: Lệ phí Desk",
        )
    ]
    assert [flat.index(text) for text in subjects] == sorted(flat.index(t) for t in subjects)
    assert "Đã nhận: Có → Không" in subjects[2]  # received at the counter, then unticked
    assert "Thu 8.000 đồng" in subjects[4]


def test_history_keeps_diffs_when_the_base_record_is_outside_the_window(dossier, people):
    item = dossier.checklist.get(requirement_name="Giấy chứng sinh")
    _tick(item, people["desk"])
    entries = dossier_history(dossier, limit=1)
    assert len(entries) == 1
    (entry,) = entries
    assert entry.subject == "Giấy tờ: Giấy chứng sinh" and entry.user == "Desk"
    assert [(c.label, c.old, c.new) for c in entry.changes] == [("Đã nhận", "Có", "Không")]


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_dossier_page_queries_do_not_grow_with_attachments(
    client, transferred, people, django_assert_max_num_queries
):
    desk, specialist = people["desk"], people["specialist"]

    def attach(title, content, user):
        attachments.attach_document(
            actor=user,
            dossier=transferred,
            title=title,
            upload=SimpleUploadedFile("f.pdf", content),
        )

    attach("Tờ khai", PDF, desk)
    attachments.collect_fee(actor=desk, dossier=transferred, amount=8000, description="Lệ phí")
    _tick(transferred.checklist.first(), specialist)
    url = admin_url("detail", transferred.pk)
    client.force_login(desk)
    client.get(url)  # warm per-process caches
    few = _count_queries(client, url)
    for index in range(6):
        attach(f"Giấy tờ {index % 3}", PDF + bytes([index]), (desk, specialist)[index % 2])
    attachments.collect_fee(actor=desk, dossier=transferred, amount=50000, description="Phí")
    _tick(transferred.checklist.last(), desk)
    assert _count_queries(client, url) == few
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert text_of(response).count('/tai-ve/"') == 7


@pytest.mark.parametrize(
    ("size", "label"),
    [
        (0, "0 byte"),
        (850, "850 byte"),
        (1536, "1,5 KB"),
        (5 * 1024 * 1024, "5 MB"),
        (3 * 1024**3 + 1, "3 GB"),
        (2048 * 1024**3, "2048 GB"),
    ],
)
def test_human_size_uses_the_vietnamese_decimal_comma(size, label):
    assert attachments.human_size(size) == label


def test_posting_the_fee_form_twice_records_the_fee_once(client, dossier, people):
    client.force_login(people["desk"])
    page = client.get(admin_url("detail", dossier.pk)).content.decode()
    key = re.search(r'name="submission_key" value="([0-9a-f]{32})"', page).group(1)
    data = {"amount": "8.000", "description": "Lệ phí", "submission_key": key}
    client.post(admin_url("fee_collect", dossier.pk), data)
    client.post(admin_url("fee_collect", dossier.pk), data)
    assert list(FeePayment.objects.values_list("amount", flat=True)) == [8_000]
