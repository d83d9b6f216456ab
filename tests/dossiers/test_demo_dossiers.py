"""``manage.py load_demo`` (the dossiers part): officers and dossiers in every state.

The command runs twice on the empty test database inside a module-wide transaction that
is rolled back at the end, so other modules still start from an empty database.
"""

import re
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from dossiers.models import Dossier, DossierEvent, Officer, OfficerRole, Outcome, Status
from dossiers.queries.lookup import find_dossier_for_lookup
from dossiers.roles import GROUP_NAMES
from procedures_pages.models import AgencyLevel

pytestmark = [pytest.mark.demo, pytest.mark.django_db]

DOSSIERS = 40


def snapshot() -> dict[str, int]:
    return {
        "dossiers": Dossier.objects.count(),
        "events": DossierEvent.objects.count(),
        "history": Dossier.history.count(),
        "officers": Officer.objects.count(),
        "users": get_user_model().objects.count(),
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """(first run's output, counts after the first run, counts after the second run)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = StringIO()
            args = ["load_demo", "--quiet", "--no-news", "--dossiers", str(DOSSIERS)]
            call_command(*args, stdout=out)
            first = snapshot()
            call_command(*args, stdout=StringIO())
            yield out.getvalue(), first, snapshot()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            Site.clear_site_root_paths_cache()


def test_second_run_creates_nothing(demo):
    _output, first, second = demo
    assert first["dossiers"] == DOSSIERS
    assert second == first


def test_every_national_status_is_present(demo):
    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)


def test_the_register_shows_every_kind_of_history(demo):
    returned = Dossier.objects.filter(status=Status.RETURNED)
    assert set(returned.values_list("timeliness", flat=True)) >= {"early", "on_time", "late"}
    assert returned.filter(outcome=Outcome.INELIGIBLE).exists()
    assert Dossier.objects.filter(rescheduled=True).exists()
    transitions = set(DossierEvent.objects.values_list("transition", flat=True))
    assert {
        "receive",
        "accept_online",
        "transfer",
        "forward",
        "forward_to_agency",
        "request_supplement",
        "receive_supplement",
        "request_payment",
        "confirm_payment",
        "reschedule",
        "approve",
        "reject_ineligible",
        "refuse",
        "withdraw",
        "stop",
        "return_result",
    } <= transitions
    # Steps were judged against their deadlines, and the received dossiers span months.
    assert DossierEvent.objects.exclude(step_timeliness="").exists()
    months = {d.strftime("%Y-%m") for d in Dossier.objects.values_list("received_at", flat=True)}
    assert len(months) >= 4


def test_history_is_chronological_and_in_the_past(demo):
    now = timezone.now()
    for dossier in Dossier.objects.prefetch_related("events"):
        moments = [event.at for event in dossier.events.all()]
        assert moments, dossier.code
        assert moments == sorted(moments), dossier.code
        assert moments[-1] <= now
        assert dossier.history.exists(), dossier.code


def test_officers_in_their_agencies_and_roles(demo):
    output, _first, _second = demo
    officers = Officer.objects.select_related("agency", "user")
    roles_at = Counter((o.agency.level, o.agency.is_service_centre, o.role) for o in officers)
    assert roles_at[(AgencyLevel.PROVINCE, True, OfficerRole.DESK)] >= 1
    for role in (OfficerRole.SPECIALIST, OfficerRole.DEPARTMENT_HEAD, OfficerRole.AGENCY_HEAD):
        assert roles_at[(AgencyLevel.PROVINCE, False, role)] >= 1
    assert roles_at[(AgencyLevel.COMMUNE, True, OfficerRole.DESK)] >= 1
    assert roles_at[(AgencyLevel.COMMUNE, True, OfficerRole.AGENCY_HEAD)] >= 1
    assert any(o.role == OfficerRole.CLERK for o in officers)
    justice = officers.filter(agency__code="000.00.15.H33")
    assert {OfficerRole.SPECIALIST, OfficerRole.DEPARTMENT_HEAD} <= {o.role for o in justice}
    for officer in officers:
        user = officer.user
        assert user.is_staff
        assert user.check_password("motcua-demo-2026")
        assert user.groups.filter(name=GROUP_NAMES[officer.role]).exists()
        assert user.username in output
    assert "motcua-demo-2026" in output


def test_dossiers_can_be_looked_up(demo):
    output, _first, _second = demo
    dossier = Dossier.objects.exclude(applicant_phone="").order_by("pk").first()
    assert find_dossier_for_lookup(dossier.code, dossier.applicant_phone) == dossier
    assert find_dossier_for_lookup(dossier.code, dossier.lookup_secret) == dossier
    assert find_dossier_for_lookup(dossier.code, "0000000000") is None
    code, secret = re.search(r"(\S+-\d{6}-\d{4}) — (\w{6})", output).groups()
    assert find_dossier_for_lookup(code, secret) is not None
