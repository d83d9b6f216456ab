"""The renderer: offline, shipped fonts only, A4, deterministic output."""

import datetime
import io
import zoneinfo

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

from publishing.rendering import DOCUMENT_ORIGIN, DocumentURLFetcher, RefusedURL, render_pdf

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
VIETNAMESE = "Đăng ký khai sinh – Nguyễn Thị Hồng Nhung, phường Hiến Nam; ệ ự ỗ ẫ ỹ Ơ Ư đ"


def context(**extra):
    return {
        "agency": {"name": "Trung tâm Phục vụ hành chính công tỉnh Hưng Yên"},
        "superior_agency": {"name": "Ủy ban nhân dân tỉnh Hưng Yên"},
        "number_display": "Số: 05/TB-TTPVHCC",
        "place_date": "Hưng Yên, ngày 05 tháng 3 năm 2026",
        "title": "Thông báo thử nghiệm",
        "issued_at": datetime.datetime(2026, 3, 5, 9, 15, tzinfo=VN),
        "signer_title": "Giám đốc",
        "signer_name": "Đỗ Thị Hương",
        "authority_prefix": "KT. Giám đốc",
        "recipients": ["Như trên", "Lưu: VT, TTPVHCC"],
        "verification_code": "ACDEFGHJKM",
        "verification_url": "https://dichvucong.hungyen.gov.vn/xac-thuc/ACDEFGHJKM/",
        **extra,
    }


def embedded_fonts(pdf: bytes) -> list[tuple[str, bytes]]:
    fonts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                program = descriptor.get("/FontFile2")
                fonts.append(
                    (str(font["/BaseFont"]), program.get_object().get_data() if program else b"")
                )
    return fonts


@pytest.fixture
def pdf():
    return render_pdf("publishing/base_document.html", context())


def test_same_input_gives_byte_identical_pdf(pdf):
    assert render_pdf("publishing/base_document.html", context()) == pdf


def test_different_input_gives_different_pdf(pdf):
    assert render_pdf("publishing/base_document.html", context(title="Khác")) != pdf


def test_page_is_a4_portrait(pdf):
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert abs(float(box.width) - 595.28) < 1
    assert abs(float(box.height) - 841.89) < 1


def test_landscape_variant_turns_the_page():
    pdf = render_pdf("publishing/base_document.html", context(page_orientation="landscape"))
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert abs(float(box.width) - 841.89) < 1
    assert abs(float(box.height) - 595.28) < 1


def test_layout_text_and_diacritics_survive(pdf_text):
    pdf = render_pdf("publishing/base_document.html", context(summary=VIETNAMESE))
    text = pdf_text(pdf)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH HƯNG YÊN",
        "Số: 05/TB-TTPVHCC",
        "Hưng Yên, ngày 05 tháng 3 năm 2026",
        "THÔNG BÁO THỬ NGHIỆM",
        VIETNAMESE,
        "Nơi nhận:",
        "- Lưu: VT, TTPVHCC.",
        "KT. GIÁM ĐỐC",
        "Đỗ Thị Hương",
        "ACDEFGHJKM",
    ):
        assert expected in text, expected


def test_only_the_shipped_liberation_serif_is_embedded(pdf):
    fonts = embedded_fonts(pdf)
    assert fonts
    for _name, program in fonts:
        assert program, "font program (/FontFile2) not embedded"
        family = TTFont(io.BytesIO(program))["name"].getDebugName(1)
        assert family == "Liberation Serif"


def test_pdf_dates_come_from_the_context(pdf):
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info["/CreationDate"].startswith("D:20260305091500+07")


def test_a_missing_shipped_font_stops_the_rendering(settings, tmp_path):
    settings.PUBLISHING_FONTS_DIR = tmp_path  # empty: the machine's fonts must not stand in
    with pytest.raises(FatalURLFetchingError):
        render_pdf("publishing/base_document.html", context())


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://example.com/style.css",
        "file:///etc/passwd",
        DOCUMENT_ORIGIN + "fonts/../../../etc/passwd",
        DOCUMENT_ORIGIN + "static/../config/settings/base.py",
        DOCUMENT_ORIGIN + "media/documents/x.pdf",
        DOCUMENT_ORIGIN + "fonts/missing.ttf",
    ],
)
def test_fetcher_refuses_everything_but_fonts_static_and_data(url):
    with pytest.raises((RefusedURL, ValueError)):
        DocumentURLFetcher().fetch(url)


def test_fetcher_serves_fonts_static_files_and_data_uris():
    fetcher = DocumentURLFetcher()
    font = fetcher.fetch(DOCUMENT_ORIGIN + "fonts/LiberationSerif-Regular.ttf")
    assert font.read(4) == b"\x00\x01\x00\x00"
    css = fetcher.fetch(DOCUMENT_ORIGIN + "static/publishing/document.css")
    assert b"@font-face" in css.read()
    data = fetcher.fetch("data:text/plain;base64,xJDDtG5n")
    assert data.read().decode() == "Đông"


def test_a_template_asking_for_the_network_is_not_rendered():
    html_context = context(qr_data_uri="http://example.com/qr.svg")
    with pytest.raises(FatalURLFetchingError):
        render_pdf("publishing/base_document.html", html_context)
