"""Dossier codes under concurrent receipts (DOMAIN.md §5): unique, gapless, per day.

Runs on PostgreSQL only: SQLite serialises every writer on one database lock, so it
cannot show whether ``next_code`` itself is race-free.
"""

import threading

import pytest
from django.db import connection, connections

from dossiers import services
from dossiers.models import DailySequence, Dossier, OfficerRole
from dossiers.services import Applicant
from tests.dossiers.factories import make_agency, make_officer, make_procedure, vn

THREADS = 16
RECEIPTS_PER_THREAD = 4

pytestmark = [
    # serialized_rollback restores the rows migrations create (Wagtail root page) that
    # the flush after a transactional test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (DATABASE_URL=postgres://…): SQLite serialises all writers",
    ),
]


def test_concurrent_receipts_get_unique_gapless_codes(catalogue):
    centre = make_agency("000.00.31.H33", "Trung tâm Phục vụ hành chính công tỉnh")
    department = make_agency("000.00.15.H33", "Sở Tư pháp")
    procedure = make_procedure(catalogue, processing_agency=department)
    desks = [make_officer(f"desk{i}", centre, OfficerRole.DESK) for i in range(THREADS)]
    start = threading.Barrier(THREADS)
    codes: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def receive_many(index: int) -> None:
        try:
            start.wait()
            for n in range(RECEIPTS_PER_THREAD):
                dossier = services.receive_dossier(
                    actor=desks[index],
                    procedure=procedure,
                    agency=centre,
                    channel="truc-tiep",
                    applicant=Applicant(name=f"Nguyễn Văn An {index}-{n}"),
                    received_at=vn(2026, 11, 16, 9, index),
                )
                with lock:
                    codes.append(dossier.code)
        except BaseException as error:  # reported by the main thread
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=receive_many, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    total = THREADS * RECEIPTS_PER_THREAD
    assert len(codes) == total
    assert len(set(codes)) == total
    assert all(code.startswith("000.00.31.H33-261116-") for code in codes)
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
    assert numbers == list(range(1, total + 1))
    assert Dossier.objects.count() == total
    assert DailySequence.objects.get(agency=centre).last == total
