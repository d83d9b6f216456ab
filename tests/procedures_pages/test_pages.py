"""Public pages of the catalogue: layout, home page, catalogue filters, procedure detail."""

import datetime
import re
import unicodedata
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.documents.models import Document
from wagtail.models import Site

from procedures_pages.models import (
    DocumentRequirement,
    LegalBasis,
    PortalSettings,
    WorkflowStep,
)
from tests.factories import AgencyFactory, SectorFactory, add_news, add_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_language():
    """A request under /en/ leaves English active in the thread; restore Vietnamese."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def text_of(response) -> str:
    """The response body with tags removed and whitespace collapsed: what a user reads."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def result_codes(response) -> list[str]:
    """Procedure codes listed in the catalogue's results table, in order."""
    return [row.code for row in response.context["procedures"]]


@pytest.fixture
def hộ_tịch():
    return SectorFactory(name="Hộ tịch", slug="ho-tich")


@pytest.fixture
def đất_đai():
    return SectorFactory(name="Đất đai", slug="dat-dai")


@pytest.fixture
def commune():
    return AgencyFactory(
        name="Ủy ban nhân dân xã Tân Tiến",
        code="000.00.31.H33",
        address="Thôn Tân Hưng, xã Tân Tiến, tỉnh Hưng Yên",
        phone="0221 3862 111",
        office_hours="07:30–11:30, 13:30–17:00",
    )


@pytest.fixture
def province_centre():
    return AgencyFactory(name="Trung tâm Phục vụ hành chính công tỉnh", code="000.00.00.H33")


@pytest.fixture
def sample_catalogue(catalogue, hộ_tịch, đất_đai, commune, province_centre):
    """Four procedures across two sectors, three levels, two agencies, all online levels."""
    pages = {
        "khai_sinh": add_procedure(
            catalogue,
            code="1.000656",
            title="Đăng ký khai sinh",
            sector=hộ_tịch,
            level_commune=True,
            online_service_level="toan-trinh",
            implementing_agencies=[commune],
        ),
        "ket_hon": add_procedure(
            catalogue,
            code="1.000894",
            title="Đăng ký kết hôn",
            sector=hộ_tịch,
            level_commune=True,
            online_service_level="mot-phan",
            implementing_agencies=[commune],
        ),
        "khai_tu": add_procedure(
            catalogue,
            code="1.000419",
            title="Đăng ký khai tử",
            sector=hộ_tịch,
            level_province=True,
            implementing_agencies=[province_centre],
        ),
        "dat_dai": add_procedure(
            catalogue,
            code="1.004227",
            title="Đăng ký biến động quyền sử dụng đất",
            sector=đất_đai,
            level_province=True,
            level_commune=True,
            online_service_level="mot-phan",
            implementing_agencies=[province_centre],
        ),
    }
    return pages


@pytest.fixture
def portal_settings(home_page):
    site = Site.objects.get(is_default_site=True)
    portal = PortalSettings.for_site(site)
    portal.owner_name = "Ủy ban nhân dân tỉnh Hưng Yên"
    portal.portal_name = "Cổng dịch vụ công tỉnh Hưng Yên"
    portal.address = "Số 10 đường Chùa Chuông, phường Hiến Nam, tỉnh Hưng Yên"
    portal.hotline = "0221 1022"
    portal.email = "motcua@hungyen.gov.vn"
    portal.save()
    return portal


