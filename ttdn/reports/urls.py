from django.urls import path

from ttdn.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/consolidation/", views.consolidation, name="consolidation"),
    path(
        "rounds/<int:pk>/consolidation.xlsx",
        views.consolidation_export,
        name="consolidation_export",
    ),
    path(
        "rounds/<int:pk>/consolidation/print.<str:fmt>",
        views.consolidation_print,
        name="consolidation_print",
    ),
    path(
        "rounds/<int:pk>/consolidation/issue/",
        views.consolidation_issue,
        name="consolidation_issue",
    ),
    path("rounds/<int:pk>/completeness/", views.completeness, name="completeness"),
    path("rounds/<int:pk>/remind/", views.remind, name="remind"),
    path("rounds/<int:pk>/template.xlsx", views.excel_template, name="excel_template"),
    path("rounds/<int:pk>/upload/", views.excel_upload, name="excel_upload"),
    path("uploads/<int:pk>/", views.excel_upload_job, name="excel_upload_job"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/save/", views.submission_save, name="submission_save"),
    path("submissions/<int:pk>/approve/", views.submission_approve, name="submission_approve"),
    path("submissions/<int:pk>/return/", views.submission_return, name="submission_return"),
    path("submissions/<int:pk>/start/", views.submission_start, name="submission_start"),
    path("submissions/<int:pk>/print.<str:fmt>", views.submission_print, name="submission_print"),
    path("submissions/<int:pk>/issue/", views.submission_issue, name="submission_issue"),
    path("submissions/<int:pk>/unlock/", views.unlock_request, name="unlock_request"),
    path("unlocks/<int:pk>/decide/", views.unlock_decide, name="unlock_decide"),
    path("forms/", views.form_list, name="form_list"),
    path("forms/new/", views.form_create, name="form_create"),
    path("forms/standard/<slug:key>/adopt/", views.standard_adopt, name="standard_adopt"),
    path("forms/<int:pk>/schedule/", views.schedule_set, name="schedule_set"),
    path("forms/<int:pk>/", views.form_detail, name="form_detail"),
    path("forms/<int:pk>/preview/", views.form_preview, name="form_preview"),
    path("forms/<int:pk>/edit/", views.form_update, name="form_update"),
    path("forms/<int:pk>/sections/", views.section_add, name="section_add"),
    path(
        "forms/<int:pk>/sections/<int:section_pk>/",
        views.section_update,
        name="section_update",
    ),
    path(
        "forms/<int:pk>/sections/<int:section_pk>/remove/",
        views.section_remove,
        name="section_remove",
    ),
    path(
        "forms/<int:pk>/sections/<int:section_pk>/move/",
        views.section_move,
        name="section_move",
    ),
    path("forms/<int:pk>/indicators/new/", views.indicator_create, name="indicator_create"),
    path(
        "forms/<int:pk>/indicators/<int:indicator_pk>/",
        views.indicator_update,
        name="indicator_update",
    ),
    path(
        "forms/<int:pk>/indicators/<int:indicator_pk>/remove/",
        views.indicator_remove,
        name="indicator_remove",
    ),
    path(
        "forms/<int:pk>/indicators/<int:indicator_pk>/move/",
        views.indicator_move,
        name="indicator_move",
    ),
    path("forms/<int:pk>/rules/", views.rule_add, name="rule_add"),
    path("forms/<int:pk>/rules/<int:rule_pk>/remove/", views.rule_remove, name="rule_remove"),
]
