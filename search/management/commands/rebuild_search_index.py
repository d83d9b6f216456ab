"""Rebuild the portal's search index from the database, with a progress bar per kind."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from tqdm import tqdm

from search import backend
from search.documents import bulk_entries, public_queryset
from search.types import Kind

CHUNK = 500


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
        search = backend()
        for current in kind or Kind.ALL:
            queryset = public_queryset(current)
            total = queryset.count()
            search.clear(current)
            written = 0
            with tqdm(
                total=total,
                desc=current,
                unit="obj",
                file=self.stderr._out,
                disable=verbosity < 1,
            ) as bar:
                pks = list(queryset.values_list("pk", flat=True))
                for start in range(0, len(pks), CHUNK):
                    chunk = list(queryset.filter(pk__in=pks[start : start + CHUNK]))
                    written += search.write(bulk_entries(current, chunk))
                    bar.update(len(chunk))
            self.stdout.write(
                _("%(kind)s: đã lập chỉ mục %(written)d/%(total)d")
                % {"kind": current, "written": written, "total": total}
            )
