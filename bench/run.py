"""One command for the dossier benchmarks; see bench/README.md.

    .venv/bin/python bench/run.py [--dossiers 1000000] [--database-url URL] [--fresh]

Works on its own benchmark database (SQLite file under var/bench/ by default, or the
PostgreSQL database given with --database-url), never the development database. Prints
numbers and ratios against baselines measured in the same process; nothing is committed.
"""

import argparse
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--fresh", action="store_true", help="delete the SQLite file first")
    parser.add_argument("--samples", type=int, default=1000, help="lookups to time")
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--receipts-per-thread", type=int, default=25)
    return parser.parse_args()


def setup_django(args) -> str:
    url = args.database_url
    if not url:
        path = ROOT / "var" / "bench" / f"bench-{args.dossiers}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        if args.fresh and path.exists():
            path.unlink()
        url = f"sqlite:///{path}"
    if url.startswith("sqlite") and Path(url.split("///", 1)[-1]).resolve() == (
        ROOT / "db.sqlite3"
    ):
        sys.exit("Refusing to benchmark the development database (db.sqlite3).")
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    import django

    django.setup()
    return url


def timed(fn, repeat: int) -> list[float]:
    """Milliseconds of ``repeat`` calls of ``fn`` (called with the call's index)."""
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered):8.2f} ms   p95 {p95:8.2f} ms   (n={len(times)})"


def ratio(baseline: list[float], measured: list[float]) -> str:
    return f"{statistics.median(baseline) / max(statistics.median(measured), 1e-6):.1f}×"


def heading(text: str) -> None:
    print(f"\n== {text}")


def main():
    args = parse_args()
    url = setup_django(args)
    from django.core.management import call_command
    from django.db import connection

    from dossiers.models import Dossier

    print(f"Benchmark database: {url.split('@')[-1]} ({connection.vendor})")
    call_command("migrate", verbosity=0)

    from procedures_pages.models import ProcedurePage

    if not ProcedurePage.objects.live().exists():
        heading("Setup: catalogue and officers (load_demo --dossiers 0 --no-news)")
        start = time.perf_counter()
        call_command("load_demo", "--dossiers", "0", "--no-news", "--quiet", verbosity=0)
        print(f"   {time.perf_counter() - start:.1f} s (not part of the benchmark)")

    heading(f"(a) Generating {args.dossiers:,} dossiers (bulk_create + rebuild_statistics)")
    existing = Dossier.objects.count()
    missing = args.dossiers - existing
    if missing > 0:
        start = time.perf_counter()
        call_command("generate_bench_dossiers", missing, "--seed", str(existing + 1))
        seconds = time.perf_counter() - start
        print(f"   {missing:,} dossiers in {seconds:.1f} s = {missing / seconds:,.0f} dossiers/s")
    else:
        print(f"   reusing {existing:,} dossiers already in the benchmark database")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    total = Dossier.objects.count()
    print(f"   dossiers in the database: {total:,}")

    bench_lookup(args)
    bench_queue()
    bench_statistics()
    bench_concurrent_receipts(args)


def bench_lookup(args):
    from dossiers.models import Dossier
    from dossiers.queries.lookup import find_dossier_for_lookup

    heading("(b) Public lookup by code + phone (dossiers.queries.lookup.find_dossier_for_lookup)")
    rng = random.Random(7)
    max_pk = Dossier.objects.order_by("-pk").values_list("pk", flat=True).first()
    samples = []
    while len(samples) < args.samples:
        row = (
            Dossier.objects.filter(pk__gte=rng.randint(1, max_pk))
            .order_by("pk")
            .values_list("code", "applicant_phone")
            .first()
        )
        if row:
            samples.append(row)

    def lookup(i):
        code, phone = samples[i]
        assert find_dossier_for_lookup(code, phone) is not None

    def scan(i):
        # Baseline: the same lookup on an unindexed column (a full table scan).
        code, _phone = samples[i]
        list(Dossier.objects.filter(subject="x" + code)[:1])

    measured = timed(lookup, len(samples))
    baseline = timed(scan, min(20, len(samples)))
    print(f"   indexed lookup:            {summary(measured)}")
    print(f"   baseline, unindexed scan:  {summary(baseline)}")
    print(f"   ratio baseline / lookup:   {ratio(baseline, measured)}")


def bench_queue():
    from django.core.paginator import Paginator
    from django.db.models import Count, F

    from dossiers.models import Dossier, Officer, OfficerRole, Status
    from dossiers.queries.backoffice import (
        Ordering,
        Queue,
        keyset_page,
        queue_dossiers,
    )

    heading("(c) Back-office queue: open dossiers at one agency by due date, 50 per page")
    # The specialist whose agency holds the most dossiers in processing.
    busiest = (
        Dossier.objects.filter(
            status=Status.PROCESSING,
            current_agency__officers__role=OfficerRole.SPECIALIST,
        )
        .values("current_agency_id")
        .order_by()
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n")
        .first()
    )
    officer = (
        Officer.objects.filter(
            agency_id=busiest["current_agency_id"], role=OfficerRole.SPECIALIST
        ).first()
        if busiest
        else None
    )
    if officer is None:
        print("   no specialist officer holds dossiers; skipped")
        return
    user = officer.user
    queue = queue_dossiers(user, Queue.ACTION)
    print(
        f"   queue: dossiers.queries.backoffice.queue_dossiers({officer.user.username}, action)"
        f" + keyset_page(ordering=due); {busiest['n']:,} dossiers in processing there"
    )

    first = timed(lambda i: keyset_page(queue, ordering=Ordering.DUE_FIRST), 50)
    # A deep page: follow the cursor 20 pages, then time that page (keyset) against the
    # same page through Django's Paginator (COUNT + OFFSET), the naive baseline.
    depth, cursor = 1, None
    while depth < 20:
        page = keyset_page(queue, ordering=Ordering.DUE_FIRST, after=cursor)
        if page.next_cursor is None:
            break
        cursor, depth = page.next_cursor, depth + 1
    ordered = queue.order_by(F("due_at").asc(nulls_last=True), "pk")
    deep = timed(lambda i: keyset_page(queue, ordering=Ordering.DUE_FIRST, after=cursor), 30)
    offset = timed(lambda i: list(Paginator(ordered, 50).page(depth).object_list), 30)
    print(f"   first page (keyset):        {summary(first)}")
    print(f"   page {depth} (keyset cursor):    {summary(deep)}")
    print(f"   page {depth} (COUNT + OFFSET):   {summary(offset)}")
    print(f"   ratio offset / keyset:      {ratio(offset, deep)}")


