"""Reform news: NewsIndexPage at /tin-tuc/ and NewsPage, with categories, tags and feeds."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index


class NewsCategory(models.Model):
    name = models.CharField(_("tên chuyên mục"), max_length=255, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=255, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "procedures_pages.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("tiêu đề mục"), form_classname="title")
    paragraph = blocks.RichTextBlock(label=_("đoạn văn"))
    image = ImageBlock(label=_("hình ảnh"))
    quote = blocks.BlockQuoteBlock(label=_("trích dẫn"))


class NewsIndexPage(RoutablePageMixin, Page):
    """Lists news newest first; /chuyen-muc/<slug>/, /the/<tag>/, /rss/ and /atom/."""

    intro = RichTextField(_("giới thiệu"), blank=True)
    per_page = models.PositiveSmallIntegerField(_("số tin mỗi trang"), default=10)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    parent_page_types = ["procedures_pages.HomePage"]
    subpage_types = ["procedures_pages.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("chuyên trang tin tức")

    def news(self):
        return (
            NewsPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("category")
            .prefetch_related("tags")
            .order_by("-date", "-first_published_at")
        )

    def _render_list(self, request, articles, **extra):
        paginator = Paginator(articles, self.per_page)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        context = {
            "page_obj": page_obj,
            "articles": page_obj.object_list,
            "categories": NewsCategory.objects.all(),
            **extra,
        }
        return self.render(request, context_overrides=context)

    @path("")
    def all_news(self, request):
        return self._render_list(request, self.news())

    @path("chuyen-muc/<slug:slug>/", name="category")
    def by_category(self, request, slug):
        category = get_object_or_404(NewsCategory, slug=slug)
        return self._render_list(request, self.news().filter(category=category), category=category)

    @path("the/<str:tag>/", name="tag")
    def by_tag(self, request, tag):
        tag_obj = get_object_or_404(Tag, slug=tag)
        return self._render_list(request, self.news().filter(tags=tag_obj), tag=tag_obj)

    @path("rss/", name="rss")
    def rss(self, request):
        from ..feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom(self, request):
        from ..feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(Page):
    date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("chuyên mục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("thẻ"))
    lead = models.TextField(_("sa-pô"), help_text=_("Đoạn tóm tắt hiển thị trong danh sách."))
    body = StreamField(NewsBodyBlock(), verbose_name=_("nội dung"), blank=True)
    source = models.CharField(_("nguồn"), max_length=255, blank=True)
    source_url = models.URLField(_("liên kết nguồn"), blank=True)
    feed_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("tags"),
        FieldPanel("lead"),
        FieldPanel("feed_image"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("source"), FieldPanel("source_url")], heading=_("Nguồn")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("category"),
    ]
    parent_page_types = ["procedures_pages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tin tức")
        verbose_name_plural = _("tin tức")
