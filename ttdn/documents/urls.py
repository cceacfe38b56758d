from django.urls import path

from ttdn.documents.views import library as views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("new/", views.document_create, name="document_create"),
    path("check/", views.check, name="check"),
    path("check/<int:pk>/", views.check_job, name="check_job"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("<int:pk>/relations/", views.relation_add, name="relation_add"),
    path("<int:pk>/files/", views.file_add, name="file_add"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("relations/<int:pk>/remove/", views.relation_remove, name="relation_remove"),
    path("files/<int:pk>/", views.file_download, name="file_download"),
    path("files/<int:pk>/remove/", views.file_remove, name="file_remove"),
    path("publications/<int:pk>/remove/", views.unpublish, name="unpublish"),
]
