"""The public dossier lookup at /tra-cuu-ho-so/ (DOMAIN.md §5) and its reusable queries."""

import re
import unicodedata

import pytest
from django.core.cache import cache

from dossiers import services
from dossiers.models import OfficerRole
from dossiers.queries.lookup import (
    LookupRateLimiter,
    client_ip,
    find_dossier_for_lookup,
    lookup_url,
    normalize_code,
    normalize_phone,
    public_summary,
    public_timeline,
)
from dossiers.services import Applicant
from tests.dossiers.factories import make_officer, make_procedure, vn

URL = "/tra-cuu-ho-so/"
NOT_FOUND = (
    "Không tìm thấy hồ sơ với thông tin đã nhập. Vui lòng kiểm tra lại mã hồ sơ và mã tra cứu."
)
PROCEDURE_TITLE = "Thủ tục đăng ký khai sinh"
APPLICANT = "Nguyễn Thị Hoa"
PHONE = "0912345678"
ID_NUMBER = "034190001234"
INTERNAL_NOTE = "Ghi chú nội bộ: thiếu bản sao giấy chứng sinh, gọi anh Tùng"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def people(province, department):
    return {
        "desk": make_officer("trandesk", province, OfficerRole.DESK),
        "specialist": make_officer("leexpert", department, OfficerRole.SPECIALIST),
        "head": make_officer("phamhead", department, OfficerRole.DEPARTMENT_HEAD),
    }


@pytest.fixture
def procedure(catalogue, department):
    return make_procedure(catalogue, processing_agency=department)


@pytest.fixture
def dossier(people, procedure, province):
    return services.receive_dossier(
        actor=people["desk"],
        procedure=procedure,
        agency=province,
        channel="truc-tiep",
        applicant=Applicant(name=APPLICANT, phone=PHONE, id_number=ID_NUMBER),
        received_at=vn(2026, 11, 16, 9, 0),
        note="Ghi chú khi tiếp nhận: hồ sơ photo mờ",
    )


@pytest.fixture
def returned(dossier, people):
    """Received, transferred on time, a late specialist step, approved, returned late."""
    d = services.fire(
        dossier, "transfer", actor=people["desk"], version=dossier.version, at=vn(2026, 11, 16, 10)
    )
    d = services.fire(
        d,
        "forward",
        actor=people["specialist"],
        version=d.version,
        at=vn(2026, 11, 23, 9),
        note=INTERNAL_NOTE,
    )
    d = services.fire(
        d,
        "approve",
        actor=people["head"],
        version=d.version,
        at=vn(2026, 11, 23, 10),
        result_number="15/QĐ-STP",
    )
    return services.fire(
        d,
        "return_result",
        actor=people["desk"],
        version=d.version,
        at=vn(2026, 11, 24, 9),
        method="postal",
    )


def post(client, code, secret, **extra):
    return client.post(URL, {"code": code, "secret": secret}, **extra)


def text(response) -> str:
    return response.content.decode()


def assert_found(response, dossier):
    assert response.status_code == 200
    body = text(response)
    assert PROCEDURE_TITLE in body
    assert dossier.code in body
    assert NOT_FOUND not in body


def assert_not_found(response):
    assert response.status_code == 200
    body = text(response)
    assert NOT_FOUND in body
    assert PROCEDURE_TITLE not in body


# --- Finding the dossier --------------------------------------------------------------


def test_right_code_and_secret_shows_the_dossier(client, dossier):
    response = post(client, dossier.code, dossier.lookup_secret)
    assert_found(response, dossier)
    body = text(response)
    assert "Được tiếp nhận" in body
    assert "Trung tâm Phục vụ hành chính công tỉnh" in body
    # Received 09:00 16/11/2026, due five working days later.
    assert "09:00 16/11/2026" in body
    assert "09:00 23/11/2026" in body


@pytest.mark.parametrize(
    "phone",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "+84 912 345 678",
        "+84912345678",
        "84912345678",
        "0084-912-345-678",
    ],
)
def test_right_code_and_phone_in_any_usual_format(client, dossier, phone):
    assert_found(post(client, dossier.code, phone), dossier)


