from django.urls import path

from ttdn.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("import/", views.plan_import, name="plan_import"),
    path("import/save/", views.plan_import_save, name="plan_import_save"),
    path("import/<int:pk>/", views.plan_import_job, name="import_job"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/print.<str:fmt>", views.plan_print, name="plan_print"),
    path("<int:pk>/issue/", views.plan_issue, name="plan_issue"),
    path("<int:pk>/withdraw/", views.plan_withdraw, name="plan_withdraw"),
    path("<int:pk>/revise/", views.plan_revise, name="plan_revise"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("tasks/<int:pk>/progress/", views.task_update, name="task_update"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("task-articles/<int:pk>/unlink/", views.task_unlink, name="task_unlink"),
    path("<int:pk>/tasks/add/", views.task_add, name="task_add"),
    path("<int:pk>/board/", views.plan_board, name="plan_board"),
    path("<int:pk>/board/remind/", views.plan_remind, name="plan_remind"),
    path("<int:pk>/coverage/", views.plan_coverage, name="plan_coverage"),
    path("sections/<int:pk>/", views.section_edit, name="section_edit"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/start/", views.submission_start, name="submission_start"),
    path("submissions/<int:pk>/submit/", views.submission_submit, name="submission_submit"),
    path("submissions/<int:pk>/return/", views.submission_return, name="submission_return"),
    path("submissions/<int:pk>/accept/", views.submission_accept, name="submission_accept"),
]
