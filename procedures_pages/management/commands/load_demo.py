"""``manage.py load_demo``: a believable demo province for the development server."""

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from procedures_pages.demo.catalogue import DEMO_FILE
from procedures_pages.demo.loader import load_demo
from procedures_pages.demo.moderation import DEMO_PASSWORD, EDITORS, MODERATORS
from procedures_pages.demo.progress import Progress, TqdmProgress
from procedures_pages.demo.site import HOSTNAME, PORT
from procedures_pages.importing import CatalogueImportError


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu: trang chủ, cơ quan, lĩnh vực, danh mục thủ tục, tin tức, nhóm biên "
        "tập/kiểm duyệt và tài khoản admin, editor, moderator (mật khẩu "
        f"“{DEMO_PASSWORD}”, chỉ dùng cho máy phát triển). Chạy lại nhiều lần không tạo trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-news", action="store_true", help="Không tạo tin tức mẫu.")
        parser.add_argument(
            "--procedures",
            type=Path,
            default=DEMO_FILE,
            help="Tệp thủ tục theo định dạng của dự án (mặc định: dữ liệu mẫu đã chọn lọc).",
        )
        parser.add_argument(
            "--quiet", action="store_true", help="Không hiện tiến trình, chỉ in tóm tắt."
        )

    def handle(self, *args, no_news=False, quiet=False, **options):
        verbose = not quiet and options["verbosity"] > 0
        started = time.perf_counter()

        progress = TqdmProgress(sys.stderr) if verbose else Progress()

        def log(message):
            if verbose:
                self.stdout.write(message)

        try:
            result = load_demo(
                with_news=not no_news,
                procedures_file=options["procedures"],
                progress=progress,
                log=log,
            )
        except CatalogueImportError as error:
            raise CommandError(
                "Không nhập được danh mục thủ tục, không có gì được ghi:\n" + str(error)
            ) from error
        if options["verbosity"] > 0:
            self._summary(result, time.perf_counter() - started, verbose=verbose)

    def _summary(self, result, seconds, *, verbose):
        t, c = result.totals, result.created
        lines = [
            "",
            self.style.SUCCESS(f"Đã nạp dữ liệu mẫu trong {seconds:.1f} giây."),
            f"  Cơ quan: {t['agencies']} ({t['ministries']} bộ, ngành; {t['departments']} "
            f"cơ quan cấp tỉnh; {t['communes']} xã, phường; {t['other_agencies']} cơ quan khác)",
            f"  Lĩnh vực: {t['sectors']} (bổ sung mô tả cho {c.get('sector_descriptions', 0)})",
            f"  Thủ tục hành chính: {t['procedures']}, trong đó {t['procedures_live']} đang công "
            f"bố, {t['procedures_linked']} đã gắn cơ quan thực hiện (lần này: thêm "
            f"{c.get('procedures', 0)}, gắn {c.get('linked', 0)})",
            f"  Tin tức: {t['news']} ({t['news_live']} đã đăng, {t['news_scheduled']} hẹn giờ "
            f"đăng, {t['news_in_moderation']} chờ kiểm duyệt) trong {t['news_categories']} "
            f"chuyên mục (lần này: thêm {c.get('news', 0)})",
            "",
            f"Máy chủ phát triển: http://{HOSTNAME}:{PORT}/ — quản trị: "
            f"http://{HOSTNAME}:{PORT}/admin/",
            f"Tài khoản (mật khẩu đặt khi tạo: {DEMO_PASSWORD} — chỉ dùng cho máy phát triển):",
            "  admin      quản trị hệ thống",
            f"  editor     {EDITORS} — soạn tin, gửi kiểm duyệt",
            f"  moderator  {MODERATORS} — duyệt và xuất bản",
        ]
        if verbose:
            lines.append("Thời gian từng bước:")
            lines += [f"  {label}: {secs:.1f} giây" for label, secs in result.timings.items()]
        self.stdout.write("\n".join(lines))
