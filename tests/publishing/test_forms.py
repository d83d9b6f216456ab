"""The forms of TT 03/2025 built from dossiers taken through the real services.

Each form is issued from a realistic dossier (events fired by the services, never written
by hand), its PDF text extracted, and the national title, the dossier code, the applicant,
the dates and every Vietnamese input checked. A PNG of page 1 of each form goes to
pytest's tmp folder for a person to look at.
"""

import datetime
import io
import shutil
import subprocess
import unicodedata
import zoneinfo

import pytest
from pypdf import PdfReader

from dossiers import services
from dossiers.attachments import collect_fee
from dossiers.models import DossierEvent
from publishing.formdefs.control_sheet import build_control_sheet_context
from publishing.formdefs.result import build_result_context
from publishing.models import DocumentSequence, IssuedDocument
from publishing.queries import public_result_documents
from publishing.services import DocumentError, agency_symbol, issue_document
from publishing.templatetags.publishing_tags import vn_time_date
from tests.dossiers.factories import make_agency, vn

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
ISSUED = datetime.datetime(2026, 3, 18, 8, 0, tzinfo=VN)
NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")

SUPPLEMENT_NOTE = "Giấy chứng sinh bị nhòe mực, không đọc được họ tên người mẹ"
MISSING = [
    "Giấy chứng sinh do cơ sở y tế cấp (bản chính, rõ nét)",
    "Bản sao giấy chứng nhận kết hôn của cha, mẹ",
]
RESCHEDULE_NOTE = "Cần xác minh thông tin nơi cư trú của người mẹ tại Ủy ban nhân dân xã Tiên Lữ"
REFUSE_NOTE = (
    "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan tiếp nhận\n"
    "- Thiếu tờ khai có chữ ký của người đi đăng ký"
)
INELIGIBLE_NOTE = "Người yêu cầu không có quan hệ thân nhân với trẻ; giấy ủy quyền không hợp lệ"
STOP_NOTE = "Gia đình chuyển về quê ở Thái Bình, xin dừng để nộp hồ sơ tại nơi cư trú mới"
APPLICANT_TEXTS = (
    "Nguyễn Thị Hồng Nhung",
    "Số 12 đường Nguyễn Văn Linh, phường Hiến Nam, tỉnh Hưng Yên",
    "Đăng ký khai sinh cho con: Nguyễn Minh Khôi, sinh ngày 02/02/2026",
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def file_bytes(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def assert_all_in(text: str, *expected: str) -> None:
    for item in expected:
        assert nfc(item) in text, item


def assert_diacritics_survived(text: str, *inputs: str) -> None:
    """Every accented letter typed into the inputs is in the PDF, and each input whole."""
    accented = {c for value in inputs for c in nfc(value) if ord(c) > 127 and c.isalpha()}
    missing = accented - set(text)
    assert not missing, f"lost diacritics: {sorted(missing)}"
    assert_all_in(text, *inputs)


def write_png(document, tmp_path, name: str) -> None:
    """Page 1 as a PNG in pytest's tmp folder, for a person to look at (not asserted)."""
    if shutil.which("pdftoppm") is None:
        return
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(file_bytes(document))
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / name)],
        check=True,
    )
    png = tmp_path / f"{name}-1.png"
    assert png.read_bytes().startswith(b"\x89PNG")
    print(f"\n{name} page 1: {png}")


def fire(dossier, name, actor, at, **kwargs):
    return services.fire(dossier, name, actor=actor, version=dossier.version, at=at, **kwargs)


@pytest.fixture
def journey(dossier, people):
    """Received 05/3/2026 09:15 at the centre; transferred to the Department of Justice;
    supplement requested and supplied; apology with a new appointment; approved by the
    director; fees collected; the result returned to the applicant."""
    d = fire(dossier, "transfer", people["desk"], vn(2026, 3, 5, 10, 0))
    d = fire(
        d,
        "request_supplement",
        people["specialist"],
        vn(2026, 3, 6, 9, 0),
        note=SUPPLEMENT_NOTE,
        missing_documents=MISSING,
    )
    d = fire(d, "receive_supplement", people["desk"], vn(2026, 3, 9, 8, 30))
    d = fire(d, "forward", people["specialist"], vn(2026, 3, 11, 14, 0))
    d = fire(
        d,
        "reschedule",
        people["leader"],
        vn(2026, 3, 11, 15, 0),
        note=RESCHEDULE_NOTE,
        new_due_at=vn(2026, 3, 20, 9, 15),
    )
    # The head of department sits on it past the 4 working hours of the step: late.
    d = fire(d, "forward", people["head"], vn(2026, 3, 16, 9, 0))
    collect_fee(actor=people["desk"], dossier=d, amount=5_000, description="Lệ phí đăng ký hộ tịch")
    collect_fee(
        actor=people["desk"], dossier=d, amount=8_000, description="Phí cấp bản sao trích lục"
    )
    d.refresh_from_db()
    d = fire(d, "approve", people["leader"], vn(2026, 3, 16, 10, 30), result_number="125/TLKS")
    return fire(d, "return_result", people["desk"], vn(2026, 3, 17, 16, 0))


