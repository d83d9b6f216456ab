"""``manage.py build_demo_catalogue SOURCE_DIR -o FILE``: regenerate the demo catalogue."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from procedures_pages.importing.demo_catalogue import build_demo_catalogue
from procedures_pages.importing.own_format import dump_own_json


class Command(BaseCommand):
    help = _(
        "Chọn bộ thủ tục mẫu (tỉnh và xã) từ dữ liệu thu thập của Cổng DVC quốc gia và ghi "
        "ra tệp JSON theo định dạng riêng của dự án."
    )

    def add_arguments(self, parser):
        parser.add_argument("source_dir", metavar="SOURCE_DIR", type=Path)
        parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")

    def handle(self, *args, source_dir, output, **options):
        if not source_dir.is_dir():
            raise CommandError(_("Không tìm thấy thư mục %(path)s.") % {"path": source_dir})
        try:
            records = build_demo_catalogue(source_dir)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        text = dump_own_json(records)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        sectors = {record["sector"] for record in records}
        with_steps = sum(1 for record in records if record["workflow_steps"])
        self.stdout.write(
            _(
                "Đã ghi %(count)d thủ tục (%(sectors)d lĩnh vực, %(steps)d có quy trình nội bộ), "
                "%(size)d KB vào %(path)s."
            )
            % {
                "count": len(records),
                "sectors": len(sectors),
                "steps": with_steps,
                "size": len(text.encode()) // 1024,
                "path": output,
            }
        )
