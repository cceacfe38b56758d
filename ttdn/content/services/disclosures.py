"""Công khai: publishing a school's disclosure items, each publication a new version."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ttdn.content import cache, disclosure, files, rules
from ttdn.content.models import Disclosure, Site
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.text import nfc


@transaction.atomic
def publish_disclosure(
    site: Site,
    *,
    item: str,
    school_year: int,
    by: Any,
    body: str = "",
    upload: UploadedFile | None = None,
    note: str = "",
) -> Disclosure:
    """Publish an item for a school year: the first version, or the next one. Earlier versions
    are never changed; a new version must say what changed. Raises PermissionDenied for someone
    who may not write for the site, ValidationError for an item the school's level does not
    have, an empty publication, a missing note, or a file refused by `files.check`."""
    if not rules.can_write(by, site.unit):
        raise PermissionDenied(_("You may not change this site."))
    found = disclosure.BY_CODE.get(item)
    if found is None or found not in disclosure.items_for(site.unit.kind):
        raise ValidationError({"item": _("This item is not one this school publishes.")})
    body, note = nfc(body or "").strip(), nfc(note or "").strip()
    if not body and upload is None:
        raise ValidationError(_("Write the content or attach the file to publish."))
    # The rows of this item are locked, so two people publishing at once get two versions.
    rows = Disclosure.objects.select_for_update(of=("self",)).filter(
        site=site, item=item, school_year=school_year
    )
    last = rows.aggregate(last=Max("version"))["last"] or 0
    if last and not note:
        raise ValidationError({"note": _("Say what changed from the published version.")})
    entry = Disclosure(
        site=site, item=item, school_year=school_year, version=last + 1, body=body, note=note,
        published_by=by,
    )  # fmt: skip
    if upload is not None:
        filename = nfc(upload.name or "").replace("/", "_").replace("\\", "_").strip()[:255]
        data = upload.read(files.max_bytes() + 1)
        kind = files.check(filename, data)
        entry.filename, entry.content_type = filename, kind.content_type
        entry.file.save(filename, ContentFile(data), save=False)
    entry.full_clean()
    entry.save()
    audit.record(AuditAction.CREATE, entry, by=by, unit_id=site.unit_id)
    cache.invalidate(site.unit)
    return entry
