from django.urls import path

from ttdn.content import views

app_name = "content"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("units/<str:code>/open/", views.site_open, name="site_open"),
    path("units/<str:code>/new/", views.article_create, name="article_create"),
    path("units/<str:code>/exemplars/", views.exemplar_list, name="exemplar_list"),
    path("units/<str:code>/consents/", views.consent_list, name="consent_list"),
    path("units/<str:code>/settings/", views.site_settings, name="site_settings"),
    path("units/<str:code>/sections/", views.section_list, name="section_list"),
    path("units/<str:code>/disclosures/", views.disclosure_list, name="disclosure_list"),
    path("units/<str:code>/disclosures/board/", views.disclosure_board, name="disclosure_board"),
    path("units/<str:code>/schedule/", views.schedule_edit, name="schedule_edit"),
    path("sections/<int:pk>/", views.section_edit, name="section_edit"),
    path("sections/<int:pk>/move/", views.section_move, name="section_move"),
    path("sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path("articles/<int:pk>/media/", views.article_media, name="article_media"),
    path("gallery/<int:pk>/move/", views.gallery_move, name="gallery_move"),
    path("gallery/<int:pk>/remove/", views.gallery_remove, name="gallery_remove"),
    path(
        "gallery/<int:pk>/<int:width>.<str:extension>",
        views.gallery_file,
        name="gallery_file",
    ),
    path("images/<int:pk>/", views.image_file, name="image_file"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("articles/<int:pk>/edit/", views.article_update, name="article_update"),
    path("articles/<int:pk>/submit/", views.article_submit, name="article_submit"),
    path("articles/<int:pk>/review/", views.article_review, name="article_review"),
    path("articles/<int:pk>/publish-now/", views.article_publish_now, name="article_publish_now"),
    path("articles/<int:pk>/unpublish/", views.article_unpublish, name="article_unpublish"),
    path("articles/<int:pk>/reopen/", views.article_reopen, name="article_reopen"),
    path("articles/<int:pk>/translate/", views.article_translate, name="article_translate"),
    path(
        "articles/<int:pk>/revisions/<int:number>/",
        views.revision_compare,
        name="revision_compare",
    ),
    path(
        "articles/<int:pk>/revisions/<int:number>/restore/",
        views.revision_restore,
        name="revision_restore",
    ),
]
