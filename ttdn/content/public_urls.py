"""The public sites, included last at the root: /<unit slug>/… ."""

from django.urls import path, register_converter

from ttdn.content import feeds, public
from ttdn.org.models import RESERVED_SLUGS

# First path segments of the product's own pages: never a site. org owns the list and refuses
# them as unit slugs.
RESERVED = RESERVED_SLUGS


class UnitSlugConverter:
    regex = r"(?!(?:" + "|".join(RESERVED) + r")(?:/|$))[-a-zA-Z0-9_]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(UnitSlugConverter, "unit")

app_name = "portal"
urlpatterns = [
    path("<unit:unit_slug>/", public.home, name="home"),
    path("<unit:unit_slug>/rss.xml", feeds.rss, name="rss"),
    path("<unit:unit_slug>/atom.xml", feeds.atom, name="atom"),
    path("<unit:unit_slug>/sitemap.xml", public.sitemap, name="sitemap"),
    path("<unit:unit_slug>/tim-kiem/", public.search, name="search"),
    path("<unit:unit_slug>/chuyen-muc/<slug:section_slug>/", public.section, name="section"),
    path(
        "<unit:unit_slug>/chuyen-muc/<slug:section_slug>/tuan/<str:monday>/",
        public.section,
        name="schedule_week",
    ),
    path(
        "<unit:unit_slug>/cong-khai/<int:pk>/tep/", public.disclosure_file, name="disclosure_file"
    ),
    path("<unit:unit_slug>/van-ban/", public.documents, name="documents"),
    path("<unit:unit_slug>/van-ban/<int:pk>/", public.document, name="document"),
    path("<unit:unit_slug>/van-ban/di/<int:pk>/tep/", public.outgoing_file, name="outgoing_file"),
    path("<unit:unit_slug>/robots.txt", public.robots, name="robots"),
    path("<unit:unit_slug>/favicon.ico", public.favicon, name="favicon"),
    path("<unit:unit_slug>/giao-dien.css", public.stylesheet, name="stylesheet"),
    path("<unit:unit_slug>/chuyen-muc/<slug:section_slug>/rss.xml", feeds.rss, name="section_rss"),
    path(
        "<unit:unit_slug>/chuyen-muc/<slug:section_slug>/atom.xml", feeds.atom, name="section_atom"
    ),
    path("<unit:unit_slug>/bai-viet/<int:pk>/<slug:slug>/", public.article, name="article"),
    path("<unit:unit_slug>/guong-dien-hinh/<int:pk>/", public.exemplar, name="exemplar"),
    path(
        "<unit:unit_slug>/anh/<int:pk>/<int:width>.<str:extension>",
        public.gallery_file,
        name="gallery_file",
    ),
    path("<unit:unit_slug>/tep-dinh-kem/<int:pk>/", public.attachment, name="attachment"),
    path("<unit:unit_slug>/album/<int:pk>/", public.album, name="album"),
    path(
        "<unit:unit_slug>/album/anh/<int:pk>/<int:width>.<str:extension>",
        public.album_file,
        name="album_file",
    ),
]
