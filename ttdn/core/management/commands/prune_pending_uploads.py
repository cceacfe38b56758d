from typing import Any

from django.core.management.base import BaseCommand

from ttdn.core import pending


class Command(BaseCommand):
    help = "Delete files kept after a failed form submit whose time is up"

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"deleted {pending.prune()} kept files")
