from django.urls import path

from ttdn.stats.views import dashboard, imports, photos, press

app_name = "stats"
urlpatterns = [
    path("", dashboard.home, name="home"),
    path("units/<int:pk>/", dashboard.dashboard, name="dashboard"),
    path("units/<int:pk>/refresh/", dashboard.refresh, name="refresh"),
    path("units/<int:pk>/figures/new/", dashboard.figure_new, name="figure_new"),
    path("units/<int:pk>/figures/import/", imports.figure_import, name="figure_import"),
    path("units/<int:pk>/figures/template.xlsx", imports.import_template, name="import_template"),
    path("imports/<int:pk>/", imports.import_file, name="import_file"),
    path("units/<int:pk>/press/", press.press_list, name="press_list"),
    path("units/<int:pk>/press/new/", press.press_new, name="press_new"),
    path("units/<int:pk>/press/photos/", photos.press_photos, name="press_photos"),
    path(
        "units/<int:pk>/press/photos/<int:image>/clear/",
        photos.press_photo_clear,
        name="press_photo_clear",
    ),
    path("press/photos/<int:pk>/remove/", photos.press_photo_remove, name="press_photo_remove"),
    path("units/<int:pk>/spokesperson/", press.contact_edit, name="contact_edit"),
    path("figures/<int:pk>/", dashboard.figure_detail, name="figure_detail"),
    path("figures/<int:pk>/<str:decision>/", dashboard.figure_decide, name="figure_decide"),
    path("press/<int:pk>/", press.press_detail, name="press_detail"),
    path("press/<int:pk>/correction/", press.press_correction, name="press_correction"),
    path("press/<int:pk>/issue/", press.press_issue, name="press_issue"),
    path("press/<int:pk>/print/<str:language>.<str:fmt>", press.press_print, name="press_print"),
    path("press/<int:pk>/<str:action>/", press.press_move, name="press_move"),
]