def test_right_code_and_identity_number(client, dossier):
    assert_found(post(client, dossier.code, "034 190 001 234"), dossier)
    assert find_dossier_for_lookup(dossier.code, ID_NUMBER) == dossier


def test_wrong_secret_gives_the_neutral_message(client, dossier):
    wrong = "ZZZZZZ" if dossier.lookup_secret != "ZZZZZZ" else "YYYYYY"
    assert_not_found(post(client, dossier.code, wrong))
    # A phone number or identity number that is almost right is still wrong.
    assert_not_found(post(client, dossier.code, "0912345679"))
    assert_not_found(post(client, dossier.code, "034190001235"))
    assert find_dossier_for_lookup(dossier.code, wrong) is None


def test_unknown_code_gives_the_same_page_as_a_wrong_secret(client, dossier):
    unknown = dossier.code[:-4] + "9999"
    wrong_secret = post(
        client, dossier.code, "ZZZZZZ" if dossier.lookup_secret != "ZZZZZZ" else "Y"
    )
    unknown_code = post(client, unknown, dossier.lookup_secret)
    assert_not_found(unknown_code)

    def neutral(response, code):
        body = text(response).replace(code, "CODE")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)

    assert wrong_secret.status_code == unknown_code.status_code
    assert neutral(wrong_secret, dossier.code) == neutral(unknown_code, unknown)


def test_empty_phone_on_file_never_matches(client, people, procedure, province):
    dossier = services.receive_dossier(
        actor=people["desk"],
        procedure=procedure,
        agency=province,
        channel="truc-tiep",
        applicant=Applicant(name=APPLICANT),
        received_at=vn(2026, 11, 16, 9, 0),
    )
    assert find_dossier_for_lookup(dossier.code, "") is None
    assert find_dossier_for_lookup(dossier.code, "  ") is None
    assert_not_found(post(client, dossier.code, "00000000"))


def test_nfd_and_sloppy_input_is_normalised(client, dossier):
    # A code typed lower-case with spaces and a typographic dash, sent in NFD.
    code = unicodedata.normalize("NFD", " " + dossier.code.lower().replace("-", " – ", 1) + " ")
    # The secret in lower case with a combining accent on each letter (what a Vietnamese
    # input method in NFD produces) and digits typed full-width.
    secret = "".join(
        (ch.lower() + "\u0300") if ch.isalpha() else chr(ord(ch) + 0xFEE0)
        for ch in dossier.lookup_secret
    )
    assert unicodedata.normalize("NFD", secret) == secret
    assert_found(post(client, code, secret), dossier)
    # The same accented input composed (NFC) works as well.
    assert_found(post(client, code, unicodedata.normalize("NFC", secret)), dossier)


def test_non_ascii_factor_is_a_plain_failure(client, dossier):
    assert_not_found(post(client, dossier.code, "mật khẩu đúng"))


@pytest.mark.parametrize("field", ["code", "secret"])
def test_huge_input_gives_a_form_error_not_a_500(client, dossier, field):
    data = {"code": dossier.code, "secret": dossier.lookup_secret, field: "A" * 10_000}
    response = client.post(URL, data)
    assert response.status_code == 200
    body = text(response)
    message = "Mã hồ sơ quá dài" if field == "code" else "Thông tin tra cứu quá dài"
    assert message in body
    assert 'aria-invalid="true"' in body
    assert PROCEDURE_TITLE not in body
    # The same input by GET (a tampered QR link) is refused the same way.
    assert message in text(client.get(URL, data))


def test_nul_and_other_stray_characters_never_reach_the_database(client, dossier):
    assert find_dossier_for_lookup(dossier.code + "\x00", dossier.lookup_secret) is None
    assert find_dossier_for_lookup(dossier.code, dossier.lookup_secret + "\x00") is None
    assert find_dossier_for_lookup("'; DROP TABLE x; --", PHONE) is None
    assert find_dossier_for_lookup("", "") is None
    for data in (
        {"code": dossier.code + "\x00", "secret": "x"},
        {"code": dossier.code, "secret": "\x00"},
    ):
        assert client.post(URL, data).status_code == 200


