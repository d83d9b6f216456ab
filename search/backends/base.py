"""The interface every search backend implements (and the contract tests check)."""

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping

from ..documents import entry_for, kind_of
from ..types import IndexEntry, SearchResults, Suggestion


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

    @abstractmethod
    def suggest(self, prefix: str, *, limit: int = 8) -> list[Suggestion]:
        """Procedures whose name starts with the words of ``prefix`` (the last one
        possibly unfinished), accent-exact matches first."""
