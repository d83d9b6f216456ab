"""The embedded backend: SQLite FTS5 or PostgreSQL full text over ``SearchDocument``.

Matching is on folded tokens (diacritic-insensitive); ranking adds to the full-text rank
(bm25 or ts_rank, squashed into [0, 1)) boosts that dominate it:

* 4 per accented query word found as a whole word in the accented title, 0.5 in the body —
  only for words typed with diacritics, so "đường" puts "đường" above "dương"/"đương"
  while "duong" leaves them to the full-text rank;
* 2 when every query word is in the (folded) title;
* 1 when the accented query appears as a phrase in the title.

A search costs two statements: the ranked page, and the facet counts plus the total over
the matched set (``UNION ALL``).
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections, transaction

from ..analysis import ParsedQuery, accented_tokens, folded_tokens, padded
from ..documents import facet_label
from ..highlight import highlight, snippet
from ..models import SearchDocument, SearchFacet
from ..types import (
    DOSSIER_FACETS,
    PROCEDURE_FACETS,
    FacetValue,
    Hit,
    IndexEntry,
    Kind,
    SearchResults,
    Suggestion,
)
from .base import SearchBackend

DOC = SearchDocument._meta.db_table
FACET = SearchFacet._meta.db_table
FTS = "portal_search_fts"
TOTAL = "#total"
CHUNK = 500
MAX_PER_PAGE = 100
ACCENT_TITLE_BOOST = 4.0
ACCENT_BODY_BOOST = 0.5
TITLE_BOOST = 2.0
PHRASE_BOOST = 1.0

_TIEBREAK = {
    Kind.PROCEDURE: "d.code, d.id",
    Kind.NEWS: "d.published_on DESC, d.id DESC",
    Kind.DOSSIER: "d.object_id DESC",
}


def _has_marks(token: str) -> bool:
    return folded_tokens(token) != [token]


class _Sql:
    """A FROM/WHERE pair with its parameters, plus the rank expression."""

    def __init__(self, from_sql: str, rank: str, rank_params: list):
        self.from_sql = from_sql
        self.rank = rank
        self.rank_params = rank_params
        self.where: list[str] = []
        self.params: list = []

    def add(self, condition: str, *params) -> None:
        self.where.append(condition)
        self.params.extend(params)

    @property
    def where_sql(self) -> str:
        return " AND ".join(self.where)


class DatabaseBackend(SearchBackend):
    def __init__(self, using: str = "default"):
        self.using = using

    @property
    def vendor(self) -> str:
        vendor = connections[self.using].vendor
        if vendor not in ("sqlite", "postgresql"):
            raise ImproperlyConfigured(f"The database search backend does not support {vendor}.")
        return vendor

    # --- Writing ---------------------------------------------------------------------

    def write(self, entries: Iterable[IndexEntry]) -> int:
        unique = {(e.kind, e.object_id): e for e in entries}
        if not unique:
            return 0
        entries = list(unique.values())
        with transaction.atomic(using=self.using):
            for start in range(0, len(entries), CHUNK):
                self._write_chunk(entries[start : start + CHUNK])
        return len(entries)

    def _write_chunk(self, entries: list[IndexEntry]) -> None:
        stale = []
        for kind in {e.kind for e in entries}:
            ids = [e.object_id for e in entries if e.kind == kind]
            stale += (
                SearchDocument.objects.using(self.using)
                .filter(kind=kind, object_id__in=ids)
                .values_list("pk", flat=True)
            )
        self._delete_documents(stale)
        documents = SearchDocument.objects.using(self.using).bulk_create(
            [self._document(entry) for entry in entries]
        )
        SearchFacet.objects.using(self.using).bulk_create(
            [
                SearchFacet(document=doc, name=name, value=value[:255], label=label[:255])
                for doc, entry in zip(documents, entries, strict=True)
                for name, value, label in entry.facets
            ]
        )
        if self.vendor == "sqlite":
            with connections[self.using].cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {FTS} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
                    [(doc.pk, doc.title_folded, doc.body_folded) for doc in documents],
                )

    @staticmethod
    def _document(entry: IndexEntry) -> SearchDocument:
        folded_title = folded_tokens(f"{entry.code} {entry.title}")
        return SearchDocument(
            kind=entry.kind,
            object_id=entry.object_id,
            code=entry.code[:64],
            title=entry.title,
            body=entry.body,
            url=entry.url[:500],
            published_on=entry.published_on,
            title_folded=padded(folded_title),
            body_folded=padded(folded_tokens(entry.body)),
            title_accented=padded(accented_tokens(f"{entry.code} {entry.title}")),
            body_accented=padded(accented_tokens(entry.body)),
        )

    def _delete_documents(self, ids: list[int]) -> None:
        if not ids:
            return
        if self.vendor == "sqlite":
            marks = ", ".join(["%s"] * len(ids))
            with connections[self.using].cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({marks})", ids)  # noqa: S608
        SearchFacet.objects.using(self.using).filter(document_id__in=ids).delete()
        SearchDocument.objects.using(self.using).filter(pk__in=ids).delete()

    def delete(self, kind: str, object_id: int) -> None:
        with transaction.atomic(using=self.using):
            ids = list(
                SearchDocument.objects.using(self.using)
                .filter(kind=kind, object_id=object_id)
                .values_list("pk", flat=True)
            )
            self._delete_documents(ids)

    def clear(self, kind: str | None = None) -> None:
        documents = SearchDocument.objects.using(self.using).all()
        if kind is not None:
            documents = documents.filter(kind=kind)
        with transaction.atomic(using=self.using):
            if self.vendor == "sqlite":
                with connections[self.using].cursor() as cursor:
                    if kind is None:
                        cursor.execute(f"DELETE FROM {FTS}")  # noqa: S608
                    else:
                        cursor.execute(
                            f"DELETE FROM {FTS} WHERE rowid IN "  # noqa: S608
                            f"(SELECT id FROM {DOC} WHERE kind = %s)",
                            [kind],
                        )
            SearchFacet.objects.using(self.using).filter(document__in=documents).delete()
            documents.delete()

    def count(self, kind: str) -> int:
        return SearchDocument.objects.using(self.using).filter(kind=kind).count()

    def is_empty(self, kind: str) -> bool:
        return not SearchDocument.objects.using(self.using).filter(kind=kind).exists()

    # --- Matching --------------------------------------------------------------------

    def _fulltext(self, kind: str, query: ParsedQuery, *, title_only: bool = False) -> _Sql:
        if not query:
            sql = _Sql(f"{DOC} d", "0.0", [])
        elif self.vendor == "sqlite":
            rank = f"(-bm25({FTS}, 10.0, 1.0))"
            # CROSS JOIN keeps the FTS match as the outer loop: SQLite otherwise may walk
            # every document of the kind and run the MATCH once per document (20× slower
            # on 5,000 procedures, see bench/search_bench.py).
            sql = _Sql(
                f"{FTS} CROSS JOIN {DOC} d ON d.id = {FTS}.rowid",
                f"({rank} / (1.0 + {rank}))",
                [],
            )
            sql.add(f"{FTS} MATCH %s", self._fts5_query(query, title_only))
        else:
            tsquery = self._tsquery(query, title_only)
            sql = _Sql(
                f"{DOC} d", "ts_rank(d.search_vector, to_tsquery('simple', %s), 32)", [tsquery]
            )
            sql.add("d.search_vector @@ to_tsquery('simple', %s)", tsquery)
        sql.add("d.kind = %s", kind)
        return sql

    @staticmethod
    def _fts5_query(query: ParsedQuery, title_only: bool) -> str:
        terms = []
        words = [folded for folded, _ in query.words if folded]
        for index, tokens in enumerate(words):
            term = '"' + " ".join(tokens) + '"'
            if query.prefix_last and index == len(words) - 1:
                term += "*"
            terms.append(f"title : {term}" if title_only else term)
        return " AND ".join(terms)

    @staticmethod
    def _tsquery(query: ParsedQuery, title_only: bool) -> str:
        weight = "A" if title_only else ""
        terms = []
        words = [folded for folded, _ in query.words if folded]
        for index, tokens in enumerate(words):
            last_word = query.prefix_last and index == len(words) - 1
            parts = []
            for position, token in enumerate(tokens):
                star = "*" if last_word and position == len(tokens) - 1 else ""
                label = f":{star}{weight}" if star or weight else ""
                parts.append(f"'{token}'{label}")
            terms.append("(" + " <-> ".join(parts) + ")")
        return " & ".join(terms)

    def _boost(self, query: ParsedQuery) -> tuple[str, list]:
        """The boost expression (module docstring) and its parameters."""
        if not query:
            return "0.0", []
        find = "instr" if self.vendor == "sqlite" else "strpos"
        parts, params = [], []
        accented = query.accented
        for index, token in enumerate(accented):
            if not _has_marks(token):
                continue
            open_end = query.prefix_last and index == len(accented) - 1
            needle = f" {token}" if open_end else f" {token} "
            parts.append(f"CASE WHEN {find}(d.title_accented, %s) > 0 THEN %s ELSE 0.0 END")
            params += [needle, ACCENT_TITLE_BOOST]
            parts.append(f"CASE WHEN {find}(d.body_accented, %s) > 0 THEN %s ELSE 0.0 END")
            params += [needle, ACCENT_BODY_BOOST]
        folded = query.folded
        if folded:
            checks = []
            for index, token in enumerate(folded):
                open_end = query.prefix_last and index == len(folded) - 1
                checks.append(f"{find}(d.title_folded, %s) > 0")
                params.append(f" {token}" if open_end else f" {token} ")
            parts.append(f"CASE WHEN {' AND '.join(checks)} THEN %s ELSE 0.0 END")
            params.append(TITLE_BOOST)
        if len(accented) > 1:
            parts.append(f"CASE WHEN {find}(d.title_accented, %s) > 0 THEN %s ELSE 0.0 END")
            params += [padded(accented), PHRASE_BOOST]
        return "(" + " + ".join(["0.0", *parts]) + ")", params

    # --- Reading ---------------------------------------------------------------------

    def _match(
        self,
        kind: str,
        q: str,
        *,
        filters: Mapping[str, str] | None,
        facet_names: tuple[str, ...],
        scope: tuple[str, list] | None,
    ) -> tuple[ParsedQuery, _Sql, str, list, str]:
        """The parsed query, FROM/WHERE, score expression with its parameters and the
        ORDER BY of a search."""
        query = ParsedQuery(q)
        sql = self._fulltext(kind, query)
        for name, value in (filters or {}).items():
            if name in facet_names and value:
                sql.add(
                    f"EXISTS (SELECT 1 FROM {FACET} f WHERE f.document_id = d.id "  # noqa: S608
                    "AND f.name = %s AND f.value = %s)",
                    name,
                    str(value),
                )
        if scope is not None:
            sql.add(f"d.object_id IN ({scope[0]})", *scope[1])
        boost, boost_params = self._boost(query)
        score = f"({sql.rank} + {boost})"
        order = f"score DESC, {_TIEBREAK[kind]}" if query else _TIEBREAK[kind]
        return query, sql, score, [*sql.rank_params, *boost_params], order

    def _ranked_ids(
        self,
        kind: str,
        q: str,
        *,
        filters: Mapping[str, str] | None,
        facet_names: tuple[str, ...],
        limit: int,
        scope: tuple[str, list] | None = None,
    ) -> list[int]:
        """Object ids in the order ``_search`` lists them, at most ``limit``: one
        statement, without the counts, facets and highlights of a result page."""
        _query, sql, score, score_params, order = self._match(
            kind, q, filters=filters, facet_names=facet_names, scope=scope
        )
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                f"SELECT d.object_id, {score} AS score FROM {sql.from_sql} "  # noqa: S608
                f"WHERE {sql.where_sql} ORDER BY {order} LIMIT %s",
                [*score_params, *sql.params, max(0, int(limit))],
            )
            return [object_id for object_id, _score in cursor.fetchall()]

    def _search(
        self,
        kind: str,
        q: str,
        *,
        filters: Mapping[str, str] | None,
        facet_names: tuple[str, ...],
        page: int,
        per_page: int,
        scope: tuple[str, list] | None = None,
    ) -> SearchResults:
        page = max(1, int(page))
        per_page = min(max(1, int(per_page)), MAX_PER_PAGE)
        query, sql, score, score_params, order = self._match(
            kind, q, filters=filters, facet_names=facet_names, scope=scope
        )
        connection = connections[self.using]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.kind, d.object_id, d.code, d.title, d.body, d.url, {score} AS score "  # noqa: S608
                f"FROM {sql.from_sql} WHERE {sql.where_sql} ORDER BY {order} LIMIT %s OFFSET %s",
                [*score_params, *sql.params, per_page, (page - 1) * per_page],
            )
            rows = cursor.fetchall()
            count_sql = (
                f"SELECT '{TOTAL}', '', '', COUNT(*) FROM {sql.from_sql} "  # noqa: S608
                f"WHERE {sql.where_sql}"
            )
            params = list(sql.params)
            if facet_names:
                names = ", ".join(["%s"] * len(facet_names))
                count_sql = (
                    f"SELECT f.name, f.value, f.label, COUNT(*) FROM {FACET} f "  # noqa: S608
                    f"WHERE f.name IN ({names}) AND f.document_id IN "
                    f"(SELECT d.id FROM {sql.from_sql} WHERE {sql.where_sql}) "
                    f"GROUP BY f.name, f.value, f.label UNION ALL {count_sql}"
                )
                params = [*facet_names, *sql.params, *params]
            cursor.execute(count_sql, params)
            counts = cursor.fetchall()
        total = 0
        facets: dict[str, list[FacetValue]] = {name: [] for name in facet_names}
        for name, value, label, count in counts:
            if name == TOTAL:
                total = int(count)
            else:
                facets[name].append(FacetValue(value, facet_label(name, value, label), count))
        for values in facets.values():
            values.sort(key=lambda facet: (-facet.count, facet.label))
        tokens = query.folded
        hits = [
            Hit(
                kind=row_kind,
                object_id=object_id,
                code=code,
                title=title,
                url=url,
                score=round(float(row_score), 4),
                title_html=highlight(title, tokens),
                snippet_html=snippet(body, tokens),
            )
            for row_kind, object_id, code, title, body, url, row_score in rows
        ]
        return SearchResults(hits=hits, total=total, page=page, per_page=per_page, facets=facets)

    def search_procedures(self, q="", *, filters=None, page=1, per_page=20) -> SearchResults:
        return self._search(
            Kind.PROCEDURE,
            q,
            filters=filters,
            facet_names=PROCEDURE_FACETS,
            page=page,
            per_page=per_page,
        )

    def search_news(self, q="", *, page=1, per_page=10) -> SearchResults:
        return self._search(
            Kind.NEWS, q, filters=None, facet_names=(), page=page, per_page=per_page
        )

    def procedure_ids(self, q="", *, filters=None, limit=500) -> list[int]:
        return self._ranked_ids(
            Kind.PROCEDURE, q, filters=filters, facet_names=PROCEDURE_FACETS, limit=limit
        )

    def _dossier_scope(self, user) -> tuple[bool, tuple[str, list] | None]:
        """``(allowed, scope)``: whether ``user`` may search dossiers at all, and the SQL
        of the ids they may see (``None``: every dossier)."""
        from dossiers.queries.backoffice import can_use_backoffice, visible_dossiers

        if not can_use_backoffice(user):
            return False, None
        if user.is_superuser:
            return True, None
        visible = visible_dossiers(user).order_by().values("pk")
        try:
            return True, visible.query.get_compiler(using=self.using).as_sql()
        except EmptyResultSet:
            return False, None

    def dossier_ids(self, q="", *, user, filters=None, limit=500) -> list[int]:
        allowed, scope = self._dossier_scope(user)
        if not allowed:
            return []
        return self._ranked_ids(
            Kind.DOSSIER,
            q,
            filters=filters,
            facet_names=DOSSIER_FACETS,
            limit=limit,
            scope=scope,
        )

    def search_dossiers(self, q="", *, user, filters=None, page=1, per_page=50) -> SearchResults:
        allowed, scope = self._dossier_scope(user)
        if not allowed:
            return SearchResults(hits=[], total=0, page=max(1, int(page)), per_page=per_page)
        return self._search(
            Kind.DOSSIER,
            q,
            filters=filters,
            facet_names=DOSSIER_FACETS,
            page=page,
            per_page=per_page,
            scope=scope,
        )

    def suggest(self, prefix: str, *, limit: int = 8) -> list[Suggestion]:
        query = ParsedQuery(prefix, prefix_last=True)
        if not query.folded:
            return []
        sql = self._fulltext(Kind.PROCEDURE, query, title_only=True)
        boost, boost_params = self._boost(query)
        with connections[self.using].cursor() as cursor:
            cursor.execute(
                f"SELECT d.code, d.title, d.url, ({sql.rank} + {boost}) AS score "  # noqa: S608
                f"FROM {sql.from_sql} WHERE {sql.where_sql} "
                "ORDER BY score DESC, length(d.title), d.code LIMIT %s",
                [*sql.rank_params, *boost_params, *sql.params, max(1, min(int(limit), 20))],
            )
            rows = cursor.fetchall()
        return [Suggestion(code=code, title=title, url=url) for code, title, url, _ in rows]
