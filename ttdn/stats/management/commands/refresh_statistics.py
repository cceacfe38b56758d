from typing import Any

from django.core.management.base import BaseCommand

from ttdn.stats.services import refresh_from_reports


class Command(BaseCommand):
    help = "Bring the statistics up to date with the approved reports (idempotent)"

    def handle(self, *args: Any, **options: Any) -> None:
        result = refresh_from_reports()
        self.stdout.write(f"{result.created} figures created")
        for figure in result.revised:
            self.stdout.write(f"figure {figure.pk} revised to revision {figure.revision}")
