"""What each indexed model contributes to the index: one ``IndexEntry`` per object.

Only live pages without view restrictions are public; for anything else ``entry_for``
returns ``None`` and the caller removes the object from the index.
"""

from collections.abc import Iterable, Iterator

from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags

from dossiers.models import Dossier, DossierEvent, Status
from procedures_pages.models import AdministrativeLevel, NewsPage, ProcedurePage
from procedures_pages.models.catalogue import OnlineServiceLevel
from procedures_pages.text import normalize

from .types import IndexEntry, Kind

MODEL_OF_KIND = {Kind.PROCEDURE: ProcedurePage, Kind.NEWS: NewsPage, Kind.DOSSIER: Dossier}


def kind_of(obj) -> str | None:
    for kind, model in MODEL_OF_KIND.items():
        if isinstance(obj, model):
            return kind
    return None


def _text(*parts) -> str:
    return normalize(" ".join(strip_tags(str(part)) for part in parts if part))


def _is_public_page(page) -> bool:
    return page.live and not page.get_view_restrictions().exists()


def procedure_entry(page: ProcedurePage) -> IndexEntry:
    agencies = list(page.implementing_agencies.all())
    facets = []
    if page.sector_id:
        facets.append(("sector", page.sector.slug, page.sector.name))
    facets += [("agency", agency.code, agency.name) for agency in agencies]
    facets += [("level", level, str(AdministrativeLevel(level).label)) for level in page.levels]
    if page.procedure_type:
        facets.append(("type", normalize(page.procedure_type)[:255], page.procedure_type[:255]))
    online = page.online_service_level
    facets.append(("online", online, str(OnlineServiceLevel(online).label)))
    body = _text(
        page.sector.name if page.sector_id else "",
        page.procedure_type,
        page.applicants,
        page.implementing_agency_text,
        " ".join(agency.name for agency in agencies),
        page.result_name,
        " ".join(doc.name for doc in page.documents.all()),
        page.steps,
        page.conditions,
    )
    return IndexEntry(
        kind=Kind.PROCEDURE,
        object_id=page.pk,
        code=page.code,
        title=normalize(page.title),
        body=body,
        url=page.get_url() or "",
        facets=tuple(facets),
    )


def _stream_text(body) -> str:
    parts = []
    for block in body:
        value = block.value
        source = getattr(value, "source", None)  # RichText
        if source is not None:
            parts.append(source)
        elif isinstance(value, str):
            parts.append(value)
    return _text(*parts)


def news_entry(page: NewsPage) -> IndexEntry:
    facets = []
    if page.category_id:
        facets.append(("category", page.category.slug, page.category.name))
    return IndexEntry(
        kind=Kind.NEWS,
        object_id=page.pk,
        title=normalize(page.title),
        body=_text(page.lead, _stream_text(page.body)),
        url=page.get_url() or "",
        published_on=page.date,
        facets=tuple(facets),
    )


def dossier_entry(dossier: Dossier, scope: Iterable[int] | None = None) -> IndexEntry:
    """``scope``: agency ids from the dossier's hand-offs, when the caller fetched them."""
    if scope is None:
        scope = _event_agencies([dossier.pk]).get(dossier.pk, set())
    agencies = {dossier.current_agency_id, dossier.receiving_agency_id, *scope} - {None}
    facets = [("status", str(dossier.status), str(Status(dossier.status).label))]
    facets += [("scope", str(agency_id), "") for agency_id in sorted(agencies)]
    try:
        url = reverse("dossiers_backoffice:detail", args=[dossier.pk])
    except NoReverseMatch:
        url = ""
    return IndexEntry(
        kind=Kind.DOSSIER,
        object_id=dossier.pk,
        code=dossier.code,
        title=normalize(f"{dossier.code} {dossier.applicant_name}"),
        body=_text(
            dossier.owner_name,
            dossier.applicant_id_number,
            dossier.applicant_phone,
            dossier.subject,
            dossier.procedure.title,
            dossier.procedure.code,
        ),
        url=url,
        published_on=dossier.received_at.date() if dossier.received_at else None,
        facets=tuple(facets),
    )


def _event_agencies(dossier_ids: list[int]) -> dict[int, set[int]]:
    scope: dict[int, set[int]] = {}
    rows = DossierEvent.objects.filter(dossier_id__in=dossier_ids).values_list(
        "dossier_id", "from_agency_id", "to_agency_id"
    )
    for dossier_id, from_agency, to_agency in rows:
        scope.setdefault(dossier_id, set()).update({from_agency, to_agency} - {None})
    return scope


def entry_for(obj) -> IndexEntry | None:
    """The entry for ``obj``, or ``None`` when it must not be searchable."""
    kind = kind_of(obj)
    if kind == Kind.PROCEDURE:
        return procedure_entry(obj) if _is_public_page(obj) else None
    if kind == Kind.NEWS:
        return news_entry(obj) if _is_public_page(obj) else None
    if kind == Kind.DOSSIER:
        return dossier_entry(obj)
    raise TypeError(f"{type(obj).__name__} is not indexed")


def load(kind: str, object_id: int):
    """The object behind an index entry, or ``None`` when it no longer exists."""
    model = MODEL_OF_KIND[kind]
    queryset = model.objects.all()
    if kind == Kind.DOSSIER:
        queryset = queryset.select_related("procedure")
    else:
        queryset = queryset.select_related(*(["sector"] if kind == Kind.PROCEDURE else []))
    return queryset.filter(pk=object_id).first()


def public_queryset(kind: str):
    """Everything of ``kind`` that belongs in the index, ready for bulk building."""
    if kind == Kind.PROCEDURE:
        return (
            ProcedurePage.objects.live()
            .public()
            .select_related("sector")
            .prefetch_related("implementing_agencies", "documents")
            .order_by("pk")
        )
    if kind == Kind.NEWS:
        return NewsPage.objects.live().public().select_related("category").order_by("pk")
    return Dossier.objects.select_related("procedure").order_by("pk")


def bulk_entries(kind: str, objects: list) -> Iterator[IndexEntry]:
    """Entries for objects of ``public_queryset(kind)``: already filtered to public ones,
    so no per-object visibility query; dossier hand-offs are fetched in one query."""
    if kind == Kind.DOSSIER:
        scope = _event_agencies([d.pk for d in objects])
        for dossier in objects:
            yield dossier_entry(dossier, scope.get(dossier.pk, set()))
    elif kind == Kind.PROCEDURE:
        yield from (procedure_entry(page) for page in objects)
    else:
        yield from (news_entry(page) for page in objects)


_CHOICE_LABELS = {
    "level": AdministrativeLevel,
    "online": OnlineServiceLevel,
}


def facet_label(name: str, value: str, stored: str) -> str:
    """Labels of choice facets in the current language; others as stored (names)."""
    if name in _CHOICE_LABELS and value in _CHOICE_LABELS[name].values:
        return str(_CHOICE_LABELS[name](value).label)
    if name == "status" and value.isdigit() and int(value) in Status.values:
        return str(Status(int(value)).label)
    return stored or value
