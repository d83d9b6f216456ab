"""Search answers the catalogue's free text and the back office's applicant search through
Wagtail hooks (search/wagtail_hooks.py), without those apps importing search."""

import pytest
from django.urls import reverse
from wagtail import hooks

from dossiers.backoffice import views
from dossiers.models import OfficerRole
from dossiers.services import Applicant, receive_dossier
from procedures_pages import queries as catalogue_queries
from search.indexing import rebuild
from search.types import Kind
from tests.dossiers.factories import make_agency, make_procedure, vn
from tests.dossiers.test_backoffice import make_user

pytestmark = pytest.mark.django_db


def result_codes(response) -> list[str]:
    return [row.code for row in response.context["procedures"]]


def test_both_hooks_are_registered():
    assert hooks.get_hooks(catalogue_queries.SEARCH_HOOK)
    assert hooks.get_hooks("search_dossiers")


@pytest.mark.parametrize(
    ("query", "first"),
    [("đường", "1.000005"), ("dương", "1.000006"), ("đương", "1.000007")],
)
def test_catalogue_ranks_the_accent_exact_title_first(client, catalogue, procedures, query, first):
    codes = result_codes(client.get(catalogue.url, {"q": query}))
    # Code order would put 1.000005 first every time: this is the search's rank.
    assert codes[0] == first
    assert set(codes) == {"1.000005", "1.000006", "1.000007"}


def test_catalogue_unaccented_query_finds_accented_titles(client, catalogue, procedures):
    response = client.get(catalogue.url, {"q": "dang ky"})
    codes = result_codes(response)
    assert "1.000003" in codes  # Đăng ký khai sinh
    assert "1.000008" not in codes  # the draft is never listed
    assert f"Tìm thấy {len(codes)} thủ tục" in response.content.decode()


def test_catalogue_free_text_combines_with_the_filters(client, catalogue, procedures):
    codes = result_codes(client.get(catalogue.url, {"q": "dat dai", "cap": "xa"}))
    assert codes == ["1.000002"]
    codes = result_codes(client.get(catalogue.url, {"q": "dat dai", "linh_vuc": "ho-tich"}))
    assert codes == []


def test_catalogue_pages_through_ranked_results(client, catalogue, procedures):
    catalogue.per_page = 2
    catalogue.save_revision().publish()
    everything = result_codes(client.get(catalogue.url, {"q": "dương", "page": 1}))
    second = result_codes(client.get(catalogue.url, {"q": "dương", "page": 2}))
    assert everything[0] == "1.000006"
    assert len(everything) == 2 and len(second) == 1
    assert set(everything) | set(second) == {"1.000005", "1.000006", "1.000007"}


def test_catalogue_keeps_its_own_filter_while_nothing_is_indexed(client, catalogue, land):
    from tests.factories import add_procedure

    add_procedure(catalogue, code="1.000901", title="Đăng ký đất đai", sector=land)
    # Published inside the test transaction: the index was never written.
    assert (
        catalogue_queries.ranked_procedure_ids(catalogue_queries.CatalogueFilters(q="dang ky"))
        is None
    )
    assert result_codes(client.get(catalogue.url, {"q": "dang ky"})) == ["1.000901"]


@pytest.fixture
def namesakes(search_backend, indexing, catalogue):
    """Two desks; the east one received "Đường" and "Dương", the west one "Đường"."""
    east = make_agency("000.00.41.H33", "Bộ phận một cửa huyện Đông")
    west = make_agency("000.00.42.H33", "Bộ phận một cửa huyện Tây")
    officers = {
        "east": make_user("east", east, OfficerRole.DESK),
        "west": make_user("west", west, OfficerRole.DESK),
    }
    procedure = make_procedure(catalogue, code="1.000656", steps=False)

    def receive(officer, agency, name, day):
        return receive_dossier(
            actor=officers[officer],
            procedure=procedure,
            agency=agency,
            channel="truc-tiep",
            applicant=Applicant(name=name, phone="0912345678"),
            received_at=vn(2026, 3, day),
        )

    with indexing():
        return {
            "officers": officers,
            "east_duong": receive("east", east, "Trần Văn Đường", 2),
            "east_zuong": receive("east", east, "Trần Văn Dương", 3),
            "west_duong": receive("west", west, "Trần Văn Đường", 4),
        }


def list_all(client, **params):
    return client.get(reverse("dossiers_backoffice:all"), params)


def listed(response) -> list[str]:
    """Codes of the list's rows, in order (the form echoes the query, so not the HTML)."""
    return [dossier.code for dossier, _badge in response.context["rows"]]


def codes_in(response) -> set[str]:
    return set(listed(response))


def test_backoffice_finds_applicant_typed_without_diacritics(client, namesakes):
    client.force_login(namesakes["officers"]["east"])
    found = codes_in(list_all(client, applicant="tran van duong"))
    # icontains on the name would find nothing without diacritics.
    assert found == {namesakes["east_duong"].code, namesakes["east_zuong"].code}
    assert namesakes["west_duong"].code not in found


def test_backoffice_never_lists_another_agencys_dossier(client, namesakes):
    client.force_login(namesakes["officers"]["west"])
    found = codes_in(list_all(client, applicant="Trần Văn Đường"))
    assert found == {namesakes["west_duong"].code}
    assert codes_in(list_all(client, applicant=namesakes["east_duong"].code)) == set()


def test_backoffice_lists_search_results_in_rank_order(client, namesakes, monkeypatch):
    client.force_login(namesakes["officers"]["east"])
    # Newest first would put "Dương" (3 March) before "Đường" (2 March).
    first, second = namesakes["east_duong"].code, namesakes["east_zuong"].code
    assert listed(list_all(client, applicant="Đường")) == [first, second]

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    page_one = list_all(client, applicant="Đường")
    assert codes_in(page_one) == {first}
    assert page_one.context["next_url"]
    page_two = client.get(page_one.context["next_url"])
    assert codes_in(page_two) == {second}
    assert not page_two.context["next_url"]


def test_backoffice_search_keeps_the_other_filters(client, namesakes):
    client.force_login(namesakes["officers"]["east"])
    found = codes_in(list_all(client, applicant="duong", received_from="2026-03-03"))
    assert found == {namesakes["east_zuong"].code}


def test_rebuilt_index_answers_the_hooks(namesakes):
    rebuild(Kind.DOSSIER)
    officer = namesakes["officers"]["west"]
    (hook,) = hooks.get_hooks("search_dossiers")
    assert hook(user=officer, q="duong", limit=10) == [namesakes["west_duong"].pk]


def test_id_lists_follow_the_result_pages(search_backend, procedures, namesakes):
    from search.backends.base import SearchBackend

    ranked = [hit.object_id for hit in search_backend.search_procedures("dương").hits]
    assert search_backend.procedure_ids("dương", limit=10) == ranked
    assert search_backend.procedure_ids("dương", limit=2) == ranked[:2]
    # The generic implementation (pages of results) agrees with the backend's own.
    assert SearchBackend.procedure_ids(search_backend, "dương", limit=2) == ranked[:2]
    officer = namesakes["officers"]["east"]
    assert search_backend.dossier_ids("Đường", user=officer) == [
        namesakes["east_duong"].pk,
        namesakes["east_zuong"].pk,
    ]
    assert SearchBackend.dossier_ids(
        search_backend, "Đường", user=officer
    ) == search_backend.dossier_ids("Đường", user=officer)
