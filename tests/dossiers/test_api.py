"""The JSON API under /api/v1/: tokens, receipt, transitions, reading, lookup, statistics,
the OpenAPI document and the error envelope on every failure."""

import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import APIToken

from dossiers import services
from dossiers.models import Dossier, DossierEvent, OfficerRole, Status
from dossiers.services import Applicant
from tests.dossiers.factories import make_agency, make_officer, make_procedure, vn


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The lookup rate limiter counts failures in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def other_province(db):
    return make_agency("000.00.31.H26", "Trung tâm Phục vụ hành chính công tỉnh khác")


@pytest.fixture
def people(province, department, other_province):
    return {
        "desk": make_officer("desk", province, OfficerRole.DESK),
        "specialist": make_officer("specialist", department, OfficerRole.SPECIALIST),
        "head": make_officer("head", department, OfficerRole.DEPARTMENT_HEAD),
        "stranger": make_officer("stranger", other_province, OfficerRole.DESK),
    }


@pytest.fixture
def procedure(catalogue, department):
    return make_procedure(catalogue, processing_agency=department)


def issue_token(username: str, name: str = "") -> str:
    out, err = io.StringIO(), io.StringIO()
    args = [username] + (["--name", name] if name else [])
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip()


@pytest.fixture
def tokens(people):
    return {key: issue_token(user.username) for key, user in people.items()}


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post_json(client, url, body, token=None):
    headers = bearer(token) if token else {}
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", **headers)


def receipt_body(**overrides) -> dict:
    body = {
        "procedure_code": "1.000656",
        "agency_code": "000.00.31.H33",
        "channel": "truc-tiep",
        "applicant": {
            "name": "Nguyễn Thị Hoa",
            "id_number": "034190001234",
            "phone": "0912345678",
            "email": "hoa@example.vn",
            "address": "Số 5 đường Lê Lợi, phường Hiến Nam",
            "owner_name": "",
        },
        "received_at": "2026-11-16T09:00:00+07:00",
        "subject": "Đăng ký khai sinh cho con",
        "sets": 1,
    }
    body.update(overrides)
    return body


