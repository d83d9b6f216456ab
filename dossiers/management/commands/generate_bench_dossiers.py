"""``manage.py generate_bench_dossiers N``: N synthetic dossiers for benchmarks, fast.

BENCHMARK DATA ONLY. Unlike ``load_demo`` this bypasses the services: rows are written
with ``bulk_create`` (no history rows, no step events, appointments approximated in
calendar days), because building a million dossiers transition by transition would take
hours. It keeps what the read paths depend on: unique codes from per-agency daily
sequences (the ``DailySequence`` rows are advanced so that later real receipts continue
the numbering), a realistic mix of statuses, timeliness and channels over the past 12
months, a closing event for every refused, withdrawn or stopped dossier, and the
``DailyStatistic`` counters rebuilt from the result by ``rebuild_statistics``.
Never run it against a database that holds real dossiers.
"""

import datetime
import random
import sys
import time
from collections import defaultdict

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from dossiers.demo.people import PeopleFactory
from dossiers.models import (
    DailySequence,
    Dossier,
    DossierEvent,
    Outcome,
    ReturnMethod,
    Stage,
    Status,
)
from dossiers.working_time import Timeliness
from procedures_pages.models import Agency, AgencyLevel, ProcedurePage

SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105 - as new_lookup_secret
# (status, stage, outcome, timeliness, weight): the shape of a provincial register.
MIX = [
    (Status.RETURNED, Stage.DESK, Outcome.GRANTED, Timeliness.EARLY, 50),
    (Status.RETURNED, Stage.DESK, Outcome.GRANTED, Timeliness.ON_TIME, 20),
    (Status.RETURNED, Stage.DESK, Outcome.GRANTED, Timeliness.LATE, 6),
    (Status.RETURNED, Stage.DESK, Outcome.INELIGIBLE, Timeliness.EARLY, 2),
    (Status.REFUSED, Stage.DESK, Outcome.NONE, "", 2),
    (Status.WITHDRAWN, Stage.SPECIALIST, Outcome.NONE, "", 2),
    (Status.STOPPED, Stage.SPECIALIST, Outcome.NONE, "", 1),
    (Status.SUBMITTED, Stage.DESK, Outcome.NONE, "", 1),
    (Status.RECEIVED, Stage.DESK, Outcome.NONE, "", 3),
    (Status.PROCESSING, Stage.SPECIALIST, Outcome.NONE, "", 5),
    (Status.PROCESSING, Stage.DEPARTMENT_HEAD, Outcome.NONE, "", 2),
    (Status.PROCESSING, Stage.AGENCY_HEAD, Outcome.NONE, "", 1),
    (Status.SUPPLEMENT_REQUESTED, Stage.SPECIALIST, Outcome.NONE, "", 2),
    (Status.WAITING_PAYMENT, Stage.SPECIALIST, Outcome.NONE, "", 1),
    (Status.RESULT_READY, Stage.DESK, Outcome.GRANTED, "", 2),
]
OPEN = {
    Status.SUBMITTED,
    Status.RECEIVED,
    Status.PROCESSING,
    Status.SUPPLEMENT_REQUESTED,
    Status.WAITING_PAYMENT,
    Status.RESULT_READY,
}
CLOSING_TRANSITION = {
    Status.REFUSED: "refuse",
    Status.WITHDRAWN: "withdraw",
    Status.STOPPED: "stop",
}
CHANNELS = (["truc-tiep"] * 5) + (["truc-tuyen"] * 4) + ["buu-chinh"]
RETURN_METHOD = {
    "truc-tiep": ReturnMethod.IN_PERSON,
    "truc-tuyen": ReturnMethod.ELECTRONIC,
    "buu-chinh": ReturnMethod.POSTAL,
}


