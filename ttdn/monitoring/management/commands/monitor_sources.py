import datetime
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from ttdn.monitoring import tasks, watching
from ttdn.monitoring.models import Item, Source

STUCK_AFTER = datetime.timedelta(minutes=15)


class Command(BaseCommand):
    help = "Queue a fetch of every source that is due, and items a crash left half-way"

    def handle(self, *args: Any, **options: Any) -> None:
        created = watching.sync_entity_watches()
        if created:
            self.stdout.write(f"entity watches created: {created}")
        for source in Source.objects.due():
            tasks.fetch_source.enqueue(source.pk)
            self.stdout.write(f"fetch queued: {source.pk} {source.name}")
        stuck = Item.objects.unfinished().filter(updated_at__lt=timezone.now() - STUCK_AFTER)
        item_ids = list(stuck.order_by("pk").values_list("pk", flat=True)[:1000])
        tasks.queue_items(item_ids)
        if item_ids:
            self.stdout.write(f"items queued again: {len(item_ids)}")
