"""A unit's public page of documents, under /don-vi/<unit slug>/van-ban/: no sign-in."""

from django.urls import path

from ttdn.documents.views import library as views

app_name = "public_documents"
urlpatterns = [
    path("<slug:slug>/van-ban/", views.public_list, name="list"),
    path("<slug:slug>/van-ban/<int:pk>/", views.public_detail, name="detail"),
    path("<slug:slug>/van-ban/<int:pk>/tep/<int:file_pk>/", views.public_file, name="file"),
]