def assert_envelope(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    payload = response.json()
    assert set(payload) == {"error"}
    error = payload["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["message"]
    if code is not None:
        assert error["code"] == code, error
    return error


def receive_via_api(client, token, **overrides):
    response = post_json(client, "/api/v1/dossiers/", receipt_body(**overrides), token)
    assert response.status_code == 201, response.content
    return response.json()


# --- Tokens ------------------------------------------------------------------------


def test_command_prints_a_working_token_once_and_stores_only_its_digest(people):
    token = issue_token("desk", name="Phần mềm một cửa")
    stored = APIToken.objects.get(user=people["desk"])
    assert stored.name == "Phần mềm một cửa"
    assert token.startswith(stored.prefix)
    assert token not in (stored.key_hash, stored.prefix)
    assert stored.key_hash in APIToken.candidate_key_hashes(token)


def test_command_refuses_an_unknown_user(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có người dùng"):
        issue_token("nobody")


def test_missing_or_invalid_token_is_401_in_the_envelope(client, tokens, procedure):
    no_token = post_json(client, "/api/v1/dossiers/", receipt_body())
    assert_envelope(no_token, 401, "unauthorized")
    assert no_token["WWW-Authenticate"] == "Bearer"
    wrong = post_json(client, "/api/v1/dossiers/", receipt_body(), token="wagtail_notatoken")
    assert_envelope(wrong, 401, "unauthorized")
    revoked = APIToken.objects.get(user__username="desk")
    revoked.revoke()
    after_revoke = post_json(client, "/api/v1/dossiers/", receipt_body(), tokens["desk"])
    assert_envelope(after_revoke, 401, "unauthorized")
    assert_envelope(client.get("/api/v1/dossiers/X/"), 401, "unauthorized")
    assert Dossier.objects.count() == 0


# --- Receipt -----------------------------------------------------------------------


def test_receive_returns_code_deadline_and_secret(client, tokens, procedure, province):
    data = receive_via_api(client, tokens["desk"])
    assert data["code"] == "000.00.31.H33-261116-0001"
    assert data["status"] == Status.RECEIVED == 2
    assert data["status_label"] == "Được tiếp nhận"
    # Historical receipt (Mon 16/11/2026 09:00) + 5 working days → Mon 23/11/2026 09:00.
    assert data["due_at"] == "2026-11-23T09:00:00+07:00"
    assert data["version"] == 1
    dossier = Dossier.objects.get(code=data["code"])
    assert data["lookup_secret"] == dossier.lookup_secret
    assert dossier.received_at == vn(2026, 11, 16, 9, 0)
    assert dossier.receiving_agency == province
    assert dossier.applicant_email == "hoa@example.vn"
    assert dossier.events.get().actor_name == "Desk"


def test_receive_without_received_at_uses_now(client, tokens, procedure):
    before = timezone.now()
    body = receipt_body()
    del body["received_at"]
    response = post_json(client, "/api/v1/dossiers/", body, tokens["desk"])
    assert response.status_code == 201, response.content
    dossier = Dossier.objects.get(code=response.json()["code"])
    assert before <= dossier.received_at <= timezone.now()
    assert f"-{timezone.localtime(dossier.received_at):%y%m%d}-" in dossier.code


def test_receive_normalises_decomposed_vietnamese_to_nfc(client, tokens, procedure):
    import unicodedata

    nfd_name = unicodedata.normalize("NFD", "Nguyễn Thị Hoa")
    assert nfd_name != "Nguyễn Thị Hoa"
    body = receipt_body(applicant={"name": f"  {nfd_name} "})
    data = receive_via_api(client, tokens["desk"], applicant=body["applicant"])
    assert Dossier.objects.get(code=data["code"]).applicant_name == "Nguyễn Thị Hoa"


def test_unknown_procedure_or_agency(client, tokens, procedure):
    response = post_json(
        client, "/api/v1/dossiers/", receipt_body(procedure_code="9.999999"), tokens["desk"]
    )
    assert_envelope(response, 404, "unknown_procedure")
    response = post_json(
        client, "/api/v1/dossiers/", receipt_body(agency_code="000.00.99.H99"), tokens["desk"]
    )
    assert_envelope(response, 404, "unknown_agency")


def test_receipt_by_an_officer_of_another_agency_is_forbidden(client, tokens, procedure):
    response = post_json(client, "/api/v1/dossiers/", receipt_body(), tokens["stranger"])
    error = assert_envelope(response, 403, "forbidden")
    assert "cán bộ một cửa" in error["message"]
    assert Dossier.objects.count() == 0


def test_validation_errors_are_422_with_field_details(client, tokens, procedure):
    body = receipt_body(channel="fax", sets=0)
    body["applicant"] = {"phone": "0912"}
    error = assert_envelope(
        post_json(client, "/api/v1/dossiers/", body, tokens["desk"]), 422, "validation_error"
    )
    fields = {d["field"]: d for d in error["details"]}
    assert fields["body.payload.channel"]["type"] == "literal_error"
    assert fields["body.payload.sets"]["type"] == "greater_than_equal"
    assert fields["body.payload.applicant.name"]["message"] == "Thiếu trường bắt buộc."


@pytest.mark.parametrize(
    "received_at",
    [
        "2026-11-16T09:00:00",  # naive
        "16/11/2026 09:00",  # not ISO 8601
        "2026-11-16",  # a date, not a moment
        1763258400,  # a Unix timestamp
        "0001-01-01T00:00:00+14:00",
        "1999-12-31T09:00:00+07:00",
    ],
)
def test_received_at_must_be_an_aware_iso_moment(client, tokens, procedure, received_at):
    response = post_json(
        client, "/api/v1/dossiers/", receipt_body(received_at=received_at), tokens["desk"]
    )
    error = assert_envelope(response, 422, "validation_error")
    assert error["details"][0]["field"] == "body.payload.received_at"
    assert Dossier.objects.count() == 0


def test_received_in_the_future_is_refused(client, tokens, procedure):
    response = post_json(
        client,
        "/api/v1/dossiers/",
        receipt_body(received_at="2099-01-01T09:00:00+07:00"),
        tokens["desk"],
    )
    assert_envelope(response, 422, "received_in_future")


# --- Transitions -------------------------------------------------------------------


def transition_url(code: str) -> str:
    return f"/api/v1/dossiers/{code}/transitions/"


def test_transition_with_current_version_succeeds(client, tokens, procedure, department):
    code = receive_via_api(client, tokens["desk"])["code"]
    response = post_json(
        client, transition_url(code), {"name": "transfer", "version": 1}, tokens["desk"]
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["status"], data["version"], data["current_agency"]["code"]) == (
        Status.PROCESSING,
        2,
        department.code,
    )
    assert [e["transition"] for e in data["events"]] == ["receive", "transfer"]
    response = post_json(
        client,
        transition_url(code),
        {"name": "forward", "version": 2, "note": "Đã thẩm định"},
        tokens["specialist"],
    )
    assert response.status_code == 200, response.content
    assert response.json()["stage"] == "department_head"
    response = post_json(
        client,
        transition_url(code),
        {"name": "approve", "version": 3, "result_number": "15/QĐ-STP"},
        tokens["head"],
    )
    assert response.status_code == 200, response.content
    assert Dossier.objects.get(code=code).result_number == "15/QĐ-STP"


def test_stale_version_is_409_and_changes_nothing(client, tokens, procedure):
    code = receive_via_api(client, tokens["desk"])["code"]
    post_json(client, transition_url(code), {"name": "transfer", "version": 1}, tokens["desk"])
    before = Dossier.objects.get(code=code)
    history_rows = before.history.count()
    response = post_json(
        client,
        transition_url(code),
        {"name": "forward", "version": 1, "note": "Trên bản cũ"},
        tokens["specialist"],
    )
    assert_envelope(response, 409, "stale_version")
    after = Dossier.objects.get(code=code)
    assert (after.version, after.stage, after.status) == (before.version, before.stage, 4)
    assert after.history.count() == history_rows
    assert DossierEvent.objects.filter(dossier=after).count() == 2


def test_transition_by_another_agency_is_403(client, tokens, procedure):
    code = receive_via_api(client, tokens["desk"])["code"]
    response = post_json(
        client, transition_url(code), {"name": "transfer", "version": 1}, tokens["stranger"]
    )
    assert_envelope(response, 403, "forbidden")
    assert Dossier.objects.get(code=code).version == 1


def test_transition_not_allowed_in_this_state_is_409(client, tokens, procedure):
    code = receive_via_api(client, tokens["desk"])["code"]
    response = post_json(
        client, transition_url(code), {"name": "return_result", "version": 1}, tokens["desk"]
    )
    assert_envelope(response, 409, "invalid_transition")


def test_unknown_transition_is_400(client, tokens, procedure):
    code = receive_via_api(client, tokens["desk"])["code"]
    response = post_json(
        client, transition_url(code), {"name": "teleport", "version": 1}, tokens["desk"]
    )
    error = assert_envelope(response, 400, "unknown_transition")
    assert "transfer" in error["details"]["allowed"]


def test_transition_parameters_are_checked(client, tokens, procedure):
    code = receive_via_api(client, tokens["desk"])["code"]
    misplaced = post_json(
        client,
        transition_url(code),
        {"name": "transfer", "version": 1, "result_number": "1/QĐ"},
        tokens["desk"],
    )
    error = assert_envelope(misplaced, 422, "invalid_params")
    assert error["details"][0]["field"] == "body.payload.result_number"
    unknown_agency = post_json(
        client,
        transition_url(code),
        {"name": "transfer", "version": 1, "to_agency": "000.00.99.H99"},
        tokens["desk"],
    )
    assert_envelope(unknown_agency, 404, "unknown_agency")
    note_missing = post_json(
        client, transition_url(code), {"name": "refuse", "version": 1}, tokens["desk"]
    )
    assert_envelope(note_missing, 422, "note_required")
    assert Dossier.objects.get(code=code).version == 1


def test_transition_on_unknown_dossier_is_404(client, tokens, procedure):
    response = post_json(
        client,
        transition_url("000.00.31.H33-261116-9999"),
        {"name": "transfer", "version": 1},
        tokens["desk"],
    )
    assert_envelope(response, 404, "not_found")


# --- Reading -----------------------------------------------------------------------


def test_get_dossier_includes_events_and_field_history(client, tokens, procedure, department):
    code = receive_via_api(client, tokens["desk"])["code"]
    post_json(client, transition_url(code), {"name": "transfer", "version": 1}, tokens["desk"])
    response = client.get(f"/api/v1/dossiers/{code}/", **bearer(tokens["specialist"]))
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["code"] == code
    assert "forward" in data["available_transitions"]
    assert [(e["transition"], e["actor"]) for e in data["events"]] == [
        ("receive", "Desk"),
        ("transfer", "Desk"),
    ]
    assert data["events"][1]["to_agency"] == department.code
    created, transferred = data["history"]
    assert created["type"] == "created"
    assert created["change_reason"] == "receive"
    assert created["user"] == "Desk"
    assert {
        "field": "applicant_name",
        "label": "người nộp",
        "old": None,
        "new": "Nguyễn Thị Hoa",
    } in created["changes"]
    assert transferred["change_reason"] == "transfer"
    changes = {c["field"]: (c["old"], c["new"]) for c in transferred["changes"]}
    assert changes["status"] == (Status.RECEIVED, Status.PROCESSING)
    assert changes["version"] == (1, 2)
    assert changes["stage"] == ("desk", "specialist")
    assert changes["current_agency"] == ("000.00.31.H33", department.code)
    assert "lookup_secret" not in {c["field"] for c in created["changes"]}


def test_officer_who_never_had_the_dossier_gets_404(client, tokens, procedure):
    code = receive_via_api(client, tokens["desk"])["code"]
    response = client.get(f"/api/v1/dossiers/{code}/", **bearer(tokens["stranger"]))
    assert_envelope(response, 404, "not_found")
    # The desk that received it still sees it after handing it over.
    post_json(client, transition_url(code), {"name": "transfer", "version": 1}, tokens["desk"])
    assert client.get(f"/api/v1/dossiers/{code}/", **bearer(tokens["desk"])).status_code == 200


# --- Public lookup -----------------------------------------------------------------


def test_lookup_with_the_right_secret(client, tokens, procedure):
    data = receive_via_api(client, tokens["desk"])
    response = client.get(
        "/api/v1/lookup/", {"code": data["code"].lower(), "secret": data["lookup_secret"]}
    )
    assert response.status_code == 200, response.content
    found = response.json()
    assert (found["code"], found["status"]) == (data["code"], Status.RECEIVED)
    assert found["due_at"] == "2026-11-23T09:00:00+07:00"
    assert [step["transition"] for step in found["timeline"]] == ["receive"]
    assert "Desk" not in json.dumps(found, ensure_ascii=False)  # no officer names


def test_lookup_failures_all_look_the_same(client, tokens, procedure):
    data = receive_via_api(client, tokens["desk"])
    wrong_secret = client.get("/api/v1/lookup/", {"code": data["code"], "secret": "ZZZZZZ"})
    unknown_code = client.get(
        "/api/v1/lookup/", {"code": "000.00.31.H33-261116-9999", "secret": "ZZZZZZ"}
    )
    nothing = client.get("/api/v1/lookup/")
    nul = client.get("/api/v1/lookup/", {"code": data["code"] + "\x00", "secret": "\x00"})
    errors = [
        assert_envelope(r, 404, "not_found") for r in (wrong_secret, unknown_code, nothing, nul)
    ]
    assert all(e == errors[0] for e in errors)


def test_lookup_is_rate_limited(client, tokens, procedure, settings):
    settings.DOSSIER_LOOKUP_MAX_FAILURES = 3
    data = receive_via_api(client, tokens["desk"])
    for _attempt in range(3):
        response = client.get("/api/v1/lookup/", {"code": data["code"], "secret": "WRONG1"})
        assert_envelope(response, 404, "not_found")
    # Even the right secret is refused until the window has passed.
    limited = client.get("/api/v1/lookup/", {"code": data["code"], "secret": data["lookup_secret"]})
    error = assert_envelope(limited, 429, "rate_limited")
    assert int(limited["Retry-After"]) == error["details"]["retry_after"] > 0


# --- Statistics --------------------------------------------------------------------


def test_statistics_are_public_and_count_receipts(client, tokens, procedure, province):
    receive_via_api(client, tokens["desk"])
    receive_via_api(client, tokens["desk"], received_at="2026-11-17T10:00:00+07:00")
    receive_via_api(client, tokens["desk"], channel="buu-chinh")
    response = client.get(
        "/api/v1/statistics/",
        {
            "agency": province.code,
            "procedure": procedure.code,
            "start": "2026-11-01",
            "end": "2026-11-30",
        },
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["period"] == {"start": "2026-11-01", "end": "2026-11-30"}
    assert data["received"]["total"] == 3
    assert data["received"]["truc-tiep"] == 2
    assert data["received"]["buu-chinh"] == 1
    assert data["in_processing"]["total"] == 3
    direct_only = client.get(
        "/api/v1/statistics/",
        {"channel": "truc-tiep", "start": "2026-11-01", "end": "2026-11-30"},
    ).json()
    assert direct_only["received"]["total"] == 2
    earlier = client.get("/api/v1/statistics/", {"start": "2025-01-01", "end": "2025-01-31"})
    assert earlier.status_code == 200
    assert earlier.json()["received"]["total"] == 0


def test_statistics_refuse_bad_filters(client, db):
    assert_envelope(
        client.get("/api/v1/statistics/", {"start": "2026-12-01", "end": "2026-11-01"}),
        422,
        "invalid_period",
    )
    assert_envelope(
        client.get("/api/v1/statistics/", {"start": "01/11/2026"}), 422, "validation_error"
    )
    assert_envelope(
        client.get("/api/v1/statistics/", {"agency": "000.00.99.H99"}), 404, "unknown_agency"
    )


# --- OpenAPI -----------------------------------------------------------------------


def test_openapi_document_is_valid_and_complete(client, db):
    from openapi_spec_validator import validate

    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1"
    assert "Một Cửa" in document["info"]["title"]
    expected = {
        ("/api/v1/dossiers/", "post"),
        ("/api/v1/dossiers/{code}/transitions/", "post"),
        ("/api/v1/dossiers/{code}/", "get"),
        ("/api/v1/lookup/", "get"),
        ("/api/v1/statistics/", "get"),
    }
    operations = {
        (path, method): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
    }
    assert expected <= set(operations)
    for operation in operations.values():
        assert operation["responses"]
        assert operation["summary"] and operation["description"]
    assert "BearerTokenAuth" in document["components"]["securitySchemes"]
    assert client.get("/api/v1/docs").status_code == 404


# --- Hostile input -----------------------------------------------------------------


HOSTILE_BODIES = [
    ("malformed JSON", '{"procedure_code": "1.000656", "channel": ', 400, "malformed_request"),
    ("not an object", "[1, 2, 3]", 422, "validation_error"),
    ("empty body", "", 422, "validation_error"),
    ("wrong types", receipt_body(sets="many", applicant="Hoa", channel=3), 422, None),
    ("1 MB string", receipt_body(subject="a" * 1_000_000), 422, "validation_error"),
    ("null bytes", receipt_body(applicant={"name": "Hoa\x00"}), 422, "validation_error"),
    ("null byte in code", receipt_body(procedure_code="1.000656\x00"), 422, None),
    ("unknown field", receipt_body(status=10), 422, "validation_error"),
    ("deep nesting", "[" * 5000 + "]" * 5000, None, None),
    ("huge number", receipt_body(sets=10**400), 422, "validation_error"),
    ("bad email", receipt_body(applicant={"name": "Hoa", "email": "not-an-email"}), 422, None),
]


@pytest.mark.parametrize(
    ("label", "body", "status", "code"), HOSTILE_BODIES, ids=[b[0] for b in HOSTILE_BODIES]
)
def test_hostile_receipt_bodies_get_a_4xx_envelope(
    client, tokens, procedure, label, body, status, code
):
    response = post_json(client, "/api/v1/dossiers/", body, tokens["desk"])
    assert 400 <= response.status_code < 500, (label, response.status_code, response.content[:300])
    assert_envelope(response, status or response.status_code, code)
    assert Dossier.objects.count() == 0


HOSTILE_TRANSITIONS = [
    {"name": "transfer", "version": "one"},
    {"name": "transfer", "version": 10**30},
    {"name": "transfer"},
    {"name": None, "version": 1},
    {"name": "\x00", "version": 1},
    {"name": "reschedule", "version": 1, "note": "Trễ", "new_due_at": "2026-12-01T09:00:00"},
    {"name": "forward_to_agency", "version": 1},
    {"name": "request_supplement", "version": 1, "note": "Thiếu", "missing_documents": "x"},
]


@pytest.mark.parametrize("body", HOSTILE_TRANSITIONS)
def test_hostile_transition_bodies_get_a_4xx_envelope(client, tokens, procedure, body):
    code = receive_via_api(client, tokens["desk"])["code"]
    response = post_json(client, transition_url(code), body, tokens["desk"])
    assert 400 <= response.status_code < 500, (body, response.status_code, response.content)
    assert_envelope(response, response.status_code)
    assert Dossier.objects.get(code=code).version == 1


def test_odd_paths_methods_and_sizes_still_get_the_envelope(client, tokens, procedure, settings):
    assert_envelope(client.get("/api/v1/no-such-thing/"), 404, "not_found")
    assert_envelope(
        client.delete("/api/v1/dossiers/X/", **bearer(tokens["desk"])), 405, "method_not_allowed"
    )
    assert_envelope(
        client.get("/api/v1/dossiers/" + "A" * 5000 + "/", **bearer(tokens["desk"])),
        404,
        "not_found",
    )
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    too_big = post_json(client, "/api/v1/dossiers/", receipt_body(note="x" * 2000), tokens["desk"])
    assert_envelope(too_big, 413, "payload_too_large")


def test_messages_stay_vietnamese_for_english_clients(client, tokens, procedure):
    response = client.get("/api/v1/dossiers/X/", HTTP_ACCEPT_LANGUAGE="en")
    assert assert_envelope(response, 401)["message"].startswith("Cần mã truy cập")


def test_services_and_api_agree_on_a_dossier_received_by_the_service(
    client, tokens, people, procedure, province
):
    dossier = services.receive_dossier(
        actor=people["desk"],
        procedure=procedure,
        agency=province,
        channel="buu-chinh",
        applicant=Applicant(name="Trần Văn Bình"),
        received_at=vn(2026, 11, 18, 14, 0),
    )
    data = client.get(f"/api/v1/dossiers/{dossier.code}/", **bearer(tokens["desk"])).json()
    assert (data["channel"], data["applicant"]["name"]) == ("buu-chinh", "Trần Văn Bình")
    assert data["received_at"] == "2026-11-18T14:00:00+07:00"


def test_reschedule_without_an_appointment_is_refused_not_a_crash(client, tokens, procedure):
    # The procedure has no time limit for postal receipt, so no appointment exists.
    code = receive_via_api(client, tokens["desk"], channel="buu-chinh")["code"]
    assert Dossier.objects.get(code=code).due_at is None
    response = post_json(
        client,
        transition_url(code),
        {
            "name": "reschedule",
            "version": 1,
            "note": "Trễ",
            "new_due_at": "2026-12-01T09:00:00+07:00",
        },
        tokens["desk"],
    )
    assert_envelope(response, 409, "invalid_transition")
