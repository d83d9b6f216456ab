"""``manage.py rebuild_statistics``: recompute the daily statistics from dossiers and events."""

import datetime
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from dossiers.statistics import rebuild_statistics


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Ngày không hợp lệ: {value!r} (định dạng YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = (
        "Tính lại bảng thống kê theo ngày (DailyStatistic) từ hồ sơ và nhật ký xử lý, "
        "cho khoảng ngày --from..--to (mặc định: toàn bộ). Dùng sau khi nạp dữ liệu hàng loạt "
        "hoặc để sửa số liệu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", type=_date, help="Từ ngày (YYYY-MM-DD).")
        parser.add_argument("--to", dest="end", type=_date, help="Đến ngày (YYYY-MM-DD).")
        parser.add_argument("--quiet", action="store_true", help="Không hiện tiến trình.")

    def handle(self, *args, start=None, end=None, quiet=False, **options):
        if start and end and start > end:
            raise CommandError("--from phải trước hoặc bằng --to.")
        show = not quiet and options["verbosity"] > 0

        def progress(iterable, total, label):
            if not show:
                return iterable
            return tqdm(iterable, total=total, desc=label, unit=" nhóm", file=sys.stderr)

        started = time.perf_counter()
        rows = rebuild_statistics(start, end, progress=progress)
        if options["verbosity"] > 0:
            self.stdout.write(
                f"Đã ghi {rows} dòng thống kê trong {time.perf_counter() - started:.1f} giây."
            )
