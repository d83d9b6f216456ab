"""Search benchmark: the search facade against a naive ``icontains`` scan; see bench/README.md.

    .venv/bin/python bench/search_bench.py [--procedures 5000] [--dossiers 1000000]

Builds a throwaway SQLite database under var/bench/ (config.settings.test, never the
development database), fills it with BENCHMARK DATA written in bulk (pages, agencies and
dossiers bypass the services; see the README), indexes it in bulk, then times catalogue
and dossier searches with and without diacritics. Prints medians, p95 and ratios.
"""

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Real procedure-name stems (national catalogue wording), qualifiers and places; a
# procedure title is stem + qualifier + place.
STEMS = [
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Cấp giấy phép xây dựng công trình",
    "Đăng ký khai sinh",
    "Đăng ký kết hôn",
    "Đăng ký khai tử",
    "Đăng ký thường trú",
    "Cấp bản sao trích lục hộ tịch",
    "Cấp giấy chứng nhận quyền sử dụng đất",
    "Đăng ký biến động quyền sử dụng đất",
    "Chuyển mục đích sử dụng đất",
    "Giao đất, cho thuê đất",
    "Hòa giải tranh chấp đất đai",
    "Cấp giấy phép thi công công trình đường bộ",
    "Cấp phép lưu hành xe quá tải trọng trên đường bộ",
    "Cấp giấy phép kinh doanh vận tải bằng xe ô tô",
    "Đăng ký phương tiện thủy nội địa",
    "Cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm",
    "Cấp giấy phép hoạt động khám bệnh, chữa bệnh",
    "Cấp chứng chỉ hành nghề dược",
    "Công nhận trường mầm non đạt chuẩn quốc gia",
    "Thành lập trường tiểu học",
    "Đăng ký thành lập hợp tác xã",
    "Đăng ký hộ kinh doanh",
    "Cấp giấy phép môi trường",
    "Thẩm định báo cáo đánh giá tác động môi trường",
    "Cấp giấy phép khai thác nước mặt",
    "Hỗ trợ người có công với cách mạng",
    "Trợ cấp xã hội hằng tháng",
    "Xác nhận tình trạng hôn nhân",
    "Chứng thực bản sao từ bản chính",
]
QUALIFIERS = ["", "lần đầu", "cấp lại", "điều chỉnh", "gia hạn", "cấp đổi", "có yếu tố nước ngoài"]
PLACES = [
    "xã Đường Hào",
    "phường Dương Nội",
    "xã Tân Dân",
    "xã Nghĩa Trụ",
    "phường Hiến Nam",
    "xã Lạc Hồng",
    "thị trấn Như Quỳnh",
    "xã Minh Châu",
    "xã Phụng Công",
    "phường Lam Sơn",
    "xã Đồng Than",
    "xã Hồng Tiến",
    "huyện Văn Lâm",
    "huyện Khoái Châu",
    "thị xã Mỹ Hào",
    "thành phố Hưng Yên",
]
SECTORS = [
    ("Hộ tịch", "ho-tich"),
    ("Đất đai", "dat-dai"),
    ("Xây dựng", "xay-dung"),
    ("Giao thông vận tải", "giao-thong"),
    ("Y tế", "y-te"),
    ("Giáo dục và Đào tạo", "giao-duc"),
    ("Tài nguyên và Môi trường", "moi-truong"),
    ("Lao động - Thương binh và Xã hội", "lao-dong"),
    ("Tư pháp", "tu-phap"),
    ("Kế hoạch và Đầu tư", "dau-tu"),
]
PAGE_SIZE = 20
RANKED_LIMIT = 500


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--procedures", type=int, default=5000)
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200, help="searches timed per kind")
    return parser.parse_args()


def setup_django(args) -> Path:
    path = ROOT / "var" / "bench" / f"search-{args.procedures}-{args.dossiers}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.resolve() == (ROOT / "db.sqlite3").resolve():
        sys.exit("Refusing to benchmark the development database (db.sqlite3).")
    for stale in path.parent.glob(path.name + "*"):  # the file and its -wal/-shm
        stale.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ.pop("ELASTICSEARCH_URL", None)
    import django

    django.setup()
    return path


