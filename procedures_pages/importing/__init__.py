"""Catalogue import (issue item 5): national crawl, national list export, own format.

Typical use::

    from procedures_pages.importing import import_records, load_file
    report = import_records(load_file("procedures.json"))   # raises CatalogueImportError

``load_file`` returns SourcedRecord items (record + position); ``import_records`` also
accepts plain own-format dicts.
"""

from .loaders import load_file, load_national_json
from .own_format import load_own_format
from .records import ProcedureRecord, normalize_record, validate_record
from .services import (
    CatalogueImportError,
    ImportReport,
    RowError,
    SourcedRecord,
    import_records,
)

__all__ = [
    "CatalogueImportError",
    "ImportReport",
    "ProcedureRecord",
    "RowError",
    "SourcedRecord",
    "import_records",
    "load_file",
    "load_national_json",
    "load_own_format",
    "normalize_record",
    "validate_record",
]
