from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ActivitiesConfig(AppConfig):
    name = "ttdn.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        from ttdn.activities import demo as activity_demo
        from ttdn.activities import queries as activity_queries
        from ttdn.activities import todo as activity_todo
        from ttdn.core import calendar, demo, navigation, related, todo

        demo.register("activities", activity_demo.load, order=80)
        todo.register(activity_todo.items)
        calendar.register(activity_queries.calendar_entries)
        related.register(
            "events.commemoration",
            _("Activities marking it"),
            activity_queries.commemoration_activities,
        )
        related.register_draft("events.commemoration", activity_queries.commemoration_draft)
        related.register("content.article", _("Activity"), activity_queries.article_activity)
        related.register("plans.plan", _("Evidence"), activity_queries.plan_evidence_link)
        related.register(
            "registries.programme",
            _("Activities of the programme"),
            activity_queries.programme_activities,
        )
        related.register(
            "plans.plantask", _("Activities carrying it out"), activity_queries.task_activities
        )
        navigation.register(
            navigation.NavItem(
                pgettext_lazy("navigation", "Activities"), "activities:activity_list", order=55
            )
        )
