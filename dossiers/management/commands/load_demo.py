"""``manage.py load_demo``: the catalogue demo, then officers and dossiers in every state.

Extends the catalogue's command (``dossiers`` precedes ``procedures_pages`` in
``INSTALLED_APPS``, so this is the command manage.py runs). Dossiers are built through the
real services with past timestamps; a second run creates no officer or dossier twice.
"""

import random
import sys
import time
from collections import Counter

from django.utils import timezone

from dossiers.demo.officers import ensure_officers, find_agencies
from dossiers.demo.people import PeopleFactory, locality_of
from dossiers.demo.scenarios import DemoBuilder
from dossiers.models import Dossier, DossierEvent, Status
from procedures_pages.demo.moderation import DEMO_PASSWORD
from procedures_pages.management.commands.load_demo import Command as CatalogueCommand
from procedures_pages.models import Agency, AgencyLevel
from procedures_pages.signals import bulk_changes

DEFAULT_DOSSIERS = 2000
DEFAULT_SEED = 2026


class Command(CatalogueCommand):
    help = CatalogueCommand.help + (
        " Sau đó tạo cán bộ (một cửa, chuyên viên, lãnh đạo, văn thư) và hồ sơ mẫu ở mọi "
        "trạng thái trong 12 tháng qua, qua đúng các nghiệp vụ tiếp nhận và xử lý."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--dossiers",
            type=int,
            default=DEFAULT_DOSSIERS,
            help=f"Số hồ sơ mẫu (mặc định {DEFAULT_DOSSIERS}; 0 để không tạo hồ sơ).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Hạt giống ngẫu nhiên: cùng hạt giống cho cùng bộ hồ sơ.",
        )

    def handle(self, *args, **options):
        count, seed = options.pop("dossiers"), options.pop("seed")
        super().handle(*args, **options)
        verbose = not options.get("quiet") and options["verbosity"] > 0
        started = time.perf_counter()

        rng = random.Random(seed)  # noqa: S311 - demo data, not security
        communes = Agency.objects.filter(level=AgencyLevel.COMMUNE).order_by("code")
        people = PeopleFactory(rng, [locality_of(a.name) for a in communes] or None)
        staff = ensure_officers(find_agencies(), people, DEMO_PASSWORD)

        already = DossierEvent.objects.filter(
            transition="receive", actor__in=staff.desk_users
        ).exists()
        outcome = None
        if count > 0 and not already and staff.desk_users:
            builder = DemoBuilder(staff, rng, people, now=timezone.now())
            planned = builder.plan(count)
            # Followers of each save (the search index) catch up once at the end.
            with bulk_changes(Dossier, all_rows=True):
                outcome = self._build(builder, planned, verbose=verbose)
        if options["verbosity"] > 0:
            self._dossier_summary(
                staff, outcome, already=already, seconds=time.perf_counter() - started
            )

    def _build(self, builder, planned, *, verbose):
        if not verbose:
            return builder.build(planned)
        from tqdm import tqdm

        with tqdm(
            total=len(planned), desc="Hồ sơ mẫu", unit=" hồ sơ", file=sys.stderr, leave=False
        ) as bar:
            return builder.build(planned, advance=bar.update)

    def _dossier_summary(self, staff, outcome, *, already, seconds):
        lines = ["", f"Cán bộ (mật khẩu {DEMO_PASSWORD} — chỉ dùng cho máy phát triển):"]
        width = max((len(row[0]) for row in staff.rows()), default=10)
        lines += [
            f"  {username:<{width}}  {role}, {agency} — {name}"
            for username, name, role, agency in staff.rows()
        ]
        if not staff.desk_users:
            lines.append("  (không tìm thấy Trung tâm Phục vụ hành chính công hay xã nào)")
        if outcome is not None:
            lines.append(
                self.style.SUCCESS(f"Đã tạo {sum(outcome.by_scenario.values())} hồ sơ mẫu")
                + f" trong {seconds:.1f} giây."
            )
            if outcome.failures:
                lines.append(f"  Thao tác không thực hiện được: {dict(outcome.failures)}")
        elif already:
            lines.append("Hồ sơ mẫu đã có từ lần chạy trước; không tạo thêm.")
        by_status = Counter(Dossier.objects.values_list("status", flat=True))
        lines.append("Hồ sơ theo trạng thái:")
        lines += [
            f"  {status.value:>2}. {status.label}: {by_status.get(status.value, 0)}"
            for status in Status
        ]
        samples = outcome.samples if outcome else []
        if samples:
            lines.append("Tra cứu thử (mã hồ sơ — mã tra cứu — điện thoại):")
            lines += [f"  {d.code} — {d.lookup_secret} — {d.applicant_phone}" for d in samples]
        self.stdout.write("\n".join(lines))
