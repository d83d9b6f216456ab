"""The search contract: every backend passes these (parametrised in conftest)."""

import unicodedata

import pytest
from django.contrib.auth import get_user_model

from search.types import Kind

pytestmark = pytest.mark.django_db


def codes(results) -> list[str]:
    return [hit.code for hit in results.hits]


def test_unaccented_query_finds_accented_title(search_backend, procedures):
    results = search_backend.search_procedures("thu tuc dat dai")
    assert set(codes(results)) == {"1.000001", "1.000002"}
    assert results.total == 2


def test_nfd_and_nfc_queries_give_the_same_results(search_backend, procedures):
    nfc = search_backend.search_procedures("Thủ tục đất đai")
    nfd = search_backend.search_procedures(unicodedata.normalize("NFD", "Thủ tục đất đai"))
    assert codes(nfc) == codes(nfd) == ["1.000001", "1.000002"] or (
        codes(nfc) == codes(nfd) and set(codes(nfc)) == {"1.000001", "1.000002"}
    )
    assert [h.score for h in nfc.hits] == [h.score for h in nfd.hits]


def test_accented_and_folded_queries_match_the_same_documents(search_backend, procedures):
    accented = search_backend.search_procedures("Đăng ký")
    folded = search_backend.search_procedures("dang ky")
    assert set(codes(accented)) == set(codes(folded)) == {"1.000003", "1.000004"}
    # Only "Đăng ký khai sinh" has the words as typed.
    assert codes(accented)[0] == "1.000003"


def test_accent_exact_title_ranks_first(search_backend, procedures):
    results = search_backend.search_procedures("đường")
    assert set(codes(results)) == {"1.000005", "1.000006", "1.000007"}
    assert codes(results)[0] == "1.000005"
    assert results.hits[0].score > results.hits[1].score
    # The other spellings win when typed.
    assert codes(search_backend.search_procedures("dương"))[0] == "1.000006"
    assert codes(search_backend.search_procedures("đương"))[0] == "1.000007"


def test_filters_and_facet_counts(search_backend, procedures, province_agency):
    everything = search_backend.search_procedures("")
    assert everything.total == 7
    sectors = {f.value: f.count for f in everything.facets["sector"]}
    assert sectors == {"dat-dai": 2, "ho-tich": 3, "giao-thong": 2}
    levels = {f.value: f.count for f in everything.facets["level"]}
    assert levels == {"tinh": 5, "xa": 2}

    results = search_backend.search_procedures(
        "dat dai", filters={"sector": "dat-dai", "level": "xa"}
    )
    assert codes(results) == ["1.000002"]
    assert {f.value: f.count for f in results.facets["agency"]} == {"000.01.01.H33": 1}

    by_agency = search_backend.search_procedures("", filters={"agency": province_agency.code})
    assert set(codes(by_agency)) == {"1.000001", "1.000004", "1.000005"}
    types = {f.value: f.count for f in everything.facets["type"]}
    assert types == {"Thủ tục hành chính": 2, "Thủ tục hành chính liên thông": 1}
    by_type = search_backend.search_procedures("", filters={"type": "Thủ tục hành chính"})
    assert set(codes(by_type)) == {"1.000001", "1.000002"}
    labels = {f.value: f.label for f in everything.facets["sector"]}
    assert labels["dat-dai"] == "Đất đai"


def test_pagination(search_backend, procedures):
    first = search_backend.search_procedures("", per_page=3)
    second = search_backend.search_procedures("", page=2, per_page=3)
    third = search_backend.search_procedures("", page=3, per_page=3)
    assert first.total == second.total == 7
    assert first.num_pages == 3
    assert len(first.hits) == len(second.hits) == 3 and len(third.hits) == 1
    assert not set(codes(first)) & set(codes(second))
    assert search_backend.search_procedures("", page=9, per_page=3).hits == []


def test_unpublished_pages_never_appear(search_backend, procedures, news, indexing):
    assert "1.000008" not in codes(search_backend.search_procedures("dang ky dat dai"))
    assert [h.title for h in search_backend.search_news("dat dai").hits] == [
        "Đẩy mạnh cải cách thủ tục đất đai"
    ]
    with indexing():
        procedures["land"].unpublish()
        news["land"].unpublish()
    assert codes(search_backend.search_procedures("dat dai")) == ["1.000002"]
    assert search_backend.search_news("dat dai").total == 0
    with indexing():
        procedures["land"].save_revision().publish()
    assert "1.000001" in codes(search_backend.search_procedures("dat dai"))


def test_deleting_a_page_removes_it(search_backend, procedures, indexing):
    with indexing():
        procedures["positive"].delete()
    assert "1.000006" not in codes(search_backend.search_procedures("duong"))


def test_officer_sees_only_dossiers_of_their_agency(search_backend, dossier_world):
    officers, dossiers = dossier_world["officers"], dossier_world["dossiers"]
    east = search_backend.search_dossiers("nguyen van duong", user=officers["east"])
    assert codes(east) == [dossiers["east"].code]
    west = search_backend.search_dossiers("", user=officers["west"])
    assert codes(west) == [dossiers["west"].code]
    assert search_backend.search_dossiers(dossiers["west"].code, user=officers["east"]).total == 0


def test_non_officers_see_no_dossiers(search_backend, dossier_world):
    citizen = get_user_model().objects.create_user(username="citizen", password="x")
    assert search_backend.search_dossiers("duong", user=citizen).total == 0
    boss = get_user_model().objects.create_superuser(username="boss", password="x")
    assert search_backend.search_dossiers("duong", user=boss).total == 2


def test_dossier_status_filter(search_backend, dossier_world):
    officer = dossier_world["officers"]["east"]
    received = search_backend.search_dossiers("", user=officer, filters={"status": "2"})
    assert received.total == 1
    assert received.facets["status"][0].label == "Được tiếp nhận"
    assert search_backend.search_dossiers("", user=officer, filters={"status": "9"}).total == 0


def test_suggestions_by_prefix(search_backend, procedures):
    titles = [s.title for s in search_backend.suggest("dang k")]
    assert titles[:2] == ["Đăng ký khai sinh", "Đăng kiểm định kỳ"] or set(titles) == {
        "Đăng ký khai sinh",
        "Đăng kiểm định kỳ",
    }
    assert "Đăng ký đất đai lần đầu (dự thảo)" not in titles
    assert search_backend.suggest("đăng ký")[0].title == "Đăng ký khai sinh"
    assert search_backend.suggest("khai s")[0].url.endswith("/")
    # Words in the body do not suggest: suggestions are names.
    assert search_backend.suggest("to chuc") == []
    assert search_backend.suggest("") == []


def test_highlights_mark_the_matched_words(search_backend, procedures):
    hit = search_backend.search_procedures("dat dai").hits[0]
    assert "<mark>đất</mark>" in hit.title_html and "<mark>đai</mark>" in hit.title_html


def test_reindex_replaces_the_entry(search_backend, procedures):
    page = procedures["birth"]
    page.title = "Đăng ký khai sinh có yếu tố nước ngoài"
    search_backend.index(page)
    assert search_backend.count(Kind.PROCEDURE) == 7
    assert codes(search_backend.search_procedures("nuoc ngoai")) == ["1.000003"]


def test_a_search_costs_a_few_statements(search_backend, procedures, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        search_backend.search_procedures("dat dai", filters={"sector": "dat-dai"})
    with django_assert_max_num_queries(1):
        search_backend.suggest("dang k")
