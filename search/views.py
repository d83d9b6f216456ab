"""Public search pages: /tim-kiem/ (procedures and news) and the autocomplete endpoint."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from procedures_pages.text import normalize

from . import backend
from .analysis import MAX_QUERY_LENGTH

PER_PAGE = 20
NEWS_PER_PAGE = 5
MIN_SUGGEST_LENGTH = 2
# URL parameter → facet; the catalogue's parameter names, so links carry over.
FACET_PARAMS = (
    ("linh_vuc", "sector", _("Lĩnh vực")),
    ("co_quan", "agency", _("Cơ quan thực hiện")),
    ("cap", "level", _("Cấp thực hiện")),
    ("loai", "type", _("Loại thủ tục")),
    ("muc_do", "online", _("Mức độ dịch vụ công trực tuyến")),
)


def _page_number(value: str) -> int:
    return int(value) if value.isdigit() and 0 < int(value) < 10_000 else 1


def _facet_groups(request, results, filters: dict) -> list[dict]:
    """Each facet with, per value, the link that toggles it (page reset to 1)."""
    groups = []
    for param, name, heading in FACET_PARAMS:
        values = []
        for facet in results.facets.get(name, []):
            query = request.GET.copy()
            query.pop("page", None)
            selected = filters.get(name) == facet.value
            if selected:
                query.pop(param, None)
            else:
                query[param] = facet.value
            values.append({"facet": facet, "selected": selected, "query": query.urlencode()})
        if values:
            groups.append({"name": name, "heading": heading, "values": values})
    return groups


@require_GET
def search_page(request):
    q = normalize(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
    filters = {
        name: request.GET.get(param, "")[:255]
        for param, name, _heading in FACET_PARAMS
        if request.GET.get(param)
    }
    page = _page_number(request.GET.get("page", ""))
    context = {"q": q, "filters": filters}
    if q or filters:
        search = backend()
        procedures = search.search_procedures(q, filters=filters, page=page, per_page=PER_PAGE)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            procedures=procedures,
            facet_groups=_facet_groups(request, procedures, filters),
            news=search.search_news(q, per_page=NEWS_PER_PAGE) if q and page == 1 else None,
            query_without_page=query.urlencode(),
        )
    return render(request, "search/search_page.html", context)


@require_GET
def suggest(request):
    """Autocomplete for procedure names: ``{"suggestions": [{code, title, url}]}``."""
    q = normalize(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
    suggestions = backend().suggest(q) if len(q) >= MIN_SUGGEST_LENGTH else []
    response = JsonResponse(
        {"suggestions": [{"code": s.code, "title": s.title, "url": s.url} for s in suggestions]},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=60"
    return response
