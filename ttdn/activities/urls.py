from django.urls import path

from ttdn.activities import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="activity_list"),
    path("new/", views.activity_create, name="activity_create"),
    path("export.xlsx", views.activity_export, name="activity_export"),
    path("import/", views.activity_import, name="activity_import"),
    path("<int:pk>/", views.activity_detail, name="activity_detail"),
    path("<int:pk>/edit/", views.activity_update, name="activity_update"),
    path("<int:pk>/move/", views.activity_transition, name="activity_transition"),
    path("<int:pk>/photos/", views.photo_add, name="photo_add"),
    path("<int:pk>/files/", views.file_add, name="file_add"),
    path("files/<int:pk>/", views.file_download, name="file_download"),
    path("photos/<int:pk>/remove/", views.photo_remove, name="photo_remove"),
    path("<int:pk>/article/", views.activity_article, name="activity_article"),
    path("plans/<int:pk>/evidence/", views.plan_evidence, name="plan_evidence"),
    path("movements/", views.movement_list, name="movement_list"),
    path("movements/new/", views.movement_create, name="movement_create"),
    path("movements/<int:pk>/", views.movement_detail, name="movement_detail"),
    path("contests/", views.contest_list, name="contest_list"),
    path("contests/new/", views.contest_create, name="contest_create"),
    path("contests/<int:pk>/", views.contest_detail, name="contest_detail"),
    path("contests/<int:pk>/levels/", views.level_add, name="level_add"),
    path("contests/<int:pk>/entries/", views.entry_add, name="entry_add"),
    path(
        "entries/<int:entry_pk>/levels/<int:level_pk>/result/",
        views.result_record,
        name="result_record",
    ),
    path("results/<int:pk>/certificate.<str:fmt>", views.certificate, name="certificate"),
    path("results/<int:pk>/certificate/", views.certificate_issue, name="certificate_issue"),
    path("contests/<int:pk>/publish/", views.contest_publish, name="contest_publish"),
    path("results/<int:pk>/advance/", views.result_advance, name="result_advance"),
]