def make_document(title: str, filename: str) -> Document:
    document = Document(title=title)
    document.file.save(filename, ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


@pytest.fixture
def full_procedure(catalogue, hộ_tịch, commune):
    """A procedure with every field of DOMAIN.md §1 filled in, as the import would."""
    form = make_document("Tờ khai đăng ký khai sinh", "to-khai-khai-sinh.pdf")
    template = make_document("Mẫu giấy khai sinh", "mau-giay-khai-sinh.pdf")
    page = add_procedure(
        catalogue,
        code="1.000656",
        title="Thủ tục đăng ký khai sinh",
        sector=hộ_tịch,
        level_commune=True,
        decision_number="1872/QĐ-BTP",
        procedure_type="TTHC được luật giao quy định chi tiết",
        online_service_level="toan-trinh",
        implementing_agencies=[commune],
        implementing_agency_text="Ủy ban nhân dân cấp xã",
        competent_authority="Chủ tịch Ủy ban nhân dân cấp xã",
        authorised_agency="Không có thông tin",
        coordinating_agency="Cơ quan Công an cấp xã",
        receiving_address="Bộ phận một cửa Ủy ban nhân dân xã Tân Tiến",
        applicants="Công dân Việt Nam, người nước ngoài",
        steps="<p>Bước 1: Người yêu cầu nộp hồ sơ tại Bộ phận một cửa.</p>",
        conditions="<p>Không quy định điều kiện riêng.</p>",
        result_name="Giấy khai sinh (bản chính)",
        result_code="KQ.G15.000033",
        result_template=template,
        related_procedures="1.000689 – Thủ tục đăng ký thường trú",
        source_url="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.000656",
        unparsed_text="Ghi chú gốc: miễn lệ phí cho trẻ em thuộc hộ nghèo",
        channels=[
            {
                "channel": "truc-tiep",
                "time_limit_value": Decimal("1"),
                "time_limit_unit": "working_days",
                "fee_amount": 1_500_000,
                "description": "Nộp tại Bộ phận một cửa",
            },
            {
                "channel": "truc-tuyen",
                "time_limit_unit": "same_day",
                "fee_amount": 0,
                "description": "Nộp qua Cổng dịch vụ công quốc gia",
            },
        ],
        documents=[
            DocumentRequirement(
                case_name="Trường hợp đăng ký khai sinh đúng hạn",
                name="Tờ khai đăng ký khai sinh",
                originals=1,
                form_name="Mẫu tờ khai TT04",
                form=form,
            ),
            DocumentRequirement(
                case_name="Trường hợp đăng ký khai sinh đúng hạn",
                name="Giấy chứng sinh",
                originals=1,
                copies=2,
            ),
            DocumentRequirement(
                case_name="Trường hợp đăng ký khai sinh quá hạn",
                name="Văn bản cam đoan về việc sinh",
                quantity_text="01 bản",
            ),
            DocumentRequirement(
                kind=DocumentRequirement.Kind.SHOW,
                name="Căn cước của người đi đăng ký",
            ),
        ],
        legal_bases=[
            LegalBasis(
                number="60/2014/QH13",
                summary="Luật Hộ tịch",
                issued_on=datetime.date(2014, 11, 20),
                issuer="Quốc hội",
            ),
        ],
        workflow_steps=[
            WorkflowStep(
                name="Tiếp nhận, kiểm tra hồ sơ",
                unit="Bộ phận một cửa",
                role="desk",
                allotted_value=Decimal("4"),
                allotted_unit="hours",
            ),
            WorkflowStep(
                name="Thẩm định, trình ký",
                unit="Công chức tư pháp – hộ tịch",
                role="specialist",
                allotted_value=Decimal("0.5"),
                allotted_unit="working_days",
                form_used="Phiếu kiểm soát quá trình",
            ),
        ],
    )
    return page


# --- Layout ---------------------------------------------------------------------------


def test_layout_has_landmarks_skip_link_navigation_and_footer(client, catalogue, portal_settings):
    response = client.get(catalogue.url)
    html = response.content.decode()
    text = text_of(response)

    assert '<html lang="vi">' in html
    assert 'class="skip-link" href="#main-content"' in html
    assert 'id="main-content"' in html
    assert "<header" in html and "<main" in html and "<footer" in html
    assert 'aria-label="Điều hướng chính"' in html
    for label in ("Trang chủ", "Thủ tục hành chính", "Tra cứu hồ sơ"):
        assert label in text
    assert 'href="/tra-cuu-ho-so/"' in html
    # The current section is marked for assistive technology.
    assert f'href="{catalogue.url}" aria-current="page"' in html
    # Portal owner and contact details come from the site settings.
    assert "Ủy ban nhân dân tỉnh Hưng Yên" in text
    assert "Số 10 đường Chùa Chuông" in text
    assert 'href="tel:02211022"' in html
    assert 'href="mailto:motcua@hungyen.gov.vn"' in html
    # No inline script or handler: a CSP will forbid them.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_news_link_in_navigation_when_news_index_exists(client, catalogue, news_index):
    html = client.get(catalogue.url).content.decode()
    assert f'href="{news_index.url}"' in html
    assert ">Tin tức<" in html


def test_language_switcher_is_a_post_form_to_set_language(client, catalogue):
    html = client.get(catalogue.url + "?q=khai+sinh").content.decode()
    assert 'action="/i18n/setlang/" method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="next" value="/thu-tuc-hanh-chinh/?q=khai+sinh"' in html
    assert 'name="language" value="vi"' in html
    assert 'name="language" value="en"' in html


def test_english_page_has_lang_en_and_switcher(client, catalogue):
    response = client.get("/en/thu-tuc-hanh-chinh/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert 'action="/i18n/setlang/"' in html
    # The switcher hands over the path without its language prefix.
    assert 'name="next" value="/thu-tuc-hanh-chinh/"' in html
    assert 'href="/en/tra-cuu-ho-so/"' in html
    assert 'value="en" lang="en"\n' in html or 'value="en" lang="en"' in html


def test_interface_is_translated_in_english_and_vietnamese_by_default(client, catalogue):
    english = client.get("/en/thu-tuc-hanh-chinh/").content.decode()
    assert ">Home<" in english
    assert "Administrative procedures" in english
    vietnamese = client.get("/thu-tuc-hanh-chinh/").content.decode()
    assert ">Trang chủ<" in vietnamese
    assert "Administrative procedures" not in vietnamese


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "/en/thu-tuc-hanh-chinh/"), ("vi", "/thu-tuc-hanh-chinh/")],
)
def test_switching_language_redirects_to_the_same_page(client, catalogue, language, expected):
    response = client.post("/i18n/setlang/", {"language": language, "next": "/thu-tuc-hanh-chinh/"})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_404_uses_the_portal_layout(client, home_page):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    text = text_of(response)
    assert "Không tìm thấy trang" in text
    assert "Trang chủ" in text