# --- Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ -------------------------------------------


def test_supplement_request(journey, people, pdf_text, tmp_path):
    document = issue_document(
        form="supplement_request", actor=people["desk"], dossier=journey, now=ISSUED
    )
    text = pdf_text(file_bytes(document))
    assert (document.number, document.number_display) == (1, "Số: 01/PBS-TTPVHCC")
    assert_all_in(
        text,
        *NATIONAL,
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH HƯNG YÊN",
        "Số: 01/PBS-TTPVHCC",
        "Hưng Yên, ngày 18 tháng 3 năm 2026",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Thông tư số 03/2025/TT-VPCP",
        f"Mã hồ sơ: {journey.code}",
        "Hồ sơ của ông/bà: Nguyễn Thị Hồng Nhung",
        "09 giờ 15 phút, ngày 05 tháng 3 năm 2026",
        "Sở Tư pháp tỉnh Hưng Yên đề nghị ông/bà bổ sung",
        f"Lý do: {SUPPLEMENT_NOTE}",
        "không tính vào thời hạn giải quyết hồ sơ",
        # Where to read the rules and whom to call.
        "https://dichvucong.hungyen.gov.vn/",
        "Số 8 đường Chùa Chuông, phường Hiến Nam, tỉnh Hưng Yên",
        "NGƯỜI HƯỚNG DẪN",
        "Lê Thị Ngọc Ánh",
    )
    assert_diacritics_survived(text, *APPLICANT_TEXTS, *MISSING, SUPPLEMENT_NOTE)
    write_png(document, tmp_path, "supplement_request")


def test_supplement_request_needs_a_request(dossier, people):
    with pytest.raises(DocumentError, match="không có thao tác tương ứng"):
        issue_document(form="supplement_request", actor=people["desk"], dossier=dossier)
    # The failed issue took no number.
    assert not DocumentSequence.objects.filter(last__gt=0).exists()
    assert not IssuedDocument.objects.exists()


def test_supplement_request_of_a_2018_dossier_cites_the_2018_circular(
    old_dossier, people, pdf_text
):
    d = fire(
        old_dossier,
        "request_supplement",
        people["desk"],
        vn(2025, 6, 20, 14, 30),
        note="Thiếu bản chính giấy chứng sinh",
        missing_documents=["Giấy chứng sinh do cơ sở y tế cấp"],
    )
    document = issue_document(form="supplement_request", actor=people["desk"], dossier=d)
    text = pdf_text(file_bytes(document))
    assert document.legal_set == "2018"
    assert_all_in(text, "Thông tư số 01/2018/TT-VPCP", "Bộ phận Tiếp nhận và Trả kết quả")
    assert "03/2025" not in text


# --- Phiếu từ chối tiếp nhận, giải quyết hồ sơ -------------------------------------------


def test_refusal_at_receipt_lists_each_reason(dossier, people, pdf_text, tmp_path):
    d = fire(dossier, "refuse", people["desk"], vn(2026, 3, 5, 9, 40), note=REFUSE_NOTE)
    document = issue_document(form="refusal", actor=people["desk"], dossier=d, now=ISSUED)
    text = pdf_text(file_bytes(document))
    assert_all_in(
        text,
        *NATIONAL,
        "Số: 01/PTC-TTPVHCC",
        "Hưng Yên, ngày 18 tháng 3 năm 2026",
        "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ",
        f"Mã hồ sơ: {d.code}",
        "tiếp nhận hồ sơ của ông/bà: Nguyễn Thị Hồng Nhung",
        "thông báo không tiếp nhận hồ sơ này",
        "09 giờ 40 phút, ngày 05 tháng 3 năm 2026",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Trần Văn Đức",
    )
    reasons = [
        "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan tiếp nhận",
        "Thiếu tờ khai có chữ ký của người đi đăng ký",
    ]
    assert_diacritics_survived(text, *APPLICANT_TEXTS, *reasons)
    # One list item a line of the note, the leading dash dropped.
    assert "- Thiếu tờ khai" not in text
    write_png(document, tmp_path, "refusal")


