"""Reform news: listing, categories, tags, feeds and the article page."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from io import BytesIO

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images.models import Image

from tests.factories import NewsCategoryFactory, add_news

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _default_language():
    """A request under /en/ leaves English active in the thread; restore Vietnamese."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def text_of(response) -> str:
    """The response body with tags removed and whitespace collapsed: what a user reads."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def titles(response) -> list[str]:
    return [article.title for article in response.context["articles"]]


@pytest.fixture
def cải_cách():
    return NewsCategoryFactory(name="Cải cách hành chính", slug="cai-cach-hanh-chinh")


@pytest.fixture
def chuyển_đổi_số():
    return NewsCategoryFactory(name="Chuyển đổi số", slug="chuyen-doi-so")


@pytest.fixture
def articles(news_index, cải_cách, chuyển_đổi_số):
    return {
        "one_stop": add_news(
            news_index,
            title="Tỉnh cắt giảm 30% thời gian giải quyết thủ tục",
            date=datetime.date(2026, 3, 15),
            category=cải_cách,
            tags=["một cửa", "thời hạn"],
            lead="Thời gian giải quyết bình quân giảm từ 10 xuống 7 ngày làm việc.",
        ),
        "online": add_news(
            news_index,
            title="Dịch vụ công trực tuyến toàn trình tăng mạnh",
            date=datetime.date(2026, 2, 1),
            category=chuyển_đổi_số,
            tags=["trực tuyến"],
        ),
        "old": add_news(
            news_index,
            title="Khai trương Trung tâm Phục vụ hành chính công",
            date=datetime.date(2025, 7, 1),
            category=cải_cách,
            tags=["một cửa"],
        ),
    }


def test_news_index_lists_articles_newest_first(client, news_index, articles):
    add_news(news_index, title="Bản nháp chưa duyệt", live=False)
    response = client.get(news_index.url)
    text = text_of(response)
    html = response.content.decode()

    assert response.status_code == 200
    assert titles(response) == [
        "Tỉnh cắt giảm 30% thời gian giải quyết thủ tục",
        "Dịch vụ công trực tuyến toàn trình tăng mạnh",
        "Khai trương Trung tâm Phục vụ hành chính công",
    ]
    assert "Bản nháp chưa duyệt" not in text
    assert "15/03/2026 · Cải cách hành chính" in text
    assert '<time datetime="2026-03-15">15/03/2026</time>' in html
    assert "Thời gian giải quyết bình quân giảm từ 10 xuống 7 ngày làm việc." in text
    assert f'href="{articles["one_stop"].url}"' in html
    # Filter links per category and per tag.
    assert f'href="{news_index.url}chuyen-muc/cai-cach-hanh-chinh/"' in html
    assert f'href="{news_index.url}chuyen-muc/chuyen-doi-so/"' in html
    assert "một cửa" in text and "trực tuyến" in text
    assert "/the/m%E1%BB%99t-c%E1%BB%ADa/" in html


def test_news_index_advertises_its_feeds(client, news_index, articles):
    html = client.get(news_index.url).content.decode()
    head = html.split("</head>")[0]
    assert f'type="application/rss+xml" title="Tin tức (RSS)" href="{news_index.url}rss/"' in head
    assert (
        f'type="application/atom+xml" title="Tin tức (Atom)" href="{news_index.url}atom/"' in head
    )
    body = html.split("<body")[1]
    assert f'href="{news_index.url}rss/"' in body
    assert "Kênh RSS" in body and "Kênh Atom" in body


def test_news_listing_by_category(client, news_index, articles):
    response = client.get(f"{news_index.url}chuyen-muc/cai-cach-hanh-chinh/")
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == [
        "Tỉnh cắt giảm 30% thời gian giải quyết thủ tục",
        "Khai trương Trung tâm Phục vụ hành chính công",
    ]
    assert re.search(r"<h1>\s*Chuyên mục: Cải cách hành chính\s*</h1>", html)
    assert "<title>Chuyên mục: Cải cách hành chính" in html
    assert f'<a href="{news_index.url}chuyen-muc/cai-cach-hanh-chinh/" aria-current="page">' in html
    # The breadcrumbs lead back to the whole listing.
    assert f'<a href="{news_index.url}">Tin tức</a>' in html


def test_news_listing_by_tag(client, news_index, articles):
    response = client.get(f"{news_index.url}the/một-cửa/")
    assert response.status_code == 200
    assert titles(response) == [
        "Tỉnh cắt giảm 30% thời gian giải quyết thủ tục",
        "Khai trương Trung tâm Phục vụ hành chính công",
    ]
    assert re.search(r"<h1>\s*Thẻ: một cửa\s*</h1>", response.content.decode())


def test_unknown_category_or_tag_is_404(client, news_index, articles):
    assert client.get(f"{news_index.url}chuyen-muc/khong-co/").status_code == 404
    assert client.get(f"{news_index.url}the/khong-co/").status_code == 404


def test_news_index_pagination(client, news_index, cải_cách):
    news_index.per_page = 2
    news_index.save_revision().publish()
    for day in range(1, 6):
        add_news(
            news_index, title=f"Tin số {day}", date=datetime.date(2026, 1, day), category=cải_cách
        )
    response = client.get(f"{news_index.url}chuyen-muc/cai-cach-hanh-chinh/", {"page": "2"})
    assert titles(response) == ["Tin số 3", "Tin số 2"]
    html = response.content.decode()
    assert 'href="?page=3"' in html
    assert client.get(news_index.url, {"page": "xyz"}).status_code == 200


def test_news_index_query_count_does_not_grow_with_articles(client, news_index, cải_cách):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        client.get(news_index.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(news_index.url)
        return len(queries)

    for n in range(2):
        add_news(news_index, title=f"Tin {n}", category=cải_cách, tags=[f"thẻ {n}"])
    few = count()
    for n in range(2, 8):
        add_news(news_index, title=f"Tin {n}", category=cải_cách, tags=[f"thẻ {n}"])
    assert count() == few


def rss_items(response) -> list[ET.Element]:
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    return root.findall("./channel/item")


def test_rss_feed_is_valid_xml_with_items(client, news_index, articles):
    response = client.get(f"{news_index.url}rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    items = rss_items(response)
    assert [item.findtext("title") for item in items] == [
        "Tỉnh cắt giảm 30% thời gian giải quyết thủ tục",
        "Dịch vụ công trực tuyến toàn trình tăng mạnh",
        "Khai trương Trung tâm Phục vụ hành chính công",
    ]
    first = items[0]
    assert first.findtext("link").endswith(articles["one_stop"].url)
    assert "7 ngày làm việc" in first.findtext("description")
    assert {c.text for c in first.findall("category")} == {"một cửa", "thời hạn"}


def test_atom_feed_is_valid_xml_with_items(client, news_index, articles):
    response = client.get(f"{news_index.url}atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3
    assert entries[0].findtext(f"{ATOM}title") == "Tỉnh cắt giảm 30% thời gian giải quyết thủ tục"


def test_feeds_leave_out_unpublished_news(client, news_index, articles):
    articles["online"].unpublish()
    titles_in_feed = [
        item.findtext("title") for item in rss_items(client.get(f"{news_index.url}rss/"))
    ]
    assert "Dịch vụ công trực tuyến toàn trình tăng mạnh" not in titles_in_feed


def make_image(title: str) -> Image:
    buffer = BytesIO()
    PILImage.new("RGB", (64, 48), "navy").save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="anh.png"))


@pytest.fixture
def article(news_index, cải_cách):
    photo = make_image("Ảnh quầy một cửa")
    body = [
        {"type": "heading", "value": "Kết quả nổi bật"},
        {"type": "paragraph", "value": "<p>Tỷ lệ hồ sơ <b>đúng hạn</b> đạt 98%.</p>"},
        {
            "type": "image",
            "value": {
                "image": photo.pk,
                "alt_text": "Người dân nộp hồ sơ tại quầy",
                "decorative": False,
            },
        },
        {"type": "quote", "value": "Lấy người dân làm trung tâm phục vụ."},
    ]
    return add_news(
        news_index,
        title="Một năm vận hành Trung tâm Phục vụ hành chính công",
        date=datetime.date(2026, 4, 30),
        category=cải_cách,
        tags=["một cửa"],
        lead="Trung tâm tiếp nhận hơn 120.000 hồ sơ trong năm đầu.",
        body=json.dumps(body),
        source="Báo Hưng Yên",
        source_url="https://baohungyen.vn/mot-nam-van-hanh",
    )


def test_news_page_renders_its_content_block_by_block(client, news_index, article):
    response = client.get(article.url)
    html = response.content.decode()
    text = text_of(response)

    assert response.status_code == 200
    assert re.search(r"<h1[^>]*>Một năm vận hành Trung tâm Phục vụ hành chính công</h1>", html)
    assert '<time datetime="2026-04-30">30/04/2026</time>' in html
    assert f'href="{news_index.url}chuyen-muc/cai-cach-hanh-chinh/">Cải cách hành chính</a>' in html
    assert f'href="{news_index.url}the/m%E1%BB%99t-c%E1%BB%ADa/">một cửa</a>' in html
    assert "Trung tâm tiếp nhận hơn 120.000 hồ sơ trong năm đầu." in text
    assert "<h2>Kết quả nổi bật</h2>" in html
    assert "Tỷ lệ hồ sơ <b>đúng hạn</b> đạt 98%." in html
    assert re.search(r'<img [^>]*alt="Người dân nộp hồ sơ tại quầy"', html)
    assert re.search(
        r"<blockquote>\s*<p>Lấy người dân làm trung tâm phục vụ.</p>\s*</blockquote>", html
    )
    assert (
        'Nguồn: <a href="https://baohungyen.vn/mot-nam-van-hanh" rel="noopener">Báo Hưng Yên</a>'
        in " ".join(html.split())
    )
    assert text.index("Kết quả nổi bật") < text.index("Tỷ lệ hồ sơ") < text.index("Lấy người dân")


def test_news_page_tag_link_leads_to_the_tag_listing(client, news_index, article):
    html = client.get(article.url).content.decode()
    tag_url = re.search(r'href="([^"]*/the/[^"]+)"', html).group(1)
    response = client.get(tag_url)
    assert response.status_code == 200
    assert titles(response) == ["Một năm vận hành Trung tâm Phục vụ hành chính công"]


def test_unpublished_news_page_is_404_and_not_listed(client, news_index, articles):
    page = articles["online"]
    url = page.url
    page.unpublish()
    assert client.get(url).status_code == 404
    assert "Dịch vụ công trực tuyến toàn trình tăng mạnh" not in titles(client.get(news_index.url))


def test_draft_news_page_is_404(client, news_index):
    draft = add_news(news_index, title="Tin nháp", live=False)
    assert client.get(f"{news_index.url}{draft.slug}/").status_code == 404


def test_news_index_in_english_has_lang_en_and_switcher(client, news_index, articles):
    url = news_index.url
    response = client.get("/en" + url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert 'action="/i18n/setlang/"' in html
    assert f'href="/en{url}chuyen-muc/cai-cach-hanh-chinh/"' in html
