from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventsConfig(AppConfig):
    name = "ttdn.events"
    label = "events"
    verbose_name = _("Events and anniversaries")

    def ready(self) -> None:
        from ttdn.core import demo, navigation, todo
        from ttdn.events import checks  # noqa: F401  (registers the settings checks)
        from ttdn.events import demo as events_demo
        from ttdn.events import todo as events_todo

        demo.register("events", events_demo.load, order=30)
        todo.register(events_todo.items)
        navigation.register(
            navigation.NavItem(pgettext_lazy("navigation", "Calendar"), "events:calendar", order=40)
        )