def test_500_template_renders_without_request_context():
    html = get_template("500.html").render()
    assert "Hệ thống đang gặp sự cố" in html
    assert 'lang="vi"' in html
    assert "/static/css/portal.css" in html


# --- Home page ------------------------------------------------------------------------


def test_home_page_shows_search_sectors_levels_and_latest_news(
    client, home_page, sample_catalogue, news_index, catalogue
):
    add_news(
        news_index, title="Cắt giảm thủ tục hành chính năm 2026", date=datetime.date(2026, 3, 2)
    )
    add_news(news_index, title="Tin nháp chưa đăng", live=False)
    response = client.get(home_page.url)
    html = response.content.decode()
    text = text_of(response)

    assert response.status_code == 200
    assert "<h1" in html and "Tra cứu thủ tục hành chính" in text
    assert f'action="{catalogue.url}"' in html
    assert 'name="q"' in html and 'for="home-q"' in html
    assert "Danh mục hiện có 4 thủ tục hành chính." in text
    # Sectors, most procedures first, with counts.
    assert f'href="{catalogue.url}?linh_vuc=ho-tich"' in html
    assert "Hộ tịch 3 thủ tục" in text
    assert "Đất đai 1 thủ tục" in text
    assert text.index("Hộ tịch 3") < text.index("Đất đai 1")
    # Levels with counts; levels without procedures are not offered.
    assert f'href="{catalogue.url}?cap=xa"' in html
    assert "Cấp xã 3 thủ tục" in text
    assert "Cấp tỉnh 2 thủ tục" in text
    assert "?cap=bo" not in html
    # Latest news, published only.
    assert "Cắt giảm thủ tục hành chính năm 2026" in text
    assert "02/03/2026" in text
    assert "Tin nháp chưa đăng" not in text
    assert f'href="{news_index.url}"' in html


