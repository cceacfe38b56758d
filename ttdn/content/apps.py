from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ContentConfig(AppConfig):
    name = "ttdn.content"
    label = "content"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from ttdn.content import cache, public, queries
        from ttdn.content import demo as content_demo
        from ttdn.content import search as content_search
        from ttdn.content import todo as content_todo
        from ttdn.core import demo, errors, history, jobs, navigation, todo

        post_save.connect(cache.touch_site, sender="content.Section")
        post_delete.connect(cache.touch_site, sender="content.Section")
        demo.register("content", content_demo.load, order=50)
        todo.register(content_todo.items)
        todo.register(content_todo.disclosures_due)
        errors.register_not_found(public.not_found)
        history.register_labels("content.Album", queries.album_history_labels)
        content_search.register()
        navigation.register(
            navigation.NavItem(pgettext_lazy("navigation", "Portal"), "content:dashboard", order=30)
        )
        jobs.register(
            jobs.Job(
                "publish_scheduled_articles",
                "publish_scheduled_articles",
                timedelta(minutes=1),
                _("Publish approved articles whose publication time has come"),
            )
        )
        jobs.register(
            jobs.Job(
                "withdraw_expired_consents",
                "withdraw_expired_consents",
                timedelta(hours=1),
                _("Withdraw pictures and pupil profiles whose guardian's consent has expired"),
            )
        )
        jobs.register(
            jobs.Job(
                "sync_portal_images",
                "sync_portal_images",
                timedelta(days=1),
                _("Delete public picture files that no public page may show any more"),
            )
        )
