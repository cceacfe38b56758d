"""The outgoing register (sổ văn bản đi), mounted at /register/."""

from django.urls import path

from ttdn.documents.views import register as views

app_name = "register"
urlpatterns = [
    path("", views.register_home, name="home"),
    path("compose/", views.compose, name="compose"),
    path("<int:unit_pk>/", views.register, name="register"),
    path("<int:unit_pk>/export.xlsx", views.register_export, name="export"),
    path("<int:unit_pk>/letterhead/", views.letterhead, name="letterhead"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/withdraw/", views.document_withdraw, name="document_withdraw"),
    path(
        "documents/<int:pk>/site/publish/",
        views.document_publish_on_site,
        name="document_publish_on_site",
    ),
    path(
        "documents/<int:pk>/site/unpublish/",
        views.document_unpublish_from_site,
        name="document_unpublish_from_site",
    ),
    path("documents/<int:pk>/docx/", views.document_docx, name="document_docx"),
    path("documents/<int:pk>/pdf/", views.document_pdf, name="document_pdf"),
]