class Command(BaseCommand):
    help = (
        "Sinh N hồ sơ giả lập cho đo hiệu năng (bulk_create, bỏ qua nghiệp vụ và lịch sử). "
        "Chỉ dùng trên cơ sở dữ liệu đo hiệu năng, không dùng cho dữ liệu thật."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="Số hồ sơ cần sinh.")
        parser.add_argument("--seed", type=int, default=1, help="Hạt giống ngẫu nhiên.")
        parser.add_argument("--batch", type=int, default=5000, help="Số dòng mỗi lần ghi.")
        parser.add_argument("--quiet", action="store_true", help="Không hiện tiến trình.")
        parser.add_argument(
            "--no-statistics", action="store_true", help="Không tính lại bảng thống kê."
        )

    def handle(self, *args, count, seed, batch, quiet, no_statistics, **options):
        pairs = self._pairs()
        if not pairs:
            raise CommandError(
                "Chưa có cơ quan và thủ tục: chạy “manage.py load_demo --dossiers 0” trước."
            )
        rng = random.Random(seed)  # noqa: S311 - benchmark data
        people = PeopleFactory(rng)
        statuses = [row[:4] for row in MIX]
        weights = [row[4] for row in MIX]
        now = timezone.now()
        sequences = {
            (s.agency_id, s.day): s for s in DailySequence.objects.filter(day__gte=_year_ago(now))
        }
        numbers: dict[tuple[int, datetime.date], int] = defaultdict(int)
        for key, sequence in sequences.items():
            numbers[key] = sequence.last
        show = not quiet and options["verbosity"] > 0
        bar = None
        if show:
            from tqdm import tqdm

            bar = tqdm(total=count, desc="Sinh hồ sơ", unit=" hồ sơ", file=sys.stderr)
        started, done = time.perf_counter(), 0
        while done < count:
            size = min(batch, count - done)
            rows = []
            for _ in range(size):
                status, stage, outcome, timeliness = rng.choices(statuses, weights)[0]
                procedure_id, receiving, processing = rng.choice(pairs)
                rows.append(
                    self._row(
                        rng,
                        people,
                        now,
                        numbers,
                        status,
                        stage,
                        outcome,
                        timeliness,
                        procedure_id,
                        receiving,
                        processing,
                    )
                )
            with transaction.atomic():
                created = Dossier.objects.bulk_create(rows, batch_size=batch)
                events = [
                    DossierEvent(
                        dossier_id=d.pk,
                        transition=CLOSING_TRANSITION[d.status],
                        from_status=Status.PROCESSING,
                        to_status=d.status,
                        from_agency_id=d.current_agency_id,
                        to_agency_id=d.current_agency_id,
                        at=d.updated_at_bench,
                        note="Dữ liệu đo hiệu năng",
                    )
                    for d in created
                    if d.status in CLOSING_TRANSITION
                ]
                DossierEvent.objects.bulk_create(events, batch_size=batch)
            done += size
            if bar is not None:
                bar.update(size)
        if bar is not None:
            bar.close()
        self._save_sequences(sequences, numbers)
        seconds = time.perf_counter() - started
        if not no_statistics:
            call_command("rebuild_statistics", quiet=True, verbosity=0)
        if options["verbosity"] > 0:
            self.stdout.write(
                f"Đã sinh {count} hồ sơ trong {seconds:.1f} giây "
                f"({count / seconds:.0f} hồ sơ/giây); "
                f"tổng cộng {time.perf_counter() - started:.1f} giây kể cả thống kê."
            )

    @staticmethod
    def _pairs() -> list[tuple[int, Agency, Agency]]:
        """(procedure id, receiving agency, processing agency) as in the demo province."""
        centre = (
            Agency.objects.filter(level=AgencyLevel.PROVINCE, is_service_centre=True)
            .order_by("code")
            .first()
        )
        pairs = []
        for page in ProcedurePage.objects.live().prefetch_related("implementing_agencies"):
            for agency in page.implementing_agencies.all():
                if agency.level == AgencyLevel.COMMUNE:
                    pairs.append((page.pk, agency, agency))
                elif agency.level == AgencyLevel.PROVINCE and centre is not None:
                    pairs.append((page.pk, centre, agency))
        return pairs

    @staticmethod
    def _row(
        rng,
        people,
        now,
        numbers,
        status,
        stage,
        outcome,
        timeliness,
        procedure_id,
        receiving,
        processing,
    ) -> Dossier:
        if status in OPEN:
            received_at = now - datetime.timedelta(seconds=rng.randint(600, 30 * 86400))
        else:
            received_at = now - datetime.timedelta(seconds=rng.randint(20 * 86400, 365 * 86400))
        local = timezone.localtime(received_at)
        day = local.date()
        numbers[(receiving.pk, day)] += 1
        limit_days = rng.choice([1, 3, 5, 7, 10, 15, 20, 30])
        due_at = received_at + datetime.timedelta(days=limit_days * 1.4)
        returned_at = ready_at = None
        if status == Status.RETURNED:
            offset = {
                Timeliness.EARLY: rng.uniform(0.2, 0.9) * (due_at - received_at),
                Timeliness.ON_TIME: (due_at - received_at) - datetime.timedelta(hours=1),
                Timeliness.LATE: (due_at - received_at)
                + datetime.timedelta(days=rng.randint(1, 9)),
            }[timeliness]
            returned_at = received_at + offset
            ready_at = returned_at - datetime.timedelta(hours=rng.randint(1, 20))
        elif status == Status.RESULT_READY:
            ready_at = received_at + (now - received_at) * rng.uniform(0.5, 0.99)
        closed_at = received_at + (min(due_at, now) - received_at) * rng.uniform(0.1, 0.9)
        at_desk = stage == Stage.DESK
        applicant = people.applicant()
        dossier = Dossier(
            code=f"{receiving.code}-{day:%y%m%d}-{numbers[(receiving.pk, day)]:04d}",
            lookup_secret="".join(rng.choice(SECRET_ALPHABET) for _ in range(6)),
            procedure_id=procedure_id,
            receiving_agency_id=receiving.pk,
            current_agency_id=receiving.pk if at_desk else processing.pk,
            stage=stage,
            applicant_name=applicant.name,
            applicant_id_number=applicant.id_number,
            applicant_phone=applicant.phone,
            applicant_email=applicant.email,
            applicant_address=applicant.address,
            subject="Dữ liệu đo hiệu năng",
            channel="truc-tuyen" if status == Status.SUBMITTED else rng.choice(CHANNELS),
            received_at=received_at,
            clock_started_at=None if status == Status.SUBMITTED else received_at,
            due_at=None if status == Status.SUBMITTED else due_at,
            original_due_at=None if status == Status.SUBMITTED else due_at,
            time_limit_value=limit_days,
            time_limit_unit="calendar_days",
            status=status,
            outcome=outcome,
            result_ready_at=ready_at,
            result_date=timezone.localtime(ready_at).date() if ready_at else None,
            returned_at=returned_at,
            timeliness=timeliness,
        )
        if returned_at is not None:
            dossier.return_method = RETURN_METHOD[dossier.channel]
        dossier.updated_at_bench = closed_at  # for the closing event, not a model field
        return dossier

    @staticmethod
    def _save_sequences(sequences, numbers) -> None:
        """Advance the daily sequences past the generated codes (not a tracked model)."""
        new = []
        with transaction.atomic():
            for (agency_id, day), last in numbers.items():
                sequence = sequences.get((agency_id, day))
                if sequence is None:
                    new.append(DailySequence(agency_id=agency_id, day=day, last=last))
                elif sequence.last != last:
                    sequence.last = last
                    sequence.save(update_fields=["last"])
            DailySequence.objects.bulk_create(new, batch_size=5000)


def _year_ago(now: datetime.datetime) -> datetime.date:
    return timezone.localtime(now).date() - datetime.timedelta(days=400)
