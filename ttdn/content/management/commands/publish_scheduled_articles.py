from typing import Any

from django.core.management.base import BaseCommand

from ttdn.content import services


class Command(BaseCommand):
    help = "Publish approved articles whose publication time has come"

    def handle(self, *args: Any, **options: Any) -> None:
        for article in services.publish_due():
            self.stdout.write(f"published {article.pk} {article.site.unit.code} {article.title}")
