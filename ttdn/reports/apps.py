from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportsConfig(AppConfig):
    name = "ttdn.reports"
    label = "reports"
    verbose_name = _("Periodic reports")

    def ready(self) -> None:
        from ttdn.core import demo, digest, history, jobs, navigation, todo, uploads
        from ttdn.reports import computed
        from ttdn.reports import demo as reports_demo
        from ttdn.reports import excel as reports_excel
        from ttdn.reports import queries as reports_queries
        from ttdn.reports import services as reports_services
        from ttdn.reports import todo as reports_todo

        computed.register_builtin()
        history.register_labels("reports.Submission", reports_queries.indicator_labels)
        demo.register("reports", reports_demo.load, order=60)
        todo.register(reports_todo.items)
        uploads.register(
            uploads.Reader(
                reports_excel.UPLOAD_JOB,
                read=reports_excel.read_upload,
                result_url="reports:excel_upload_job",
                form_url="reports:round_list",
            )
        )
        digest.register(
            digest.Source(
                "reports", _("Periodic reports"), reports_services.reminder_batch, order=60
            )
        )
        navigation.register(
            navigation.NavItem(
                pgettext_lazy("navigation", "Reports"), "reports:round_list", order=60
            )
        )
        jobs.register(
            jobs.Job(
                "open_scheduled_rounds",
                "open_scheduled_rounds",
                jobs.timedelta(days=1),
                _("Open the reporting rounds that the forms' schedules open today"),
            )
        )
