from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MonitoringConfig(AppConfig):
    name = "ttdn.monitoring"
    label = "monitoring"
    verbose_name = _("Press monitoring")

    def ready(self) -> None:
        from ttdn.core import demo, digest, jobs, navigation, todo
        from ttdn.monitoring import demo as monitoring_demo
        from ttdn.monitoring import digest as monitoring_digest
        from ttdn.monitoring import rules
        from ttdn.monitoring import todo as monitoring_todo

        demo.register("monitoring", monitoring_demo.load, order=55)
        todo.register(monitoring_todo.items)
        digest.register(
            digest.Source("monitoring", _("Press monitoring"), monitoring_digest.collect, order=70)
        )
        jobs.register(
            jobs.Job(
                "monitor_sources",
                "monitor_sources",
                timedelta(minutes=5),
                _("Fetch the press monitoring sources that are due"),
            )
        )
        navigation.register(
            navigation.NavItem(
                pgettext_lazy("navigation", "Press monitoring"),
                "monitoring:desk",
                order=55,
                allowed=rules.can_use_desk,
            )
        )
