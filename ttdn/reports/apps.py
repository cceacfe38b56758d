from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportsConfig(AppConfig):
    name = "ttdn.reports"
    label = "reports"
    verbose_name = _("Periodic reports")

    def ready(self) -> None:
        from ttdn.core import demo, jobs, navigation, todo
        from ttdn.reports import computed
        from ttdn.reports import demo as reports_demo
        from ttdn.reports import todo as reports_todo

        computed.register_builtin()
        demo.register("reports", reports_demo.load, order=60)
        todo.register(reports_todo.items)
        jobs.register(
            jobs.Job(
                "remind_report_deadlines",
                "remind_report_deadlines",
                timedelta(days=1),
                _("Remind units of reports due soon or overdue"),
            )
        )
        navigation.register(
            navigation.NavItem(
                pgettext_lazy("navigation", "Reports"), "reports:round_list", order=60
            )
        )
