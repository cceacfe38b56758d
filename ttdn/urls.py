from django.contrib import admin
from django.urls import include, path, re_path

from ttdn.api import api
from ttdn.core.storage import public_media

urlpatterns = [
    path("", include("ttdn.core.urls")),
    path("units/", include("ttdn.org.urls")),
    path("library/", include("ttdn.documents.urls")),
    path("register/", include("ttdn.documents.register_urls")),
    path("don-vi/", include("ttdn.documents.public_urls")),
    path("calendar/", include("ttdn.events.urls")),
    path("reports/", include("ttdn.reports.urls")),
    path("plans/", include("ttdn.plans.urls")),
    path("registries/", include("ttdn.registries.urls")),
    path("activities/", include("ttdn.activities.urls")),
    path("monitoring/", include("ttdn.monitoring.urls")),
    path("stats/", include("ttdn.stats.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    # Public portal images (nginx serves the same folder in production): only plain names inside
    # media/content/, never a traversal out of it (core.storage.public_path). Private files are
    # never served from /media/: they go through views that check who may read them.
    re_path(r"^media/(?P<path>.*)$", public_media),
    path("portal/", include("ttdn.content.urls")),
    # Pages other apps add to a unit's public site: its press kit and open data
    # (/<unit slug>/bao-chi/, /du-lieu-mo/) and its contests' results (/hoi-thi/).
    path("", include("ttdn.stats.public_urls")),
    path("", include("ttdn.activities.public_urls")),
    # Public sites at /<unit slug>/: last, so they never shadow the routes above.
    path("", include("ttdn.content.public_urls")),
]

handler400 = "ttdn.core.errors.bad_request"
handler403 = "ttdn.core.errors.permission_denied"
handler404 = "ttdn.core.errors.page_not_found"
handler500 = "ttdn.core.errors.server_error"
