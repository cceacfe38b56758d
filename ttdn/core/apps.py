from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ttdn.core.navigation import NavItem


class CoreConfig(AppConfig):
    name = "ttdn.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django_tasks.signals import task_finished

        from ttdn.core import (  # noqa: F401  (jobs, auth audit, the __under lookup)
            access,
            changes,
            extract,
            jobs,
            lookups,
            navigation,
            signals,
            taskqueue,
        )

        extract.set_pillow_limit()
        connection_created.connect(changes.install, dispatch_uid="ttdn-track-writes")
        task_finished.connect(taskqueue.retry_failed_task, dispatch_uid="ttdn-task-retry")
        navigation.register(NavItem(_("To do"), "home", order=0))
        navigation.register(
            NavItem(_("Audit log"), "audit_list", order=90, allowed=access.can_browse_audit)
        )
        navigation.register(NavItem(_("Jobs"), "job_list", order=95, allowed=access.is_operator))
        jobs.register(
            jobs.Job(
                "requeue_abandoned_tasks",
                "requeue_abandoned_tasks",
                timedelta(minutes=5),
                _("Queue again the background tasks whose worker stopped in the middle"),
            )
        )
