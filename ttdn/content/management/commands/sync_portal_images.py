from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from ttdn.content import cache, storage
from ttdn.content.models import Image
from ttdn.org.models import Unit


class Command(BaseCommand):
    help = (
        "Keep public renditions of covers, logos and exemplar photos only while they are in "
        "public use, under random names; move originals out of media/content/. Idempotent: run "
        "it once after upgrading, and whenever files and records may disagree."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        units: set[int] = set()
        moved = changed = 0
        for pk in Image.objects.order_by("pk").values_list("pk", flat=True):
            with transaction.atomic():
                image = Image.objects.select_for_update().get(pk=pk)
                if storage.is_gallery(image):
                    continue
                relaid = storage.relayout(image)
                synced = storage.sync([image])
                moved += relaid
                changed += bool(synced)
                if relaid or synced:
                    units.add(image.site.unit_id)
        for unit in Unit.objects.filter(pk__in=units):
            cache.invalidate(unit)  # pages naming the old addresses are rendered afresh
        swept = storage.sweep()
        self.stdout.write(
            f"moved {moved}, republished or withdrawn {changed}, deleted {len(swept)} unnamed files"
        )
