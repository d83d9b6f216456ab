"""The dossier services: receipt, the transitions of DOMAIN.md §2, locking and history."""

import pytest

from dossiers import services
from dossiers.models import Dossier, DossierEvent, OfficerRole, Stage, Status
from dossiers.services import Applicant
from tests.dossiers.factories import make_agency, make_officer, make_procedure, vn


@pytest.fixture
def people(province, department):
    return {
        "desk": make_officer("desk", province, OfficerRole.DESK),
        "specialist": make_officer("specialist", department, OfficerRole.SPECIALIST),
        "head": make_officer("head", department, OfficerRole.DEPARTMENT_HEAD),
        "leader": make_officer("leader", department, OfficerRole.AGENCY_HEAD),
        "other_desk": make_officer("other", department, OfficerRole.DESK),
    }


@pytest.fixture
def procedure(catalogue, department):
    return make_procedure(catalogue, processing_agency=department)


def receive(people, procedure, province, at=None, **kwargs):
    return services.receive_dossier(
        actor=people["desk"],
        procedure=procedure,
        agency=province,
        channel="truc-tiep",
        applicant=Applicant(name="Nguyễn Thị Hoa", phone="0912345678", id_number="034190001234"),
        received_at=at or vn(2026, 11, 16, 9, 0),
        **kwargs,
    )


def test_receipt_issues_code_deadline_checklist_and_first_event(people, procedure, province):
    dossier = receive(people, procedure, province)
    assert dossier.code == "000.00.31.H33-261116-0001"
    assert dossier.status == Status.RECEIVED
    # 5 working days from Monday 16/11/2026 09:00 → Monday 23/11/2026 09:00.
    assert dossier.due_at == vn(2026, 11, 23, 9, 0)
    assert dossier.legal_version == "Luật Hộ tịch 2014"
    assert len(dossier.lookup_secret) == 6
    event = dossier.events.get()
    assert (event.transition, event.to_status, event.actor_name) == ("receive", 2, "Desk")
    assert dossier.history.count() == 1


def test_second_receipt_the_same_day_takes_the_next_number(people, procedure, province):
    receive(people, procedure, province)
    second = receive(people, procedure, province, at=vn(2026, 11, 16, 10, 0))
    next_day = receive(people, procedure, province, at=vn(2026, 11, 17, 8, 0))
    assert second.code.endswith("261116-0002")
    assert next_day.code.endswith("261117-0001")


def test_full_journey_to_returned_result(people, procedure, province, department):
    d = receive(people, procedure, province)
    d = services.fire(
        d, "transfer", actor=people["desk"], version=d.version, at=vn(2026, 11, 16, 10)
    )
    assert (d.status, d.stage, d.current_agency) == (
        Status.PROCESSING,
        Stage.SPECIALIST,
        department,
    )
    d = services.fire(
        d, "forward", actor=people["specialist"], version=d.version, at=vn(2026, 11, 18, 9)
    )
    assert d.stage == Stage.DEPARTMENT_HEAD
    d = services.fire(
        d,
        "approve",
        actor=people["head"],
        version=d.version,
        at=vn(2026, 11, 19, 9),
        result_number="15/QĐ-STP",
    )
    assert (d.status, d.current_agency, d.result_number) == (
        Status.RESULT_READY,
        province,
        "15/QĐ-STP",
    )
    d = services.fire(
        d,
        "return_result",
        actor=people["desk"],
        version=d.version,
        at=vn(2026, 11, 20, 9),
        method="in_person",
    )
    assert d.status == Status.RETURNED
    assert d.timeliness == "early"
    assert list(d.events.values_list("transition", flat=True)) == [
        "receive",
        "transfer",
        "forward",
        "approve",
        "return_result",
    ]
    assert d.history.count() == 5


def test_stale_version_is_refused_and_nothing_changes(people, procedure, province):
    d = receive(people, procedure, province)
    services.fire(d, "transfer", actor=people["desk"], version=d.version)
    with pytest.raises(services.StaleVersion):
        services.fire(d, "refuse", actor=people["desk"], version=1, note="Thiếu giấy tờ")
    d.refresh_from_db()
    assert d.status == Status.PROCESSING
    assert d.events.count() == 2


def test_officer_of_another_agency_or_role_is_refused(people, procedure, province):
    d = receive(people, procedure, province)
    with pytest.raises(services.PermissionDenied):
        services.fire(d, "transfer", actor=people["other_desk"], version=d.version)
    with pytest.raises(services.InvalidTransition):
        services.fire(d, "approve", actor=people["desk"], version=d.version)


def test_supplement_stops_the_clock_and_is_allowed_once(people, procedure, province):
    d = receive(people, procedure, province)
    d = services.fire(
        d, "transfer", actor=people["desk"], version=d.version, at=vn(2026, 11, 16, 10)
    )
    d = services.fire(
        d,
        "request_supplement",
        actor=people["specialist"],
        version=d.version,
        at=vn(2026, 11, 17, 9),
        note="Thiếu tờ khai",
    )
    assert d.status == Status.SUPPLEMENT_REQUESTED
    # The applicant comes back 2 working days later: the appointment (Mon 23/11 09:00)
    # moves by 2 working days, skipping 24/11 (Ngày Văn hóa Việt Nam, a holiday from 2026).
    d = services.fire(
        d,
        "receive_supplement",
        actor=people["other_desk"],
        version=d.version,
        at=vn(2026, 11, 19, 9),
    )
    assert d.due_at == vn(2026, 11, 26, 9, 0)
    with pytest.raises(services.InvalidTransition):
        services.fire(
            d, "request_supplement", actor=people["specialist"], version=d.version, note="Lần hai"
        )