def bench_statistics():
    import datetime

    from django.db.models import Count, Q
    from django.utils import timezone

    from dossiers.models import Dossier, Status
    from dossiers.queries.statistics import (
        naive_statistics_for_period,
        statistics_for_period,
        widget_numbers,
    )
    from dossiers.statistics import day_start

    heading("(d) Statistics from maintained DailyStatistic rows vs naive aggregation")
    today = timezone.localdate()
    start = today - datetime.timedelta(days=364)
    maintained = timed(lambda i: statistics_for_period(start=start, end=today), 20)
    naive = timed(lambda i: naive_statistics_for_period(start=start, end=today), 3)
    a = statistics_for_period(start=start, end=today)
    b = naive_statistics_for_period(start=start, end=today)
    same = a.processed == b.processed if hasattr(a, "processed") else "n/a"
    print("   report (báo cáo số 06), last 12 months, whole province:")
    print(f"     maintained (statistics_for_period):        {summary(maintained)}")
    print(f"     naive (naive_statistics_for_period):       {summary(naive)}")
    print(f"     ratio naive / maintained:                  {ratio(naive, maintained)}")
    print(f"     same processed numbers: {same}")
    widget = timed(lambda i: widget_numbers(), 20)
    month_start = day_start(today.replace(day=1))

    def naive_widget(i):
        # Baseline: the widget's numbers counted from the dossier table on the fly.
        Dossier.objects.filter(status=Status.RETURNED, returned_at__gte=month_start).aggregate(
            total=Count("pk"), late=Count("pk", filter=Q(timeliness="late"))
        )

    naive_w = timed(naive_widget, 10)
    print("   home-page widget, this month:")
    print(f"     maintained (widget_numbers):               {summary(widget)}")
    print(f"     naive (COUNT over dossiers):               {summary(naive_w)}")
    print(f"     ratio naive / maintained:                  {ratio(naive_w, widget)}")


def bench_concurrent_receipts(args):
    from django.contrib.auth import get_user_model
    from django.db import connection, connections

    heading(f"(e) Concurrent receipts, {args.threads} threads, one agency, one day")
    if connection.vendor != "postgresql":
        print("   PostgreSQL only (SQLite serialises writers); run with --database-url")
        return
    from dossiers import services
    from dossiers.models import Dossier, Officer, OfficerRole
    from dossiers.services import Applicant
    from procedures_pages.models import AgencyLevel

    desk = (
        Officer.objects.filter(
            role=OfficerRole.DESK,
            agency__level=AgencyLevel.PROVINCE,
            agency__is_service_centre=True,
        )
        .select_related("agency")
        .first()
    )
    if desk is None:
        print("   no desk officer at the province's service centre; skipped")
        return
    agency = desk.agency
    procedure = (
        agency.procedures.live().first()
        or Dossier.objects.filter(receiving_agency=agency).first().procedure
    )
    barrier = threading.Barrier(args.threads)
    codes, errors, lock = [], [], threading.Lock()

    def worker(index):
        try:
            user = get_user_model().objects.select_related("officer").get(pk=desk.user_id)
            barrier.wait()
            for n in range(args.receipts_per_thread):
                dossier = services.receive_dossier(
                    actor=user,
                    procedure=procedure,
                    agency=agency,
                    channel="truc-tiep",
                    applicant=Applicant(name=f"Người nộp đo tải {index}-{n}"),
                )
                with lock:
                    codes.append(dossier.code)
        except Exception as error:
            with lock:
                errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.threads)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
    gapless = numbers == list(range(numbers[0], numbers[0] + len(numbers))) if numbers else False
    print(f"   {len(codes)} receipts in {seconds:.2f} s = {len(codes) / seconds:.0f} dossiers/s")
    print(f"   duplicates: {len(codes) - len(set(codes))}; numbers contiguous: {gapless}")
    if errors:
        print(f"   errors: {len(errors)} (first: {errors[0]})")

    user = get_user_model().objects.select_related("officer").get(pk=desk.user_id)
    n = args.receipts_per_thread * 2
    start = time.perf_counter()
    for i in range(n):
        services.receive_dossier(
            actor=user,
            procedure=procedure,
            agency=agency,
            channel="truc-tiep",
            applicant=Applicant(name=f"Người nộp đo tuần tự {i}"),
        )
    single = n / (time.perf_counter() - start)
    print(
        f"   baseline, one thread: {single:.0f} dossiers/s; ratio threads / one thread: "
        f"{len(codes) / seconds / single:.1f}×"
    )


if __name__ == "__main__":
    main()
