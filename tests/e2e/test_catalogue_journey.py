"""A citizen finds a procedure: home page → search/filter the catalogue → procedure page."""

import pytest

from tests.factories import AgencyFactory, SectorFactory, add_news, add_procedure

# serialized_rollback restores the rows migrations create (Wagtail root page, site).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def catalogue_content(catalogue, news_index):
    civil = SectorFactory(name="Hộ tịch", slug="ho-tich")
    building = SectorFactory(name="Hoạt động xây dựng", slug="hoat-dong-xay-dung")
    commune = AgencyFactory(name="Ủy ban nhân dân phường Phố Hiến", code="000.41.28.H33")
    birth = add_procedure(
        catalogue,
        code="1.001193",
        title="Thủ tục đăng ký khai sinh",
        sector=civil,
        level_commune=True,
        online_service_level="toan-trinh",
        applicants="Công dân Việt Nam",
        channels=[
            {
                "channel": "truc-tiep",
                "time_limit_value": 1,
                "time_limit_unit": "working_days",
                "fee_amount": 0,
            },
            {
                "channel": "truc-tuyen",
                "time_limit_value": 1,
                "time_limit_unit": "working_days",
                "fee_amount": 0,
            },
        ],
    )
    birth.implementing_agencies.add(commune)
    birth.save_revision().publish()
    add_procedure(
        catalogue,
        code="1.000028",
        title="Thủ tục đăng ký kết hôn",
        sector=civil,
        level_commune=True,
    )
    add_procedure(
        catalogue,
        code="1.009972",
        title="Cấp giấy phép xây dựng mới đối với công trình cấp III",
        sector=building,
        level_province=True,
        channels=[
            {
                "channel": "truc-tiep",
                "time_limit_value": 20,
                "time_limit_unit": "working_days",
                "fee_amount": 150000,
            }
        ],
    )
    add_news(news_index, title="Nghị định 118/2025/NĐ-CP có hiệu lực từ 01/7/2025")
    return birth


def test_citizen_finds_a_procedure_from_the_home_page(
    live_server, page, screenshots, catalogue_content
):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    # Entry points by sector show the sector with its number of procedures.
    assert page.locator(".entry-points").get_by_text("Hộ tịch").is_visible()
    assert page.get_by_text("Nghị định 118/2025/NĐ-CP có hiệu lực từ 01/7/2025").is_visible()
    screenshots(page, "01-home")

    # Search without diacritics, as people type on a phone; suggestions appear as you type.
    box = page.get_by_role("combobox", name="Tìm thủ tục theo tên hoặc mã")
    box.press_sequentially("dang ky kh", delay=30)
    suggestion = page.get_by_role("option", name="Thủ tục đăng ký khai sinh")
    suggestion.wait_for()
    assert suggestion.is_visible()
    screenshots(page, "01b-suggestions")
    box.fill("dang ky khai sinh")
    box.press("Enter")
    page.wait_for_url("**/thu-tuc-hanh-chinh/**")
    results = page.locator("section.results")
    assert results.get_by_text("Thủ tục đăng ký khai sinh").is_visible()
    assert results.get_by_text("Thủ tục đăng ký kết hôn").count() == 0
    screenshots(page, "02-search")

    # Filters combine and stay in the URL.
    page.goto(live_server.url + "/thu-tuc-hanh-chinh/")
    page.get_by_label("Lĩnh vực").select_option("ho-tich")
    page.wait_for_url("**linh_vuc=ho-tich**")
    page.get_by_label("Cấp thực hiện").select_option("xa")
    page.wait_for_url("**cap=xa**")
    assert "linh_vuc=ho-tich" in page.url
    assert results.get_by_text("Thủ tục đăng ký kết hôn").is_visible()
    assert results.get_by_text("Cấp giấy phép xây dựng").count() == 0
    screenshots(page, "03-filtered")

    results.get_by_role("link", name="Thủ tục đăng ký khai sinh").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Thủ tục đăng ký khai sinh").is_visible()
    body = page.locator("main").inner_text()
    assert "1.001193" in body
    assert "Ủy ban nhân dân phường Phố Hiến" in body
    assert "Miễn phí" in body
    screenshots(page, "04-procedure")


def test_english_interface_is_available(live_server, page, catalogue_content):
    page.goto(live_server.url + "/en/thu-tuc-hanh-chinh/")
    assert page.locator("html").get_attribute("lang") == "en"
