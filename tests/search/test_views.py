"""The search page, the autocomplete endpoint, the JSON API and the rebuild command."""

import io
import json

import pytest
from django.core.management import call_command

from dossiers import services
from search.backends.database import DatabaseBackend
from search.types import Kind

pytestmark = pytest.mark.django_db


def test_search_page_lists_procedures_and_news_with_highlights(client, procedures, news):
    response = client.get("/tim-kiem/", {"q": "dat dai"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>đất</mark>" in html
    assert "Thủ tục hòa giải tranh chấp" in html
    assert "Đẩy mạnh cải cách thủ tục" in html  # news
    assert "Tin đất đai chưa đăng" not in html and "dự thảo" not in html
    assert 'href="?q=dat+dai&amp;linh_vuc=dat-dai"' in html  # facet link
    assert "<script>" not in html and "onclick" not in html


def test_search_page_applies_facet_filters(client, procedures):
    html = client.get("/tim-kiem/", {"q": "dat dai", "cap": "xa"}).content.decode()
    assert "Thủ tục hòa giải tranh chấp" in html
    assert "cho thuê đất" not in html
    assert 'aria-current="true"' in html


def test_search_page_without_query_invites_a_search(client, db):
    response = client.get("/tim-kiem/")
    assert response.status_code == 200
    assert "Có thể gõ không dấu" in response.content.decode()


def test_suggest_endpoint(client, procedures):
    data = client.get("/tim-kiem/goi-y/", {"q": "dang ky kh"}).json()
    assert data["suggestions"] == [
        {"code": "1.000003", "title": "Đăng ký khai sinh", "url": procedures["birth"].url}
    ]
    assert client.get("/tim-kiem/goi-y/", {"q": "d"}).json() == {"suggestions": []}


def test_home_page_search_box_is_enhanced_by_a_static_script(client, procedures):
    html = client.get("/").content.decode()
    assert 'data-suggest-url="/tim-kiem/goi-y/"' in html
    assert "search/js/suggest.js" in html


def test_procedures_api(client, procedures):
    response = client.get("/api/v1/procedures/", {"q": "dang ky", "per_page": 1})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 2
    assert len(body["results"]) == 1
    first = body["results"][0]
    assert set(first) == {"code", "name", "url", "score"}
    assert first["url"].startswith("http://testserver/")
    assert {f["value"] for f in body["facets"]["sector"]} == {"ho-tich", "giao-thong"}
    filtered = client.get("/api/v1/procedures/", {"sector": "dat-dai", "level": "xa"}).json()
    assert [r["code"] for r in filtered["results"]] == ["1.000002"]


def test_procedures_api_errors_use_the_envelope(client, db):
    response = client.get("/api/v1/procedures/", {"level": "nowhere", "per_page": 500})
    assert response.status_code == 422
    error = json.loads(response.content)["error"]
    assert error["code"] == "validation_error"
    assert {d["field"] for d in error["details"]} == {"query.level", "query.per_page"}


def test_dossier_transition_reindexes_through_post_save(dossier_world, indexing):
    officer = dossier_world["officers"]["east"]
    dossier = dossier_world["dossiers"]["east"]
    backend = DatabaseBackend()
    assert backend.search_dossiers("", user=officer, filters={"status": "2"}).total == 1
    with indexing():
        services.fire(dossier, "transfer", actor=officer, version=dossier.version)
    assert backend.search_dossiers("", user=officer, filters={"status": "2"}).total == 0
    assert backend.search_dossiers("", user=officer, filters={"status": "4"}).total == 1


def test_rebuild_search_index(procedures, news, dossier_world):
    backend = DatabaseBackend()
    backend.clear()
    assert backend.count(Kind.PROCEDURE) == 0
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=err)
    text = out.getvalue()
    # The dossiers' procedure is a live page of the catalogue too.
    assert "procedure: đã lập chỉ mục 8/8" in text
    assert "news: đã lập chỉ mục 1/1" in text
    assert "dossier: đã lập chỉ mục 2/2" in text
    assert backend.count(Kind.PROCEDURE) == 8
    assert backend.search_procedures("thu tuc dat dai").total == 2
    officer = dossier_world["officers"]["west"]
    assert backend.search_dossiers("", user=officer).total == 1


def test_a_bulk_import_is_indexed_once_at_the_end(catalogue, django_capture_on_commit_callbacks):
    from procedures_pages.importing import import_records
    from search import backend

    record = {
        "code": "2.000635",
        "name": "Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ",
        "sector": "Hoạt động xây dựng",
        "levels": ["xa"],
        "channels": [
            {"channel": "truc-tiep", "time_limit_value": "15", "time_limit_unit": "working_days"}
        ],
    }
    with django_capture_on_commit_callbacks(execute=True):
        import_records([record])
    hits = backend().search_procedures("giay phep xay dung").hits
    assert [hit.title for hit in hits] == ["Thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ"]
