from typing import Any

from django.core.management.base import BaseCommand

from ttdn.registries.services.inspection import escalate_overdue


class Command(BaseCommand):
    help = "Escalate inspection remedies past their deadline to the leaders above (idempotent)"

    def handle(self, *args: Any, **options: Any) -> None:
        for finding in escalate_overdue():
            self.stdout.write(f"escalated finding {finding.pk} of {finding.unit.code}")
