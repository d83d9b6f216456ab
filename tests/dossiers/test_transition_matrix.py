"""Every transition of the state machine: allowed for the right role at the right agency,
refused for another role and for the same role at another agency (DOMAIN.md §2)."""

import pytest

from dossiers import services
from dossiers.models import OfficerRole, Status
from dossiers.services import Applicant
from dossiers.workflow import TRANSITIONS
from tests.dossiers.factories import make_agency, make_officer, make_procedure, vn

NOTE = "Lý do ghi rõ"


@pytest.fixture
def world(catalogue):
    centre = make_agency("000.00.31.H33", "Trung tâm Phục vụ hành chính công tỉnh")
    department = make_agency("000.00.15.H33", "Sở Tư pháp")
    elsewhere = make_agency("000.41.28.H33", "UBND phường Phố Hiến")
    partner = make_agency("000.00.16.H33", "Sở Xây dựng")
    people = {}
    for agency, tag in ((centre, "c"), (department, "d"), (elsewhere, "x")):
        for role in OfficerRole:
            people[(tag, role)] = make_officer(f"{tag}-{role}", agency, role)
    procedure = make_procedure(catalogue, processing_agency=department)
    return {
        "centre": centre,
        "department": department,
        "partner": partner,
        "people": people,
        "procedure": procedure,
    }


def _receive(w):
    return services.receive_dossier(
        actor=w["people"][("c", OfficerRole.DESK)],
        procedure=w["procedure"],
        agency=w["centre"],
        channel="truc-tiep",
        applicant=Applicant(name="Phạm Văn An"),
        received_at=vn(2026, 11, 16, 9),
    )


def _fire(w, d, name, tag, role, **kw):
    # Fixed times keep the deadline rules (e.g. rule 9's one working day) independent of
    # the day the suite runs: the steps happen on Monday 16/11, the transition on Tue 17/11.
    kw.setdefault("at", vn(2026, 11, 16, 10))
    return services.fire(d, name, actor=w["people"][(tag, role)], version=d.version, **kw)


def bring(w, state):
    """A dossier in ``state`` (a label of the paths below), built through the services."""
    if state == "submitted":
        return services.submit_online(
            procedure=w["procedure"],
            agency=w["centre"],
            applicant=Applicant(name="Phạm Văn An"),
            submitted_at=vn(2026, 11, 16, 8),
        )
    d = _receive(w)
    if state == "received":
        return d
    d = _fire(w, d, "transfer", "c", OfficerRole.DESK)
    if state == "specialist":
        return d
    if state == "supplement":
        return _fire(w, d, "request_supplement", "d", OfficerRole.SPECIALIST, note=NOTE)
    if state == "payment":
        return _fire(w, d, "request_payment", "d", OfficerRole.SPECIALIST)
    d = _fire(w, d, "forward", "d", OfficerRole.SPECIALIST)
    if state == "head":
        return d
    return _fire(w, d, "approve", "d", OfficerRole.DEPARTMENT_HEAD, result_number="01/QĐ")


# transition → (starting state, agency tag of the right actor, right role, wrong role, params)
CASES = {
    "accept_online": ("submitted", "c", OfficerRole.DESK, OfficerRole.SPECIALIST, {}),
    "refuse": ("received", "c", OfficerRole.DESK, OfficerRole.CLERK, {"note": NOTE}),
    "transfer": ("received", "c", OfficerRole.DESK, OfficerRole.AGENCY_HEAD, {}),
    "forward": ("specialist", "d", OfficerRole.SPECIALIST, OfficerRole.DESK, {}),
    "forward_to_agency": (
        "head",
        "d",
        OfficerRole.DEPARTMENT_HEAD,
        OfficerRole.SPECIALIST,
        {"to_agency": "partner"},
    ),
    "request_supplement": (
        "specialist",
        "d",
        OfficerRole.SPECIALIST,
        OfficerRole.CLERK,
        {"note": NOTE},
    ),
    "receive_supplement": ("supplement", "c", OfficerRole.DESK, OfficerRole.SPECIALIST, {}),
    "request_payment": ("specialist", "d", OfficerRole.SPECIALIST, OfficerRole.CLERK, {}),
    "confirm_payment": ("payment", "d", OfficerRole.SPECIALIST, OfficerRole.CLERK, {}),
    "reschedule": (
        "specialist",
        "d",
        OfficerRole.AGENCY_HEAD,
        OfficerRole.DEPARTMENT_HEAD,
        {"note": NOTE, "new_due_at": vn(2026, 12, 4, 9), "at": vn(2026, 11, 17, 9)},
    ),
    "approve": (
        "head",
        "d",
        OfficerRole.DEPARTMENT_HEAD,
        OfficerRole.SPECIALIST,
        {"result_number": "02/QĐ"},
    ),
    "reject_ineligible": (
        "head",
        "d",
        OfficerRole.AGENCY_HEAD,
        OfficerRole.SPECIALIST,
        {"note": NOTE},
    ),
    "withdraw": ("specialist", "c", OfficerRole.DESK, OfficerRole.SPECIALIST, {"note": NOTE}),
    "stop": ("specialist", "c", OfficerRole.DESK, OfficerRole.CLERK, {"note": NOTE}),
    "return_result": (
        "result",
        "c",
        OfficerRole.DESK,
        OfficerRole.AGENCY_HEAD,
        {"method": "postal"},
    ),
}


def test_every_transition_has_a_case():
    assert set(CASES) == set(TRANSITIONS)


@pytest.mark.parametrize("name", sorted(CASES))
def test_transition_allowed_and_refused(world, name):
    state, tag, right, wrong, params = CASES[name]
    params = {k: (world["partner"] if v == "partner" else v) for k, v in params.items()}
    spec = TRANSITIONS[name]

    d = bring(world, state)
    with pytest.raises((services.PermissionDenied, services.InvalidTransition)):
        _fire(world, d, name, tag, wrong, **params)
    with pytest.raises(services.PermissionDenied):
        _fire(world, d, name, "x", right, **params)  # same role, an unrelated agency
    d.refresh_from_db()
    before = (d.status, d.version, d.events.count())

    after = _fire(world, d, name, tag, right, **{"at": vn(2026, 11, 17, 9), **params})
    assert after.version == before[1] + 1
    assert after.events.count() == before[2] + 1
    assert after.events.last().transition == name
    if spec.target is not None:
        assert after.status == spec.target
    assert after.history.first().history_change_reason == name


def test_refused_transition_from_a_closed_state(world):
    d = bring(world, "received")
    d = _fire(world, d, "refuse", "c", OfficerRole.DESK, note=NOTE)
    assert d.status == Status.REFUSED
    for name in ("transfer", "withdraw", "return_result"):
        with pytest.raises(services.InvalidTransition):
            _fire(world, d, name, "c", OfficerRole.DESK, note=NOTE)