def test_malformed_code_gives_a_form_error(client, dossier):
    response = post(client, "<script>alert(1)</script>", dossier.lookup_secret)
    assert response.status_code == 200
    assert "Mã hồ sơ chỉ gồm chữ, chữ số" in text(response)
    assert "<script>alert" not in text(response)


# --- What the page shows --------------------------------------------------------------


def test_no_officer_names_notes_or_applicant_data_in_the_page(client, returned, people):
    body = text(post(client, returned.code, returned.lookup_secret))
    assert PROCEDURE_TITLE in body
    for user in people.values():
        assert user.get_full_name() not in body
        assert user.get_username() not in body
    for event in returned.events.all():
        assert event.actor_name
        assert event.actor_name not in body
        if event.note:
            assert event.note not in body
    assert INTERNAL_NOTE not in body
    assert "15/QĐ-STP" not in body
    assert APPLICANT not in body
    assert PHONE not in body
    assert ID_NUMBER not in body


def test_timeline_shows_every_step_with_agency_and_verdict(client, returned):
    timeline = public_timeline(returned)
    assert [row["transition"] for row in timeline] == [
        "receive",
        "transfer",
        "forward",
        "approve",
        "return_result",
    ]
    assert [row["agency"] for row in timeline] == [
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Sở Tư pháp",
        "Sở Tư pháp",
        "Trung tâm Phục vụ hành chính công tỉnh",
    ]
    # The desk (8 hours, due the next morning) was early; the specialist's 24 hours
    # overran; the department head finished on the day of their deadline.
    assert [row["timeliness"] for row in timeline] == ["", "early", "late", "on_time", ""]
    assert timeline[1]["to_agency"] == "Sở Tư pháp"
    assert timeline[3]["to_agency"] == "Trung tâm Phục vụ hành chính công tỉnh"
    for row in timeline:
        assert set(row) >= {"at", "action", "agency", "timeliness", "timeliness_label"}
        assert "actor" not in " ".join(row)
        assert "note" not in row

    body = text(post(client, returned.code, returned.lookup_secret))
    table = body[body.index("lookup-timeline") :]
    assert table.count("<tr>") == 1 + len(timeline)
    for label in (
        "Tiếp nhận hồ sơ",
        "Chuyển xử lý",
        "Chuyển bước tiếp theo",
        "Phê duyệt, ký kết quả",
        "Trả kết quả",
    ):
        assert label in table
    assert table.count("Trước hạn") == 1
    assert table.count("Đúng hạn") == 1
    assert table.count("Trễ hạn") == 1
    assert "10:00 16/11/2026" in table
    assert "Chuyển đến: Sở Tư pháp" in table


def test_returned_dossier_shows_return_and_lateness(client, returned):
    summary = public_summary(returned)
    assert summary["status_label"] == "Đã trả kết quả"
    assert summary["progress"] == {"code": "late", "label": "Trễ hạn", "closed": True}
    body = text(post(client, returned.code, returned.lookup_secret))
    assert "Đã trả kết quả" in body
    assert "09:00 24/11/2026" in body
    assert "Qua dịch vụ bưu chính" in body


def test_result_ready_tells_where_to_collect(client, dossier, people):
    d = services.fire(
        dossier, "transfer", actor=people["desk"], version=dossier.version, at=vn(2026, 11, 16, 10)
    )
    d = services.fire(
        d, "forward", actor=people["specialist"], version=d.version, at=vn(2026, 11, 17, 9)
    )
    d = services.fire(d, "approve", actor=people["head"], version=d.version, at=vn(2026, 11, 18, 9))
    summary = public_summary(d)
    assert summary["result_ready"] is True
    assert summary["progress"]["code"] == "early"
    body = text(post(client, d.code, d.lookup_secret))
    assert "Đã xử lý xong" in body
    assert "Mời ông/bà đến nhận kết quả tại Trung tâm Phục vụ hành chính công tỉnh" in body
    assert "Trước hạn" in body


