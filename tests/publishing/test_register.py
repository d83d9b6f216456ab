"""Sổ theo dõi hồ sơ (DOMAIN.md §6.7): a month of a desk's dossiers, landscape, many pages.

The dossiers are received and moved on through the real services; the register is issued
through ``issue_document`` like any other form and read back page by page with pypdf.
"""

import datetime
import io
import shutil
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader

from dossiers import services
from dossiers.models import Status
from dossiers.services import Applicant
from publishing.formdefs.register import build_register_context
from publishing.services import DocumentError, issue_document
from tests.dossiers.factories import vn

NAMES = [
    "Trần Thị Ngọc Ánh",
    "Lê Văn Hùng",
    "Phạm Đức Thắng",
    "Vũ Thị Hương Giang",
    "Đặng Quốc Bảo",
    "Hoàng Thị Thúy Hằng",
    "Bùi Văn Lượng",
    "Ngô Thị Ỷ Lan",
    "Dương Văn Ửng",
    "Mạc Thị Ẫn",
    "Đỗ Hữu Nghĩa",
    "Quách Thị Ỡn",
]
HEADER = [
    "TT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Ngày, tháng, năm",
    "Nhận hồ sơ",
    "Hẹn trả kết quả",
    "Chuyển hồ sơ đến cơ quan giải quyết",
    "Nhận kết quả từ cơ quan giải quyết",
    "Trả kết quả cho tổ chức, cá nhân",
    "Ký nhận",
    "Ghi chú",
]
PER_DAY = 6


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def working_days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def applicant(index: int) -> Applicant:
    return Applicant(
        name=NAMES[index % len(NAMES)],
        phone=f"09{index:08d}",
        address=f"Thôn Đồng Xá {index}, xã Tiên Tiến, tỉnh Hưng Yên",
    )


def fire(dossier, name, actor, at, **kwargs):
    return services.fire(dossier, name, actor=actor, version=dossier.version, at=at, **kwargs)


def receive_at(people, procedure, centre, index, at):
    return services.receive_dossier(
        actor=people["desk"],
        procedure=procedure,
        agency=centre,
        channel="truc-tiep",
        applicant=applicant(index),
        received_at=at,
        subject=f"Đăng ký khai sinh cho con thứ {index % 3 + 1}",
        sets=1 + index % 2,
    )


@pytest.fixture
def month(people, procedure, centre):
    """126 dossiers received at the centre over March 2026 (6 a working day), some moved
    on: every 7th transferred, every 14th taken to a returned result, every 10th from the
    fourth refused; plus one dossier on each side of the month."""
    dossiers = []
    for day_index, day in enumerate(
        working_days(datetime.date(2026, 3, 2), datetime.date(2026, 3, 31))[:21]
    ):
        for slot in range(PER_DAY):
            index = day_index * PER_DAY + slot
            at = vn(day.year, day.month, day.day, 7, 30) + datetime.timedelta(minutes=40 * slot)
            d = receive_at(people, procedure, centre, index, at)
            if index % 10 == 3:
                d = fire(
                    d,
                    "refuse",
                    people["desk"],
                    at + datetime.timedelta(minutes=10),
                    note="Sai thẩm quyền",
                )
            elif index % 7 == 0:
                d = fire(d, "transfer", people["desk"], at + datetime.timedelta(hours=1))
                if index % 14 == 0:
                    step = at + datetime.timedelta(days=1)
                    d = fire(d, "forward", people["specialist"], step)
                    d = fire(d, "forward", people["head"], step + datetime.timedelta(hours=2))
                    d = fire(d, "approve", people["leader"], step + datetime.timedelta(hours=3))
                    d = fire(d, "return_result", people["desk"], step + datetime.timedelta(days=1))
            dossiers.append(d)
    before = receive_at(people, procedure, centre, 900, vn(2026, 2, 27, 16, 0))
    after = receive_at(people, procedure, centre, 901, vn(2026, 4, 1, 8, 0))
    return {"inside": dossiers, "outside": [before, after]}


PERIOD = {"date_from": "2026-03-01", "date_to": "2026-03-31"}


