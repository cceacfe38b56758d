from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StatsConfig(AppConfig):
    name = "ttdn.stats"
    label = "stats"
    verbose_name = _("Sector statistics and press information")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from ttdn.core import demo, jobs, navigation
        from ttdn.stats import demo as stats_demo
        from ttdn.stats import signals
        from ttdn.stats.models import PressPhoto

        post_delete.connect(signals.delete_press_copies, sender=PressPhoto)

        demo.register("stats", stats_demo.load, order=90)
        navigation.register(
            navigation.NavItem(pgettext_lazy("navigation", "Statistics"), "stats:home", order=65)
        )
        jobs.register(
            jobs.Job(
                "refresh_statistics",
                "refresh_statistics",
                jobs.timedelta(hours=1),
                _("Bring the statistics up to date with the approved reports"),
            )
        )
