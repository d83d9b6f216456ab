"""The public statistics page (``/thong-ke/``): báo cáo số 06 per agency, with charts."""

from __future__ import annotations

import datetime

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from procedures_pages.models import Agency

from .models import DailyStatistic
from .queries.statistics import (
    month_bounds,
    monthly_processed,
    statistics_by_agency,
    statistics_for_period,
)
from .statistics_charts import late_rate_bars, monthly_stacked_bars
from .working_time import to_local

FIRST_YEAR = 2015


class PeriodKind:
    MONTH = "thang"
    QUARTER = "quy"
    YEAR = "nam"
    RANGE = "khoang"
    CHOICES = [
        (MONTH, _("Tháng")),
        (QUARTER, _("Quý")),
        (YEAR, _("Năm")),
        (RANGE, _("Từ ngày – đến ngày")),
    ]


class StatisticsFilterForm(forms.Form):
    """Period and agency; every field optional, the current month by default."""

    ky = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=PeriodKind.CHOICES, required=False)
    nam = forms.TypedChoiceField(label=_("Năm"), coerce=int, required=False)
    thang = forms.TypedChoiceField(
        label=_("Tháng"),
        coerce=int,
        required=False,
        choices=[(m, _("Tháng %(month)02d") % {"month": m}) for m in range(1, 13)],
    )
    quy = forms.TypedChoiceField(
        label=_("Quý"),
        coerce=int,
        required=False,
        choices=[(1, _("Quý I")), (2, _("Quý II")), (3, _("Quý III")), (4, _("Quý IV"))],
    )
    tu_ngay = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    den_ngay = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    co_quan = forms.ChoiceField(label=_("Cơ quan tiếp nhận"), required=False)

    def __init__(self, *args, today: datetime.date, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.agencies = {agency.code: agency for agency in agencies}
        self.fields["nam"].choices = [
            (year, str(year)) for year in range(today.year, FIRST_YEAR - 1, -1)
        ]
        self.fields["co_quan"].choices = [("", _("Tất cả cơ quan"))] + [
            (agency.code, agency.name) for agency in agencies
        ]
        if not self.is_bound:
            self.initial.update({"ky": PeriodKind.MONTH, "nam": today.year, "thang": today.month})
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"thong-ke-{name.replace('_', '-')}")

    def clean(self):
        data = super().clean()
        kind = data.get("ky") or PeriodKind.MONTH
        year = data.get("nam") or self.today.year
        if kind == PeriodKind.RANGE:
            start, end = data.get("tu_ngay"), data.get("den_ngay")
            if not start or not end:
                raise forms.ValidationError(_("Chọn cả ngày bắt đầu và ngày kết thúc."))
            if start > end:
                raise forms.ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
            if (end - start).days > 366 * 5:
                raise forms.ValidationError(_("Khoảng thời gian tối đa là 5 năm."))
        elif kind == PeriodKind.YEAR:
            start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        elif kind == PeriodKind.QUARTER:
            quarter = data.get("quy") or (self.today.month - 1) // 3 + 1
            start = datetime.date(year, 3 * quarter - 2, 1)
            end = month_bounds(datetime.date(year, 3 * quarter, 1))[1]
        else:
            month = data.get("thang") or self.today.month
            start, end = month_bounds(datetime.date(year, month, 1))
        data["start"], data["end"], data["kind"] = start, end, kind
        data["agency"] = self.agencies.get(data.get("co_quan") or "")
        return data


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return month_bounds(today)


@require_GET
def statistics_page(request):
    """Báo cáo số 06 for the chosen period, per receiving agency, with two charts."""
    now = timezone.now()
    today = to_local(now).date()
    agencies = list(
        Agency.objects.filter(
            pk__in=DailyStatistic.objects.values("agency_id").distinct()
        ).order_by("name")
    )
    form = StatisticsFilterForm(request.GET or None, today=today, agencies=agencies)
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        agency = form.cleaned_data["agency"]
    else:
        (start, end), agency = default_period(today), None
    total = statistics_for_period(start=start, end=end, agency=agency, now=now)
    rows = statistics_by_agency(start, end, agency=agency, now=now)
    months = monthly_processed(last_month=min(end, today), agency=agency)
    return render(
        request,
        "dossiers/statistics_page.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "agency": agency,
            "total": total,
            "rows": rows,
            "months": months,
            "monthly_chart": monthly_stacked_bars(months),
            "late_chart": late_rate_bars(rows),
        },
    )
