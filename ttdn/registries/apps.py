from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegistriesConfig(AppConfig):
    name = "ttdn.registries"
    label = "registries"
    verbose_name = _("Cooperation, training and inspection")

    def ready(self) -> None:
        from ttdn.core import demo, digest, jobs, navigation, todo
        from ttdn.registries import demo as registries_demo
        from ttdn.registries import digest as registries_digest
        from ttdn.registries import todo as registries_todo

        demo.register("registries", registries_demo.load, order=55)
        todo.register(registries_todo.items)
        digest.register(
            digest.Source(
                "registries",
                _("Cooperation, training and inspection"),
                registries_digest.collect,
                order=75,
            )
        )
        navigation.register(
            navigation.NavItem(
                pgettext_lazy("navigation", "Cooperation"), "registries:home", order=45
            )
        )
        jobs.register(
            jobs.Job(
                "escalate_overdue_remedies",
                "escalate_overdue_remedies",
                jobs.timedelta(days=1),
                _("Escalate inspection remedies past their deadline"),
            )
        )
