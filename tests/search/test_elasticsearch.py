"""The Elasticsearch backend without a server: a client whose node records every request
and answers in Elasticsearch's documented JSON format."""

import json
import re
import unicodedata
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse
from elasticsearch import Elasticsearch, helpers

import search
from dossiers.models import OfficerRole
from search.backends import elasticsearch as es
from search.backends.database import DatabaseBackend
from search.types import IndexEntry, Kind
from tests.dossiers.factories import make_agency, make_officer

VERSION = "20260301090000000000"
ACK = {"acknowledged": True}


@dataclass
class Request:
    method: str
    path: str
    query: str
    body: bytes | None

    def json(self):
        return json.loads(self.body)

    def ndjson(self) -> list[dict]:
        return [json.loads(line) for line in self.body.decode().splitlines() if line]


class FakeServer:
    """Canned answers by (method, path regex); bulk answers are built from the request."""

    def __init__(self):
        self.requests: list[Request] = []
        self.routes: list[tuple[str, re.Pattern, int, object]] = []
        self.bulk_errors = False

    def on(self, method: str, path: str, payload=None, status: int = 200) -> None:
        self.routes.insert(0, (method, re.compile(path + "$"), status, payload))

    def answer(self, request: Request) -> tuple[int, object]:
        for method, pattern, status, payload in self.routes:
            if method == request.method and pattern.match(request.path):
                return status, payload
        if request.path.endswith("/_bulk"):
            lines = request.ndjson()
            items = [
                {
                    "index": {
                        "_index": action["index"]["_index"],
                        "_id": action["index"]["_id"],
                        "_version": 1,
                        "result": "created",
                        "status": 400 if self.bulk_errors else 201,
                        **(
                            {"error": {"type": "mapper_parsing_exception", "reason": "bad"}}
                            if self.bulk_errors
                            else {}
                        ),
                    }
                }
                for action in lines[::2]
            ]
            return 200, {"took": 3, "errors": self.bulk_errors, "items": items}
        return 200, ACK

    def calls(self) -> list[tuple[str, str]]:
        return [(r.method, r.path) for r in self.requests]

    def client(self) -> Elasticsearch:
        server = self

        class RecordingNode(BaseNode):
            def perform_request(self, method, target, body=None, headers=None, **kwargs):
                path, _, query = target.partition("?")
                request = Request(method, path, query, body)
                server.requests.append(request)
                status, payload = server.answer(request)
                meta = ApiResponseMeta(
                    status=status,
                    http_version="1.1",
                    headers=HttpHeaders(
                        {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
                    ),
                    duration=0.0,
                    node=self.config,
                )
                raw = b"" if method == "HEAD" else json.dumps(payload).encode()
                return NodeApiResponse(meta, raw)

        return Elasticsearch("http://es.test:9200", node_class=RecordingNode, max_retries=0)


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setattr(es, "_version", lambda: VERSION)
    return FakeServer()


@pytest.fixture
def backend(server):
    return es.ElasticsearchBackend(prefix="t", client=server.client())


def procedure(object_id, title="Đăng ký khai sinh", **extra) -> IndexEntry:
    return IndexEntry(
        kind=Kind.PROCEDURE,
        object_id=object_id,
        title=title,
        body="Tổ chức, cá nhân",
        code=f"1.{object_id:06d}",
        url=f"/thu-tuc/{object_id}/",
        facets=(
            ("sector", "ho-tich", "Hộ tịch"),
            ("agency", "000.01.01.H33", "UBND xã Tân Dân"),
            ("level", "xa", "Cấp xã"),
            ("level", "tinh", "Cấp tỉnh"),
            ("online", "toan-trinh", "Toàn trình"),
        ),
        **extra,
    )


# --- Index settings and mappings -------------------------------------------------------


def test_first_write_creates_the_versioned_index_behind_the_alias(backend, server):
    server.on("HEAD", "/t-procedures", status=404)
    assert backend.write([procedure(3)]) == 1

    assert server.calls() == [
        ("HEAD", "/t-procedures"),
        ("PUT", f"/t-procedures-v{VERSION}"),
        ("PUT", "/_bulk"),
    ]
    created = server.requests[1].json()
    assert created["aliases"] == {"t-procedures": {}}
    analysis = created["settings"]["analysis"]
    assert analysis["char_filter"]["vi_d"] == {"type": "mapping", "mappings": ["đ => d", "Đ => D"]}
    assert analysis["filter"]["vi_fold"] == {"type": "asciifolding", "preserve_original": False}
    assert analysis["analyzer"]["vi_folded"] == {
        "type": "custom",
        "tokenizer": "standard",
        "char_filter": ["vi_d", "vi_punct"],
        "filter": ["lowercase", "vi_fold"],
    }
    assert analysis["analyzer"]["vi_exact"] == {
        "type": "custom",
        "tokenizer": "standard",
        "char_filter": ["vi_punct"],
        "filter": ["lowercase"],
    }
    properties = created["mappings"]["properties"]
    searchable = {
        "type": "text",
        "analyzer": "vi_folded",
        "fields": {"exact": {"type": "text", "analyzer": "vi_exact"}},
    }
    assert properties["title"] == properties["body"] == searchable
    for name in ("sector", "agency", "level", "type", "online", "code"):
        assert properties[name] == {"type": "keyword"}, name
        if name != "code":
            assert properties["facets"]["properties"][name] == {"type": "keyword"}
    assert properties["suggest"] == {"type": "search_as_you_type", "analyzer": "vi_folded"}
    assert "scope" not in properties


def test_dossier_mapping_has_scope_and_status_keywords():
    properties = es.index_body(Kind.DOSSIER)["mappings"]["properties"]
    assert properties["scope"] == properties["status"] == {"type": "keyword"}
    assert properties["facets"]["properties"] == {"status": {"type": "keyword"}}
    assert "suggest" not in properties


def test_write_goes_through_the_alias_as_ndjson(backend, server):
    entry = procedure(3, published_on=None)
    backend.write([procedure(3, title="old"), entry])  # the same object once, last wins

    bulk = server.requests[-1]
    assert bulk.query == "refresh=wait_for"
    assert bulk.body.endswith(b"\n")
    action, source = bulk.ndjson()
    assert action == {"index": {"_index": "t-procedures", "_id": "3"}}
    assert source == {
        "kind": "procedure",
        "object_id": 3,
        "code": "1.000003",
        "code_text": "1.000003",
        "title": "Đăng ký khai sinh",
        "body": "Tổ chức, cá nhân",
        "url": "/thu-tuc/3/",
        "published_on": None,
        "sector": ["ho-tich"],
        "agency": ["000.01.01.H33"],
        "level": ["xa", "tinh"],
        "type": [],
        "online": ["toan-trinh"],
        "facets": {
            "sector": ["ho-tich\x1fHộ tịch"],
            "agency": ["000.01.01.H33\x1fUBND xã Tân Dân"],
            "level": ["xa\x1fCấp xã", "tinh\x1fCấp tỉnh"],
            "type": [],
            "online": ["toan-trinh\x1fToàn trình"],
        },
        "suggest": "Đăng ký khai sinh",
    }


def test_bulk_indexing_is_sent_in_chunks_of_500(backend, server):
    assert backend.write(procedure(i) for i in range(1, 1202)) == 1201
    bulks = [r for r in server.requests if r.path == "/_bulk"]
    assert [len(r.ndjson()) // 2 for r in bulks] == [500, 500, 201]
    assert server.requests[0].method == "HEAD"  # the alias is checked once, not per chunk


def test_delete_and_count_go_through_the_alias(backend, server):
    server.on("DELETE", "/t-procedures/_doc/7", {"result": "not_found"}, status=404)
    server.on("POST", "/t-news/_count", {"count": 12})
    backend.delete(Kind.PROCEDURE, 7)  # no error when it was not indexed
    assert backend.count(Kind.NEWS) == 12
    assert server.calls() == [("DELETE", "/t-procedures/_doc/7"), ("POST", "/t-news/_count")]


# --- Rebuild ---------------------------------------------------------------------------


def test_rebuild_fills_a_new_index_then_swaps_the_alias(backend, server):
    old = "t-procedures-v20250101000000000000"
    server.on("GET", "/_alias/t-procedures", {old: {"aliases": {"t-procedures": {}}}})
    assert backend.rebuild(Kind.PROCEDURE, (procedure(i) for i in range(1, 602))) == 601

    new = f"t-procedures-v{VERSION}"
    assert server.calls() == [
        ("PUT", f"/{new}"),
        ("PUT", "/_bulk"),
        ("PUT", "/_bulk"),
        ("POST", f"/{new}/_refresh"),
        ("GET", "/_alias/t-procedures"),
        ("POST", "/_aliases"),
        ("DELETE", f"/{old}"),
    ]
    assert "aliases" not in server.requests[0].json()  # not searchable until the swap
    assert {a["index"]["_index"] for a in server.requests[1].ndjson()[::2]} == {new}
    # One atomic update: the alias never points at nothing or at both.
    assert server.requests[5].json() == {
        "actions": [
            {"remove": {"index": old, "alias": "t-procedures"}},
            {"add": {"index": new, "alias": "t-procedures"}},
        ]
    }


def test_failed_rebuild_keeps_the_old_index(backend, server):
    server.bulk_errors = True
    with pytest.raises(helpers.BulkIndexError):
        backend.rebuild(Kind.PROCEDURE, [procedure(1)])
    new = f"t-procedures-v{VERSION}"
    assert server.calls() == [("PUT", f"/{new}"), ("PUT", "/_bulk"), ("DELETE", f"/{new}")]


# --- Queries ---------------------------------------------------------------------------

EXPECTED_PROCEDURE_QUERY = {
    "query": {
        "bool": {
            "must": [
                {
                    "multi_match": {
                        "query": "đất đai",
                        "type": "cross_fields",
                        "operator": "and",
                        "fields": ["title^2", "code_text^2", "body"],
                    }
                }
            ],
            "should": [
                {"match": {"title.exact": {"query": "đất đai", "boost": 4.0}}},
                {"match": {"body.exact": {"query": "đất đai", "boost": 0.5}}},
                {"match_phrase": {"title.exact": {"query": "đất đai", "boost": 1.0}}},
            ],
            "filter": [{"term": {"level": "xa"}}, {"term": {"sector": "dat-dai"}}],
            "minimum_should_match": 0,
        }
    },
    "aggs": {
        name: {"terms": {"field": f"facets.{name}", "size": 500}}
        for name in ("sector", "agency", "level", "type", "online")
    },
    "sort": ["_score", {"code": "asc"}, {"object_id": "asc"}],
    "_source": ["kind", "object_id", "code", "title", "body", "url"],
    "highlight": {
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "encoder": "html",
        "fields": {
            "title": {"number_of_fragments": 0},
            "body": {"fragment_size": 220, "number_of_fragments": 1},
        },
    },
    "from": 5,
    "size": 5,
    "track_total_hits": True,
}


def test_procedure_search_request(backend, server):
    server.on("POST", "/t-procedures/_search", {"hits": {"total": {"value": 0}, "hits": []}})
    filters = {"sector": "dat-dai", "level": "xa", "unknown": "x", "agency": ""}
    backend.search_procedures("  Đất   đai ", filters=filters, page=2, per_page=5)
    assert server.calls() == [("POST", "/t-procedures/_search")]
    assert server.requests[0].json() == EXPECTED_PROCEDURE_QUERY


def test_nfd_query_sends_the_nfc_request(backend, server):
    backend.search_procedures(unicodedata.normalize("NFD", "Đất đai"), page=2, per_page=5)
    backend.search_procedures("Đất đai", page=2, per_page=5)
    nfd, nfc = (r.json() for r in server.requests)
    assert nfd == nfc
    assert nfc["query"]["bool"]["must"][0]["multi_match"]["query"] == "đất đai"


def test_empty_query_lists_by_code_without_scoring(backend, server):
    backend.search_procedures("", per_page=500)
    body = server.requests[0].json()
    assert body["query"] == {"match_all": {}}
    assert body["sort"] == [{"code": "asc"}, {"object_id": "asc"}]
    assert "highlight" not in body
    assert (body["from"], body["size"]) == (0, 100)


SEARCH_RESPONSE = {
    "took": 4,
    "timed_out": False,
    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
    "hits": {
        "total": {"value": 12, "relation": "eq"},
        "max_score": 9.5,
        "hits": [
            {
                "_index": "t-procedures-v1",
                "_id": "5",
                "_score": 9.51234,
                "_source": {
                    "kind": "procedure",
                    "object_id": 5,
                    "code": "1.000005",
                    "title": "Giao đất <b>ở</b>",
                    "body": "Hồ sơ giao đất",
                    "url": "/thu-tuc/giao-dat/",
                },
                "highlight": {
                    "title": ["Giao <mark>đất</mark> &lt;b&gt;ở&lt;/b&gt;"],
                    "body": ["Hồ sơ giao <mark>đất</mark>"],
                },
                "sort": [9.51234, "1.000005", 5],
            },
            {
                "_index": "t-procedures-v1",
                "_id": "2",
                "_score": 3.2,
                "_source": {
                    "kind": "procedure",
                    "object_id": 2,
                    "code": "1.000002",
                    "title": "Thuê đất",
                    "body": "Cho thuê đất đai",
                    "url": "/thu-tuc/thue-dat/",
                },
                "sort": [3.2, "1.000002", 2],
            },
        ],
    },
    "aggregations": {
        "sector": {
            "doc_count_error_upper_bound": 0,
            "sum_other_doc_count": 0,
            "buckets": [
                {"key": "dat-dai\x1fĐất đai", "doc_count": 2},
                {"key": "ho-tich\x1fHộ tịch", "doc_count": 10},
            ],
        },
        "level": {"buckets": [{"key": "xa\x1fstale label", "doc_count": 12}]},
        "agency": {"buckets": []},
        "type": {"buckets": []},
        "online": {"buckets": []},
    },
}


def test_response_is_mapped_onto_search_results(backend, server):
    server.on("POST", "/t-procedures/_search", SEARCH_RESPONSE)
    results = backend.search_procedures("dat", page=1, per_page=2)

    assert results.total == 12 and results.num_pages == 6 and results.has_next
    assert [(h.code, h.object_id, h.score) for h in results.hits] == [
        ("1.000005", 5, 9.5123),
        ("1.000002", 2, 3.2),
    ]
    first, second = results.hits
    assert first.title == "Giao đất <b>ở</b>" and first.url == "/thu-tuc/giao-dat/"
    assert first.title_html == "Giao <mark>đất</mark> &lt;b&gt;ở&lt;/b&gt;"
    assert first.snippet_html == "Hồ sơ giao <mark>đất</mark>"
    # Without a highlight from the server, the shared highlighter marks the words.
    assert second.title_html == "Thuê <mark>đất</mark>"
    assert second.snippet_html == "Cho thuê <mark>đất</mark> đai"
    sectors = [(f.value, f.label, f.count) for f in results.facets["sector"]]
    assert sectors == [("ho-tich", "Hộ tịch", 10), ("dat-dai", "Đất đai", 2)]
    # Choice facets are labelled in the current language, not as stored.
    assert [(f.value, f.label) for f in results.facets["level"]] == [("xa", "Cấp xã")]
    assert results.facets["agency"] == []


def test_highlight_fragments_cannot_inject_markup():
    html = es._safe_fragment('<mark><script>x</script></mark> <img src=x onerror="y">')
    assert html == (
        "<mark>&lt;script&gt;x&lt;/script&gt;</mark> &lt;img src=x onerror=&quot;y&quot;&gt;"
    )


def test_missing_index_gives_empty_results(backend, server):
    server.on("POST", "/t-news/_search", {"error": {"type": "index_not_found_exception"}}, 404)
    results = backend.search_news("dat dai")
    assert results.total == 0 and results.hits == []
    body = server.requests[0].json()
    assert "aggs" not in body
    assert body["sort"][1:] == [
        {"published_on": {"order": "desc", "missing": "_last"}},
        {"object_id": "desc"},
    ]


# --- Dossiers --------------------------------------------------------------------------


@pytest.mark.django_db
def test_officer_dossier_search_is_scoped_to_their_agency(backend, server):
    agency = make_agency("000.00.41.H33", "Bộ phận một cửa huyện Đông")
    officer = make_officer("east", agency, OfficerRole.DESK)
    backend.search_dossiers("duong", user=officer, filters={"status": "2", "sector": "x"})

    assert server.calls() == [("POST", "/t-dossiers/_search")]
    body = server.requests[0].json()
    assert body["query"]["bool"]["filter"] == [
        {"term": {"status": "2"}},
        {"terms": {"scope": [str(agency.pk)]}},
    ]
    assert body["aggs"] == {"status": {"terms": {"field": "facets.status", "size": 500}}}
    assert body["sort"] == ["_score", {"object_id": "desc"}]
    assert body["size"] == 50


@pytest.mark.django_db
def test_superuser_dossier_search_is_not_scoped(backend, server):
    boss = get_user_model().objects.create_superuser(username="boss", password="x")
    backend.search_dossiers("", user=boss)
    body = server.requests[0].json()
    assert body["query"] == {"match_all": {}}


@pytest.mark.django_db
def test_non_officers_get_nothing_without_a_request(backend, server):
    citizen = get_user_model().objects.create_user(username="citizen", password="x")
    for user in (citizen, None):
        results = backend.search_dossiers("duong", user=user)
        assert results.total == 0 and results.hits == []
    assert server.requests == []


# --- Suggestions -----------------------------------------------------------------------


def test_suggest_request_and_mapping(backend, server):
    server.on(
        "POST",
        "/t-procedures/_search",
        {
            "hits": {
                "total": {"value": 1},
                "hits": [
                    {
                        "_id": "3",
                        "_score": 7.0,
                        "_source": {"code": "1.000003", "title": "Đăng ký khai sinh", "url": "/k/"},
                    }
                ],
            }
        },
    )
    suggestions = backend.suggest("Đăng k", limit=50)
    assert [(s.code, s.title, s.url) for s in suggestions] == [
        ("1.000003", "Đăng ký khai sinh", "/k/")
    ]
    assert server.requests[0].json() == {
        "query": {
            "bool": {
                "must": [
                    {
                        "multi_match": {
                            "query": "đăng k",
                            "type": "bool_prefix",
                            "operator": "and",
                            "fields": ["suggest", "suggest._2gram", "suggest._3gram"],
                        }
                    }
                ],
                "should": [{"match": {"title.exact": {"query": "đăng k", "boost": 4.0}}}],
            }
        },
        "sort": ["_score", {"code": "asc"}],
        "_source": ["code", "title", "url"],
        "size": 20,
    }
    assert backend.suggest("  ") == []
    assert len(server.requests) == 1


# --- Selection -------------------------------------------------------------------------


def test_backend_is_elasticsearch_when_a_url_is_set(settings):
    settings.ELASTICSEARCH_URL = "http://es.test:9200"
    settings.ELASTICSEARCH_INDEX_PREFIX = "portal"
    chosen = search.backend()
    assert isinstance(chosen, es.ElasticsearchBackend)
    assert chosen.alias(Kind.DOSSIER) == "portal-dossiers"
    settings.ELASTICSEARCH_URL = ""
    assert isinstance(search.backend(), DatabaseBackend)