def test_refusal_needs_a_reason(people, procedure, province):
    d = receive(people, procedure, province)
    with pytest.raises(services.DossierError):
        services.fire(d, "refuse", actor=people["desk"], version=d.version, note="  ")


def test_withdrawal_only_before_a_decision(people, procedure, province):
    d = receive(people, procedure, province)
    d = services.fire(d, "transfer", actor=people["desk"], version=d.version)
    d = services.fire(
        d, "withdraw", actor=people["desk"], version=d.version, note="Công dân có đơn xin rút"
    )
    assert d.status == Status.WITHDRAWN
    assert d.is_closed


def test_reschedule_once_and_at_least_a_working_day_before(people, procedure, province):
    d = receive(people, procedure, province)
    d = services.fire(
        d, "transfer", actor=people["desk"], version=d.version, at=vn(2026, 11, 16, 10)
    )
    d = services.fire(
        d,
        "reschedule",
        actor=people["leader"],
        version=d.version,
        at=vn(2026, 11, 19, 9),
        note="Cần xác minh thêm",
        new_due_at=vn(2026, 11, 27, 9),
    )
    assert d.due_at == vn(2026, 11, 27, 9)
    assert d.original_due_at == vn(2026, 11, 23, 9)
    with pytest.raises(services.InvalidTransition):
        services.fire(
            d,
            "reschedule",
            actor=people["leader"],
            version=d.version,
            note="Lần hai",
            new_due_at=vn(2026, 12, 4, 9),
        )


def test_dossier_records_are_never_deleted(people, procedure, province):
    d = receive(people, procedure, province)
    with pytest.raises(PermissionError):
        d.delete()
    with pytest.raises(PermissionError):
        Dossier.objects.all().delete()
    with pytest.raises(PermissionError):
        DossierEvent.objects.all().delete()


def test_new_day_off_moves_open_appointments_with_a_history_entry(
    people, procedure, province, django_capture_on_commit_callbacks
):
    from dossiers.calendar_models import CalendarOverride

    d = receive(people, procedure, province)  # due Monday 23/11/2026 09:00
    closed = receive(people, procedure, province, at=vn(2026, 11, 16, 9, 30))
    closed = services.fire(
        closed,
        "refuse",
        actor=people["desk"],
        version=closed.version,
        note="Không thuộc thẩm quyền",
    )
    with django_capture_on_commit_callbacks(execute=True):
        CalendarOverride.objects.create(
            date=vn(2026, 11, 20).date(), kind="day_off", reason="Nghỉ đột xuất"
        )
    d.refresh_from_db()
    assert d.due_at == vn(2026, 11, 25, 9, 0)  # one more working day; 24/11 is a holiday
    assert d.version == 2
    assert d.history.first().history_change_reason == "calendar_changed"
    closed.refresh_from_db()
    assert closed.due_at == vn(2026, 11, 23, 9, 30)


def test_online_submission_has_no_clock_until_the_desk_accepts_it(people, procedure, province):
    d = services.submit_online(
        procedure=procedure,
        agency=province,
        applicant=Applicant(name="Le\u0302 Va\u0306n Hu\u0300ng"),  # NFD from a phone
        submitted_at=vn(2026, 11, 16, 20, 0),
    )
    assert d.status == Status.SUBMITTED
    assert d.due_at is None
    assert d.applicant_name == "Lê Văn Hùng"
    d = services.fire(
        d, "accept_online", actor=people["desk"], version=d.version, at=vn(2026, 11, 17, 8, 0)
    )
    assert d.status == Status.RECEIVED
    # Clock from Tuesday 17/11 08:00; 5 working days skip the 24/11 holiday.
    assert d.due_at == vn(2026, 11, 25, 8, 0)


def test_double_submit_with_the_same_key_returns_the_first_dossier(people, procedure, province):
    first = receive(people, procedure, province, submission_key="form:abc")
    again = receive(people, procedure, province, submission_key="form:abc")
    assert again.pk == first.pk
    assert Dossier.objects.count() == 1
    other = receive(people, procedure, province, submission_key="form:def")
    assert other.code.endswith("-0002")


def test_receiving_desk_takes_in_the_supplement_while_the_department_holds_the_dossier(
    people, procedure, province, department
):
    d = receive(people, procedure, province)
    d = services.fire(d, "transfer", actor=people["desk"], version=d.version)
    d = services.fire(
        d,
        "request_supplement",
        actor=people["specialist"],
        version=d.version,
        note="Thiếu bản sao giấy chứng sinh",
    )
    d = services.fire(d, "receive_supplement", actor=people["desk"], version=d.version)
    assert (d.status, d.current_agency) == (Status.PROCESSING, department)


def test_an_unrelated_officer_learns_nothing_about_the_dossier(people, procedure, province):
    from dossiers.models import OfficerRole as Role
    from tests.dossiers.factories import make_officer

    stranger = make_officer("stranger", make_agency("000.41.28.H33", "UBND xã Tân Hưng"), Role.DESK)
    d = receive(people, procedure, province)
    with pytest.raises(services.PermissionDenied) as error:
        services.fire(d, "return_result", actor=stranger, version=d.version)
    assert "trạng thái" not in error.value.message


def test_named_services_fire_their_transition(people, procedure, province):
    d = receive(people, procedure, province)
    d = services.transfer_dossier(d, actor=people["desk"], version=d.version)
    d = services.request_payment(d, actor=people["specialist"], version=d.version)
    assert d.status == Status.WAITING_PAYMENT
    d = services.confirm_payment(d, actor=people["desk"], version=d.version)
    d = services.stop_dossier(
        d, actor=people["desk"], version=d.version, note="Công dân đề nghị dừng"
    )
    assert d.status == Status.STOPPED
    assert [e.transition for e in d.events.all()][-3:] == [
        "request_payment",
        "confirm_payment",
        "stop",
    ]