def test_register_of_a_month_is_landscape_with_the_header_on_every_page(
    month, people, centre, tmp_path
):
    inside = month["inside"]
    assert len(inside) == 126
    document = issue_document(
        form="register",
        actor=people["desk"],
        agency=centre,
        params=dict(PERIOD),
        now=vn(2026, 4, 1, 9, 0),
    )
    assert document.params == {**PERIOD, "agency": centre.code}
    assert document.number is None and document.number_display == ""
    with document.file.open("rb") as handle:
        data = handle.read()
    reader = PdfReader(io.BytesIO(data))
    assert document.pages == len(reader.pages) >= 3

    pages = [nfc(page.extract_text()) for page in reader.pages]
    for number, (page, text) in enumerate(zip(reader.pages, pages, strict=True), start=1):
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (842, 595), number
        for heading in HEADER:
            assert heading in text, (number, heading)

    text = " ".join(pages)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH HƯNG YÊN",
        "SỔ THEO DÕI HỒ SƠ",
        "Từ ngày 01/03/2026 đến ngày 31/03/2026",
        "Hưng Yên, ngày 01 tháng 4 năm 2026",
        "Tổng số: 126 hồ sơ",
        "Thủ tục đăng ký khai sinh",
        "Từ chối tiếp nhận",
        *NAMES,
    ):
        assert nfc(expected) in text, expected
    accented = {c for name in NAMES for c in nfc(name) if ord(c) > 127}
    assert accented <= set(text)
    # Codes may wrap inside their narrow column: compare without whitespace.
    compact = "".join(text.split())
    for dossier in inside:
        assert dossier.code in compact
    for dossier in month["outside"]:
        assert dossier.code not in compact

    if shutil.which("pdftoppm") is not None:
        pdf = tmp_path / "register.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-png",
                "-f",
                "1",
                "-l",
                "2",
                str(pdf),
                str(tmp_path / "register"),
            ],
            check=True,
        )
        pngs = sorted(tmp_path.glob("register-*.png"))
        assert len(pngs) == 2
        print(f"\nregister pages 1-2: {', '.join(map(str, pngs))}")


def test_register_rows_take_three_queries_whatever_their_number(
    month, centre, django_assert_num_queries
):
    with django_assert_num_queries(3):
        context = build_register_context(None, {**PERIOD, "agency": centre.code})
    rows = context["rows"]
    assert [row["code"] for row in rows] == [d.code for d in month["inside"]]
    returned = next(d for d in month["inside"] if d.status == Status.RETURNED)
    row = next(r for r in rows if r["code"] == returned.code)
    first = returned.events.get(transition="transfer").at
    decided = returned.events.get(transition="approve").at
    assert row["received_at"] == returned.received_at
    assert row["due_at"] == returned.due_at
    assert row["sent_at"] == first
    assert row["result_at"] == decided
    assert row["returned_at"] == returned.returned_at
    assert row["lead_agency"] == "Sở Tư pháp tỉnh Hưng Yên"
    assert row["sets"] == returned.sets
    untouched = next(r for r in rows if r["sent_at"] is None and not r["note"])
    assert untouched["lead_agency"] == "" and untouched["returned_at"] is None


def test_register_filters_by_status(month, centre):
    returned = build_register_context(None, {**PERIOD, "agency": centre.code, "status": 10})
    codes = {row["code"] for row in returned["rows"]}
    assert codes == {d.code for d in month["inside"] if d.status == Status.RETURNED}
    assert len(codes) == 9  # every 14th of 126
    assert "trạng thái: Đã trả kết quả" in returned["summary"]
    several = build_register_context(None, {**PERIOD, "agency": centre.code, "status": [3, "10"]})
    assert len(several["rows"]) == len(codes) + sum(
        1 for d in month["inside"] if d.status == Status.REFUSED
    )


@pytest.mark.parametrize(
    "params",
    [
        {"date_to": "2026-03-31"},
        {"date_from": "2026-03-31", "date_to": "2026-03-01"},
        {"date_from": "01/03/2026", "date_to": "2026-03-31"},
        {**PERIOD, "status": 42},
        {**PERIOD, "status": "tất cả"},
        {**PERIOD, "agency": "X.99"},
    ],
)
def test_register_refuses_bad_params(centre, params):
    params = {"agency": centre.code, **params}
    with pytest.raises(DocumentError):
        build_register_context(None, params)


def test_an_empty_period_prints_one_page_saying_so(centre, people, pdf_text):
    document = issue_document(
        form="register",
        actor=people["desk"],
        agency=centre,
        params={"date_from": "2026-01-01", "date_to": "2026-01-31"},
    )
    with document.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert document.pages == 1
    assert "Không có hồ sơ nào trong khoảng thời gian này." in text
    assert "Tổng số: 0 hồ sơ" in text
