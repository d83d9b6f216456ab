"""Runs the demo builders in order and reports what the database now holds."""

import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from wagtail.models import Revision, WorkflowState

from ..models import Agency, NewsCategory, NewsPage, ProcedurePage, Sector
from . import catalogue, moderation, newsroom, site
from .progress import Progress


@dataclass
class DemoResult:
    """Counts after the run (totals in the database) and what this run created."""

    created: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


@contextmanager
def _timed(result: DemoResult, log: Callable[[str], None], label: str):
    log(f"{label}…")
    start = time.perf_counter()
    yield
    result.timings[label] = time.perf_counter() - start


def load_demo(
    *,
    with_news: bool = True,
    procedures_file: Path = catalogue.DEMO_FILE,
    progress: Progress | None = None,
    log: Callable[[str], None] = lambda _message: None,
) -> DemoResult:
    """Build (or complete) the demo province in one transaction; safe to run again."""
    result = DemoResult()
    progress = progress or Progress()

    def step(label: str):
        return _timed(result, log, label)

    with transaction.atomic():
        with step("Trang chủ, danh mục và chuyên trang tin tức"):
            tree = site.ensure_page_tree()
        with step("Cơ quan, đơn vị"):
            agencies = catalogue.ensure_agencies()
        with step("Nhóm người dùng, quy trình kiểm duyệt, tài khoản"):
            editors, moderators = moderation.ensure_groups([tree.news_index, tree.catalogue])
            workflows = moderation.ensure_workflows(
                editors, moderators, news_index=tree.news_index, catalogue=tree.catalogue
            )
            users = moderation.ensure_users(workflows)
        with step("Nhập danh mục thủ tục hành chính"):
            result.created["procedures"] = catalogue.import_procedures(
                tree.catalogue, progress, path=procedures_file
            )
            result.created["sector_descriptions"] = catalogue.describe_sectors()
        with step("Gắn cơ quan thực hiện"):
            result.created["linked"] = catalogue.link_agencies(agencies, progress)
        if with_news:
            with step("Tin tức"):
                categories = newsroom.ensure_categories()
                result.created["news"] = newsroom.ensure_articles(
                    tree.news_index,
                    categories,
                    editor=users["editor"],
                    moderator=users["moderator"],
                    progress=progress,
                )
    result.totals = count_everything()
    return result


def count_everything() -> dict[str, int]:
    news = NewsPage.objects.all()
    news_ids = [str(pk) for pk in news.values_list("pk", flat=True)]
    return {
        "agencies": Agency.objects.count(),
        "ministries": Agency.objects.filter(level="bo").count(),
        "departments": Agency.objects.filter(level="tinh").count(),
        "communes": Agency.objects.filter(level="xa").count(),
        "other_agencies": Agency.objects.exclude(level__in=["bo", "tinh", "xa"]).count(),
        "sectors": Sector.objects.count(),
        "procedures": ProcedurePage.objects.count(),
        "procedures_live": ProcedurePage.objects.live().count(),
        "procedures_linked": ProcedurePage.objects.filter(implementing_agencies__isnull=False)
        .distinct()
        .count(),
        "news_categories": NewsCategory.objects.count(),
        "news": news.count(),
        "news_live": news.live().count(),
        "news_scheduled": Revision.page_revisions.filter(
            object_id__in=news_ids, approved_go_live_at__isnull=False
        )
        .values("object_id")
        .distinct()
        .count(),
        "news_in_moderation": WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type__app_label="wagtailcore",
            object_id__in=news_ids,
        ).count(),
        "revisions": Revision.objects.count(),
    }
