"""Reader and writer of the project's own record format (docs/import-format.md).

JSON: a list of records, or ``{"procedures": [...]}``. CSV: one row per procedure with
the record keys as columns; ``levels`` and ``implementing_agencies`` comma-separated, the
row lists (channels, documents, legal_bases, workflow_steps) as JSON-encoded cells.
Positions are "file:#N" (JSON record, from 1) and "file:N" (CSV line, header is line 1).
"""

import csv
import io
import json
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from .records import ALL_FIELDS, CHILD_FIELDS, ProcedureRecord
from .services import CatalogueImportError, RowError, SourcedRecord

CSV_LIST_COLUMNS = tuple(CHILD_FIELDS)
CSV_COMMA_COLUMNS = ("levels", "implementing_agencies")


def _json_records(data: Any, name: str) -> list[SourcedRecord]:
    if isinstance(data, dict) and isinstance(data.get("procedures"), list):
        data = data["procedures"]
    if not isinstance(data, list):
        raise CatalogueImportError(
            [
                RowError(
                    name, _('Tệp JSON phải là một danh sách thủ tục hoặc {"procedures": [...]}.')
                )
            ]
        )
    errors, items = [], []
    for index, record in enumerate(data, start=1):
        position = f"{name}:#{index}"
        if not isinstance(record, dict):
            errors.append(RowError(position, _("Bản ghi phải là một đối tượng JSON.")))
            continue
        unknown = sorted(set(record) - set(ALL_FIELDS))
        if unknown:
            errors.append(
                RowError(
                    position,
                    _("Trường không được hỗ trợ: %(keys)s.") % {"keys": ", ".join(unknown)},
                )
            )
            continue
        items.append(SourcedRecord(record=record, position=position))
    if errors:
        raise CatalogueImportError(errors)
    return items


def read_own_json(path: Path | str) -> list[SourcedRecord]:
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except json.JSONDecodeError as error:
        raise CatalogueImportError(
            [
                RowError(
                    f"{path.name}:{error.lineno}",
                    _("JSON không hợp lệ: %(reason)s") % {"reason": error.msg},
                )
            ]
        ) from error
    return _json_records(data, path.name)


def _csv_row(row: dict[str, str], position: str) -> tuple[dict[str, Any], list[RowError]]:
    record: dict[str, Any] = {}
    errors = []
    for key, value in row.items():
        if key is None:
            errors.append(RowError(position, _("Dòng có nhiều ô hơn dòng tiêu đề.")))
            continue
        value = value or ""
        if key in CSV_COMMA_COLUMNS:
            record[key] = [part.strip() for part in value.split(",") if part.strip()]
        elif key in CSV_LIST_COLUMNS:
            try:
                record[key] = json.loads(value) if value.strip() else []
            except json.JSONDecodeError as error:
                errors.append(
                    RowError(
                        position,
                        _("Ô “%(column)s” không phải JSON hợp lệ: %(reason)s")
                        % {"column": key, "reason": error.msg},
                    )
                )
        else:
            record[key] = value
    return record, errors


def read_own_csv(path: Path | str) -> list[SourcedRecord]:
    path = Path(path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        text = handle.read()
    reader = csv.DictReader(io.StringIO(text))
    unknown = sorted(set(reader.fieldnames or []) - set(ALL_FIELDS))
    if unknown or "code" not in (reader.fieldnames or []):
        message = (
            _("Cột không được hỗ trợ: %(keys)s.") % {"keys": ", ".join(unknown)}
            if unknown
            else _("Thiếu cột “code”.")
        )
        raise CatalogueImportError([RowError(f"{path.name}:1", message)])
    items, errors = [], []
    start = 2
    for row in reader:
        position = f"{path.name}:{start}"
        start = reader.line_num + 1  # a quoted cell may span lines
        record, row_errors = _csv_row(row, position)
        errors.extend(row_errors)
        if not row_errors:
            items.append(SourcedRecord(record=record, position=position))
    if errors:
        raise CatalogueImportError(errors)
    return items


def load_own_format(path: Path | str) -> list[SourcedRecord]:
    """Records from an own-format .json or .csv file, ready for ``import_records``."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return read_own_csv(path)
    return read_own_json(path)


def dump_own_json(records: list[ProcedureRecord]) -> str:
    """The JSON text of ``{"procedures": records}``, one compact record per line.

    One line per procedure keeps the file small and its diffs readable per procedure.
    """
    lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    return '{"procedures": [\n' + lines + "\n]}\n"
