from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from ttdn.core import demo


class Command(BaseCommand):
    help = "Create or update the demo data of every app (idempotent: running it again keeps data)"

    def handle(self, *args: Any, **options: Any) -> None:
        for loader in demo.loaders():
            with transaction.atomic():
                lines = loader.load()
            self.stdout.write(f"{loader.name}: " + "; ".join(lines))