def timed(fn, samples: list) -> list[float]:
    """Milliseconds of ``fn(sample)`` for each sample."""
    times = []
    for sample in samples:
        start = time.perf_counter()
        fn(sample)
        times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered):8.2f} ms   p95 {p95:8.2f} ms   (n={len(times)})"


def ratio(baseline: list[float], measured: list[float]) -> str:
    return f"{statistics.median(baseline) / max(statistics.median(measured), 1e-6):.1f}×"


def heading(text: str) -> None:
    print(f"\n== {text}", flush=True)


def progress(total: int, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=" rows", file=sys.stderr, mininterval=1.0)


# --- Data -----------------------------------------------------------------------------


def make_site():
    from wagtail.models import Page, Site

    from procedures_pages.models import HomePage, ProcedureIndexPage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Cổng dịch vụ công", slug="trang-chu"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home.add_child(
        instance=ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    )


def make_agencies():
    from procedures_pages.models import Agency, AgencyLevel

    centre = Agency.objects.create(
        name="Trung tâm Phục vụ hành chính công tỉnh",
        code="000.00.00.H33",
        level=AgencyLevel.PROVINCE,
        is_service_centre=True,
    )
    departments = [
        Agency.objects.create(name=f"Sở {name}", code=f"000.00.{n:02d}.H33", level="province")
        for n, (name, _slug) in enumerate(SECTORS, start=10)
    ]
    communes = [
        Agency.objects.create(
            name=f"Ủy ban nhân dân {place}",
            code=f"000.{n:02d}.01.H33",
            level=AgencyLevel.COMMUNE,
            parent=centre,
        )
        for n, place in enumerate(PLACES, start=1)
    ]
    return centre, departments, communes


def make_procedures(catalogue, count: int, rng: random.Random) -> None:
    """``count`` live procedure pages under ``catalogue``, written in bulk.

    Benchmark data: Page rows are bulk-created with treebeard paths computed here and the
    ProcedurePage rows inserted beside them (Django cannot bulk-create a multi-table
    model), so no revisions, no publish signals and no per-page indexing.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from procedures_pages.models import ProcedurePage, Sector
    from procedures_pages.text import fold

    _, departments, communes = make_agencies()
    sectors = [Sector.objects.create(name=name, slug=slug) for name, slug in SECTORS]
    content_type = ContentType.objects.get_for_model(ProcedurePage)
    now = timezone.now()
    through = ProcedurePage.implementing_agencies.through
    bar = progress(count, "Thủ tục")
    with transaction.atomic():
        for start in range(0, count, 1000):
            pages, links = [], []
            for n in range(start, min(count, start + 1000)):
                stem = rng.choice(STEMS)
                qualifier = rng.choice(QUALIFIERS)
                place = rng.choice(PLACES)
                title = " ".join(part for part in (stem, qualifier, "tại", place) if part)
                code = f"9.{n:06d}"
                slug = f"thu-tuc-{n}"
                commune_level = rng.random() < 0.5
                sector_index = rng.randrange(len(sectors))
                pages.append(
                    ProcedurePage(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=content_type,
                        path=Page._get_path(catalogue.path, catalogue.depth + 1, n + 1),
                        depth=catalogue.depth + 1,
                        numchild=0,
                        url_path=f"{catalogue.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now,
                        locale_id=catalogue.locale_id,
                        translation_key=uuid.uuid4(),
                        code=code,
                        sector=sectors[sector_index],
                        level_commune=commune_level,
                        level_province=not commune_level,
                        procedure_type="Thủ tục hành chính",
                        applicants="Công dân Việt Nam, tổ chức, doanh nghiệp",
                        result_name=f"Quyết định về việc {stem[0].lower()}{stem[1:]}",
                        online_service_level=rng.choice(["toan-trinh", "mot-phan", "khong"]),
                        folded_text=fold(f"{code} {title}"),
                    )
                )
                agency = (
                    communes[PLACES.index(place)] if commune_level else departments[sector_index]
                )
                links.append(agency)
            parents = Page.objects.bulk_create([Page(**_page_fields(p)) for p in pages])
            for page, parent in zip(pages, parents, strict=True):
                page.page_ptr_id = page.pk = parent.pk
            ProcedurePage._base_manager._insert(
                pages, fields=ProcedurePage._meta.local_concrete_fields
            )
            through.objects.bulk_create(
                [
                    through(procedurepage_id=page.pk, agency_id=agency.pk)
                    for page, agency in zip(pages, links, strict=True)
                ]
            )
            bar.update(len(pages))
        Page.objects.filter(pk=catalogue.pk).update(numchild=count)
    bar.close()


def _page_fields(page) -> dict:
    from wagtail.models import Page

    return {
        field.attname: getattr(page, field.attname)
        for field in Page._meta.concrete_fields
        if not field.primary_key
    }


def make_officer(agency):
    from django.contrib.auth import get_user_model

    from dossiers.models import Officer, OfficerRole

    user = get_user_model().objects.create_user(username=f"desk-{agency.pk}", password="x")
    Officer.objects.create(user=user, agency=agency, role=OfficerRole.DESK)
    return user


def index_kind(kind: str, total: int, desc: str) -> float:
    from search.indexing import rebuild

    bar = progress(total, desc)
    start = time.perf_counter()
    rebuild(kind, progress=bar.update)
    bar.close()
    return time.perf_counter() - start


# --- Measurements ---------------------------------------------------------------------


def catalogue_queries(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(accented, folded) pairs: two or three words of a stem, sometimes with a place."""
    from procedures_pages.text import fold

    queries = []
    for _ in range(count):
        words = rng.choice(STEMS).split()
        start = rng.randrange(max(1, len(words) - 2))
        text = " ".join(words[start : start + rng.choice([2, 3])]).strip(",")
        if rng.random() < 0.3:
            text += " " + rng.choice(PLACES).split(" ", 1)[1]
        queries.append((text, fold(text)))
    return queries


