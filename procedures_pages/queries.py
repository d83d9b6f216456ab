"""Read-side functions for the catalogue and the home page."""

from dataclasses import dataclass, replace

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import QueryDict
from wagtail import hooks

from .models import (
    AdministrativeLevel,
    Agency,
    NewsPage,
    OnlineServiceLevel,
    ProcedurePage,
    Sector,
)
from .models.catalogue import LEVEL_FIELDS
from .text import fold, normalize

MAX_QUERY_LENGTH = 200
# Answered by the search app when it is installed (search/wagtail_hooks.py); the
# catalogue does not import it.
SEARCH_HOOK = "search_catalogue_procedures"
# A free-text search lists at most this many procedures, best first.
MAX_RANKED_RESULTS = 500


@dataclass(frozen=True)
class CatalogueFilters:
    """The catalogue's filters as read from the URL; unknown values are dropped."""

    q: str = ""
    sector: str = ""
    agency: str = ""
    level: str = ""
    online: str = ""

    @classmethod
    def from_querydict(cls, params: QueryDict) -> "CatalogueFilters":
        level = params.get("cap", "")
        online = params.get("muc_do", "")
        return cls(
            q=normalize(params.get("q", ""))[:MAX_QUERY_LENGTH],
            sector=params.get("linh_vuc", "")[:255],
            agency=params.get("co_quan", "")[:40],
            level=level if level in AdministrativeLevel.values else "",
            online=online if online in OnlineServiceLevel.values else "",
        )

    @property
    def active(self) -> bool:
        return any((self.q, self.sector, self.agency, self.level, self.online))


def filter_procedures(index_page, params: QueryDict):
    """Live procedures under ``index_page`` matching every filter in ``params``."""
    filters = _drop_unknown(CatalogueFilters.from_querydict(params))
    procedures = (
        ProcedurePage.objects.live()
        .public()
        .descendant_of(index_page)
        .select_related("sector")
        .order_by("code")
    )
    if filters.sector:
        procedures = procedures.filter(sector__slug=filters.sector)
    if filters.agency:
        procedures = procedures.filter(implementing_agencies__code=filters.agency)
    if filters.level:
        procedures = procedures.filter(**{LEVEL_FIELDS[filters.level]: True})
    if filters.online:
        procedures = procedures.filter(online_service_level=filters.online)
    if filters.q:
        ranked = ranked_procedure_ids(filters)
        if ranked is None:
            # Every word must appear in the folded code + name (diacritic-insensitive).
            condition = Q()
            for word in fold(filters.q).split():
                condition &= Q(folded_text__contains=word)
            procedures = procedures.filter(condition)
        elif not ranked:
            procedures = procedures.none()
        else:
            procedures = procedures.filter(pk__in=ranked).order_by(_rank_of(ranked).asc(), "code")
    return filters, procedures.distinct()


def ranked_procedure_ids(filters: CatalogueFilters) -> list[int] | None:
    """Procedure ids matching ``filters.q``, best first, from the first search hook
    that answers; ``None`` when none does (the caller filters by itself)."""
    facets = {
        "sector": filters.sector,
        "agency": filters.agency,
        "level": filters.level,
        "online": filters.online,
    }
    for hook in hooks.get_hooks(SEARCH_HOOK):
        ids = hook(
            q=filters.q,
            filters={name: value for name, value in facets.items() if value},
            limit=MAX_RANKED_RESULTS,
        )
        if ids is not None:
            return list(ids)[:MAX_RANKED_RESULTS]
    return None


def _rank_of(ranked: list[int]) -> Case:
    # Positions in the search's order; the ids are bounded by MAX_RANKED_RESULTS.
    return Case(
        *[When(pk=pk, then=Value(position)) for position, pk in enumerate(ranked)],
        output_field=IntegerField(),
    )


def _drop_unknown(filters: CatalogueFilters) -> CatalogueFilters:
    """Ignore a sector or agency that does not exist, as unknown levels already are.

    A stale or mistyped link then shows the whole catalogue instead of an empty list
    with a filter the form cannot display.
    """
    changes = {}
    if filters.sector and not Sector.objects.filter(slug=filters.sector).exists():
        changes["sector"] = ""
    if filters.agency and not Agency.objects.filter(code=filters.agency).exists():
        changes["agency"] = ""
    return replace(filters, **changes) if changes else filters


def catalogue_filter_options(index_page) -> dict:
    """Choices for the filter form: sectors and agencies that have live procedures."""
    live = ProcedurePage.objects.live().public().descendant_of(index_page)
    return {
        "sectors": Sector.objects.filter(procedures__in=live).distinct().order_by("name"),
        "agencies": Agency.objects.filter(procedures__in=live).distinct().order_by("name"),
        "levels": AdministrativeLevel.choices,
        "online_levels": OnlineServiceLevel.choices,
    }


def home_page_context(home_page) -> dict:
    """Entry points by sector and level, and the latest news, for the home page."""
    live = ProcedurePage.objects.live().public().descendant_of(home_page)
    sectors = (
        Sector.objects.filter(procedures__in=live)
        .annotate(procedure_count=Count("procedures", distinct=True))
        .order_by("-procedure_count", "name")
    )
    level_counts = [
        (value, label, live.filter(**{LEVEL_FIELDS[value]: True}).count())
        for value, label in AdministrativeLevel.choices
    ]
    from .models import NewsIndexPage, ProcedureIndexPage

    return {
        "catalogue": ProcedureIndexPage.objects.live().descendant_of(home_page).first(),
        "news_index": NewsIndexPage.objects.live().descendant_of(home_page).first(),
        "sectors": sectors,
        "level_counts": [row for row in level_counts if row[2]],
        "procedure_count": live.count(),
        "latest_news": NewsPage.objects.live()
        .public()
        .descendant_of(home_page)
        .select_related("category")
        .order_by("-date", "-first_published_at")[: home_page.news_count],
    }


def news_tags(news_index):
    """Tags used by at least one live article under ``news_index``, by name."""
    from taggit.models import Tag

    return (
        Tag.objects.filter(procedures_pages_newspagetag_items__content_object__in=news_index.news())
        .distinct()
        .order_by("name")
    )
