from django.urls import path

from ttdn.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("export.xlsx", views.export, name="export"),
    path("mentions/<int:pk>/", views.mention_detail, name="mention_detail"),
    path("mentions/<int:pk>/tone/", views.label_tone, name="label_tone"),
    path("mentions/<int:pk>/case/", views.open_case, name="open_case"),
    path("stories/<int:pk>/", views.story_detail, name="story_detail"),
    path("cases/", views.case_board, name="case_board"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/assign/", views.case_assign, name="case_assign"),
    path("cases/<int:pk>/respond/", views.case_respond, name="case_respond"),
    path("cases/<int:pk>/letter/", views.case_letter, name="case_letter"),
    path("cases/<int:pk>/<str:action>/", views.case_move, name="case_move"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/new/", views.source_create, name="source_create"),
    path("sources/<int:pk>/", views.source_detail, name="source_detail"),
    path("sources/<int:pk>/paste/", views.source_paste, name="source_paste"),
    path("watches/", views.watch_list, name="watch_list"),
    path("watches/topics/", views.watch_topics, name="watch_topics"),
    path("watches/<int:pk>/", views.watch_edit, name="watch_edit"),
    path("review/", views.press_report, name="press_report"),
    path("press/", views.press_request_list, name="press_request_list"),
    path("press/<int:pk>/", views.press_request_detail, name="press_request_detail"),
]
