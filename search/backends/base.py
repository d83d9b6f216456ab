"""The interface every search backend implements (and the contract tests check)."""

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping

from ..documents import entry_for, kind_of
from ..types import IndexEntry, SearchResults, Suggestion

# Page size used to collect ids from a backend that only returns result pages.
ID_PAGE_SIZE = 100


class SearchBackend(ABC):
    """Index and query procedures, news and dossiers.

    ``filters`` map facet names to one value each: procedures take ``sector`` (slug),
    ``agency`` (code), ``level``, ``type`` and ``online``; dossiers take ``status``.
    Unknown names are ignored. Pages are 1-based; a page past the end is empty.
    """

    # --- Writing ---------------------------------------------------------------------

    def index(self, obj) -> None:
        """Add or refresh ``obj``; a page that is not public is removed instead."""
        entry = entry_for(obj)
        if entry is None:
            self.delete(kind_of(obj), obj.pk)
        else:
            self.write([entry])

    @abstractmethod
    def write(self, entries: Iterable[IndexEntry]) -> int:
        """Store entries, replacing earlier versions of the same objects; returns count."""

    @abstractmethod
    def delete(self, kind: str, object_id: int) -> None:
        """Remove one object (no error if it was not indexed)."""

    @abstractmethod
    def clear(self, kind: str | None = None) -> None:
        """Remove every entry (of ``kind``)."""

    @abstractmethod
    def count(self, kind: str) -> int:
        """How many objects of ``kind`` are indexed."""

    def is_empty(self, kind: str) -> bool:
        """Whether nothing of ``kind`` is indexed (an index never built)."""
        return self.count(kind) == 0

    # --- Reading ---------------------------------------------------------------------

    @abstractmethod
    def search_procedures(
        self,
        q: str = "",
        *,
        filters: Mapping[str, str] | None = None,
        page: int = 1,
        per_page: int = 20,
    ) -> SearchResults:
        """Live procedures matching ``q`` and ``filters``, best first, with facet counts
        over the matched set. An empty ``q`` lists by code."""

    @abstractmethod
    def search_news(self, q: str = "", *, page: int = 1, per_page: int = 10) -> SearchResults:
        """Live news matching ``q``, best first (newest first without ``q``)."""

    @abstractmethod
    def search_dossiers(
        self,
        q: str = "",
        *,
        user,
        filters: Mapping[str, str] | None = None,
        page: int = 1,
        per_page: int = 50,
    ) -> SearchResults:
        """Dossiers ``user`` may see (``visible_dossiers``) matching ``q``; nothing for
        anyone who is not an officer or a superuser."""

    def procedure_ids(
        self, q: str = "", *, filters: Mapping[str, str] | None = None, limit: int = 500
    ) -> list[int]:
        """Ids of the procedures ``search_procedures`` lists, in its order, at most
        ``limit``: for callers that page and render with the ORM themselves."""
        return self._ids_by_page(
            lambda page, per_page: self.search_procedures(
                q, filters=filters, page=page, per_page=per_page
            ),
            limit,
        )

    def dossier_ids(
        self,
        q: str = "",
        *,
        user,
        filters: Mapping[str, str] | None = None,
        limit: int = 500,
    ) -> list[int]:
        """Ids of the dossiers ``search_dossiers`` lists for ``user``, in its order, at
        most ``limit``."""
        return self._ids_by_page(
            lambda page, per_page: self.search_dossiers(
                q, user=user, filters=filters, page=page, per_page=per_page
            ),
            limit,
        )

    @staticmethod
    def _ids_by_page(search, limit: int) -> list[int]:
        # A backend with a cheaper way to list ids overrides the methods above.
        ids: list[int] = []
        page = 1
        while len(ids) < limit:
            results = search(page, ID_PAGE_SIZE)
            ids += [hit.object_id for hit in results.hits]
            if not results.has_next or not results.hits:
                break
            page += 1
        return ids[: max(0, limit)]

    @abstractmethod
    def suggest(self, prefix: str, *, limit: int = 8) -> list[Suggestion]:
        """Procedures whose name starts with the words of ``prefix`` (the last one
        possibly unfinished), accent-exact matches first."""