def test_home_page_statistics_slot_holds_the_dossiers_widget(client, home_page, catalogue):
    html = client.get(home_page.url).content.decode()
    slot = html.split('<section class="home-statistics">')[1].split("</section>")[0]
    # Filled by the dossiers app's template tag; its numbers are tested there.
    assert "Kết quả giải quyết TTHC" in slot


def test_home_page_without_catalogue_or_news(client, home_page):
    response = client.get(home_page.url)
    assert response.status_code == 200
    assert "Chưa có tin tức." in text_of(response)


# --- Catalogue ------------------------------------------------------------------------


def test_catalogue_lists_live_procedures_with_their_columns(client, catalogue, sample_catalogue):
    add_procedure(catalogue, code="1.999999", title="Thủ tục còn nháp", live=False)
    response = client.get(catalogue.url)
    text = text_of(response)

    assert response.status_code == 200
    assert "Tìm thấy 4 thủ tục" in text
    assert result_codes(response) == ["1.000419", "1.000656", "1.000894", "1.004227"]
    assert "Thủ tục còn nháp" not in text
    khai_sinh = sample_catalogue["khai_sinh"]
    assert f'<a href="{khai_sinh.url}">Đăng ký khai sinh</a>' in response.content.decode()
    assert "1.000656 Đăng ký khai sinh Hộ tịch Cấp xã Toàn trình" in text
    assert "Cấp tỉnh, Cấp xã" in text


def test_catalogue_form_has_a_label_for_every_field(client, catalogue, sample_catalogue):
    html = client.get(catalogue.url).content.decode()
    for field_id, name in [
        ("filter-q", "q"),
        ("filter-sector", "linh_vuc"),
        ("filter-agency", "co_quan"),
        ("filter-level", "cap"),
        ("filter-online", "muc_do"),
    ]:
        assert f'<label for="{field_id}">' in html
        assert f'id="{field_id}" name="{name}"' in html
    assert "Tìm kiếm</button>" in html
    # No filter yet: nothing to clear.
    assert "Xóa bộ lọc" not in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"linh_vuc": "ho-tich"}, ["1.000419", "1.000656", "1.000894"]),
        ({"co_quan": "000.00.00.H33"}, ["1.000419", "1.004227"]),
        ({"cap": "xa"}, ["1.000656", "1.000894", "1.004227"]),
        ({"muc_do": "mot-phan"}, ["1.000894", "1.004227"]),
        ({"muc_do": "khong"}, ["1.000419"]),
        ({"q": "khai"}, ["1.000419", "1.000656"]),
        ({"q": "1.000894"}, ["1.000894"]),
        ({"linh_vuc": "ho-tich", "cap": "xa", "q": "khai sinh"}, ["1.000656"]),
        ({"linh_vuc": "ho-tich", "cap": "tinh"}, ["1.000419"]),
        ({"co_quan": "000.00.31.H33", "muc_do": "mot-phan"}, ["1.000894"]),
        ({"linh_vuc": "dat-dai", "cap": "xa", "muc_do": "mot-phan"}, ["1.004227"]),
    ],
)
def test_catalogue_filters_alone_and_combined(
    client, catalogue, sample_catalogue, params, expected
):
    response = client.get(catalogue.url, params)
    assert result_codes(response) == expected
    assert f"Tìm thấy {len(expected)} thủ tục" in text_of(response)
    assert "Xóa bộ lọc" in response.content.decode()


