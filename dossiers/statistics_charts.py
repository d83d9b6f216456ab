"""Geometry of the server-side SVG charts of the statistics page.

Charts are computed here and drawn by templates as inline SVG: no JavaScript, no external
library, readable without CSS. Each chart carries a title and a description, every bar a
text label and a tooltip, and the page shows the same data as a table next to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .queries.statistics import AgencyStatistics, MonthPoint

# Colours with at least 4.5:1 contrast against white, as the portal's palette.
COLOURS = {"early": "#1a6b35", "on_time": "#0b3a75", "late": "#b0201d"}


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5 × 10ⁿ that is ≥ ``value`` (an axis maximum)."""
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return candidate
    return 10 ** (exponent + 1)  # pragma: no cover - the loop always returns


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str  # series name, for the tooltip
    value: int


@dataclass(frozen=True)
class Column:
    label: str
    x_centre: float
    segments: list[Rect]
    total: int
    total_y: float
    tooltip: str


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class LegendItem:
    x: float
    colour: str
    label: str


@dataclass(frozen=True)
class StackedBarChart:
    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_bottom: float
    columns: list[Column]
    ticks: list[Tick]
    legend: list[LegendItem]


def monthly_stacked_bars(points: list[MonthPoint]) -> StackedBarChart:
    """Early / on time / late stacked per month."""
    width, height = 720, 320
    left, right, top, bottom = 48, 710, 40, 280
    highest = max((p.processed.total for p in points), default=0)
    step = max(1, int(nice_ceiling(highest / 4)))  # counts: whole-number ticks
    steps = max(1, math.ceil(highest / step))
    scale_max = step * steps
    plot_height = bottom - top
    slot = (right - left) / max(len(points), 1)
    bar_width = slot * 0.6
    series = [
        ("early", _("Trước hạn")),
        ("on_time", _("Đúng hạn")),
        ("late", _("Trễ hạn")),
    ]
    columns = []
    for index, point in enumerate(points):
        x_centre = round(left + slot * index + slot / 2, 2)
        y = bottom
        segments = []
        for key, name in series:
            value = getattr(point.processed, key)
            if not value:
                continue
            h = plot_height * value / scale_max
            y -= h
            segments.append(
                Rect(
                    round(x_centre - bar_width / 2, 2),
                    round(y, 2),
                    round(bar_width, 2),
                    round(h, 2),
                    COLOURS[key],
                    name,
                    value,
                )
            )
        label = f"{point.month:%m/%Y}"
        tooltip = _(
            "Tháng %(month)s: %(early)s trước hạn, %(on_time)s đúng hạn, %(late)s trễ hạn"
        ) % {
            "month": label,
            "early": point.processed.early,
            "on_time": point.processed.on_time,
            "late": point.processed.late,
        }
        columns.append(
            Column(label, x_centre, segments, point.processed.total, round(y - 4, 2), tooltip)
        )
    ticks = [
        Tick(round(bottom - plot_height * i / steps, 2), number_format(step * i))
        for i in range(steps + 1)
    ]
    legend = [
        LegendItem(left + 150 * i, COLOURS[key], name) for i, (key, name) in enumerate(series)
    ]
    return StackedBarChart(width, height, left, right, bottom, columns, ticks, legend)


@dataclass(frozen=True)
class HorizontalBar:
    label: str
    label_y: float
    bar_y: float
    bar_width: float
    value_x: float
    value_label: str
    tooltip: str


@dataclass(frozen=True)
class HorizontalBarChart:
    width: int
    height: int
    left: float
    bar_height: float
    bars: list[HorizontalBar]
    colour: str


def late_rate_bars(rows: list[AgencyStatistics]) -> HorizontalBarChart:
    """Late rate of the steps each agency handled (lateness attributed to the agency whose
    step overran), one bar per agency with steps in the period, 0–100 %."""
    width, left, plot_width, row_height, bar_height = 720, 8, 600, 46, 16
    bars = []
    y = 8.0
    for row in rows:
        rate = row.report.step_late_rate
        if rate is None:
            continue
        value_label = f"{number_format(rate, decimal_pos=1)} %"
        bar_width = round(plot_width * rate / 100, 2)
        bars.append(
            HorizontalBar(
                label=row.agency.name,
                label_y=y + 14,
                bar_y=y + 20,
                bar_width=bar_width,
                value_x=left + bar_width + 6,
                value_label=value_label,
                tooltip=_("%(agency)s: %(late)s/%(total)s bước trễ hạn (%(rate)s)")
                % {
                    "agency": row.agency.name,
                    "late": row.report.steps.late,
                    "total": row.report.steps.total,
                    "rate": value_label,
                },
            )
        )
        y += row_height
    return HorizontalBarChart(width, int(y + 8), left, bar_height, bars, COLOURS["late"])
