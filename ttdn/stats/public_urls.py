"""A unit's press kit and open data under its portal, /<unit slug>/bao-chi/ and
/<unit slug>/du-lieu-mo/: included before the portal's own routes, which they never shadow
(the portal has no page of these names)."""

from django.urls import path

from ttdn.content import public_urls  # noqa: F401  (registers the "unit" path converter)
from ttdn.stats.views import public

app_name = "press_kit"
urlpatterns = [
    path("<unit:unit_slug>/bao-chi/", public.press_kit, name="home"),
    path("<unit:unit_slug>/bao-chi/<int:pk>/", public.press_document, name="document"),
    path(
        "<unit:unit_slug>/bao-chi/<int:pk>/<str:language>.<str:fmt>",
        public.press_print,
        name="print",
    ),
    path("<unit:unit_slug>/bao-chi/anh/<int:pk>/", public.photo, name="photo"),
    path(
        "<unit:unit_slug>/bao-chi/anh/<int:pk>/tai-ve/",
        public.photo_download,
        name="photo_download",
    ),
    path("<unit:unit_slug>/du-lieu-mo/", public.open_data, name="open_data"),
    path("<unit:unit_slug>/du-lieu-mo/<slug:code>/", public.dataset, name="dataset"),
    path("<unit:unit_slug>/du-lieu-mo/<slug:code>.<str:fmt>", public.download, name="download"),
]