def test_catalogue_form_keeps_filter_state(client, catalogue, sample_catalogue):
    html = client.get(
        catalogue.url,
        {
            "q": "khai sinh",
            "linh_vuc": "ho-tich",
            "co_quan": "000.00.31.H33",
            "cap": "xa",
            "muc_do": "toan-trinh",
        },
    ).content.decode()
    assert 'name="q" value="khai sinh"' in html
    assert '<option value="ho-tich" selected>Hộ tịch</option>' in html
    assert '<option value="dat-dai">Đất đai</option>' in html
    assert '<option value="000.00.31.H33" selected>Ủy ban nhân dân xã Tân Tiến</option>' in html
    assert '<option value="xa" selected>Cấp xã</option>' in html
    assert '<option value="toan-trinh" selected>Toàn trình</option>' in html
    assert f'<a class="button button--link" href="{catalogue.url}">Xóa bộ lọc</a>' in html


@pytest.mark.parametrize(
    "query",
    [
        "dang ky khai sinh",
        "DANG KY KHAI SINH",
        "Đăng ký khai sinh",
        unicodedata.normalize("NFD", "Đăng ký khai sinh"),
        "  đăng\u00a0ký   khai sinh ",
    ],
)
def test_free_text_is_diacritic_and_normalisation_insensitive(
    client, catalogue, sample_catalogue, query
):
    response = client.get(catalogue.url, {"q": query})
    assert result_codes(response) == ["1.000656"]


def test_unknown_filter_values_are_ignored(client, catalogue, sample_catalogue):
    response = client.get(
        catalogue.url,
        {"cap": "sao-hoa", "muc_do": "muc-5", "linh_vuc": "khong-co", "co_quan": "ZZZ"},
    )
    assert response.status_code == 200
    assert len(result_codes(response)) == 4
    html = response.content.decode()
    assert " selected" not in html


def test_empty_result_shows_a_message(client, catalogue, sample_catalogue):
    response = client.get(catalogue.url, {"q": "không tồn tại thủ tục này"})
    text = text_of(response)
    assert "Tìm thấy 0 thủ tục" in text
    assert "Không tìm thấy thủ tục nào phù hợp với điều kiện tìm kiếm." in text
    assert "Xem tất cả thủ tục" in text
    assert "<table" not in response.content.decode()


@pytest.fixture
def many_procedures(catalogue, hộ_tịch):
    catalogue.per_page = 10
    catalogue.save_revision().publish()
    for n in range(25):
        add_procedure(
            catalogue,
            code=f"2.{n:06d}",
            title=f"Thủ tục hộ tịch số {n:02d}",
            sector=hộ_tịch,
            level_commune=True,
        )
    return catalogue


def test_pagination_shows_the_second_page_and_keeps_filters(client, many_procedures):
    url = many_procedures.url
    response = client.get(url, {"linh_vuc": "ho-tich", "page": "2"})
    assert result_codes(response) == [f"2.{n:06d}" for n in range(10, 20)]
    html = response.content.decode()
    assert "Tìm thấy 25 thủ tục" in text_of(response)
    assert 'aria-label="Phân trang"' in html
    # Links keep the sector filter and change only the page.
    assert 'href="?linh_vuc=ho-tich&amp;page=3"' in html
    assert 'href="?linh_vuc=ho-tich"' in html  # page 1 drops the parameter
    assert 'aria-current="page">\n' in html or 'aria-current="page">' in html


@pytest.mark.parametrize(("page", "first"), [("abc", 0), ("-1", 20), ("99", 20), ("0", 20)])
def test_invalid_page_number_falls_back(client, many_procedures, page, first):
    response = client.get(many_procedures.url, {"page": page})
    assert response.status_code == 200
    assert result_codes(response)[0] == f"2.{first:06d}"


def count_catalogue_queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"linh_vuc": "ho-tich"})
    assert response.status_code == 200
    return len(queries)