def test_open_dossier_within_near_and_overdue(dossier):
    assert public_summary(dossier, now=vn(2026, 11, 16, 10))["progress"]["code"] == "within"
    assert public_summary(dossier, now=vn(2026, 11, 20, 10))["progress"]["code"] == "near"
    late = public_summary(dossier, now=vn(2026, 11, 24, 10))["progress"]
    assert late == {"code": "overdue", "label": "Quá hạn", "closed": False}


def test_supplement_request_shows_paused_clock_without_the_reason(client, dossier, people):
    d = services.fire(
        dossier, "transfer", actor=people["desk"], version=dossier.version, at=vn(2026, 11, 16, 10)
    )
    d = services.fire(
        d,
        "request_supplement",
        actor=people["specialist"],
        version=d.version,
        at=vn(2026, 11, 17, 9),
        note=INTERNAL_NOTE,
    )
    body = text(post(client, d.code, PHONE))
    assert "Yêu cầu bổ sung giấy tờ" in body
    assert "Tạm dừng tính thời hạn" in body
    assert "Yêu cầu bổ sung hồ sơ" in body
    assert INTERNAL_NOTE not in body


# --- Links, headers, languages ------------------------------------------------------


def test_qr_link_looks_up_directly(client, dossier, home_page):
    url = lookup_url(dossier)
    assert url.startswith(URL + "?code=")
    response = client.get(url)
    assert_found(response, dossier)
    assert lookup_url(dossier, absolute=True).startswith("http://localhost/tra-cuu-ho-so/?code=")


def test_qr_link_is_the_vietnamese_url_even_in_english(dossier):
    from django.utils import translation

    with translation.override("en"):
        assert lookup_url(dossier).startswith(URL)


def test_privacy_headers_on_every_answer(client, dossier):
    for response in (
        client.get(URL),
        client.get(lookup_url(dossier)),
        post(client, dossier.code, "WRONG1"),
    ):
        assert "no-store" in response["Cache-Control"]
        assert response["Referrer-Policy"] == "same-origin"
        assert "noindex" in response["X-Robots-Tag"]


def test_empty_form_renders_with_the_second_factor_label(client, home_page):
    response = client.get(URL)
    assert response.status_code == 200
    body = text(response)
    assert "Mã tra cứu in trên giấy hẹn, hoặc số điện thoại, hoặc số định danh cá nhân" in body
    assert NOT_FOUND not in body
    assert "<script>" not in body and " onclick=" not in body


def test_english_version_renders(client, dossier):
    response = client.get("/en" + URL)
    assert response.status_code == 200
    assert '<html lang="en">' in text(response)
    found = client.post("/en" + URL, {"code": dossier.code, "secret": dossier.lookup_secret})
    assert_found(found, dossier)


def test_failed_secret_is_not_echoed_back(client, dossier):
    body = text(post(client, dossier.code, "0987654321"))
    assert "0987654321" not in body


# --- Rate limiting --------------------------------------------------------------------


@pytest.fixture
def mid_window(monkeypatch):
    """Wall time fixed in the middle of a 15-minute bucket, so a test's attempts never
    straddle a bucket boundary."""
    monkeypatch.setattr("dossiers.queries.lookup._now", lambda: 1_000_000 * 900 + 450.0)


