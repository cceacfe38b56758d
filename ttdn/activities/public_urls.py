"""The contests' results on a unit's public site: /<unit slug>/hoi-thi/…, beside the portal's
own pages."""

from django.urls import path

import ttdn.content.public_urls  # noqa: F401  (registers the "unit" path converter)
from ttdn.activities import public

app_name = "portal_contests"
urlpatterns = [
    path("<unit:unit_slug>/hoi-thi/", public.contest_list, name="contest_list"),
    path("<unit:unit_slug>/hoi-thi/<int:pk>/", public.contest_results, name="contest_results"),
]
