"""Template helpers for the public portal: navigation, language switching, pagination."""

from decimal import Decimal

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .. import queries
from ..models import NewsIndexPage, ProcedureIndexPage
from ..models.catalogue import HOURS_PER_WORKING_DAY

register = template.Library()

# The public dossier lookup is served by the dossiers app, reached by URL name only (this
# app imports no other); the path is the fallback while that app is not mounted.
DOSSIER_LOOKUP_URL_NAME = "dossiers:lookup"
DOSSIER_LOOKUP_PATH = "/tra-cuu-ho-so/"


def _language_prefix(language: str | None) -> str:
    """The URL prefix i18n_patterns adds for ``language`` ("" for the default language)."""
    if not language or language == settings.LANGUAGE_CODE:
        return ""
    return f"/{language}"


@register.simple_tag(takes_context=True)
def language_neutral_path(context) -> str:
    """The current path (with its query string) without the active language prefix.

    Django's ``set_language`` view resolves ``next`` in the default language, so an
    English path such as ``/en/tin-tuc/`` must be handed over as ``/tin-tuc/`` for the
    view to translate it into either language.
    """
    request = context.get("request")
    if request is None:
        return "/"
    path = request.get_full_path()
    prefix = _language_prefix(get_language())
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        path = path[len(prefix) :] or "/"
    return path


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context) -> dict:
    """The main navigation: home, catalogue, news and the dossier lookup.

    The catalogue and news index are found among the site root's children in one query,
    cached on the request because the header and the footer both need it.
    """
    request = context.get("request")
    items = getattr(request, "_portal_nav_items", None) if request is not None else None
    if items is None:
        items = _nav_items(request)
        if request is not None:
            request._portal_nav_items = items
    current_path = request.path if request is not None else ""
    for item in items:
        url = item["url"]
        item["current"] = url == current_path
        item["section"] = not item["current"] and item["nested"] and current_path.startswith(url)
    return {"nav_items": items}


def _nav_items(request) -> list[dict]:
    site = Site.find_for_request(request) if request is not None else None
    root = site.root_page if site is not None else None
    items = []
    if root is not None:
        items.append(
            {"label": _("Trang chủ"), "url": root.get_url(request) or "/", "nested": False}
        )
        wanted = ContentType.objects.get_for_models(ProcedureIndexPage, NewsIndexPage)
        by_type = {}
        for child in Page.objects.live().child_of(root).filter(content_type__in=wanted.values()):
            by_type.setdefault(child.content_type_id, child)
        for model, label in (
            (ProcedureIndexPage, _("Thủ tục hành chính")),
            (NewsIndexPage, _("Tin tức")),
        ):
            page = by_type.get(wanted[model].pk)
            url = page.get_url(request) if page is not None else None
            if url:
                items.append({"label": label, "url": url, "nested": True})
    items.append(
        {
            "label": _("Tra cứu hồ sơ"),
            "url": _dossier_lookup_url(),
            "nested": True,
        }
    )
    return items


def _dossier_lookup_url() -> str:
    try:
        return reverse(DOSSIER_LOOKUP_URL_NAME)
    except NoReverseMatch:
        return _language_prefix(get_language()) + DOSSIER_LOOKUP_PATH


@register.simple_tag
def elided_page_range(page_obj, on_each_side: int = 2, on_ends: int = 1) -> list:
    """Page numbers around the current page, with ``Paginator.ELLIPSIS`` for gaps."""
    return list(
        page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=on_ends
        )
    )


def _number(value: Decimal) -> str:
    """A decimal in Vietnamese notation: 1.5 → "1,5", 40.00 → "40"."""
    return f"{Decimal(value).normalize():f}".replace(".", ",")


@register.filter
def working_hours_display(hours) -> str:
    """A total of working hours, with its equivalent in working days (a day = 8 hours)."""
    if hours is None:
        return ""
    hours = Decimal(hours)
    text = _("%(hours)s giờ làm việc") % {"hours": _number(hours)}
    if hours >= HOURS_PER_WORKING_DAY:
        days = (hours / HOURS_PER_WORKING_DAY).quantize(Decimal("0.01"))
        text += " " + _("(%(days)s ngày làm việc)") % {"days": _number(days)}
    return text


@register.simple_tag
def news_tags(news_index):
    """Tags used by the live articles under ``news_index``, for the tag filter links."""
    return queries.news_tags(news_index)
