from typing import Any

from django.core.management.base import BaseCommand

from ttdn.core import uploads


class Command(BaseCommand):
    help = "Delete uploaded-file jobs older than a week, with any file they left behind"

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"deleted {uploads.prune()} upload jobs")