def bench_catalogue(args, rng):
    from procedures_pages.models import ProcedurePage
    from procedures_pages.text import fold
    from search import backend

    search = backend()
    pairs = catalogue_queries(rng, args.queries // 2)
    samples = [text for pair in pairs for text in pair]  # half with, half without marks

    def facade(q):
        search.search_procedures(q, per_page=PAGE_SIZE)

    def hook_ids(q):
        search.procedure_ids(q, limit=RANKED_LIMIT)

    def naive(q):
        # The catalogue's filter before the search: one LIKE per word over every page.
        queryset = ProcedurePage.objects.live()
        for word in fold(q).split():
            queryset = queryset.filter(folded_text__icontains=word)
        queryset.count()
        list(queryset.order_by("code")[:PAGE_SIZE])

    heading(f"Catalogue search over {ProcedurePage.objects.count():,} procedures")
    print(f"   e.g. {pairs[0][0]!r} / {pairs[0][1]!r}")
    facade_ms, ids_ms, naive_ms = (
        timed(facade, samples),
        timed(hook_ids, samples),
        timed(naive, samples),
    )
    print(f"   facade search_procedures (page of 20):   {summary(facade_ms)}")
    print(f"     with diacritics:                       {summary(facade_ms[0::2])}")
    print(f"     without diacritics:                    {summary(facade_ms[1::2])}")
    print(f"   facade procedure_ids (≤{RANKED_LIMIT}, the hook): {summary(ids_ms)}")
    print(f"   baseline folded_text__icontains scan:    {summary(naive_ms)}")
    print(f"   ratio baseline / facade:                 {ratio(naive_ms, facade_ms)}")
    print(f"   ratio baseline / hook ids:               {ratio(naive_ms, ids_ms)}")


def dossier_queries(rng: random.Random, count: int) -> list[str]:
    """Applicant names (accented and folded) and code fragments of existing dossiers."""
    from dossiers.models import Dossier
    from procedures_pages.text import fold

    max_pk = Dossier.objects.order_by("-pk").values_list("pk", flat=True).first()
    queries = []
    while len(queries) < count:
        row = (
            Dossier.objects.filter(pk__gte=rng.randint(1, max_pk))
            .order_by("pk")
            .values_list("applicant_name", "code")
            .first()
        )
        if row is None:
            continue
        name, code = row
        kind = len(queries) % 3
        if kind == 0:
            queries.append(name)
        elif kind == 1:
            queries.append(fold(name))
        else:
            queries.append(code.split("-", 1)[1])  # "261116-0001": day and number
    return queries


def bench_dossiers(args, rng, officer):
    from django.db.models import Q

    from dossiers.models import Dossier
    from dossiers.queries.backoffice import visible_dossiers
    from search import backend

    search = backend()
    samples = dossier_queries(rng, args.queries)

    def facade(q):
        search.search_dossiers(q, user=officer, per_page=50)

    def hook_ids(q):
        search.dossier_ids(q, user=officer, limit=RANKED_LIMIT)

    def naive(q):
        # The back office before the search: name or code contains the text, newest first.
        rows = visible_dossiers(officer).filter(
            Q(applicant_name__icontains=q) | Q(code__icontains=q)
        )
        list(rows.order_by("-received_at", "-pk")[:50])

    heading(
        f"Back-office dossier search over {Dossier.objects.count():,} dossiers, "
        f"as a desk officer of {officer.officer.agency.name}"
    )
    print(f"   e.g. {samples[0]!r}, {samples[1]!r}, {samples[2]!r}")
    facade_ms, ids_ms, naive_ms = (
        timed(facade, samples),
        timed(hook_ids, samples),
        timed(naive, samples),
    )
    names = [t for i, t in enumerate(facade_ms) if i % 3 == 0]
    folded = [t for i, t in enumerate(facade_ms) if i % 3 == 1]
    codes = [t for i, t in enumerate(facade_ms) if i % 3 == 2]
    print(f"   facade search_dossiers (page of 50):     {summary(facade_ms)}")
    print(f"     names with diacritics:                 {summary(names)}")
    print(f"     names without diacritics:              {summary(folded)}")
    print(f"     code fragments:                        {summary(codes)}")
    print(f"   facade dossier_ids (≤{RANKED_LIMIT}, the hook):   {summary(ids_ms)}")
    print(f"   baseline icontains scan (name or code):  {summary(naive_ms)}")
    print(f"   ratio baseline / facade:                 {ratio(naive_ms, facade_ms)}")
    print(f"   ratio baseline / hook ids:               {ratio(naive_ms, ids_ms)}")


def main():
    args = parse_args()
    path = setup_django(args)
    from django.core.management import call_command

    from dossiers.models import Dossier
    from procedures_pages.models import Agency
    from search.types import Kind

    print(f"Benchmark database: {path} (fresh)")
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"   migrated in {time.perf_counter() - start:.1f} s")
    rng = random.Random(11)

    heading(f"Generating {args.procedures:,} procedures (bulk)")
    start = time.perf_counter()
    make_procedures(make_site(), args.procedures, rng)
    print(f"   {time.perf_counter() - start:.1f} s")
    seconds = index_kind(Kind.PROCEDURE, args.procedures, "Chỉ mục thủ tục")
    print(f"   indexed in {seconds:.1f} s ({args.procedures / seconds:,.0f}/s)")

    heading(f"Generating {args.dossiers:,} dossiers (generate_bench_dossiers, bulk_create)")
    start = time.perf_counter()
    call_command("generate_bench_dossiers", args.dossiers, "--no-statistics", "--seed", "3")
    print(f"   {time.perf_counter() - start:.1f} s")
    seconds = index_kind(Kind.DOSSIER, Dossier.objects.count(), "Chỉ mục hồ sơ")
    print(f"   indexed in {seconds:.1f} s ({args.dossiers / seconds:,.0f}/s)")

    bench_catalogue(args, rng)
    centre = Agency.objects.get(is_service_centre=True)
    bench_dossiers(args, rng, make_officer(centre))


if __name__ == "__main__":
    main()
