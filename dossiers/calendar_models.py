"""Admin-editable inputs of the working-time calendar (DOMAIN.md §0, §3).

``CalendarOverride`` corrects the official calendar computed by ``holidays.VN`` (extra days
off, Saturdays worked in a swap); ``AgencyOfficeHours`` sets an agency's office sessions.
Both change dossier deadlines, so both keep a field-level history. They are imported into
``dossiers.models``; :mod:`dossiers.calendars` turns them into a calendar.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .calendars import calendar_changed, invalidate_calendar_cache
from .working_time import DEFAULT_OFFICE_HOURS, OfficeHours


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ bổ sung")
    WORKING_DAY = "working_day", _("Ngày làm việc bù")


class CalendarOverride(models.Model):
    """One date whose working status differs from the official calendar."""

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại điều chỉnh"), max_length=16, choices=OverrideKind.choices)
    reason = models.TextField(
        _("lý do, căn cứ"),
        help_text=_("Ví dụ: Thông báo của Bộ Nội vụ về việc hoán đổi ngày làm việc."),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    history = HistoricalRecords(
        verbose_name=_("lịch sử ngày điều chỉnh lịch làm việc"),
        verbose_name_plural=_("lịch sử ngày điều chỉnh lịch làm việc"),
    )

    class Meta:
        verbose_name = _("ngày điều chỉnh lịch làm việc")
        verbose_name_plural = _("ngày điều chỉnh lịch làm việc")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"

    @property
    def is_working_day(self) -> bool:
        return self.kind == OverrideKind.WORKING_DAY


def _default(name: str) -> datetime.time:
    return getattr(DEFAULT_OFFICE_HOURS, name)


class AgencyOfficeHours(models.Model):
    """An agency's office sessions when they differ from 07:00–11:30, 13:30–17:00."""

    agency = models.OneToOneField(
        "procedures_pages.Agency",
        verbose_name=_("cơ quan"),
        on_delete=models.CASCADE,
        related_name="working_hours",
    )
    morning_start = models.TimeField(_("buổi sáng bắt đầu"), default=_default("morning_start"))
    morning_end = models.TimeField(_("buổi sáng kết thúc"), default=_default("morning_end"))
    afternoon_start = models.TimeField(_("buổi chiều bắt đầu"), default=_default("afternoon_start"))
    afternoon_end = models.TimeField(_("buổi chiều kết thúc"), default=_default("afternoon_end"))

    history = HistoricalRecords(
        verbose_name=_("lịch sử giờ làm việc của cơ quan"),
        verbose_name_plural=_("lịch sử giờ làm việc của cơ quan"),
    )

    class Meta:
        verbose_name = _("giờ làm việc của cơ quan")
        verbose_name_plural = _("giờ làm việc của cơ quan")

    def __str__(self) -> str:
        return (
            f"{self.agency}: {self.morning_start:%H:%M}–{self.morning_end:%H:%M}, "
            f"{self.afternoon_start:%H:%M}–{self.afternoon_end:%H:%M}"
        )

    def clean(self) -> None:
        super().clean()
        times = (self.morning_start, self.morning_end, self.afternoon_start, self.afternoon_end)
        if any(t is None for t in times):
            return  # the missing field has its own "required" error
        errors = {}
        if self.morning_end <= self.morning_start:
            errors["morning_end"] = _("Giờ kết thúc buổi sáng phải sau giờ bắt đầu buổi sáng.")
        if self.afternoon_start < self.morning_end:
            errors["afternoon_start"] = _(
                "Buổi chiều phải bắt đầu từ khi buổi sáng kết thúc trở đi."
            )
        if self.afternoon_end <= self.afternoon_start:
            errors["afternoon_end"] = _("Giờ kết thúc buổi chiều phải sau giờ bắt đầu buổi chiều.")
        if errors:
            raise ValidationError(errors)

    def as_office_hours(self) -> OfficeHours:
        return OfficeHours(
            morning_start=self.morning_start,
            morning_end=self.morning_end,
            afternoon_start=self.afternoon_start,
            afternoon_end=self.afternoon_end,
        )


# Cache invalidation and the calendar_changed signal. Connected here, next to the models,
# so that they are live wherever the models are loaded (web, workers, management commands).


@receiver(pre_save, sender=CalendarOverride)
def _remember_previous_date(sender, instance: CalendarOverride, raw: bool = False, **kwargs):
    instance._previous_date = (
        sender.objects.filter(pk=instance.pk).values_list("date", flat=True).first()
        if instance.pk is not None and not raw
        else None
    )


def _invalidate_now_and_on_commit(agency_id: int | None = None) -> None:
    # Now, for the rest of this transaction; again on commit, in case another thread
    # reloaded the old rows in between.
    invalidate_calendar_cache(agency_id=agency_id)
    transaction.on_commit(lambda: invalidate_calendar_cache(agency_id=agency_id))


@receiver(post_save, sender=CalendarOverride)
@receiver(post_delete, sender=CalendarOverride)
def _override_changed(sender, instance: CalendarOverride, raw: bool = False, **kwargs):
    _invalidate_now_and_on_commit()
    if raw:
        return
    dates = {instance.date}
    previous = getattr(instance, "_previous_date", None)
    if previous is not None:
        dates.add(previous)
    calendar_changed.send(sender=sender, instance=instance, dates=frozenset(dates), agency=None)


@receiver(post_save, sender=AgencyOfficeHours)
@receiver(post_delete, sender=AgencyOfficeHours)
def _office_hours_changed(sender, instance: AgencyOfficeHours, raw: bool = False, **kwargs):
    _invalidate_now_and_on_commit(instance.agency_id)
    if raw:
        return
    calendar_changed.send(sender=sender, instance=instance, dates=None, agency=instance.agency)