def test_refusal_of_an_ineligible_dossier_is_signed_by_the_deciding_leader(
    dossier, people, pdf_text
):
    d = fire(dossier, "transfer", people["desk"], vn(2026, 3, 5, 10, 0))
    d = fire(d, "reject_ineligible", people["leader"], vn(2026, 3, 9, 11, 0), note=INELIGIBLE_NOTE)
    document = issue_document(form="refusal", actor=people["desk"], dossier=d, now=ISSUED)
    text = pdf_text(file_bytes(document))
    assert_all_in(
        text,
        f"Mã hồ sơ: {d.code}",
        "Sở Tư pháp tỉnh Hưng Yên thông báo không giải quyết hồ sơ này",
        "11 giờ 00 phút, ngày 09 tháng 3 năm 2026",
        "GIÁM ĐỐC",
        "Đỗ Thị Hương",
    )
    assert_diacritics_survived(text, *APPLICANT_TEXTS, INELIGIBLE_NOTE)


# --- Phiếu xin lỗi và hẹn lại ngày trả kết quả ------------------------------------------


def test_apology_from_the_reschedule_event(journey, people, department, pdf_text, tmp_path):
    document = issue_document(
        form="apology", actor=people["leader"], dossier=journey, agency=department, now=ISSUED
    )
    text = pdf_text(file_bytes(document))
    assert document.agency == department
    event = journey.events.get(transition="reschedule")
    old_due = datetime.datetime.fromisoformat(event.data["old_due_at"])
    assert vn(2026, 3, 12, 9, 15) < old_due < vn(2026, 3, 20, 9, 15)
    assert_all_in(
        text,
        *NATIONAL,
        "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN",
        "SỞ TƯ PHÁP TỈNH HƯNG YÊN",
        "Số: 01/PXL-STP",
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Kính gửi: Ông/bà Nguyễn Thị Hồng Nhung",
        "Ngày 05 tháng 3 năm 2026, Trung tâm Phục vụ hành chính công tỉnh Hưng Yên tiếp nhận",
        "Thủ tục đăng ký khai sinh",
        f"Mã hồ sơ: {journey.code}",
        # The appointment being moved: the one in force at the apology (the receipt's
        # 12/3, moved on by the days the applicant took to supply the documents).
        f"Thời gian hẹn trả kết quả giải quyết hồ sơ: {vn_time_date(old_due)}",
        f"Lý do: {RESCHEDULE_NOTE}",
        "Sở Tư pháp tỉnh Hưng Yên xin lỗi ông/bà",
        "09 giờ 15 phút, ngày 20 tháng 3 năm 2026",
        "Số 8 đường Chùa Chuông",
        "(Ký tên, đóng dấu)",
        "GIÁM ĐỐC",
        "Đỗ Thị Hương",
        "Nơi nhận:",
        "- Như trên;",
        "- Bộ phận Một cửa – Trung tâm Phục vụ hành chính công tỉnh Hưng Yên;",
        "- Lưu: VT.",
    )
    assert_diacritics_survived(text, *APPLICANT_TEXTS, RESCHEDULE_NOTE)
    write_png(document, tmp_path, "apology")


def test_apology_original_appointment_comes_from_the_event(journey):
    event = journey.events.get(transition="reschedule")
    assert datetime.datetime.fromisoformat(event.data["new_due_at"]) == vn(2026, 3, 20, 9, 15)
    old = datetime.datetime.fromisoformat(event.data["old_due_at"])
    assert old < vn(2026, 3, 20, 9, 15)


# --- Thông báo dừng giải quyết hồ sơ ----------------------------------------------------


