"""The catalogue import: validate every record, then upsert and publish, all or nothing.

Records are matched to pages by procedure code under the single live ProcedureIndexPage.
A page is written only when something it carries differs from the record, so importing
the same file twice creates no revision the second time.

Duplicate codes within one run: two records with the same code are an error naming both
positions, unless their content is identical (the same procedure exported by two
ministries), in which case the second one is merged into the first and counted as such.
"""

import html
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Comment, Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from ..models import (
    Agency,
    DocumentRequirement,
    LegalBasis,
    ProcedureChannel,
    ProcedureIndexPage,
    ProcedurePage,
    Sector,
    WorkflowStep,
)
from ..models.catalogue import LEVEL_FIELDS
from ..signals import bulk_changes
from ..text import fold
from .records import (
    ALL_FIELDS,
    CHILD_FIELDS,
    ProcedureRecord,
    normalize_record,
    parse_count,
    parse_date,
    parse_decimal,
    referenced_agencies,
    validate_record,
)


@dataclass(frozen=True)
class SourcedRecord:
    """A raw record with where it came from and, for partial formats, the keys it carries.

    ``fields`` None means the record is complete. Otherwise an existing procedure is
    updated only in those keys (the whole record still serves to create a new one).
    """

    record: dict[str, Any]
    position: str
    fields: frozenset[str] | None = None


@dataclass(frozen=True)
class RowError:
    position: str
    message: str

    def __str__(self) -> str:
        return f"{self.position}: {self.message}" if self.position else self.message


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    merged: int = 0
    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)
    created_codes: list[str] = field(default_factory=list)
    updated_codes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        text = _(
            "Tạo mới %(created)d, cập nhật %(updated)d, không đổi %(unchanged)d, "
            "gộp trùng %(merged)d, lỗi %(errors)d."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "merged": self.merged,
            "errors": len(self.errors),
        }
        if self.dry_run:
            text = _("Chạy thử, không ghi gì vào cơ sở dữ liệu. %(text)s") % {"text": text}
        return text


class CatalogueImportError(Exception):
    """The import was refused; ``errors`` lists every bad row, nothing was written."""

    def __init__(self, errors: list[RowError], report: ImportReport | None = None):
        self.errors = errors
        self.report = report or ImportReport(errors=errors)
        super().__init__("\n".join(str(error) for error in errors))


def plain_to_html(text: str) -> str:
    """Plain text (one paragraph per line) as the rich text the page stores."""
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line)


def html_to_plain(value: str) -> str:
    paragraphs = re.findall(r"<p>(.*?)</p>", value or "", flags=re.S)
    if not paragraphs and value:
        paragraphs = [re.sub(r"<[^>]+>", "", value)]
    return "\n".join(html.unescape(p) for p in paragraphs)


def _decimal_text(value: Any) -> str | None:
    number = parse_decimal(value)
    return None if number is None else f"{number.normalize():f}"


def _date_text(value: Any) -> str | None:
    date = parse_date(value) if isinstance(value, str) or value is None else value
    return None if date is None else date.isoformat()


# --- comparable states: the same shape from a record and from a page -------------------


