from typing import Any

from django.core.management.base import BaseCommand

from ttdn.content import services


class Command(BaseCommand):
    help = "Withdraw pictures and pupil profiles whose guardian's consent has expired"

    def handle(self, *args: Any, **options: Any) -> None:
        for item in services.withdraw_expired():
            self.stdout.write(f"withdrew {item._meta.model_name} {item.pk} {item.site.unit.code}")