def test_stop_notice(dossier, people, department, pdf_text, tmp_path):
    d = fire(dossier, "transfer", people["desk"], vn(2026, 3, 5, 10, 0))
    d = fire(d, "stop", people["desk"], vn(2026, 3, 6, 15, 20), note=STOP_NOTE)
    document = issue_document(form="stop_notice", actor=people["desk"], dossier=d, now=ISSUED)
    text = pdf_text(file_bytes(document))
    assert document.legal_set == "2025"
    assert_all_in(
        text,
        *NATIONAL,
        "Số: 01/TB-TTPVHCC",
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        "Nghị định số 118/2025/NĐ-CP",
        "Thông tư số 03/2025/TT-VPCP",
        "Kính gửi: Ông/bà Nguyễn Thị Hồng Nhung",
        f"mã hồ sơ: {d.code}",
        "Ngày 06 tháng 3 năm 2026, ông/bà có đề nghị dừng giải quyết hồ sơ",
        "15 giờ 20 phút, ngày 06 tháng 3 năm 2026",
        "Sở Tư pháp tỉnh Hưng Yên không tiếp tục xử lý hồ sơ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Trần Văn Đức",
        "- Sở Tư pháp tỉnh Hưng Yên;",
    )
    assert_diacritics_survived(text, *APPLICANT_TEXTS, STOP_NOTE)
    assert "trước ngày 01/7/2025" not in text
    write_png(document, tmp_path, "stop_notice")


def test_withdrawal_prints_the_stop_notice_too(dossier, people, pdf_text):
    d = fire(dossier, "withdraw", people["desk"], vn(2026, 3, 5, 16, 0), note=STOP_NOTE)
    document = issue_document(form="stop_notice", actor=people["desk"], dossier=d)
    assert_all_in(pdf_text(file_bytes(document)), "ông/bà có đề nghị rút hồ sơ", d.code)


def test_stop_notice_for_a_2018_dossier_stopped_before_july_2025_is_refused(old_dossier, people):
    d = fire(old_dossier, "stop", people["desk"], vn(2025, 6, 25, 9, 0), note=STOP_NOTE)
    with pytest.raises(DocumentError, match=r"trước ngày 01/7/2025.*01/2018/TT-VPCP"):
        issue_document(form="stop_notice", actor=people["desk"], dossier=d)
    assert not IssuedDocument.objects.exists()
    assert not DocumentSequence.objects.filter(last__gt=0).exists()


def test_stop_notice_for_a_2018_dossier_stopped_since_july_2025_uses_the_2025_form(
    old_dossier, people, pdf_text
):
    d = fire(old_dossier, "stop", people["desk"], vn(2025, 8, 4, 9, 0), note=STOP_NOTE)
    document = issue_document(form="stop_notice", actor=people["desk"], dossier=d)
    text = pdf_text(file_bytes(document))
    assert document.legal_set == "2025"
    assert_all_in(
        text,
        "Thông tư số 03/2025/TT-VPCP",
        "Ngày 20 tháng 6 năm 2025",
        "Hồ sơ được tiếp nhận trước ngày 01/7/2025",
        "Ngày 04 tháng 8 năm 2025, ông/bà có đề nghị dừng giải quyết hồ sơ",
        d.code,
    )


def test_stop_notice_needs_a_stopped_dossier(dossier, people):
    with pytest.raises(DocumentError):
        issue_document(form="stop_notice", actor=people["desk"], dossier=dossier)


# --- Phiếu kiểm soát quá trình giải quyết hồ sơ -----------------------------------------

VERDICT = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn", "": ""}