def test_catalogue_query_count_does_not_grow_with_rows(
    client, catalogue, hộ_tịch, django_assert_max_num_queries
):
    agency = AgencyFactory()
    for n in range(5):
        add_procedure(
            catalogue,
            code=f"1.{n:06d}",
            title=f"Thủ tục {n}",
            sector=hộ_tịch,
            implementing_agencies=[agency],
        )
    with_five = count_catalogue_queries(client, catalogue.url)
    for n in range(5, 25):
        add_procedure(
            catalogue,
            code=f"1.{n:06d}",
            title=f"Thủ tục {n}",
            sector=hộ_tịch,
            implementing_agencies=[agency],
        )
    with_twenty_five = count_catalogue_queries(client, catalogue.url)

    assert with_five == with_twenty_five
    # Site and page routing (6), unknown-sector check (1), view restrictions of the
    # .public() querysets (2), count (1), portal settings (1), navigation and breadcrumbs
    # (2), filter options (2), the page of results (1).
    with django_assert_max_num_queries(16):
        client.get(catalogue.url, {"linh_vuc": "ho-tich"})


# --- Procedure page -------------------------------------------------------------------


def test_procedure_page_shows_every_field(client, full_procedure, commune):
    response = client.get(full_procedure.url)
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(response)

    # Identity and classification.
    assert "<h1" in html and "Thủ tục đăng ký khai sinh" in text
    assert "Mã thủ tục 1.000656" in text
    assert "Số quyết định công bố 1872/QĐ-BTP" in text
    assert "Lĩnh vực Hộ tịch" in text
    assert "Cấp thực hiện Cấp xã" in text
    assert "Loại thủ tục TTHC được luật giao quy định chi tiết" in text
    assert "Mức độ dịch vụ công trực tuyến Toàn trình" in text
    # Agencies, with the linked agency's contact details.
    assert "Cơ quan thực hiện Ủy ban nhân dân cấp xã" in text
    assert "Cơ quan có thẩm quyền Chủ tịch Ủy ban nhân dân cấp xã" in text
    assert "Cơ quan được ủy quyền Không có thông tin" in text
    assert "Cơ quan phối hợp Cơ quan Công an cấp xã" in text
    assert "Địa chỉ tiếp nhận hồ sơ Bộ phận một cửa Ủy ban nhân dân xã Tân Tiến" in text
    assert "Ủy ban nhân dân xã Tân Tiến" in text
    assert "Thôn Tân Hưng, xã Tân Tiến, tỉnh Hưng Yên" in text
    assert "0221 3862 111" in text
    assert "07:30–11:30, 13:30–17:00" in text
    # Applicants and steps.
    assert "Đối tượng thực hiện Công dân Việt Nam, người nước ngoài" in text
    assert "Trình tự thực hiện Bước 1: Người yêu cầu nộp hồ sơ tại Bộ phận một cửa." in text
    # The per-channel table.
    assert "Hình thức nộp Thời hạn giải quyết Phí, lệ phí Mô tả" in text
    assert "Trực tiếp 1 ngày làm việc 1.500.000 đồng Nộp tại Bộ phận một cửa" in text
    assert "Trực tuyến Trong ngày Miễn phí Nộp qua Cổng dịch vụ công quốc gia" in text
    # Documents grouped by case, with quantities and the form download link.
    assert "Trường hợp đăng ký khai sinh đúng hạn" in text
    assert "Trường hợp đăng ký khai sinh quá hạn" in text
    assert text.index("đúng hạn") < text.index("Giấy chứng sinh") < text.index("quá hạn")
    assert "Giấy chứng sinh 1 bản chính, 2 bản sao" in text
    assert "Văn bản cam đoan về việc sinh 01 bản" in text
    form = full_procedure.documents.get(name="Tờ khai đăng ký khai sinh").form
    assert f'href="{form.url}"' in html
    assert "Mẫu tờ khai TT04 (tải về PDF)" in text
    # Documents only shown, not handed in.
    assert "Giấy tờ phải xuất trình" in text
    assert "Căn cước của người đi đăng ký" in text
    # Result.
    assert "Tên kết quả Giấy khai sinh (bản chính)" in text
    assert "Mã kết quả KQ.G15.000033" in text
    assert f'href="{full_procedure.result_template.url}"' in html
    # Legal basis with the date as dd/mm/yyyy.
    assert "Số ký hiệu Trích yếu Ngày ban hành Cơ quan ban hành" in text
    assert "60/2014/QH13 Luật Hộ tịch 20/11/2014 Quốc hội" in text
    # Conditions and related procedures.
    assert "Yêu cầu, điều kiện thực hiện Không quy định điều kiện riêng." in text
    assert "1.000689 – Thủ tục đăng ký thường trú" in text
    # Internal workflow with its total (4 h + 0,5 day = 8 h = 1 working day).
    assert "Bước Nội dung Đơn vị/Bộ phận Thời gian" in text
    assert "1 Tiếp nhận, kiểm tra hồ sơ Bộ phận một cửa 4 giờ làm việc" in text
    assert "2 Thẩm định, trình ký Biểu mẫu: Phiếu kiểm soát quá trình" in text
    assert "0,5 ngày làm việc" in text
    assert "Tổng thời gian 8 giờ làm việc (1 ngày làm việc)" in text
    # Verbatim leftovers, source and print link.
    assert "Thông tin khác (nguyên văn) Ghi chú gốc: miễn lệ phí cho trẻ em thuộc hộ nghèo" in text
    assert f'href="{full_procedure.source_url.replace("&", "&amp;")}"' in html
    assert f'href="{full_procedure.url}in/"' in html
    assert "Bản in" in text


