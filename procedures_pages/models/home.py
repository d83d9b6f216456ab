"""The portal's home page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """Search box, entry points by sector and level, latest news, statistics widget slot."""

    hero_title = models.CharField(
        _("tiêu đề chính"), max_length=255, default="Tra cứu thủ tục hành chính"
    )
    hero_text = models.CharField(_("lời dẫn"), max_length=500, blank=True)
    intro = RichTextField(_("giới thiệu"), blank=True)
    news_count = models.PositiveSmallIntegerField(_("số tin mới hiển thị"), default=5)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("intro"),
        FieldPanel("news_count"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["procedures_pages.ProcedureIndexPage", "procedures_pages.NewsIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        from ..queries import home_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_context(self))
        return context
