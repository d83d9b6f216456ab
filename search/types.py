"""What every search backend returns: plain dataclasses, free of any backend's types."""

from dataclasses import dataclass, field
from math import ceil

from django.utils.safestring import SafeString


class Kind:
    """Kinds of indexed objects (also the values stored in the index)."""

    PROCEDURE = "procedure"
    NEWS = "news"
    DOSSIER = "dossier"
    ALL = (PROCEDURE, NEWS, DOSSIER)


# Facets each kind offers, in display order.
PROCEDURE_FACETS = ("sector", "agency", "level", "type", "online")
DOSSIER_FACETS = ("status",)


@dataclass(frozen=True)
class IndexEntry:
    """One object as the index sees it: accented display text plus facet values.

    ``facets`` holds ``(name, value, label)`` triples; a name may repeat (a procedure done
    at several levels). Dossiers also carry ``scope`` facets: the ids of every agency the
    dossier is or was at, which is the visibility rule of the back office.
    """

    kind: str
    object_id: int
    title: str
    body: str = ""
    code: str = ""
    url: str = ""
    published_on: object = None
    facets: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    code: str
    title: str
    url: str
    score: float
    title_html: SafeString
    snippet_html: SafeString


@dataclass(frozen=True)
class SearchResults:
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)

    @property
    def num_pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


@dataclass(frozen=True)
class Suggestion:
    code: str
    title: str
    url: str
