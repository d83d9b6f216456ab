"""Reader for the official list export of the national database (.xlsx).

The sheet opens with a title block; the header row ``Mã số | Tên | Cơ quan ban hành |
Cơ quan thực hiện | Lĩnh vực`` is found by its first cell. The rows carry only code, name,
implementing agencies (one per line) and sector, so an import from this format updates
only those fields of a procedure that already exists (``LIST_FIELDS``). The issuing
ministry has no field of its own on a procedure and is not stored.

For a procedure that does not exist yet, the implementing levels are inferred from the
agency names ("Ủy ban nhân dân cấp xã" → Cấp xã, "Sở …" → Cấp tỉnh, "Bộ …"/"Cục …" →
Cấp bộ), falling back to "Cơ quan khác"; an editor can correct them later.
"""

from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from ..text import fold, normalize
from .services import CatalogueImportError, RowError, SourcedRecord

HEADER = ("mã số", "tên", "cơ quan ban hành", "cơ quan thực hiện", "lĩnh vực")
LIST_FIELDS = frozenset({"code", "name", "implementing_agency_text", "sector"})
HEADER_SEARCH_ROWS = 30

_LEVEL_HINTS = (
    ("xa", ("cap xa", "xa,", "phuong", "thi tran", "ubnd xa")),
    ("huyen", ("cap huyen",)),
    ("tinh", ("cap tinh", "so ", "uy ban nhan dan tinh", "ubnd tinh", "khu vuc")),
    ("bo", ("bo ", "cuc ", "vu ", "tong cuc", "ngan hang nha nuoc viet nam", "thu tuong")),
)


def infer_levels(agency_text: str) -> list[str]:
    """Implementing levels guessed from agency names, for procedures created from a list."""
    folded = f" {fold(agency_text)} ".replace("\n", " ")
    levels = [level for level, hints in _LEVEL_HINTS if any(f" {hint}" in folded for hint in hints)]
    return levels or ["khac"]


def _cell(value) -> str:
    return "" if value is None else str(value)


def read_national_xlsx(path: Path | str) -> list[SourcedRecord]:
    path = Path(path)
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.active
        rows = sheet.iter_rows(values_only=True)
        header_line = None
        for line, row in enumerate(rows, start=1):
            cells = tuple(normalize(_cell(v)).lower() for v in row[: len(HEADER)])
            if cells == HEADER:
                header_line = line
                break
            if line >= HEADER_SEARCH_ROWS:
                break
        if header_line is None:
            raise CatalogueImportError(
                [
                    RowError(
                        path.name,
                        _("Không tìm thấy dòng tiêu đề “%(header)s”.")
                        % {"header": " | ".join(h.capitalize() for h in HEADER)},
                    )
                ]
            )
        items = []
        for line, row in enumerate(rows, start=header_line + 1):
            cells = [_cell(v) for v in row[: len(HEADER)]] + [""] * len(HEADER)
            code, name, _issuer, agencies, sector = cells[: len(HEADER)]
            if not any(c.strip() for c in (code, name, agencies, sector)):
                continue
            agency_lines = [normalize(part) for part in agencies.splitlines()]
            agency_text = "\n".join(part for part in agency_lines if part)
            record = {
                "code": code,
                "name": name,
                "implementing_agency_text": agency_text,
                "sector": sector,
                "levels": infer_levels(agency_text),
            }
            items.append(SourcedRecord(record=record, position=f"{path.name}:{line}",
                                       fields=LIST_FIELDS))  # fmt: skip
        return items
    finally:
        workbook.close()
