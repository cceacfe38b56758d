"""Articles and images made through the services, so they are sanitised, revised and indexed."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as Pillow

from ttdn.content import services
from ttdn.content.enums import Check
from ttdn.content.models import Article, Consent, Site
from ttdn.org.enums import Role
from ttdn.org.models import User

_counter = iter(range(1, 1_000_000))


def author_of(site: Site) -> User:
    """Someone who may write for the site (or a unit above it): editors first, then leaders, officers."""
    return (
        User.objects.filter(
            memberships__unit_id__in=[*site.unit.ancestor_ids, site.unit.pk],
            memberships__role__in=[Role.EDITOR, Role.OFFICER, Role.LEADER],
        )
        .order_by("memberships__role", "pk")
        .first()
    )


def article(site: Site, *, by: User | None = None, **fields: Any) -> Article:
    """A draft of `site` with a title, summary and body unless given."""
    n = next(_counter)
    fields.setdefault("title", f"Bài viết số {n}")
    fields.setdefault("summary", f"Tóm tắt bài viết số {n}.")
    fields.setdefault("body", f"<p>Nội dung bài viết số {n}.</p>")
    return services.create_article(site, by=by or author_of(site), **fields)


def published(site: Site, *, reviewer: User, **fields: Any) -> Article:
    """An article written, submitted and approved with the whole checklist: live now."""
    draft = article(site, **fields)
    services.submit_article(draft, by=draft.author)
    return services.approve_article(draft, by=reviewer, checklist=Check.values)


def jpeg_with_gps(size: tuple[int, int] = (1200, 800)) -> SimpleUploadedFile:
    """A JPEG whose EXIF names a camera and a GPS position, as a phone writes it."""
    picture = Pillow.new("RGB", size, (200, 30, 30))
    exif = Pillow.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    exif[0x8825] = {1: "N", 2: (20.0, 51.0, 30.0), 3: "E", 4: (106.0, 40.0, 59.0)}  # GPS IFD
    out = io.BytesIO()
    picture.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("anh.jpg", out.getvalue(), content_type="image/jpeg")


def consent(site: Site, *, days: int, by: User, pupil: str = "Trần Minh An") -> Consent:
    """A guardian's consent given a month ago, valid for `days` more days (negative: expired)."""
    today = timezone.localdate()
    return services.record_consent(
        site,
        pupil=pupil,
        given_by="Trần Văn Bình (bố)",
        given_on=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=days),
        by=by,
    )