def _record_rows(kind: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    result = []
    for row in rows:
        state = {key: row.get(key) or "" for key in CHILD_FIELDS[kind]}
        if kind == "channels":
            state["time_limit_value"] = _decimal_text(row.get("time_limit_value"))
            fee = row.get("fee_amount")
            state["fee_amount"] = None if fee in (None, "") else int(fee)
            state["effective_from"] = _date_text(row.get("effective_from"))
        elif kind == "documents":
            state["originals"] = parse_count(row.get("originals"))
            state["copies"] = parse_count(row.get("copies"))
        elif kind == "legal_bases":
            state["issued_on"] = _date_text(row.get("issued_on"))
        elif kind == "workflow_steps":
            state["allotted_value"] = _decimal_text(row.get("allotted_value"))
            state["allotted_unit"] = row.get("allotted_unit")
            state["agency"] = row.get("agency") or None
        result.append(state)
    return result


def _record_state(record: ProcedureRecord, keys: Iterable[str]) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for key in keys:
        value = record[key]  # type: ignore[literal-required]
        if key == "levels" or key == "implementing_agencies":
            value = sorted(value)
        elif key in CHILD_FIELDS:
            value = _record_rows(key, value)
        state[key] = value
    return state


def _page_rows(kind: str, page: ProcedurePage) -> list[dict[str, Any]]:
    rows = []
    for obj in getattr(page, kind).all():
        row = {key: getattr(obj, key) for key in CHILD_FIELDS[kind]}
        if kind == "channels":
            row.update(
                time_limit_value=_decimal_text(obj.time_limit_value),
                fee_amount=obj.fee_amount,
                effective_from=_date_text(obj.effective_from),
            )
        elif kind == "documents":
            row.update(originals=obj.originals, copies=obj.copies)
        elif kind == "legal_bases":
            row["issued_on"] = _date_text(obj.issued_on)
        elif kind == "workflow_steps":
            row.update(
                allotted_value=_decimal_text(obj.allotted_value),
                allotted_unit=obj.allotted_unit,
                agency=obj.agency.code if obj.agency_id else None,
            )
        rows.append(row)
    return rows


def _page_state(page: ProcedurePage, keys: Iterable[str]) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for key in keys:
        if key == "name":
            value: Any = page.title
        elif key == "sector":
            value = page.sector.name if page.sector_id else ""
        elif key == "levels":
            value = sorted(page.levels)
        elif key == "implementing_agencies":
            value = sorted(agency.code for agency in page.implementing_agencies.all())
        elif key in ("steps", "conditions"):
            value = html_to_plain(getattr(page, key))
        elif key in CHILD_FIELDS:
            value = _page_rows(key, page)
        else:
            value = getattr(page, key)
        state[key] = value
    return state


# --- writing ---------------------------------------------------------------------------


@contextmanager
def _search_index_paused(models: list[type]) -> Iterator[None]:
    """Stop per-save search indexing for ``models``; the caller reindexes once at the end.

    Indexing every page as it is saved dominates a bulk import. This disconnects the
    search signal handler process-wide for the duration, which is acceptable for a
    management command or a loader, not for concurrent web requests.
    """
    from modelsearch.signal_handlers import post_save_signal_handler

    disconnected = [
        model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def _reindex(pages: list[ProcedurePage], sectors: list[Sector]) -> None:
    for backend in get_search_backends(with_auto_update=True):
        if pages:
            backend.add_bulk(ProcedurePage, pages)
        if sectors:
            backend.add_bulk(Sector, sectors)


class _Writer:
    """Applies validated records to pages, caching sectors and agencies."""

    def __init__(self, catalogue: ProcedureIndexPage, agencies: dict[str, Agency]):
        self.catalogue = catalogue
        self.agencies = agencies
        self.sectors = {fold(s.name): s for s in Sector.objects.all()}
        self.sector_slugs = set(Sector.objects.values_list("slug", flat=True))
        self.new_sectors: list[Sector] = []
        self.content_type = ContentType.objects.get_for_model(ProcedurePage)
        self.base_content_type = ContentType.objects.get_for_model(Page)
        self.log_entries: list[PageLogEntry] = []
        self.next_step: int | None = None
        self.children_added = 0
        self.slugs = set(catalogue.get_children().values_list("slug", flat=True))  # sibling slugs

    def sector(self, name: str) -> Sector | None:
        if not name:
            return None
        key = fold(name)
        if key not in self.sectors:
            base = slugify(key)[:240] or "linh-vuc"
            slug, counter = base, 2
            while slug in self.sector_slugs:
                slug, counter = f"{base}-{counter}", counter + 1
            self.sector_slugs.add(slug)
            sector = Sector.objects.create(name=name, slug=slug)
            self.sectors[key] = sector
            self.new_sectors.append(sector)
        return self.sectors[key]

    def page_slug(self, record: ProcedureRecord) -> str:
        code = slugify(record["code"].replace(".", "-"))
        words = slugify(fold(record.get("name") or ""))[:80].rstrip("-")
        base = f"{words}-{code}" if words else code
        slug, counter = base, 2
        while slug in self.slugs:
            slug, counter = f"{base}-{counter}", counter + 1
        self.slugs.add(slug)
        return slug

    def apply(self, page: ProcedurePage, record: ProcedureRecord, keys: Iterable[str]) -> None:
        for key in keys:
            value = record[key]  # type: ignore[literal-required]
            if key == "name":
                page.title = value
            elif key == "sector":
                page.sector = self.sector(value)
            elif key == "levels":
                for level, level_field in LEVEL_FIELDS.items():
                    setattr(page, level_field, level in value)
            elif key == "implementing_agencies":
                page.implementing_agencies = [self.agencies[code] for code in value]
            elif key in ("steps", "conditions"):
                setattr(page, key, plain_to_html(value))
            elif key in CHILD_FIELDS:
                continue  # written by replace_rows once the page has an id
            else:
                setattr(page, key, value)

    def replace_rows(
        self, page: ProcedurePage, record: ProcedureRecord, keys: list[str], *, created=False
    ) -> None:
        """Replace the child rows the record carries, one bulk insert per table.

        Going through modelcluster would save row by row with a lookup each; the rows
        have no identity of their own worth keeping, so delete-and-insert is equivalent.
        """
        builders = {
            "channels": (ProcedureChannel, self._channel),
            "documents": (DocumentRequirement, self._document),
            "legal_bases": (LegalBasis, self._legal_basis),
            "workflow_steps": (WorkflowStep, self._workflow_step),
        }
        if not hasattr(page, "_prefetched_objects_cache"):
            page._prefetched_objects_cache = {}
        cache = page._prefetched_objects_cache
        if created:
            cache["wagtail_admin_comments"] = Comment.objects.none()
        for kind, (model, build) in builders.items():
            if kind not in keys:
                continue
            if not created:
                model.objects.filter(page=page).delete()
            rows = []
            for order, row in enumerate(record[kind]):  # type: ignore[literal-required]
                obj = build(row)
                obj.page = page
                obj.sort_order = order
                rows.append(obj)
            model.objects.bulk_create(rows)
            # Serve the rows just written to serializable_data() without reading them back.
            queryset = model.objects.filter(page=page)
            queryset._result_cache = rows
            queryset._prefetch_done = True
            cache[kind] = queryset

    def _channel(self, row: dict[str, Any]) -> ProcedureChannel:
        fee = row.get("fee_amount")
        return ProcedureChannel(
            **{key: row.get(key) or "" for key in CHILD_FIELDS["channels"]},
            time_limit_value=parse_decimal(row.get("time_limit_value")),
            fee_amount=None if fee in (None, "") else int(fee),
            effective_from=parse_date(row.get("effective_from")),
        )

    def _document(self, row: dict[str, Any]) -> DocumentRequirement:
        return DocumentRequirement(
            **{key: row.get(key) or "" for key in CHILD_FIELDS["documents"]},
            originals=parse_count(row.get("originals")),
            copies=parse_count(row.get("copies")),
        )

    def _legal_basis(self, row: dict[str, Any]) -> LegalBasis:
        return LegalBasis(
            **{key: row.get(key) or "" for key in CHILD_FIELDS["legal_bases"]},
            issued_on=parse_date(row.get("issued_on")),
        )

    def _workflow_step(self, row: dict[str, Any]) -> WorkflowStep:
        agency = row.get("agency")
        return WorkflowStep(
            **{key: row.get(key) or "" for key in CHILD_FIELDS["workflow_steps"]},
            allotted_value=parse_decimal(row.get("allotted_value")) or Decimal(0),
            allotted_unit=row.get("allotted_unit"),
            agency=self.agencies[agency] if agency else None,
        )

    def create(self, record: ProcedureRecord) -> ProcedurePage:
        page = ProcedurePage(slug=self.page_slug(record), live=False)
        self.apply(page, record, ALL_FIELDS)
        self._add_to_tree(page)
        self.replace_rows(page, record, list(ALL_FIELDS), created=True)
        self._publish(page, created=True)
        return page

    def _add_to_tree(self, page: ProcedurePage) -> None:
        """Save ``page`` as the next child of the catalogue, as treebeard's add_child would.

        add_child locks and re-reads the parent and its last child for every page; here
        the catalogue row is locked once and the paths are allocated in sequence. The
        record was validated already, so the page is saved without model validation.
        """
        if self.next_step is None:
            Page.objects.select_for_update().filter(pk=self.catalogue.pk).exists()
            last = self.catalogue.get_last_child()
            self.next_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        page.depth = self.catalogue.depth + 1
        page.path = Page._get_path(self.catalogue.path, page.depth, self.next_step)
        page.numchild = 0
        page.draft_title = page.title
        page.locale_id = self.catalogue.locale_id
        page._cached_parent_obj = self.catalogue
        page.save(clean=False, log_action=None)
        self.next_step += 1
        self.children_added += 1

    def update(self, page: ProcedurePage, record: ProcedureRecord, keys: list[str]) -> None:
        self.apply(page, record, keys)
        page.draft_title = page.title
        page.save(clean=False)
        self.replace_rows(page, record, keys)
        self._publish(page, created=False)

    def _publish(self, page: ProcedurePage, *, created: bool) -> None:
        """Record the saved state as a new revision and make it the live one.

        This is what ``save_revision().publish()`` ends in, without rebuilding the page
        from the revision JSON and saving it twice more (most of the cost of a bulk
        import). The admin sees an ordinary published page: live revision, latest
        revision, publication dates and "published" history entries (written in bulk by
        ``flush_log``).
        """
        now = timezone.now()
        page.draft_title = page.title
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=self.base_content_type,
            content=page.serializable_data(),
            object_str=str(page),
        )
        page.latest_revision = page.live_revision = revision
        page.live, page.expired, page.has_unpublished_changes = True, False, False
        page.last_published_at = now
        page.first_published_at = page.first_published_at or now
        Page.objects.filter(pk=page.pk).update(
            draft_title=page.draft_title,
            latest_revision=revision,
            live_revision=revision,
            live=True,
            expired=False,
            has_unpublished_changes=False,
            last_published_at=now,
            first_published_at=page.first_published_at,
        )
        actions = ["wagtail.create", "wagtail.publish"] if created else ["wagtail.publish"]
        for action in actions:
            self.log_entries.append(
                PageLogEntry(
                    content_type=self.content_type,
                    page_id=page.pk,
                    label=page.draft_title,
                    action=action,
                    revision=revision if action == "wagtail.publish" else None,
                    content_changed=True,
                    timestamp=now,
                    data={},
                )
            )
        page_published.send(sender=ProcedurePage, instance=page, revision=revision)

    def finish(self) -> None:
        """Write what was batched: the parent's child count and the history entries."""
        if self.children_added:
            Page.objects.filter(pk=self.catalogue.pk).update(
                numchild=F("numchild") + self.children_added
            )
            self.catalogue.numchild += self.children_added
            self.children_added = 0
        PageLogEntry.objects.bulk_create(self.log_entries)
        self.log_entries = []


# --- the service -----------------------------------------------------------------------


def _as_sourced(records: Iterable[SourcedRecord | dict[str, Any]]) -> list[SourcedRecord]:
    items = []
    for index, item in enumerate(records, start=1):
        if isinstance(item, SourcedRecord):
            items.append(item)
        else:
            items.append(SourcedRecord(record=item, position=f"#{index}"))
    return items


def _find_catalogue(catalogue: ProcedureIndexPage | None) -> ProcedureIndexPage | None:
    if catalogue is not None:
        return catalogue
    return ProcedureIndexPage.objects.live().order_by("path").first()


def import_records(
    records: Iterable[SourcedRecord | dict[str, Any]],
    *,
    catalogue: ProcedureIndexPage | None = None,
    dry_run: bool = False,
    partial_fields: Iterable[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Validate every record, then create, update or leave each procedure page.

    Raises CatalogueImportError listing every bad record (with its position) when any is
    invalid, or when no live catalogue page exists; nothing is written in that case.
    ``partial_fields`` restricts updates of existing pages to those keys for every record
    (records from a partial format carry their own). ``progress`` is called with the
    number of records handled since the previous call.
    """
    items = _as_sourced(records)
    forced = frozenset(partial_fields) if partial_fields is not None else None
    report = ImportReport(dry_run=dry_run)
    prepared: list[tuple[SourcedRecord, ProcedureRecord, list[str]]] = []
    for item in items:
        if not isinstance(item.record, dict):
            report.errors.append(RowError(item.position, _("Bản ghi phải là một đối tượng.")))
            continue
        record = normalize_record(item.record)
        fields = forced if forced is not None else item.fields
        keys = [key for key in ALL_FIELDS if fields is None or key in fields]
        prepared.append((item, record, keys))

    wanted = set().union(*(referenced_agencies(r) for _i, r, _k in prepared)) if prepared else set()
    agencies = {a.code: a for a in Agency.objects.filter(code__in=wanted)}
    seen: dict[str, tuple[SourcedRecord, ProcedureRecord]] = {}
    accepted: list[tuple[SourcedRecord, ProcedureRecord, list[str]]] = []
    for item, record, keys in prepared:
        messages = validate_record(record, known_agencies=set(agencies))
        report.errors.extend(RowError(item.position, message) for message in messages)
        if messages:
            continue
        code = record["code"]
        if code in seen:
            first_item, first_record = seen[code]
            if first_record == record:
                report.merged += 1
                continue
            report.errors.append(
                RowError(
                    item.position,
                    _("Mã thủ tục %(code)s đã có ở %(other)s với nội dung khác.")
                    % {"code": code, "other": first_item.position},
                )
            )
            continue
        seen[code] = (item, record)
        accepted.append((item, record, keys))

    catalogue = _find_catalogue(catalogue)
    if catalogue is None:
        report.errors.append(
            RowError(
                "",
                _(
                    "Chưa có trang danh mục thủ tục hành chính đang xuất bản; hãy tạo trang "
                    "này trước khi nhập."
                ),
            )
        )
    if report.errors:
        raise CatalogueImportError(report.errors, report)

    existing = {
        page.code: page
        for page in ProcedurePage.objects.filter(code__in=list(seen))
        .select_related("sector")
        .prefetch_related(
            "channels",
            "documents",
            "legal_bases",
            "workflow_steps__agency",
            "implementing_agencies",
        )
    }
    with transaction.atomic(), disable_reference_index_auto_update():
        with _search_index_paused([ProcedurePage, Sector]), bulk_changes(ProcedurePage) as changed:
            writer = _Writer(catalogue, agencies)
            touched: list[ProcedurePage] = []
            for _item, record, keys in accepted:
                page = existing.get(record["code"])
                if page is None:
                    report.created += 1
                    report.created_codes.append(record["code"])
                    if not dry_run:
                        touched.append(writer.create(record))
                elif _page_state(page, keys) != _record_state(record, keys):
                    report.updated += 1
                    report.updated_codes.append(record["code"])
                    if not dry_run:
                        writer.update(page, record, keys)
                        touched.append(page)
                else:
                    report.unchanged += 1
                if progress:
                    progress(1)
            if dry_run:
                transaction.set_rollback(True)
            else:
                writer.finish()
                changed.extend(page.pk for page in touched)
        if not dry_run:
            new_sectors = writer.new_sectors
            transaction.on_commit(lambda: _reindex(touched, new_sectors))
    return report
