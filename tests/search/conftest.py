"""Search fixtures: a small catalogue, news and dossiers, indexed through the signals."""

import os

import pytest

from dossiers.models import OfficerRole
from dossiers.services import Applicant, receive_dossier
from tests.dossiers.factories import make_agency, make_officer, make_procedure, vn
from tests.factories import AgencyFactory, SectorFactory, add_news, add_procedure

BACKENDS = [
    "database",
    pytest.param(
        "elasticsearch",
        marks=[
            pytest.mark.elasticsearch,
            pytest.mark.skipif(
                not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set"
            ),
        ],
    ),
]


@pytest.fixture(params=BACKENDS)
def search_backend(request, settings):
    """Each contract test runs once per backend; the signals' tasks use the same one."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
        from search.backends.database import DatabaseBackend

        return DatabaseBackend()
    module = pytest.importorskip("search.backends.elasticsearch")
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    # Separate indices, emptied per test: the server keeps no transaction to roll back.
    settings.ELASTICSEARCH_INDEX_PREFIX = "mot-cua-test"
    backend = module.ElasticsearchBackend(settings.ELASTICSEARCH_URL, refresh=True)
    backend.clear()
    request.addfinalizer(backend.clear)
    return backend


@pytest.fixture
def indexing(django_capture_on_commit_callbacks):
    """Run what the signals scheduled for after commit (tests run inside a transaction)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def land(db):
    return SectorFactory(name="Đất đai", slug="dat-dai")


@pytest.fixture
def civil(db):
    return SectorFactory(name="Hộ tịch", slug="ho-tich")


@pytest.fixture
def transport(db):
    return SectorFactory(name="Giao thông vận tải", slug="giao-thong")


@pytest.fixture
def province_agency(db):
    return AgencyFactory(name="Sở Tài nguyên và Môi trường", code="000.00.20.H33")


@pytest.fixture
def commune_agency(db):
    return AgencyFactory(name="Ủy ban nhân dân xã Tân Dân", code="000.01.01.H33")


@pytest.fixture
def procedures(
    search_backend, indexing, catalogue, land, civil, transport, province_agency, commune_agency
):
    """Published through the real page API, so indexing goes through the signals."""

    def add(code, title, sector, agencies, **fields):
        page = add_procedure(catalogue, code=code, title=title, sector=sector, **fields)
        page.implementing_agencies.set(agencies)
        page.save_revision().publish()
        return page

    with indexing():
        pages = {
            "land": add(
                "1.000001",
                "Thủ tục giao đất, cho thuê đất đai",
                land,
                [province_agency],
                procedure_type="Thủ tục hành chính",
                applicants="Tổ chức, hộ gia đình, cá nhân",
            ),
            "land_commune": add(
                "1.000002",
                "Thủ tục hòa giải tranh chấp đất đai",
                land,
                [commune_agency],
                level_province=False,
                level_commune=True,
                procedure_type="Thủ tục hành chính",
            ),
            "birth": add(
                "1.000003",
                "Đăng ký khai sinh",
                civil,
                [commune_agency],
                level_province=False,
                level_commune=True,
                procedure_type="Thủ tục hành chính liên thông",
            ),
            # "đăng" and "kỳ" fold to the words of "đăng ký" without being "đăng ký".
            "inspection": add("1.000004", "Đăng kiểm định kỳ", transport, [province_agency]),
            # Long title with "đường": the full-text rank alone would put it last.
            "road": add(
                "1.000005",
                "Cấp giấy phép thi công công trình thiết yếu trong phạm vi bảo vệ kết cấu "
                "hạ tầng giao thông đường bộ",
                transport,
                [province_agency],
            ),
            "positive": add("1.000006", "Dương tính", civil, [commune_agency]),
            "equivalent": add("1.000007", "Tương đương", civil, [commune_agency]),
            "draft": add_procedure(
                catalogue,
                code="1.000008",
                title="Đăng ký đất đai lần đầu (dự thảo)",
                sector=land,
                live=False,
            ),
        }
    return pages


@pytest.fixture
def news(search_backend, indexing, news_index):
    with indexing():
        return {
            "land": add_news(
                news_index,
                title="Đẩy mạnh cải cách thủ tục đất đai",
                lead="Tỉnh rút ngắn thời hạn giải quyết thủ tục đất đai.",
            ),
            "draft": add_news(news_index, title="Tin đất đai chưa đăng", live=False),
        }


@pytest.fixture
def dossier_world(search_backend, indexing, catalogue):
    """Two agencies, a desk officer in each, one dossier received at each."""
    east = make_agency("000.00.41.H33", "Bộ phận một cửa huyện Đông")
    west = make_agency("000.00.42.H33", "Bộ phận một cửa huyện Tây")
    officers = {
        "east": make_officer("east", east, OfficerRole.DESK),
        "west": make_officer("west", west, OfficerRole.DESK),
    }
    procedure = make_procedure(catalogue, code="1.000656", steps=False)
    with indexing():
        dossiers = {
            name: receive_dossier(
                actor=officers[name],
                procedure=procedure,
                agency=agency,
                channel="truc-tiep",
                applicant=Applicant(name="Nguyễn Văn Đường", phone="0912345678"),
                received_at=vn(2026, 3, 2),
            )
            for name, agency in (("east", east), ("west", west))
        }
    return {"officers": officers, "dossiers": dossiers, "agencies": {"east": east, "west": west}}
