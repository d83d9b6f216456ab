"""``manage.py import_procedures FILE... [--dry-run] [--format …]``: all files, one import."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from procedures_pages.importing import CatalogueImportError, import_records, load_file
from procedures_pages.importing.loaders import FORMATS
from procedures_pages.importing.national_json import ParseStats


class Command(BaseCommand):
    help = _(
        "Nhập danh mục thủ tục hành chính từ tệp JSON/CSV theo định dạng riêng, tệp JSON thu "
        "thập từ Cổng DVC quốc gia hoặc tệp danh sách .xlsx. Tất cả hoặc không gì cả."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true", help=_("Kiểm tra, không ghi gì."))
        parser.add_argument("--format", choices=FORMATS, default="auto", dest="fmt")

    def handle(self, *args, files, dry_run, fmt, **options):
        records, errors = [], []
        stats = ParseStats()
        for path in files:
            try:
                records.extend(load_file(path, fmt, stats=stats))
            except CatalogueImportError as error:
                errors.extend(error.errors)
        if errors:
            self._fail(errors)
        bar = tqdm(total=len(records), unit=_("thủ tục"), disable=options["verbosity"] < 1)
        try:
            report = import_records(records, dry_run=dry_run, progress=bar.update)
        except CatalogueImportError as error:
            bar.close()
            self._fail(error.errors)
        bar.close()
        if stats.cells:
            parsed = ", ".join(
                f"{kind} {full}/{total}" for kind, (full, total) in stats.summary().items()
            )
            self.stdout.write(_("Ô dữ liệu phân tích trọn vẹn: %(parsed)s.") % {"parsed": parsed})
        self.stdout.write(self.style.SUCCESS(report.summary()))

    def _fail(self, errors):
        for error in errors:
            self.stderr.write(str(error))
        raise CommandError(
            _("Không nhập gì: %(count)d lỗi ở dữ liệu đầu vào.") % {"count": len(errors)}
        )
