"""Rebuild the portal's search index from the database, with a progress bar per kind."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from tqdm import tqdm

from search.documents import public_queryset
from search.indexing import rebuild
from search.types import Kind


class Command(BaseCommand):
    help = "Xây dựng lại chỉ mục tìm kiếm (thủ tục, tin tức, hồ sơ)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            choices=Kind.ALL,
            action="append",
            help="Chỉ xây dựng lại loại này (có thể lặp lại); mặc định: tất cả.",
        )

    def handle(self, *args, kind=None, verbosity=1, **options):
        for current in kind or Kind.ALL:
            total = public_queryset(current).count()
            with tqdm(
                total=total,
                desc=current,
                unit="obj",
                file=self.stderr._out,
                disable=verbosity < 1,
            ) as bar:
                written, total = rebuild(current, progress=bar.update)
            self.stdout.write(
                _("%(kind)s: đã lập chỉ mục %(written)d/%(total)d")
                % {"kind": current, "written": written, "total": total}
            )
