from django.urls import path

from ttdn.events import views

app_name = "events"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("<int:year>/", views.calendar, name="year"),
    path("<int:year>/<int:month>/", views.month, name="month"),
    path("commemorations/", views.commemoration_list, name="commemoration_list"),
    path("commemorations/new/", views.commemoration_create, name="commemoration_create"),
    path("commemorations/<int:pk>/", views.commemoration_detail, name="commemoration_detail"),
    path("commemorations/<int:pk>/edit/", views.commemoration_update, name="commemoration_update"),
    path(
        "commemorations/<int:pk>/delete/", views.commemoration_delete, name="commemoration_delete"
    ),
    path("<str:code>.ics", views.feed, name="feed"),
]
