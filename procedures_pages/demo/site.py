"""The site, its page tree (home, catalogue, news index) and the portal settings."""

from dataclasses import dataclass

from django.db import models
from wagtail.models import Page, Site

from ..models import HomePage, NewsIndexPage, PortalSettings, ProcedureIndexPage
from .agencies import PORTAL

HOSTNAME = "localhost"
PORT = 8000
HOME_SLUG = "trang-chu"
CATALOGUE_SLUG = "thu-tuc-hanh-chinh"
NEWS_SLUG = "tin-tuc"


@dataclass
class PageTree:
    site: Site
    home: HomePage
    catalogue: ProcedureIndexPage
    news_index: NewsIndexPage


def fill_blank(obj: models.Model, values: dict) -> bool:
    """Set the text fields of ``obj`` that are still empty or at their model default.

    Values an editor has since changed are kept, so re-running the demo never undoes their
    work. Returns True when something changed (the caller saves).
    """
    changed = False
    for name, value in values.items():
        field = obj._meta.get_field(name)
        current = getattr(obj, name)
        default = field.get_default() if field.has_default() else None
        blank = current in (None, "") or (isinstance(current, str) and current == default)
        if blank and current != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_home() -> tuple[Site, HomePage]:
    """A live HomePage as the root of the default site, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = _publish_child(
            root,
            HomePage(
                title="Cổng dịch vụ công tỉnh Hưng Yên",
                slug=HOME_SLUG,
                hero_title="Tra cứu thủ tục hành chính",
                hero_text="Hơn một trăm thủ tục của các sở, ngành và xã, phường trong tỉnh: "
                "thành phần hồ sơ, thời hạn, phí, lệ phí và nơi tiếp nhận.",
                intro="<p>Người dân, doanh nghiệp có thể nộp hồ sơ tại bất kỳ Trung tâm Phục vụ "
                "hành chính công nào trong tỉnh, không phụ thuộc địa giới hành chính.</p>",
            ),
        )

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        site = Site(hostname=HOSTNAME, port=PORT, is_default_site=True, root_page=home)
    if site.root_page_id != home.pk or site.port == 80 or not site.is_default_site:
        # Wagtail's initial site (localhost:80, welcome page) becomes the dev server's site.
        if site.port == 80 and site.hostname == HOSTNAME:
            site.port = PORT
        site.root_page = home
        site.is_default_site = True
    site.site_name = site.site_name or PORTAL["portal_name"]
    site.save()

    _delete_welcome_pages(root)
    return site, home


def _delete_welcome_pages(root: Page) -> None:
    """Remove the plain ``Page`` Wagtail's migrations create; nothing refers to it any more."""
    for page in root.get_children().filter(content_type=root.content_type):
        if page.numchild == 0 and not Site.objects.filter(root_page=page).exists():
            page.delete()


def ensure_page_tree() -> PageTree:
    site, home = ensure_home()
    catalogue = ProcedureIndexPage.objects.child_of(home).filter(slug=CATALOGUE_SLUG).first()
    if catalogue is None:
        catalogue = _publish_child(
            home,
            ProcedureIndexPage(
                title="Thủ tục hành chính",
                slug=CATALOGUE_SLUG,
                intro="<p>Danh mục thủ tục hành chính áp dụng trên địa bàn tỉnh, cập nhật theo "
                "Cơ sở dữ liệu quốc gia về thủ tục hành chính.</p>",
            ),
        )
    news_index = NewsIndexPage.objects.child_of(home).filter(slug=NEWS_SLUG).first()
    if news_index is None:
        news_index = _publish_child(
            home,
            NewsIndexPage(
                title="Tin tức",
                slug=NEWS_SLUG,
                intro="<p>Tin cải cách hành chính, chuyển đổi số và hướng dẫn thủ tục.</p>",
            ),
        )
    ensure_portal_settings(site)
    return PageTree(site=site, home=home, catalogue=catalogue, news_index=news_index)


def ensure_portal_settings(site: Site) -> PortalSettings:
    settings = PortalSettings.for_site(site)
    if fill_blank(settings, PORTAL) or settings.pk is None:
        settings.save()
    return settings
