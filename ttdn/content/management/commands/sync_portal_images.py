from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from ttdn.content import cache, storage
from ttdn.content.models import Attachment, Image
from ttdn.org.models import Unit


class Command(BaseCommand):
    help = (
        "Keep public renditions of covers, logos and exemplar photos only while they are in "
        "public use, under random names; give originals, gallery pictures and attachments random "
        "names and move originals out of media/content/. Idempotent: run "
        "it once after upgrading, and whenever files and records may disagree."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        units: set[int] = set()
        moved = changed = 0
        for pk in Image.objects.order_by("pk").values_list("pk", flat=True):
            with transaction.atomic():
                image = Image.objects.select_for_update(of=("self",)).get(pk=pk)
                relaid = storage.relayout(image)
                synced = storage.sync([image])
                moved += relaid
                changed += bool(synced)
                if relaid or synced:
                    units.add(image.site.unit_id)
        for unit in Unit.objects.filter(pk__in=units):
            cache.invalidate(unit)  # pages naming the old addresses are rendered afresh
        renamed = 0
        for pk in Attachment.objects.order_by("pk").values_list("pk", flat=True):
            with transaction.atomic():
                renamed += storage.rename_attachment(
                    Attachment.objects.select_for_update(of=("self",)).get(pk=pk)
                )
        swept = storage.sweep()
        self.stdout.write(
            f"moved {moved}, republished or withdrawn {changed}, renamed {renamed} attachments, "
            f"deleted {len(swept)} unnamed files"
        )