def test_control_sheet_lists_every_hand_off_with_its_verdict(journey, pdf_text, tmp_path):
    events = list(DossierEvent.objects.filter(dossier=journey).order_by("at", "pk"))
    handoffs = [
        e
        for e in events
        if e.transition not in ("receive", "return_result")
        and (e.from_agency_id, e.from_stage) != (e.to_agency_id, e.to_stage)
    ]
    # transfer, receive_supplement? (no: same holder), two forwards, approve.
    assert [e.transition for e in handoffs] == ["transfer", "forward", "forward", "approve"]
    rows = build_control_sheet_context(journey, {})["rows"]
    assert len(rows) == len(handoffs) + 1
    desk = "Bộ phận Một cửa – Trung tâm Phục vụ hành chính công tỉnh Hưng Yên"
    assert [(r["giver"], r["receiver"], r["verdict"]) for r in rows[:-1]] == [
        (
            desk,
            "Sở Tư pháp tỉnh Hưng Yên – Chuyên viên xử lý",
            VERDICT[handoffs[0].step_timeliness],
        ),
        (
            "Sở Tư pháp tỉnh Hưng Yên – Chuyên viên xử lý",
            "Sở Tư pháp tỉnh Hưng Yên – Lãnh đạo phòng",
            VERDICT[handoffs[1].step_timeliness],
        ),
        (
            "Sở Tư pháp tỉnh Hưng Yên – Lãnh đạo phòng",
            "Sở Tư pháp tỉnh Hưng Yên – Lãnh đạo cơ quan",
            VERDICT[handoffs[2].step_timeliness],
        ),
        ("Sở Tư pháp tỉnh Hưng Yên – Lãnh đạo cơ quan", desk, VERDICT[handoffs[3].step_timeliness]),
    ]
    # Each step was judged, and the giver and the one who took over are named.
    assert all(e.step_timeliness for e in handoffs)
    assert [(r["giver_name"], r["receiver_name"]) for r in rows[:-1]] == [
        ("Trần Văn Đức", "Lê Thị Ngọc Ánh"),
        ("Lê Thị Ngọc Ánh", "Phạm Quốc Việt"),
        ("Phạm Quốc Việt", "Đỗ Thị Hương"),
        ("Đỗ Thị Hương", "Trần Văn Đức"),
    ]
    last = rows[-1]
    assert last["is_return"] and last["receiver_name"] == "Nguyễn Thị Hồng Nhung"
    assert last["verdict"] == VERDICT[journey.timeliness] != ""
    # The supplement request and the apology are notes on the step they happened in.
    assert any(SUPPLEMENT_NOTE in note for note in rows[0]["notes"])
    assert any(RESCHEDULE_NOTE in note for note in rows[1]["notes"])

    document = issue_document(form="control_sheet", actor=None, dossier=journey, now=ISSUED)
    text = pdf_text(file_bytes(document))
    assert document.number is None and document.number_display == ""
    assert_all_in(
        text,
        *NATIONAL,
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        f"Mã hồ sơ: {journey.code}",
        "Kèm theo hồ sơ của: Nguyễn Thị Hồng Nhung",
        "Cơ quan (bộ phận) giải quyết hồ sơ: Sở Tư pháp tỉnh Hưng Yên",
        "09 giờ 15 phút, ngày 05 tháng 3 năm 2026",
        "10 giờ 00 phút, ngày 05 tháng 3 năm 2026",
        "14 giờ 00 phút, ngày 11 tháng 3 năm 2026",
        "09 giờ 00 phút, ngày 16 tháng 3 năm 2026",
        "10 giờ 30 phút, ngày 16 tháng 3 năm 2026",
        "16 giờ 00 phút, ngày 17 tháng 3 năm 2026",
        "Trả kết quả cho tổ chức, cá nhân",
        "Trực tiếp tại bộ phận một cửa",
    )
    # Every verdict printed: the header's hint (on every page) names each once, the rows
    # add theirs; the head of department's step was late.
    verdicts = [r["verdict"] for r in rows if r["verdict"]]
    assert "Quá hạn" in verdicts
    headers = text.count("(Trước hạn/ Đúng hạn/ Quá hạn)")
    assert headers >= 1
    for label in ("Trước hạn", "Đúng hạn", "Quá hạn"):
        assert text.count(label) == headers + verdicts.count(label), label
    assert_diacritics_survived(
        text, *APPLICANT_TEXTS, "Lê Thị Ngọc Ánh", "Phạm Quốc Việt", "Đỗ Thị Hương"
    )
    write_png(document, tmp_path, "control_sheet")


def test_control_sheet_of_a_lien_thong_chain_names_the_coordinating_agency(
    dossier, people, hung_yen, pdf_text
):
    finance = make_agency("000.00.12.H33", "Sở Tài chính tỉnh Hưng Yên", parent=hung_yen)
    d = fire(dossier, "transfer", people["desk"], vn(2026, 3, 5, 10, 0))
    d = fire(d, "forward_to_agency", people["head"], vn(2026, 3, 6, 10, 0), to_agency=finance)
    context = build_control_sheet_context(d, {})
    assert context["lead_agency"] == "Sở Tư pháp tỉnh Hưng Yên"
    assert context["coordinating_agencies"] == ["Sở Tài chính tỉnh Hưng Yên"]
    assert context["rows"][-1]["receiver"] == "Sở Tài chính tỉnh Hưng Yên – Chuyên viên xử lý"
    document = issue_document(form="control_sheet", actor=None, dossier=d)
    assert_all_in(
        pdf_text(file_bytes(document)),
        "Cơ quan phối hợp giải quyết hồ sơ: Sở Tài chính tỉnh Hưng Yên",
    )


