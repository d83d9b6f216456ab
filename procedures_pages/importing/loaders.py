"""One entry point for every input format: ``load_file(path, fmt="auto")``."""

import json
from pathlib import Path

from django.utils.translation import gettext as _

from .national_json import ParseStats, looks_like_national, parse_national_record
from .national_xlsx import read_national_xlsx
from .own_format import _json_records, read_own_csv
from .services import CatalogueImportError, RowError, SourcedRecord

FORMATS = ("auto", "own", "national-json", "national-xlsx")


def detect_format(path: Path) -> str:
    """By extension, and for .json by content (the crawl is a list with ``ma_thu_tuc``)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "national-xlsx"
    if suffix == ".csv":
        return "own"
    if suffix == ".json":
        with open(path, encoding="utf-8-sig") as handle:
            head = handle.read(4096)
        return "national-json" if '"ma_thu_tuc"' in head else "own"
    raise CatalogueImportError(
        [RowError(path.name, _("Không nhận ra định dạng tệp (chỉ hỗ trợ .json, .csv, .xlsx)."))]
    )


def _read_json(path: Path) -> object:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return json.load(handle)
    except json.JSONDecodeError as error:
        raise CatalogueImportError(
            [
                RowError(
                    f"{path.name}:{error.lineno}",
                    _("JSON không hợp lệ: %(reason)s") % {"reason": error.msg},
                )
            ]
        ) from error


def load_national_json(path: Path | str, *, stats: ParseStats | None = None) -> list[SourcedRecord]:
    """Crawled national records, parsed into own-format records."""
    path = Path(path)
    data = _read_json(path)
    if not looks_like_national(data) and data != []:
        raise CatalogueImportError(
            [RowError(path.name, _("Tệp không có dạng dữ liệu thu thập từ Cổng DVC quốc gia."))]
        )
    items, errors = [], []
    for index, raw in enumerate(data, start=1):
        position = f"{path.name}:#{index}"
        if not isinstance(raw, dict):
            errors.append(RowError(position, _("Bản ghi phải là một đối tượng JSON.")))
            continue
        items.append(
            SourcedRecord(record=parse_national_record(raw, stats=stats), position=position)
        )
    if errors:
        raise CatalogueImportError(errors)
    return items


def load_file(
    path: Path | str, fmt: str = "auto", *, stats: ParseStats | None = None
) -> list[SourcedRecord]:
    """Records of one file in any supported format; raises CatalogueImportError."""
    path = Path(path)
    if not path.is_file():
        raise CatalogueImportError([RowError(str(path), _("Không tìm thấy tệp."))])
    if fmt not in FORMATS:
        raise CatalogueImportError(
            [RowError(path.name, _("Định dạng không hỗ trợ: %(fmt)s.") % {"fmt": fmt})]
        )
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt == "national-xlsx":
        return read_national_xlsx(path)
    if fmt == "national-json":
        return load_national_json(path, stats=stats)
    if path.suffix.lower() == ".csv":
        return read_own_csv(path)
    return _json_records(_read_json(path), path.name)
