"""The Elasticsearch backend (ARCHITECTURE.md "Search").

One index per kind, reached through an alias ``<prefix>-procedures`` (``-news``,
``-dossiers``) that points at a versioned index ``<alias>-v<timestamp>``. ``rebuild``
fills a fresh versioned index and swaps the alias atomically, so searches never see an
empty or half-built index; single writes and deletes go through the alias.

Analysis mirrors ``search.analysis``: search fields are folded (đ→d by a mapping char
filter, then lowercase and asciifolding) and cut on the same punctuation, and each keeps
the accented text in an ``exact`` sub-field (lowercase only). Queries must match every
folded word across title, code and body; accent-exact matches in ``title.exact`` add a
boost that dominates, as in the database backend. Facets are ``terms`` aggregations over
``facets.<name>`` keywords holding ``value<US>label`` so each bucket carries its label;
filters use the plain keyword fields.
"""

import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from html import unescape

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import (
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Object,
    Q,
    Search,
    SearchAsYouType,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from ..analysis import ParsedQuery
from ..documents import facet_label
from ..highlight import highlight, snippet
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

CHUNK = 500
MAX_PER_PAGE = 100
FACET_SIZE = 500
SEPARATOR = "\x1f"  # between a facet value and its label in ``facets.<name>``
MARK, UNMARK = "<mark>", "</mark>"
EXACT_TITLE_BOOST = 4.0
TITLE_BOOST = 2.0
EXACT_BODY_BOOST = 0.5
PHRASE_BOOST = 1.0
SNIPPET_LENGTH = 220
DEFAULT_PREFIX = "mot-cua"

# --- Analysis ------------------------------------------------------------------------

# asciifolding already maps đ, but the explicit mapping keeps the rule visible and
# independent of Lucene's folding table (which is what procedures_pages.text.fold does).
vi_d = char_filter("vi_d", "mapping", mappings=["đ => d", "Đ => D"])
# Same cut as search.analysis: "1.000080" is the two tokens "1" and "000080".
vi_punct = char_filter("vi_punct", "pattern_replace", pattern="[._]", replacement=" ")
vi_fold = token_filter("vi_fold", "asciifolding", preserve_original=False)
vi_folded = analyzer(
    "vi_folded", tokenizer="standard", char_filter=[vi_d, vi_punct], filter=["lowercase", vi_fold]
)
vi_exact = analyzer("vi_exact", tokenizer="standard", char_filter=[vi_punct], filter=["lowercase"])


def _text():
    return Text(analyzer=vi_folded, fields={"exact": Text(analyzer=vi_exact)})


def _facets(names: tuple[str, ...]):
    return Object(properties={name: Keyword() for name in names})


class EntryDocument(Document):
    """Fields every kind shares."""

    kind = Keyword()
    object_id = Integer()
    code = Keyword()
    code_text = Text(analyzer=vi_folded)
    title = _text()
    body = _text()
    url = Keyword(index=False)
    published_on = Date()


class ProcedureDocument(EntryDocument):
    sector = Keyword()
    agency = Keyword()
    level = Keyword()
    type = Keyword()
    online = Keyword()
    facets = _facets(PROCEDURE_FACETS)
    suggest = SearchAsYouType(analyzer=vi_folded)


class NewsDocument(EntryDocument):
    category = Keyword()


class DossierDocument(EntryDocument):
    status = Keyword()
    scope = Keyword()  # ids of the agencies the dossier is or was at
    facets = _facets(DOSSIER_FACETS)


DOCUMENTS = {
    Kind.PROCEDURE: ProcedureDocument,
    Kind.NEWS: NewsDocument,
    Kind.DOSSIER: DossierDocument,
}
INDEX_SUFFIX = {Kind.PROCEDURE: "procedures", Kind.NEWS: "news", Kind.DOSSIER: "dossiers"}
# Keyword fields filled from the entry's facets (filters and dossier scope).
KEYWORDS_OF = {
    Kind.PROCEDURE: PROCEDURE_FACETS,
    Kind.NEWS: ("category",),
    Kind.DOSSIER: (*DOSSIER_FACETS, "scope"),
}
FACETS_OF = {Kind.PROCEDURE: PROCEDURE_FACETS, Kind.NEWS: (), Kind.DOSSIER: DOSSIER_FACETS}
_TIEBREAK = {
    Kind.PROCEDURE: [{"code": "asc"}, {"object_id": "asc"}],
    Kind.NEWS: [{"published_on": {"order": "desc", "missing": "_last"}}, {"object_id": "desc"}],
    Kind.DOSSIER: [{"object_id": "desc"}],
}


def index_body(kind: str, name: str = "index") -> dict:
    """Settings and mappings of the index of ``kind`` (as sent to ``indices.create``)."""
    index = Index(name)
    index.document(DOCUMENTS[kind])
    return index.to_dict()


def source_of(entry: IndexEntry) -> dict:
    """The stored document of ``entry``."""
    source = {
        "kind": entry.kind,
        "object_id": entry.object_id,
        "code": entry.code,
        "code_text": entry.code,
        "title": entry.title,
        "body": entry.body,
        "url": entry.url,
        "published_on": entry.published_on.isoformat() if entry.published_on else None,
    }
    for name in KEYWORDS_OF[entry.kind]:
        source[name] = [value for n, value, _ in entry.facets if n == name]
    if FACETS_OF[entry.kind]:
        source["facets"] = {
            name: [f"{value}{SEPARATOR}{label}" for n, value, label in entry.facets if n == name]
            for name in FACETS_OF[entry.kind]
        }
    if entry.kind == Kind.PROCEDURE:
        source["suggest"] = entry.title
    return source


def _safe_fragment(fragment: str) -> SafeString:
    """An Elasticsearch highlight fragment re-escaped here: only our tags stay markup."""
    out = []
    for index, piece in enumerate(fragment.split(MARK)):
        if index:
            marked, _, rest = piece.partition(UNMARK)
            out.append(f"{MARK}{escape(unescape(marked))}{UNMARK}")
            piece = rest
        out.append(escape(unescape(piece)))
    return mark_safe("".join(out))  # noqa: S308 - every text piece is escaped above


def _version() -> str:
    return datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")


class ElasticsearchBackend(SearchBackend):
    def __init__(
        self,
        url: str = "",
        *,
        prefix: str | None = None,
        client: Elasticsearch | None = None,
        refresh: bool | str = "wait_for",
    ):
        self.client = client if client is not None else Elasticsearch(url)
        self.prefix = (
            prefix
            or getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "")
            or os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "")
            or DEFAULT_PREFIX
        )
        # Writes wait for the next refresh so a saved page is searchable on return.
        self.refresh = refresh
        self._ready: set[str] = set()

    def alias(self, kind: str) -> str:
        return f"{self.prefix}-{INDEX_SUFFIX[kind]}"

    # --- Index management ------------------------------------------------------------

    def _create(self, kind: str, name: str, *, with_alias: bool = False) -> None:
        body = index_body(kind, name)
        if with_alias:
            body["aliases"] = {self.alias(kind): {}}
        self.client.indices.create(index=name, **body)

    def ensure_index(self, kind: str) -> None:
        """Create the first versioned index behind the alias when there is none yet."""
        if kind in self._ready:
            return
        alias = self.alias(kind)
        if not self.client.indices.exists(index=alias):
            self._create(kind, f"{alias}-v{_version()}", with_alias=True)
        self._ready.add(kind)

    def rebuild(self, kind: str, entries: Iterable[IndexEntry]) -> int:
        """Fill a new versioned index with ``entries``, then swap the alias onto it in one
        ``update_aliases`` call and drop the old index; returns how many were written."""
        alias = self.alias(kind)
        new = f"{alias}-v{_version()}"
        self._create(kind, new)
        try:
            written, _ = helpers.bulk(
                self.client, self._actions(entries, index=new), chunk_size=CHUNK
            )
            self.client.indices.refresh(index=new)
        except Exception:
            self.client.options(ignore_status=404).indices.delete(index=new)
            raise
        current = self.client.options(ignore_status=404).indices.get_alias(name=alias)
        old = sorted(current.body) if current.meta.status == 200 else []
        actions: list[dict] = [{"remove": {"index": name, "alias": alias}} for name in old]
        if not old and self.client.indices.exists(index=alias):
            # A concrete index squats the alias name (written before aliases existed).
            actions.append({"remove_index": {"index": alias}})
        actions.append({"add": {"index": new, "alias": alias}})
        self.client.indices.update_aliases(actions=actions)
        for name in old:
            self.client.options(ignore_status=404).indices.delete(index=name)
        self._ready.add(kind)
        return written

    # --- Writing ---------------------------------------------------------------------

    def _actions(self, entries: Iterable[IndexEntry], *, index: str | None = None) -> Iterator:
        for entry in entries:
            yield {
                "_op_type": "index",
                "_index": index or self.alias(entry.kind),
                "_id": str(entry.object_id),
                "_source": source_of(entry),
            }

    def write(self, entries: Iterable[IndexEntry]) -> int:
        unique = list({(e.kind, e.object_id): e for e in entries}.values())
        if not unique:
            return 0
        for kind in sorted({e.kind for e in unique}):
            self.ensure_index(kind)
        written, _ = helpers.bulk(
            self.client, self._actions(unique), chunk_size=CHUNK, refresh=self.refresh
        )
        return written

    def delete(self, kind: str, object_id: int) -> None:
        self.client.options(ignore_status=404).delete(
            index=self.alias(kind), id=str(object_id), refresh=self.refresh
        )

    def clear(self, kind: str | None = None) -> None:
        for current in [kind] if kind else Kind.ALL:
            self.client.options(ignore_status=404).delete_by_query(
                index=self.alias(current),
                query={"match_all": {}},
                conflicts="proceed",
                refresh=True,
            )

    def count(self, kind: str) -> int:
        response = self.client.options(ignore_status=404).count(index=self.alias(kind))
        return int(response.body.get("count", 0)) if response.meta.status == 200 else 0

    # --- Queries ---------------------------------------------------------------------

    @staticmethod
    def _match(query: ParsedQuery):
        """Every folded word somewhere in title/code/body; accent-exact words boosted."""
        text = " ".join(query.accented)
        return Q(
            "bool",
            must=[
                Q(
                    "multi_match",
                    query=text,
                    type="cross_fields",
                    operator="and",
                    fields=[f"title^{TITLE_BOOST:g}", "code_text^2", "body"],
                )
            ],
            should=[
                Q("match", **{"title.exact": {"query": text, "boost": EXACT_TITLE_BOOST}}),
                Q("match", **{"body.exact": {"query": text, "boost": EXACT_BODY_BOOST}}),
                Q("match_phrase", **{"title.exact": {"query": text, "boost": PHRASE_BOOST}}),
            ],
        )

    def build_search(
        self, kind: str, q: str, *, filters, page: int, per_page: int, scope=None
    ) -> Search:
        """The request for one page of ``kind`` (public for the tests of its body)."""
        query = ParsedQuery(q)
        facet_names = FACETS_OF[kind]
        search = Search(index=self.alias(kind))
        search = search.query(self._match(query) if query else Q("match_all"))
        for name, value in sorted((filters or {}).items()):
            if name in facet_names and value:
                search = search.filter("term", **{name: str(value)})
        if scope is not None:
            search = search.filter("terms", scope=[str(agency) for agency in scope])
        for name in facet_names:
            search.aggs.bucket(name, "terms", field=f"facets.{name}", size=FACET_SIZE)
        search = search.sort(*(["_score"] if query else []), *_TIEBREAK[kind])
        search = search.source(["kind", "object_id", "code", "title", "body", "url"])
        if query:
            search = search.highlight_options(pre_tags=[MARK], post_tags=[UNMARK], encoder="html")
            search = search.highlight("title", number_of_fragments=0)
            search = search.highlight("body", fragment_size=SNIPPET_LENGTH, number_of_fragments=1)
        start = (page - 1) * per_page
        return search.extra(from_=start, size=per_page, track_total_hits=True)

    def _search(self, kind, q, *, filters, page, per_page, scope=None) -> SearchResults:
        page = max(1, int(page))
        per_page = min(max(1, int(per_page)), MAX_PER_PAGE)
        search = self.build_search(
            kind, q, filters=filters, page=page, per_page=per_page, scope=scope
        )
        try:
            response = self.client.search(index=self.alias(kind), body=search.to_dict())
        except NotFoundError:  # nothing indexed yet
            response = {}
        return self.results(kind, q, response, page=page, per_page=per_page)

    @staticmethod
    def results(kind: str, q: str, response, *, page: int, per_page: int) -> SearchResults:
        """Map a search response onto ``SearchResults``."""
        response = getattr(response, "body", response) or {}
        tokens = ParsedQuery(q).folded
        hits = []
        for raw in response.get("hits", {}).get("hits", []):
            source, marked = raw.get("_source", {}), raw.get("highlight", {})
            title, body = source.get("title", ""), source.get("body", "")
            hits.append(
                Hit(
                    kind=source.get("kind", kind),
                    object_id=int(source.get("object_id", raw.get("_id"))),
                    code=source.get("code", ""),
                    title=title,
                    url=source.get("url", ""),
                    score=round(float(raw.get("_score") or 0.0), 4),
                    title_html=(
                        _safe_fragment(marked["title"][0])
                        if marked.get("title")
                        else highlight(title, tokens)
                    ),
                    snippet_html=(
                        _safe_fragment(marked["body"][0])
                        if marked.get("body")
                        else snippet(body, tokens, length=SNIPPET_LENGTH)
                    ),
                )
            )
        total = response.get("hits", {}).get("total", {})
        total = total.get("value", 0) if isinstance(total, dict) else int(total or 0)
        facets: dict[str, list[FacetValue]] = {}
        aggregations = response.get("aggregations", {})
        for name in FACETS_OF[kind]:
            values = []
            for bucket in aggregations.get(name, {}).get("buckets", []):
                value, _, label = str(bucket["key"]).partition(SEPARATOR)
                values.append(
                    FacetValue(value, facet_label(name, value, label), bucket["doc_count"])
                )
            facets[name] = sorted(values, key=lambda facet: (-facet.count, facet.label))
        return SearchResults(hits=hits, total=total, page=page, per_page=per_page, facets=facets)

    def search_procedures(self, q="", *, filters=None, page=1, per_page=20) -> SearchResults:
        return self._search(Kind.PROCEDURE, q, filters=filters, page=page, per_page=per_page)

    def search_news(self, q="", *, page=1, per_page=10) -> SearchResults:
        return self._search(Kind.NEWS, q, filters=None, page=page, per_page=per_page)

    def search_dossiers(self, q="", *, user, filters=None, page=1, per_page=50) -> SearchResults:
        """Same rule as ``visible_dossiers``: superusers all, officers the dossiers that
        are or were at their agency (the ``scope`` keywords), anyone else nothing."""
        from dossiers.queries.backoffice import can_use_backoffice, officer_or_none

        if not can_use_backoffice(user):
            return SearchResults(hits=[], total=0, page=max(1, int(page)), per_page=per_page)
        scope = None
        if not user.is_superuser:
            scope = [officer_or_none(user).agency_id]
        return self._search(
            Kind.DOSSIER, q, filters=filters, page=page, per_page=per_page, scope=scope
        )

    def suggest_search(self, prefix: str, *, limit: int = 8) -> Search | None:
        query = ParsedQuery(prefix, prefix_last=True)
        if not query.folded:
            return None
        text = " ".join(query.accented)
        match = Q(
            "bool",
            must=[
                Q(
                    "multi_match",
                    query=text,
                    type="bool_prefix",
                    operator="and",
                    fields=["suggest", "suggest._2gram", "suggest._3gram"],
                )
            ],
            should=[Q("match", **{"title.exact": {"query": text, "boost": EXACT_TITLE_BOOST}})],
        )
        search = Search(index=self.alias(Kind.PROCEDURE)).query(match)
        search = search.sort("_score", {"code": "asc"}).source(["code", "title", "url"])
        return search.extra(size=max(1, min(int(limit), 20)))

    def suggest(self, prefix: str, *, limit: int = 8) -> list[Suggestion]:
        search = self.suggest_search(prefix, limit=limit)
        if search is None:
            return []
        try:
            response = self.client.search(
                index=self.alias(Kind.PROCEDURE), body=search.to_dict()
            ).body
        except NotFoundError:
            return []
        return [
            Suggestion(code=s.get("code", ""), title=s.get("title", ""), url=s.get("url", ""))
            for s in (hit.get("_source", {}) for hit in response["hits"]["hits"])
        ]