def test_rate_limit_after_ten_failures(client, dossier, mid_window):
    for _attempt in range(10):
        assert_not_found(post(client, dossier.code, "WRONG1"))
    blocked = post(client, dossier.code, dossier.lookup_secret)
    assert blocked.status_code == 429
    body = text(blocked)
    seconds = int(blocked["Retry-After"])
    assert seconds in (451, 452)
    minutes = -(-seconds // 60)
    assert f"Vui lòng thử lại sau {minutes} phút" in body
    assert PROCEDURE_TITLE not in body
    # Another code from the same client is blocked too (per IP) ...
    assert post(client, dossier.code[:-1] + "8", "WRONG1").status_code == 429
    # ... and the same code from another client (per code).
    assert post(client, dossier.code, "WRONG1", REMOTE_ADDR="10.0.0.9").status_code == 429


def test_limit_per_code_counts_across_clients(client, dossier, mid_window):
    for n in range(10):
        post(client, dossier.code, "WRONG1", REMOTE_ADDR=f"10.0.1.{n}")
    assert (
        post(client, dossier.code, dossier.lookup_secret, REMOTE_ADDR="10.0.2.1").status_code == 429
    )
    # Other codes from a fresh client are unaffected.
    other = post(client, dossier.code[:-1] + "8", "WRONG1", REMOTE_ADDR="10.0.2.1")
    assert other.status_code == 200


def test_successful_lookups_do_not_count(client, dossier, mid_window):
    for _attempt in range(9):
        assert_not_found(post(client, dossier.code, "WRONG1"))
    for _attempt in range(5):
        assert_found(post(client, dossier.code, dossier.lookup_secret), dossier)
    assert_not_found(post(client, dossier.code, "WRONG1"))  # the tenth failure
    assert post(client, dossier.code, dossier.lookup_secret).status_code == 429


def test_form_errors_do_not_count(client, dossier):
    for _attempt in range(12):
        client.post(URL, {"code": "A" * 10_000, "secret": "x"})
    assert_found(post(client, dossier.code, dossier.lookup_secret), dossier)


class FakeClock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_limiter_window_slides():
    clock = FakeClock(1_000_000 * 900 + 450)  # the middle of a 15-minute bucket
    limiter = LookupRateLimiter(max_failures=10, window=900, clock=clock)
    for _attempt in range(10):
        assert limiter.retry_after(ip="192.0.2.1", code="X-1") == 0
        limiter.record_failure(ip="192.0.2.1", code="X-1")
    wait = limiter.retry_after(ip="192.0.2.1", code="X-1")
    # Ten failures in this bucket: allowed again once the bucket starts leaving the window.
    assert 450 < wait <= 452
    assert limiter.retry_after(ip="192.0.2.2", code="X-2") == 0
    clock.now += wait
    assert limiter.retry_after(ip="192.0.2.1", code="X-1") == 0
    # The old failures still weigh: one more failure blocks again at once.
    limiter.record_failure(ip="192.0.2.1", code="X-1")
    assert limiter.retry_after(ip="192.0.2.1", code="X-1") > 0
    clock.now += 2 * 900
    assert limiter.retry_after(ip="192.0.2.1", code="X-1") == 0


def test_limiter_across_a_bucket_boundary_keeps_the_limit():
    clock = FakeClock(1_000_000 * 900 - 10)  # ten seconds before a bucket ends
    limiter = LookupRateLimiter(max_failures=10, window=900, clock=clock)
    for _attempt in range(10):
        limiter.record_failure(ip="192.0.2.1", code="X-1")
    clock.now += 20  # the next bucket: the burst still counts almost fully
    # A fixed window would allow ten more; the sliding estimate (9.8) allows one.
    assert limiter.retry_after(ip="192.0.2.1", code="X-1") == 0
    limiter.record_failure(ip="192.0.2.1", code="X-1")
    assert limiter.retry_after(ip="192.0.2.1", code="X-1") > 60


# --- Helpers ----------------------------------------------------------------------------


def test_normalisers():
    assert normalize_code(" 000.00.31.h33 - 261116 - 0001 ") == "000.00.31.H33-261116-0001"
    assert normalize_code("000.00.31.H33\u2013261116\u20130001") == "000.00.31.H33-261116-0001"
    assert normalize_phone("+84 (912) 345.678") == "0912345678"
    assert normalize_phone("091 234") == ""
    assert normalize_phone("abc") == ""


def test_client_ip(rf, settings):
    request = rf.get(URL, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_ip(request) == "198.51.100.7"  # the header is not trusted by default
    settings.DOSSIER_LOOKUP_TRUSTED_PROXIES = 1
    assert client_ip(request) == "203.0.113.5"
    spoofed = rf.get(URL, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert client_ip(spoofed) == "203.0.113.5"
    settings.DOSSIER_LOOKUP_TRUSTED_PROXIES = 0
    a = rf.get(URL, REMOTE_ADDR="2001:db8:1:2::1")
    b = rf.get(URL, REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert client_ip(a) == client_ip(b) == "2001:db8:1:2::/64"
