"""The officers' back office in the Wagtail admin: visibility, queues, keyset pagination,
the receipt form, action forms with optimistic locking, roles and query counts."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dossiers import roles, services
from dossiers.backoffice import views
from dossiers.calendars import calendar_for
from dossiers.models import ChecklistItem, Dossier, Officer, OfficerRole, Stage, Status
from dossiers.queries import backoffice as queries
from dossiers.services import Applicant
from dossiers.working_time import OpenStatus, open_status
from procedures_pages.models import DocumentRequirement
from tests.dossiers.factories import make_agency, make_procedure, vn

NS = "dossiers_backoffice"


def admin_url(name, *args):
    return reverse(f"{NS}:{name}", args=args)


def make_user(username, agency=None, role=None, **extra):
    user = get_user_model().objects.create_user(
        username=username, password="x", first_name=username.title(), **extra
    )
    if agency is not None:
        roles.make_officer(user, agency, role)
    return user


@pytest.fixture
def finance(province):
    return make_agency("000.00.16.H33", "Sở Tài chính")


@pytest.fixture
def people(province, department, finance):
    return {
        "desk": make_user("desk", province, OfficerRole.DESK),
        "specialist": make_user("specialist", department, OfficerRole.SPECIALIST),
        "head": make_user("head", department, OfficerRole.DEPARTMENT_HEAD),
        "leader": make_user("leader", department, OfficerRole.AGENCY_HEAD),
        "finance": make_user("finance", finance, OfficerRole.SPECIALIST),
    }


@pytest.fixture
def procedure(catalogue, department):
    page = make_procedure(catalogue, processing_agency=department)
    for order, name in enumerate(["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]):
        DocumentRequirement.objects.create(
            page=page, sort_order=order, name=name, originals=1, kind="submit"
        )
    DocumentRequirement.objects.create(
        page=page, sort_order=5, name="Căn cước công dân", kind="show"
    )
    return page


def receive(people, procedure, province, at, name="Nguyễn Thị Hoa", **kwargs):
    return services.receive_dossier(
        actor=people["desk"],
        procedure=procedure,
        agency=province,
        channel="truc-tiep",
        applicant=Applicant(name=name, phone="0912345678"),
        received_at=at,
        **kwargs,
    )


def transfer(people, dossier, at=None):
    return services.fire(dossier, "transfer", actor=people["desk"], version=dossier.version, at=at)


def codes_in(response) -> set[str]:
    return set(re.findall(r"000\.00\.\d\d\.H33-\d{6}-\d{4}", response.content.decode()))


def action_names(response) -> set[str]:
    return set(re.findall(r'data-action-name="([a-z_]+)"', response.content.decode()))


# --- Access and visibility -----------------------------------------------------------------


def test_only_officers_and_superusers_enter_the_back_office(client, people, db):
    editor = make_user("editor")
    editor.groups.add(roles.ensure_officer_groups()[OfficerRole.DESK])  # admin access only
    client.force_login(editor)
    response = client.get(admin_url("all"))
    assert response.status_code == 403
    assert "Chỉ cán bộ của cơ quan nhà nước" in response.content.decode()

    client.force_login(make_user("root", is_superuser=True))
    assert client.get(admin_url("all")).status_code == 200
    client.force_login(people["specialist"])
    assert client.get(admin_url("all")).status_code == 200


def test_officer_sees_only_dossiers_that_are_or_were_at_the_agency(
    client, people, procedure, province
):
    dossier = receive(people, procedure, province, vn(2026, 11, 2))
    detail = admin_url("detail", dossier.pk)

    client.force_login(people["specialist"])  # Sở Tư pháp: not yet involved
    assert dossier.code not in codes_in(client.get(admin_url("all")))
    assert client.get(detail).status_code == 404
    assert client.get(admin_url("action_form", dossier.pk, "transfer")).status_code == 404

    transfer(people, dossier)
    assert dossier.code in codes_in(client.get(admin_url("all")))
    assert client.get(detail).status_code == 200

    client.force_login(people["desk"])  # the receiving desk keeps following it
    assert dossier.code in codes_in(client.get(admin_url("all")))
    assert client.get(detail).status_code == 200

    client.force_login(people["finance"])  # never at Sở Tài chính
    assert dossier.code not in codes_in(client.get(admin_url("all")))
    assert client.get(detail).status_code == 404


def test_a_dossier_that_left_the_agency_stays_visible_once_in_lists(
    people, procedure, province, finance
):
    dossier = transfer(people, receive(people, procedure, province, vn(2026, 11, 2)))
    dossier = services.fire(
        dossier,
        "forward_to_agency",
        actor=people["leader"],
        version=dossier.version,
        to_agency=finance,
    )
    # Sở Tư pháp gave it away and several events name it: listed once, through EXISTS.
    rows = list(queries.visible_dossiers(people["specialist"]))
    assert rows == [dossier]
    assert list(queries.visible_dossiers(people["finance"])) == [dossier]


def test_agency_head_sees_every_dossier_of_the_agency_queues_follow_the_stage(
    client, people, procedure, province
):
    at_specialist = transfer(people, receive(people, procedure, province, vn(2026, 11, 2)))
    at_head = transfer(people, receive(people, procedure, province, vn(2026, 11, 2, 10)))
    at_head = services.fire(at_head, "forward", actor=people["specialist"], version=at_head.version)
    assert at_head.stage == Stage.DEPARTMENT_HEAD

    client.force_login(people["leader"])
    assert codes_in(client.get(admin_url("all"))) == {at_specialist.code, at_head.code}
    assert codes_in(client.get(admin_url("action"))) == set()

    client.force_login(people["specialist"])
    assert codes_in(client.get(admin_url("action"))) == {at_specialist.code}
    client.force_login(people["head"])
    assert codes_in(client.get(admin_url("action"))) == {at_head.code}


# --- Queues ---------------------------------------------------------------------------------


@pytest.fixture
def deadline_mix(people, procedure, province):
    """5 working days each; "now" is Friday 13/11/2026 10:00 (window: up to Tue 17/11)."""
    overdue = receive(people, procedure, province, vn(2026, 11, 2))  # due Mon 09/11 09:00
    near = receive(people, procedure, province, vn(2026, 11, 10))  # due Tue 17/11 09:00
    within = receive(people, procedure, province, vn(2026, 11, 12))  # due Thu 19/11 09:00
    paused = transfer(people, receive(people, procedure, province, vn(2026, 11, 2, 10)))
    paused = services.fire(
        paused,
        "request_supplement",
        actor=people["specialist"],
        version=paused.version,
        note="Thiếu giấy chứng sinh",
        at=vn(2026, 11, 3),
    )
    returned = transfer(people, receive(people, procedure, province, vn(2026, 11, 2, 11)))
    returned = services.fire(
        returned, "forward", actor=people["specialist"], version=returned.version
    )
    returned = services.fire(
        returned,
        "approve",
        actor=people["head"],
        version=returned.version,
        result_number="1/QĐ-STP",
    )
    returned = services.fire(
        returned, "return_result", actor=people["desk"], version=returned.version
    )
    return {
        "overdue": overdue,
        "near": near,
        "within": within,
        "paused": paused,
        "returned": returned,
    }


FROZEN_NOW = vn(2026, 11, 13, 10, 0)


def test_overdue_and_near_due_queues_with_a_frozen_clock(people, deadline_mix):
    desk = people["desk"]
    overdue = set(queries.overdue_dossiers(desk, now=FROZEN_NOW))
    near = set(queries.near_due_dossiers(desk, now=FROZEN_NOW))
    assert overdue == {deadline_mix["overdue"]}
    assert near == {deadline_mix["near"]}
    # The queues agree with the per-dossier rule shown in the badges.
    calendar, _hours = calendar_for(None)
    for key in ("overdue", "near", "within"):
        dossier = deadline_mix[key]
        state = open_status(dossier.due_at, FROZEN_NOW, calendar=calendar)
        assert (state == OpenStatus.OVERDUE) == (dossier in overdue)
        assert (state == OpenStatus.NEAR) == (dossier in near)
    # On Tuesday 17/11 the window reaches Thursday 19/11, and 17/11 09:00 has passed.
    later = vn(2026, 11, 17, 10, 0)
    assert deadline_mix["within"] in set(queries.near_due_dossiers(desk, now=later))
    assert deadline_mix["near"] in set(queries.overdue_dossiers(desk, now=later))


def test_queue_pages_use_the_clock_of_the_request(client, people, deadline_mix, monkeypatch):
    client.force_login(people["desk"])
    monkeypatch.setattr(timezone, "now", lambda: FROZEN_NOW)
    overdue_page = client.get(admin_url("overdue"))
    assert codes_in(overdue_page) == {deadline_mix["overdue"].code}
    assert "Quá hạn" in overdue_page.content.decode()
    near_page = client.get(admin_url("near_due"))
    assert codes_in(near_page) == {deadline_mix["near"].code}
    assert 'mc-badge--near">Tới hạn' in near_page.content.decode()


def test_status_filters_and_search(client, people, procedure, province, deadline_mix):
    client.force_login(people["desk"])
    paused = deadline_mix["paused"]
    response = client.get(admin_url("all"), {"status": Status.SUPPLEMENT_REQUESTED})
    assert codes_in(response) == {paused.code}
    other = receive(people, procedure, province, vn(2026, 11, 16), name="Trần Văn Bình")
    assert codes_in(client.get(admin_url("all"), {"applicant": "văn bình"})) == {other.code}
    prefix = other.code[:-2].lower()  # "000.00.31.h33-261116-00"
    assert codes_in(client.get(admin_url("all"), {"code": prefix})) == {other.code}
    response = client.get(
        admin_url("all"), {"received_from": "2026-11-10", "received_to": "2026-11-12"}
    )
    assert codes_in(response) == {deadline_mix["near"].code, deadline_mix["within"].code}
    response = client.get(admin_url("all"), {"procedure": procedure.pk, "status": 10})
    assert codes_in(response) == {deadline_mix["returned"].code}


# --- Keyset pagination ------------------------------------------------------------------------


def test_keyset_pagination_follows_the_cursor_without_duplicates(
    client, people, procedure, province, monkeypatch
):
    same_moment = vn(2026, 11, 4, 9)
    made = [receive(people, procedure, province, same_moment) for _ in range(3)]
    made += [receive(people, procedure, province, vn(2026, 11, day)) for day in (2, 3, 5, 6)]
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    client.force_login(people["desk"])

    seen, pages, url = [], 0, admin_url("all")
    while url:
        response = client.get(url)
        html = response.content.decode()
        seen += re.findall(r">(000\.00\.31\.H33-\d{6}-\d{4})</a>", html)
        pages += 1
        match = re.search(r'href="([^"]+)" rel="next"', html)
        url = match.group(1).replace("&amp;", "&") if match else ""
    assert pages == 3
    assert len(seen) == len(set(seen)) == 7
    expected = sorted(made, key=lambda d: (d.received_at, d.pk), reverse=True)
    assert seen == [d.code for d in expected]


def test_due_ordering_pages_through_dossiers_without_appointment(
    catalogue, people, province, department
):
    unstated = make_procedure(
        catalogue, code="1.000657", unit="unstated", processing_agency=department
    )
    timed = make_procedure(catalogue, code="1.000658", processing_agency=department)
    dossiers = [
        receive(people, unstated if i % 2 else timed, province, vn(2026, 11, 2 + i))
        for i in range(5)
    ]
    queryset = queries.action_dossiers(people["desk"])
    seen, after = [], None
    while True:
        page = queries.keyset_page(
            queryset, ordering=queries.Ordering.DUE_FIRST, after=after, size=2
        )
        seen += page.rows
        if page.next_cursor is None:
            break
        after = page.next_cursor
    assert sorted(d.pk for d in seen) == sorted(d.pk for d in dossiers)
    assert [d.due_at is None for d in seen] == [False, False, False, True, True]
    assert queries.keyset_page(queryset, ordering="due", after="garbage").is_first


def test_bounded_count_stops_at_the_cap(people, procedure, province):
    for day in (2, 3, 4):
        receive(people, procedure, province, vn(2026, 11, day))
    queryset = queries.visible_dossiers(people["desk"])
    assert queries.bounded_count(queryset, cap=2) == (2, True)
    assert queries.bounded_count(queryset, cap=5) == (3, False)


# --- Receipt ----------------------------------------------------------------------------------


def test_receive_form_two_steps_then_code_and_checklist(client, people, procedure):
    client.force_login(people["desk"])
    first = client.get(admin_url("receive")).content.decode()
    assert "Chọn thủ tục" in first and "Giấy chứng sinh" not in first
    second = client.get(admin_url("receive"), {"procedure": procedure.pk}).content.decode()
    assert "Giấy chứng sinh" in second and "Căn cước công dân" not in second  # only "submit"
    birth_form, certificate = procedure.documents.filter(kind="submit").order_by("sort_order")

    response = client.post(
        admin_url("receive"),
        {
            "procedure": procedure.pk,
            "documents": [str(birth_form.pk)],
            "applicant_name": "Lê Thị Mai",
            "applicant_phone": "0987654321",
            "channel": "truc-tiep",
            "sets": 1,
        },
        follow=True,
    )
    dossier = Dossier.objects.get()
    assert response.redirect_chain[-1][0] == admin_url("detail", dossier.pk)
    html = response.content.decode()
    assert f"Đã tiếp nhận hồ sơ {dossier.code}" in html
    assert dossier.lookup_secret in html
    assert dossier.applicant_name == "Lê Thị Mai"
    assert dossier.current_handler == people["desk"]
    checklist = {item.requirement_name: item.received for item in dossier.checklist.all()}
    assert checklist == {birth_form.name: True, certificate.name: False}


def test_receive_form_errors_are_vietnamese_and_keep_the_data(client, people, procedure):
    client.force_login(people["desk"])
    data = {
        "procedure": procedure.pk,
        "applicant_name": "  ",
        "applicant_phone": "0987654321",
        "channel": "truc-tiep",
        "sets": 2,
        "received_at": "2026-11-20T09:00",
    }
    response = client.post(admin_url("receive"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nhập họ tên người nộp hồ sơ." in html
    assert "Chỉ nhập thời điểm tiếp nhận cho hồ sơ gửi qua dịch vụ bưu chính." in html
    assert 'value="0987654321"' in html
    assert "Giấy chứng sinh" in html  # still on step 2
    assert not Dossier.objects.exists()
    assert not ChecklistItem.objects.exists()


def test_postal_receipt_takes_the_postmark_time(client, people, procedure):
    client.force_login(people["desk"])
    client.post(
        admin_url("receive"),
        {
            "procedure": procedure.pk,
            "applicant_name": "Phạm Văn Nam",
            "channel": "buu-chinh",
            "sets": 1,
            "received_at": "2026-11-16T09:00",
        },
    )
    dossier = Dossier.objects.get()
    assert dossier.received_at == vn(2026, 11, 16, 9)
    assert dossier.channel == "buu-chinh"


def test_only_the_desk_may_open_the_receipt_form(client, people):
    client.force_login(people["specialist"])
    response = client.get(admin_url("receive"))
    assert response.status_code == 403
    assert "Chỉ cán bộ bộ phận một cửa" in response.content.decode()


# --- Dossier page and actions -----------------------------------------------------------------


def test_dossier_page_shows_header_timeline_history_and_allowed_actions(
    client, people, procedure, province
):
    dossier = receive(people, procedure, province, vn(2026, 11, 16))
    client.force_login(people["desk"])
    response = client.get(admin_url("detail", dossier.pk))
    html = response.content.decode()
    assert dossier.code in html and "Nguyễn Thị Hoa" in html and "Được tiếp nhận" in html
    assert "Tiếp nhận hồ sơ" in html and "Giấy chứng sinh" in html
    assert action_names(response) == {
        "refuse",
        "transfer",
        "request_supplement",
        "withdraw",
        "stop",
    }

    transfer(people, dossier, at=vn(2026, 11, 16, 10))
    response = client.get(admin_url("detail", dossier.pk))
    html = response.content.decode()
    # The desk can still stop or withdraw at the applicant's request, nothing else.
    assert action_names(response) == {"withdraw", "stop"}
    assert "Chuyển xử lý" in html  # timeline
    assert "Cơ quan đang xử lý: Trung tâm Phục vụ hành chính công tỉnh → Sở Tư pháp" in html
    assert "Trước hạn" in html  # the desk's step closed early

    client.force_login(people["specialist"])
    response = client.get(admin_url("detail", dossier.pk))
    assert action_names(response) == {"forward", "request_supplement", "request_payment"}
    client.force_login(people["leader"])
    response = client.get(admin_url("detail", dossier.pk))
    assert action_names(response) == {
        "forward",
        "forward_to_agency",
        "request_supplement",
        "request_payment",
        "reschedule",
        "reject_ineligible",
        "stop",
    }
    assert client.get(admin_url("action_form", dossier.pk, "approve")).status_code == 403


def test_firing_an_action_and_the_stale_second_submit(client, people, procedure, province):
    dossier = receive(people, procedure, province, vn(2026, 11, 16))
    client.force_login(people["desk"])
    form_page = client.get(admin_url("action_form", dossier.pk, "transfer"))
    assert f'name="version" value="{dossier.version}"' in form_page.content.decode()

    post = {"version": dossier.version, "note": "Chuyển Sở Tư pháp"}
    response = client.post(admin_url("action_form", dossier.pk, "transfer"), post)
    assert response.status_code == 302
    assert response.url == admin_url("detail", dossier.pk)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.current_agency.code) == (Status.PROCESSING, "000.00.15.H33")
    assert dossier.events.count() == 2

    again = client.post(admin_url("action_form", dossier.pk, "transfer"), post)
    html = again.content.decode()
    assert again.status_code == 200
    assert "Hồ sơ đã được người khác cập nhật" in html
    assert "Không có thay đổi nào được ghi" in html
    dossier.refresh_from_db()
    assert dossier.version == 2 and dossier.events.count() == 2


def test_action_errors_are_form_errors_and_change_nothing(client, people, procedure, province):
    dossier = receive(people, procedure, province, vn(2026, 11, 16))
    client.force_login(people["desk"])
    response = client.post(
        admin_url("action_form", dossier.pk, "refuse"), {"version": dossier.version}
    )
    assert "Thao tác này cần ghi rõ lý do." in response.content.decode()
    # A permission the service refuses (approve is for leaders) shows its message.
    response = client.post(
        admin_url("action_form", dossier.pk, "approve"),
        {"version": dossier.version, "result_number": "1/QĐ"},
    )
    assert "Không thể “Phê duyệt, ký kết quả”" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED and dossier.version == 1


def test_supplement_request_and_hand_off_to_another_agency_via_forms(
    client, people, procedure, province, finance
):
    dossier = transfer(people, receive(people, procedure, province, vn(2026, 11, 16)))
    item = dossier.checklist.get(requirement_name="Giấy chứng sinh")
    client.force_login(people["specialist"])
    url = admin_url("action_form", dossier.pk, "request_supplement")
    empty = client.post(url, {"version": dossier.version, "note": "Thiếu"})
    assert "Chọn hoặc ghi ít nhất một giấy tờ cần bổ sung." in empty.content.decode()
    client.post(
        url,
        {
            "version": dossier.version,
            "note": "Giấy chứng sinh bị mờ",
            "missing_documents": [str(item.pk)],
            "other_documents": "Bản sao sổ hộ khẩu\n",
        },
    )
    event = dossier.events.latest("at", "pk")
    assert event.transition == "request_supplement"
    assert event.data["missing_documents"] == ["Giấy chứng sinh", "Bản sao sổ hộ khẩu"]

    # The supplement arrives (department desk), then the leader hands off to Sở Tài chính.
    desk_b = make_user("desk_b", dossier.current_agency, OfficerRole.DESK)
    dossier.refresh_from_db()
    dossier = services.fire(dossier, "receive_supplement", actor=desk_b, version=dossier.version)
    client.force_login(people["leader"])
    response = client.post(
        admin_url("action_form", dossier.pk, "forward_to_agency"),
        {"version": dossier.version, "to_agency": finance.pk},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.current_agency == finance
    client.force_login(people["finance"])
    assert dossier.code in codes_in(client.get(admin_url("action")))


# --- Menu, roles, query counts ----------------------------------------------------------------


def test_menu_shows_the_back_office_to_officers_only(client, people):
    client.force_login(people["desk"])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert admin_url("receive") in home and admin_url("overdue") in home
    client.force_login(people["specialist"])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert admin_url("overdue") in home and admin_url("receive") not in home


def test_officer_groups_and_make_officer(province, department):
    groups = roles.ensure_officer_groups()
    roles.ensure_officer_groups()  # idempotent
    assert Group.objects.filter(name__in=roles.GROUP_NAMES.values()).count() == 6
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Cán bộ một cửa",
        "Chuyên viên",
        "Lãnh đạo phòng",
        "Lãnh đạo cơ quan",
        "Văn thư",
        "Quản trị đơn vị",
    }
    assert all(g.permissions.filter(codename="access_admin").exists() for g in groups.values())
    user = make_user("mai")
    assert not user.has_perm("wagtailadmin.access_admin")
    roles.make_officer(user, province, OfficerRole.DESK)
    user = get_user_model().objects.get(pk=user.pk)
    assert user.has_perm("wagtailadmin.access_admin")
    roles.make_officer(user, department, OfficerRole.AGENCY_HEAD, title="Giám đốc")
    officer = Officer.objects.get(user=user)
    assert (officer.agency, officer.role, officer.title) == (department, "agency_head", "Giám đốc")
    assert list(user.groups.values_list("name", flat=True)) == ["Lãnh đạo cơ quan"]
    with pytest.raises(ValueError):
        roles.make_officer(user, department, "mayor")


def _queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_list_and_detail_pages_run_a_bounded_number_of_queries(
    client, people, procedure, province, django_assert_max_num_queries
):
    for hour in (8, 9, 10):
        transfer(people, receive(people, procedure, province, vn(2026, 11, 2, hour)))
    client.force_login(people["specialist"])
    client.get(admin_url("all"))  # warm per-process caches (calendar, content types)
    few = _queries_for(client, admin_url("all"))
    for day in range(3, 13):
        transfer(people, receive(people, procedure, province, vn(2026, 11, day, 9)))
    many = _queries_for(client, admin_url("all"))
    assert many == few  # no query per row
    with django_assert_max_num_queries(16):
        client.get(admin_url("all"))
    with django_assert_max_num_queries(16):
        client.get(admin_url("action"))
    dossier = Dossier.objects.order_by("pk").last()
    with django_assert_max_num_queries(20):
        client.get(admin_url("detail", dossier.pk))


def test_reschedule_form_refuses_a_dossier_without_appointment(
    client, catalogue, people, province, department
):
    unstated = make_procedure(
        catalogue, code="1.000659", unit="unstated", processing_agency=department
    )
    dossier = transfer(people, receive(people, unstated, province, vn(2026, 11, 16)))
    assert dossier.due_at is None
    client.force_login(people["leader"])
    response = client.post(
        admin_url("action_form", dossier.pk, "reschedule"),
        {"version": dossier.version, "note": "Cần xác minh", "new_due_at": "2026-12-01T09:00"},
    )
    assert response.status_code == 200
    assert "không thể hẹn lại" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.version == 2 and not dossier.rescheduled


def test_double_submit_of_the_receive_form_creates_one_dossier(client, people, procedure):
    client.force_login(people["desk"])
    form = client.get(admin_url("receive"), {"procedure": procedure.pk}).content.decode()
    key = re.search(r'name="submission_key" value="([0-9a-f]{32})"', form).group(1)
    data = {
        "procedure": procedure.pk,
        "applicant_name": "Lê Thị Mai",
        "channel": "truc-tiep",
        "sets": 1,
        "submission_key": key,
    }
    first = client.post(admin_url("receive"), data)
    second = client.post(admin_url("receive"), data)
    dossier = Dossier.objects.get()
    assert first.url == second.url == admin_url("detail", dossier.pk)
