"""Compile the project's .po catalogues to .mo without needing GNU gettext installed.

Django's ``compilemessages`` shells out to ``msgfmt``; a newcomer's machine may not have
it, so the setup scripts use this pure-Python equivalent (Babel). Only catalogues whose
.mo is missing or older than the .po are rebuilt.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


def project_locale_dirs() -> list[Path]:
    dirs = [Path(p) for p in settings.LOCALE_PATHS]
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        locale = Path(config.path).resolve() / "locale"
        if locale.is_dir() and base in locale.parents and ".venv" not in locale.parts:
            dirs.append(locale)
    return dirs


class Command(BaseCommand):
    help = "Biên dịch các tệp bản dịch .po của dự án thành .mo (không cần gettext)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true")
        parser.add_argument("--force", action="store_true", help="Biên dịch lại tất cả.")

    def handle(self, *args, quiet=False, force=False, **options):
        compiled = 0
        for locale_dir in project_locale_dirs():
            for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if (
                    not force
                    and mo_path.exists()
                    and mo_path.stat().st_mtime >= po_path.stat().st_mtime
                ):
                    continue
                with po_path.open("rb") as po_file:
                    catalog = read_po(po_file, locale=po_path.parent.parent.name)
                with mo_path.open("wb") as mo_file:
                    write_mo(mo_file, catalog, use_fuzzy=False)
                compiled += 1
                if not quiet:
                    self.stdout.write(f"{po_path} → {mo_path.name}")
        if not quiet:
            self.stdout.write(self.style.SUCCESS(f"Đã biên dịch {compiled} tệp bản dịch."))
