"""Rendering cost of official documents: the receipt slip against a 200-row register.

    .venv/bin/python bench/publishing_bench.py [--rows 200] [--repeat 5]

Works on a throwaway SQLite database, ``var/bench/publishing.sqlite3`` (deleted and
migrated at every run, never the development database), with the test settings (media
files go to a temporary folder removed at exit). It builds, through the real services, a
province, its service centre and Department of Justice, officers, a birth-registration
procedure and ``--rows`` dossiers received over March 2026 (some transferred, some taken
to a returned result), then times ``issue_document`` — context, HTML, WeasyPrint PDF,
hash and storage, what an officer waits for — for the receipt of one dossier and for the
register of the month. The first issue of each is discarded (warm-up: fonts, templates);
the median of the next ``--repeat`` is reported with the PDF's size and page count.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = ROOT / "var" / "bench" / "publishing.sqlite3"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200, help="dossiers in the register")
    parser.add_argument("--repeat", type=int, default=5, help="timed issues after warm-up")
    return parser.parse_args()


def setup_django() -> None:
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_data(rows: int):
    """Agencies, officers, a procedure and ``rows`` dossiers, through the services."""
    from wagtail.models import Page, Site

    from dossiers import services
    from dossiers.models import OfficerRole
    from dossiers.services import Applicant
    from procedures_pages.models import (
        AgencyLevel,
        DocumentRequirement,
        HomePage,
        ProcedureIndexPage,
    )
    from tests.dossiers.factories import make_agency, make_officer, make_procedure, vn

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Cổng dịch vụ công", slug="trang-chu-bench"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    catalogue = home.add_child(
        instance=ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    )
    province = make_agency("000.00.00.H33", "Ủy ban nhân dân tỉnh Hưng Yên", AgencyLevel.PROVINCE)
    centre = make_agency(
        "000.00.31.H33", "Trung tâm Phục vụ hành chính công tỉnh Hưng Yên", parent=province
    )
    centre.address = "Số 8 đường Chùa Chuông, phường Hiến Nam, tỉnh Hưng Yên"
    centre.save()
    department = make_agency("000.00.15.H33", "Sở Tư pháp tỉnh Hưng Yên", parent=province)
    desk = make_officer("desk", centre, OfficerRole.DESK)
    specialist = make_officer("specialist", department, OfficerRole.SPECIALIST)
    head = make_officer("head", department, OfficerRole.DEPARTMENT_HEAD)
    leader = make_officer("leader", department, OfficerRole.AGENCY_HEAD)
    procedure = make_procedure(catalogue, processing_agency=department)
    for order, name in enumerate(
        ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh", "Căn cước công dân của người đi đăng ký"]
    ):
        DocumentRequirement.objects.create(page=procedure, sort_order=order, name=name, originals=1)

    def fire(dossier, name, actor, at, **kwargs):
        return services.fire(dossier, name, actor=actor, version=dossier.version, at=at, **kwargs)

    day, dossiers = datetime.date(2026, 3, 2), []
    while len(dossiers) < rows:
        if day.weekday() < 5:
            for slot in range(10):
                if len(dossiers) == rows:
                    break
                index = len(dossiers)
                at = vn(day.year, day.month, day.day, 7, 30) + datetime.timedelta(minutes=45 * slot)
                d = services.receive_dossier(
                    actor=desk,
                    procedure=procedure,
                    agency=centre,
                    channel="truc-tiep",
                    applicant=Applicant(
                        name=f"Nguyễn Thị Hồng Nhung {index}",
                        phone=f"09{index:08d}",
                        address=f"Thôn Đồng Xá {index}, xã Tiên Tiến, tỉnh Hưng Yên",
                    ),
                    received_at=at,
                    subject="Đăng ký khai sinh",
                )
                if index % 3 == 0:
                    d = fire(d, "transfer", desk, at + datetime.timedelta(hours=1))
                    if index % 6 == 0:
                        step = at + datetime.timedelta(days=1)
                        d = fire(d, "forward", specialist, step)
                        d = fire(d, "forward", head, step + datetime.timedelta(hours=1))
                        d = fire(d, "approve", leader, step + datetime.timedelta(hours=2))
                        d = fire(d, "return_result", desk, step + datetime.timedelta(days=1))
                dossiers.append(d)
        day += datetime.timedelta(days=1)
    return desk, centre, dossiers, day - datetime.timedelta(days=1)


def measure(issue, repeat: int):
    issue()  # warm-up, discarded
    times, document = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        document = issue()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), document


def main():
    args = parse_args()
    setup_django()
    from publishing.services import issue_document

    print(f"Benchmark database: {DATABASE.relative_to(ROOT)} (fresh, SQLite)")
    start = time.perf_counter()
    desk, centre, dossiers, last_day = build_data(args.rows)
    print(
        f"Setup: {len(dossiers)} dossiers through the services in "
        f"{time.perf_counter() - start:.1f} s (not timed below)"
    )
    period = {"date_from": "2026-03-01", "date_to": last_day.isoformat()}

    receipt_ms, receipt = measure(
        lambda: issue_document(form="receipt", actor=desk, dossier=dossiers[0]), args.repeat
    )
    register_ms, register = measure(
        lambda: issue_document(form="register", actor=desk, agency=centre, params=period),
        args.repeat,
    )
    rows = len(dossiers)
    print(f"Warm median of {args.repeat} issues (first discarded):")
    for label, ms, document in (
        ("receipt slip", receipt_ms, receipt),
        (f"register, {rows} rows", register_ms, register),
    ):
        print(
            f"  {label:<22} {ms:9.1f} ms   {document.size / 1024:7.1f} KB   "
            f"{document.pages:3d} page(s)"
        )
    print(
        f"  ratio register/receipt: {register_ms / receipt_ms:.1f}× the time, "
        f"{register.size / receipt.size:.1f}× the size, "
        f"{register_ms / register.pages:.0f} ms a page, {register_ms / rows:.1f} ms a row"
    )


if __name__ == "__main__":
    main()
