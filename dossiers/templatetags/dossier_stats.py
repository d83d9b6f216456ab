"""Dossier statistics for templates of other apps (the home page's widget)."""

from django import template

from ..queries.statistics import widget_numbers

register = template.Library()


@register.inclusion_tag("dossiers/includes/statistics_widget.html")
def statistics_widget() -> dict:
    """The "Kết quả giải quyết TTHC" widget: the province's processed dossiers so far this month."""
    return {"numbers": widget_numbers()}
