"""Agencies, sector descriptions, the curated procedures and their implementing agencies."""

import re
from pathlib import Path

from django.db.models import Count

from ..models import Agency, ProcedureIndexPage, ProcedurePage, Sector
from ..text import fold
from .agencies import agency_rows
from .bulk import deferred_indexing
from .progress import Progress
from .sectors import DEFAULT_ROUTE, ISSUER_ROUTES, SECTOR_DESCRIPTIONS, SECTOR_ROUTES
from .site import fill_blank

DEMO_FILE = Path(__file__).resolve().parent.parent / "demo_data" / "procedures.json"


def ensure_agencies() -> dict[str, Agency]:
    """Create the demo agencies by identifier code; existing ones only get blanks filled."""
    by_code = {agency.code: agency for agency in Agency.objects.all()}
    for row in agency_rows():
        values = {k: v for k, v in row.items() if k not in ("code", "parent")}
        parent = by_code.get(row["parent"]) if row["parent"] else None
        agency = by_code.get(row["code"])
        if agency is None:
            agency = Agency(code=row["code"], parent=parent, **values)
            agency.full_clean()
            agency.save()
            by_code[agency.code] = agency
        elif fill_blank(agency, values):
            agency.save()
    return by_code


def describe_sectors() -> int:
    """Give the imported sectors a description where they have none; returns how many."""
    descriptions = {fold(name): text for name, text in SECTOR_DESCRIPTIONS.items()}
    updated = 0
    for sector in Sector.objects.filter(description=""):
        text = descriptions.get(fold(sector.name))
        if text:
            sector.description = text
            sector.save(update_fields=["description"])
            updated += 1
    return updated


def _record_code(item) -> str:
    record = getattr(item, "record", item)  # load_file gives SourcedRecord wrappers
    return str(record.get("code", "") if isinstance(record, dict) else "").strip().upper()


def import_procedures(
    catalogue: ProcedureIndexPage, progress: Progress, *, path: Path = DEMO_FILE
) -> int:
    """Import the curated records not yet in the catalogue; returns how many were new.

    Records already present (by code) are skipped rather than upserted, so that a second run
    keeps what editors changed since and creates no new revisions.
    """
    from ..importing import import_records, load_file

    existing = set(ProcedurePage.objects.values_list("code", flat=True))
    new = [item for item in load_file(path) if _record_code(item) not in existing]
    if not new:
        return 0
    with progress.counter(len(new), "Nhập thủ tục hành chính") as advance:
        report = import_records(new, catalogue=catalogue, progress=advance)
    return report.created


_SECTOR_ROUTES = {fold(name): route for name, route in SECTOR_ROUTES.items()}
_ISSUER = re.compile(r"QĐ-([A-ZĐ]+)", re.IGNORECASE)


def route_for(page: ProcedurePage) -> tuple[str | None, str]:
    """(ministry code, province-level agency code) that implement ``page``'s procedure."""
    if page.sector_id:
        route = _SECTOR_ROUTES.get(fold(page.sector.name))
        if route:
            return route
    match = _ISSUER.search(page.decision_number or "")
    if match and match.group(1).upper() in ISSUER_ROUTES:
        return ISSUER_ROUTES[match.group(1).upper()]
    return DEFAULT_ROUTE


def agencies_for(page: ProcedurePage, by_code: dict[str, Agency]) -> list[Agency]:
    """Agencies by level: ministry, the relevant department, every commune's desk."""
    ministry, department = route_for(page)
    codes: list[str] = []
    if page.level_ministry and ministry:
        codes.append(ministry)
    if page.level_province:
        codes.append(department)
    if page.level_commune or page.level_district:
        # District functions passed to communes on 01/7/2025.
        codes += sorted(code for code, a in by_code.items() if a.level == "xa")
    return [by_code[code] for code in dict.fromkeys(codes) if code in by_code]


def link_agencies(by_code: dict[str, Agency], progress: Progress) -> int:
    """Publish a revision linking agencies to live procedures that have none yet.

    Pages with unpublished drafts are left alone (publishing would discard the draft), and
    pages an editor has already linked are not touched.
    """
    pages = (
        ProcedurePage.objects.live()
        .filter(has_unpublished_changes=False)
        .annotate(agency_count=Count("implementing_agencies"))
        .filter(agency_count=0)
        .select_related("sector")
        .order_by("path")
    )
    with deferred_indexing(ProcedurePage) as touched:
        for page in progress.iterate(list(pages), "Gắn cơ quan thực hiện"):
            agencies = agencies_for(page, by_code)
            if not agencies:
                continue
            page.implementing_agencies.set(agencies)
            page.save_revision(log_action=True).publish()
            touched.append(page)
    return len(touched)
