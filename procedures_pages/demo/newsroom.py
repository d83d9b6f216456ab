"""News categories and articles, published, scheduled or submitted to moderation."""

import datetime

from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text import RichText

from ..models import NewsCategory, NewsIndexPage, NewsPage
from .news import ARTICLES, CATEGORIES
from .progress import Progress

PUBLISH_HOUR = 8


def ensure_categories() -> dict[str, NewsCategory]:
    categories = {}
    for slug, name in CATEGORIES:
        category = NewsCategory.objects.filter(slug=slug).first()
        if category is None:
            category = NewsCategory.objects.create(slug=slug, name=name)
        categories[slug] = category
    return categories


def paragraph_html(text: str) -> str:
    """Plain text to rich-text HTML: the first line a paragraph, "- " lines a bulleted list."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    items = [line[2:] for line in lines if line.startswith("- ")]
    prose = [line for line in lines if not line.startswith("- ")]
    html = "".join(f"<p>{escape(line)}</p>" for line in prose)
    if items:
        html += "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"
    return html


def body_blocks(body: list[tuple[str, str]]) -> list[tuple[str, object]]:
    return [
        (kind, RichText(paragraph_html(text)) if kind == "paragraph" else text)
        for kind, text in body
    ]


def _local_datetime(day: datetime.date, hour: int = PUBLISH_HOUR) -> datetime.datetime:
    naive = datetime.datetime.combine(day, datetime.time(hour))
    return timezone.make_aware(naive, timezone.get_current_timezone())


def _scheduled_at(days: int) -> datetime.datetime:
    return _local_datetime(timezone.localdate() + datetime.timedelta(days=days))


def build_article(data: dict, category: NewsCategory, *, owner=None) -> NewsPage:
    go_live_at = _scheduled_at(data["publish_in_days"]) if "publish_in_days" in data else None
    day = go_live_at.date() if go_live_at else data["date"]
    page = NewsPage(
        title=data["title"],
        slug=data["slug"],
        date=day,
        category=category,
        lead=data["lead"],
        body=body_blocks(data["body"]),
        source=data.get("source", ""),
        source_url=data.get("source_url", ""),
        go_live_at=go_live_at,
        owner=owner,
        live=False,
    )
    if data["status"] == "live":
        # Feeds and "latest news" order by first publication: make it the article's date.
        page.first_published_at = _local_datetime(day)
    return page


def ensure_articles(
    news_index: NewsIndexPage,
    categories: dict[str, NewsCategory],
    *,
    editor,
    moderator,
    progress: Progress,
) -> int:
    """Create the demo articles missing under ``news_index``; returns how many were created.

    Live articles are published by the moderator, scheduled ones are approved with a future
    go-live time, and the article marked "moderation" is saved by the editor and submitted
    to the news workflow, as an editor would do in the admin.
    """
    existing = set(Page.objects.child_of(news_index).values_list("slug", flat=True))
    created = 0
    for data in progress.iterate(ARTICLES, "Đăng tin tức"):
        if data["slug"] in existing:
            continue
        is_draft = data["status"] == "moderation"
        page = build_article(
            data, categories[data["category"]], owner=editor if is_draft else moderator
        )
        news_index.add_child(instance=page)
        page.tags.add(*data["tags"])
        if is_draft:
            page.save_revision(user=editor, log_action=True)
            page.get_workflow().start(page, editor)
        else:
            page.save_revision(user=moderator, log_action=True).publish(user=moderator)
        created += 1
    return created
