"""A dossier's journey through the back office, then the citizen's lookup (issue 3).

The desk receives a dossier and transfers it, the specialist forwards it, the department
head approves it, the desk returns it; the applicant then looks it up with the code and
the lookup secret from the receipt and sees every step.
"""

import re

import pytest
from django.contrib.auth import get_user_model

from dossiers.models import OfficerRole
from dossiers.roles import ensure_officer_groups, make_officer
from tests.dossiers.factories import make_agency, make_procedure

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "mat-khau-thu-nghiem-2026"


@pytest.fixture
def office(catalogue):
    ensure_officer_groups()
    centre = make_agency("000.00.31.H33", "Trung tâm Phục vụ hành chính công tỉnh Hưng Yên")
    department = make_agency("000.00.15.H33", "Sở Tư pháp tỉnh Hưng Yên")
    procedure = make_procedure(catalogue, processing_agency=department)
    users = {}
    for username, agency, role in [
        ("desk", centre, OfficerRole.DESK),
        ("specialist", department, OfficerRole.SPECIALIST),
        ("head", department, OfficerRole.DEPARTMENT_HEAD),
    ]:
        user = get_user_model().objects.create_user(
            username=username, password=PASSWORD, first_name=username.title()
        )
        make_officer(user, agency, role)
        users[username] = user
    return procedure


def sign_in(browser, live_server, username):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/admin/$"))
    return page


def act(page, label, fill=None):
    """Click the action button on the dossier page, fill its form, submit it."""
    page.locator("[data-action-name]", has_text=label).first.click()
    for field_label, value in (fill or {}).items():
        page.get_by_label(field_label).fill(value)
    page.locator("form button[type=submit]", has_text=label).click()
    page.wait_for_load_state()
    assert page.get_by_text(f"Đã thực hiện “{label}”").is_visible()


def test_dossier_from_receipt_to_return_then_lookup(live_server, browser, screenshots, office):
    desk = sign_in(browser, live_server, "desk")
    desk.goto(f"{live_server.url}/admin/ho-so/tiep-nhan/?procedure={office.pk}")
    desk.get_by_label("Họ tên người nộp").fill("Nguyễn Thị Hoa")
    desk.get_by_label("Điện thoại").fill("0912 345 678")
    screenshots(desk, "10-receive-form")
    desk.get_by_role("button", name="Tiếp nhận và cấp mã hồ sơ").click()
    desk.wait_for_load_state()
    message = desk.get_by_text("Đã tiếp nhận hồ sơ").inner_text()
    code, secret = re.search(
        r"hồ sơ (\S+)\. Mã tra cứu trao cho người nộp: (\w+)", message
    ).groups()
    assert code.startswith("000.00.31.H33-")
    dossier_url = desk.url
    act(desk, "Chuyển xử lý")
    screenshots(desk, "11-transferred")

    specialist = sign_in(browser, live_server, "specialist")
    specialist.goto(dossier_url)
    act(specialist, "Chuyển bước tiếp theo")

    head = sign_in(browser, live_server, "head")
    head.goto(dossier_url)
    act(head, "Phê duyệt, ký kết quả", {"Số văn bản kết quả": "15/QĐ-STP"})

    desk.goto(dossier_url)
    act(desk, "Trả kết quả")
    screenshots(desk, "12-returned")
    assert "Đã trả kết quả" in desk.locator("main").inner_text()

    citizen = browser.new_context(locale="vi-VN").new_page()
    citizen.goto(live_server.url + "/tra-cuu-ho-so/")
    citizen.get_by_label("Mã hồ sơ").fill(code)
    citizen.get_by_label(re.compile("Mã tra cứu")).fill(secret.lower())
    citizen.get_by_role("button", name=re.compile("Tra cứu")).click()
    citizen.wait_for_load_state()
    result = citizen.locator("main").inner_text()
    screenshots(citizen, "13-lookup")
    assert code in result
    assert "Đã trả kết quả" in result
    for step in ("Chuyển xử lý", "Chuyển bước tiếp theo", "Phê duyệt, ký kết quả", "Trả kết quả"):
        assert step in result
    assert "Sở Tư pháp tỉnh Hưng Yên" in result
    assert "Specialist" not in result  # officers' names are not shown to the public