def test_procedure_page_hides_empty_sections(client, catalogue):
    page = add_procedure(catalogue, code="1.000001", title="Thủ tục tối giản")
    text = text_of(client.get(page.url))
    assert "Chưa phân loại" in text
    assert "Chưa có thông tin về thành phần hồ sơ." in text
    for heading in (
        "Thông tin khác (nguyên văn)",
        "Quy trình nội bộ",
        "Căn cứ pháp lý",
        "Giấy tờ phải xuất trình",
        "Kết quả thực hiện",
    ):
        assert heading not in text


def test_procedure_page_breadcrumbs(client, full_procedure, catalogue):
    html = client.get(full_procedure.url).content.decode()
    assert 'aria-label="Đường dẫn"' in html
    assert f'<a href="{catalogue.url}">Thủ tục hành chính</a>' in html
    assert '<span aria-current="page">Thủ tục đăng ký khai sinh</span>' in html


def test_procedure_page_query_count_is_bounded(
    client, full_procedure, django_assert_max_num_queries
):
    client.get(full_procedure.url)
    with django_assert_max_num_queries(20):
        client.get(full_procedure.url)


def test_print_view_renders_the_content_without_navigation(client, full_procedure):
    response = client.get(full_procedure.url + "in/")
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(response)
    assert 'class="print-view"' in html
    assert "Thủ tục đăng ký khai sinh" in text
    assert "1.500.000 đồng" in text
    assert "60/2014/QH13 Luật Hộ tịch 20/11/2014 Quốc hội" in text
    assert "Tổng thời gian 8 giờ làm việc (1 ngày làm việc)" in text
    # No navigation, no language switcher, no skip link.
    assert "<nav" not in html
    assert "Điều hướng chính" not in html
    assert "setlang" not in html
    assert f'href="{full_procedure.url}"' in html  # back to the page
    assert "data-print hidden" in html


def test_unpublished_procedure_is_404_and_not_listed(client, catalogue, sample_catalogue):
    page = sample_catalogue["ket_hon"]
    url = page.url
    page.unpublish()
    assert client.get(url).status_code == 404
    assert client.get(url + "in/").status_code == 404
    assert "1.000894" not in result_codes(client.get(catalogue.url))


def test_draft_procedure_is_404(client, catalogue):
    draft = add_procedure(catalogue, code="1.000002", title="Thủ tục nháp", live=False)
    assert client.get("/thu-tuc-hanh-chinh/" + draft.slug + "/").status_code == 404


def test_procedure_page_in_english_keeps_lang_and_links(client, full_procedure):
    url = full_procedure.url
    response = client.get("/en" + url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert f'href="/en{url}in/"' in html