# --- The result document ----------------------------------------------------------------


def test_result_decision_with_default_body_and_fees(
    journey, people, department, pdf_text, tmp_path
):
    document = issue_document(
        form="result", actor=people["leader"], dossier=journey, agency=department, now=ISSUED
    )
    text = pdf_text(file_bytes(document))
    assert (document.number_display, document.symbol) == ("Số: 01/QĐ-STP", "QĐ-STP")
    assert_all_in(
        text,
        *NATIONAL,
        "SỞ TƯ PHÁP TỈNH HƯNG YÊN",
        "Số: 01/QĐ-STP",
        "Hưng Yên, ngày 18 tháng 3 năm 2026",
        "QUYẾT ĐỊNH",
        "Về việc Đăng ký khai sinh cho con: Nguyễn Minh Khôi, sinh ngày 02/02/2026",
        f"mã hồ sơ {journey.code}",
        "tiếp nhận ngày 05 tháng 3 năm 2026",
        "số định danh cá nhân 033190004567",
        "Chấp thuận đề nghị của ông/bà Nguyễn Thị Hồng Nhung",
        # 5.000 + 8.000 đồng, in figures and in words.
        "Phí, lệ phí đã nộp: 13.000 đồng (bằng chữ: Mười ba nghìn đồng)",
        "Lệ phí đăng ký hộ tịch",
        "Phí cấp bản sao trích lục",
        "Nơi nhận:",
        "- Ông/bà Nguyễn Thị Hồng Nhung;",
        f"- Lưu: VT, hồ sơ {journey.code}.",
        "GIÁM ĐỐC",
        "Đỗ Thị Hương",
    )
    assert_diacritics_survived(text, *APPLICANT_TEXTS)
    # The fees come after the body and before the closing line.
    assert text.index("Chấp thuận") < text.index("13.000 đồng") < text.index("thi hành")
    assert list(public_result_documents(journey)) == [document]
    write_png(document, tmp_path, "result")


def test_result_body_written_by_the_officer(journey, people, department, procedure, pdf_text):
    procedure.result_name = "Trích lục khai sinh (bản chính)"
    procedure.save()
    body = (
        "Chứng nhận bà Nguyễn Thị Hồng Nhung đã đăng ký khai sinh cho con.\n\n"
        "Họ, chữ đệm, tên: NGUYỄN MINH KHÔI; giới tính: Nam; quê quán: Hưng Yên."
    )
    document = issue_document(
        form="result",
        actor=people["leader"],
        dossier=journey,
        agency=department,
        params={"body": body, "signer_title": "Phó Giám đốc", "authority_prefix": "KT. Giám đốc"},
    )
    text = pdf_text(file_bytes(document))
    assert_all_in(
        text,
        "TRÍCH LỤC KHAI SINH (BẢN CHÍNH)",
        "Chứng nhận bà Nguyễn Thị Hồng Nhung đã đăng ký khai sinh cho con.",
        "NGUYỄN MINH KHÔI; giới tính: Nam; quê quán: Hưng Yên.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
    )
    assert "Căn cứ hồ sơ đề nghị" not in text
    assert "Về việc" not in text  # a certificate has no trích yếu
    # Without a written body, the default names the procedure's result.
    default = build_result_context(journey, {})["paragraphs"]
    assert "Cấp trích lục khai sinh (bản chính) cho ông/bà Nguyễn Thị Hồng Nhung" in default[2]


def test_result_needs_an_approved_dossier(dossier, people):
    d = fire(dossier, "transfer", people["desk"], vn(2026, 3, 5, 10, 0))
    with pytest.raises(DocumentError, match="chưa được phê duyệt"):
        issue_document(form="result", actor=people["desk"], dossier=d)


# --- Symbols --------------------------------------------------------------------------


def test_agency_symbols(hung_yen, centre, department):
    assert agency_symbol(hung_yen) == "UBND"
    assert agency_symbol(centre) == "TTPVHCC"
    assert agency_symbol(department) == "STP"
    department.short_name = "stp-hy"
    assert agency_symbol(department) == "STP-HY"


def test_every_form_is_portrait_a4_except_the_register(journey, people):
    document = issue_document(form="control_sheet", actor=None, dossier=journey)
    box = PdfReader(io.BytesIO(file_bytes(document))).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
