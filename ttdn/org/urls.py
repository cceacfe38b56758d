from django.urls import path

from ttdn.org import views

app_name = "org"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("switch/", views.switch_unit, name="switch_unit"),
    path("<str:code>/", views.unit_detail, name="unit_detail"),
]
