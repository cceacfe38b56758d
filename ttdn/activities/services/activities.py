"""Activities: recording, the draft → recorded → verified flow (`transition_activity` alone moves
it), photos through the portal's picture handling, and the portal article drafted from one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from ttdn.activities import rules
from ttdn.activities.enums import ACTIVITY_FLOW, ActivityStatus
from ttdn.activities.models import Activity, ActivityFile, ActivityPhoto, Movement
from ttdn.content import files
from ttdn.content import services as content_services
from ttdn.content.models import Article, Consent, Section
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.states import transition
from ttdn.core.text import nfc, slugify
from ttdn.events.models import Commemoration
from ttdn.org.models import Unit
from ttdn.plans.models import Plan, PlanTask
from ttdn.registries.models import Programme

FIELDS = [
    "kind", "title", "starts_on", "ends_on", "place", "description", "officials", "teachers",
    "pupils", "parents", "foreign_guests", "commemoration_id", "movement_id", "programme_id",
]  # fmt: skip


def _check_links(activity: Activity, tasks: Iterable[PlanTask], by: Any) -> list[PlanTask]:
    """Tasks of plans of the unit or above it, which the person can read; the commemoration
    the movement and the programme the person can see."""
    path = activity.unit.path
    tasks = list(tasks)
    plans = Plan.objects.visible_to(by).filter(pk__in={task.plan_id for task in tasks})
    visible = set(plans.values_list("pk", flat=True))
    for task in tasks:
        if task.plan_id not in visible or not path.startswith(task.plan.unit.path):
            raise ValidationError(
                {
                    "tasks": _(
                        "“%(task)s” is not a task of this unit's plans or of the plans above it."
                    )
                    % {"task": task}
                }
            )
    if (
        activity.commemoration_id
        and not Commemoration.objects.visible_to(by).filter(pk=activity.commemoration_id).exists()
    ):
        raise ValidationError({"commemoration": _("Choose a commemoration you can see.")})
    if (
        activity.movement_id
        and not Movement.objects.visible_to(by).filter(pk=activity.movement_id).exists()
    ):
        raise ValidationError({"movement": _("Choose a movement you can see.")})
    if (
        activity.programme_id
        and not Programme.objects.visible_to(by).filter(pk=activity.programme_id).exists()
    ):
        raise ValidationError({"programme": _("Choose a programme you can see.")})
    return tasks


def _assign(activity: Activity, fields: dict[str, Any]) -> None:
    for name in ("commemoration", "movement", "programme"):
        if name in fields:
            value = fields.pop(name)
            fields[f"{name}_id"] = value.pk if value else None
    for name, value in fields.items():
        if name not in FIELDS:
            raise TypeError(f"unknown field {name!r}")
        setattr(activity, name, nfc(value).strip() if isinstance(value, str) else value)
    errors: dict[str, list[str]] = {}
    try:
        activity.full_clean(
            exclude=["unit", "created_by", "verified_by", "article"], validate_constraints=False
        )
    except ValidationError as error:
        errors = error.message_dict
    if activity.ends_on and activity.starts_on and activity.ends_on < activity.starts_on:
        errors.setdefault("ends_on", []).append(_("An activity cannot end before it starts."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_activity(
    unit: Unit,
    *,
    by: Any,
    tasks: Iterable[PlanTask] = (),
    co_organisers: Iterable[Unit] = (),
    **fields: Any,
) -> Activity:
    """A draft activity of `unit`, linked to the plan tasks it carries out.

    Raises PermissionDenied unless the person writes for the unit; ValidationError for missing
    or contradictory fields, or a task, commemoration or movement the person cannot use.
    """
    if not rules.can_write(by, unit):
        raise PermissionDenied(_("You may not record activities for this unit."))
    activity = Activity(unit=unit, created_by=by if getattr(by, "pk", None) else None)
    _assign(activity, dict(fields))
    checked = _check_links(activity, tasks, by)
    activity.save()
    activity.tasks.set(checked)
    activity.co_organisers.set([u for u in co_organisers if u.pk != unit.pk])
    audit.record(
        AuditAction.CREATE, activity, by=by, unit_id=unit.pk,
        changes=audit.diff({}, audit.snapshot(activity, FIELDS)),
    )  # fmt: skip
    return activity


@transaction.atomic
def update_activity(
    activity: Activity,
    *,
    by: Any,
    tasks: Iterable[PlanTask] | None = None,
    co_organisers: Iterable[Unit] | None = None,
    **fields: Any,
) -> Activity:
    """Change an activity that is not verified yet. Raises PermissionDenied, ValidationError."""
    if not rules.can_edit(by, activity):
        raise PermissionDenied(_("A verified activity cannot be changed."))
    before = audit.snapshot(activity, FIELDS)
    _assign(activity, dict(fields))
    checked = _check_links(activity, activity.tasks.all() if tasks is None else tasks, by)
    activity.save()
    if tasks is not None:
        activity.tasks.set(checked)
    if co_organisers is not None:
        activity.co_organisers.set([u for u in co_organisers if u.pk != activity.unit_id])
    audit.record(
        AuditAction.UPDATE, activity, by=by, unit_id=activity.unit_id,
        changes=audit.diff(before, audit.snapshot(activity, FIELDS)),
    )  # fmt: skip
    return activity


@transaction.atomic
def transition_activity(activity: Activity, *, to: str, by: Any) -> Activity:
    """The one function that moves an activity's status.

    Recording it, or taking it back to a draft, is for the unit's writers; verifying it, or
    withdrawing the verification, for the supervising unit's. Raises PermissionDenied, or
    InvalidTransition when the flow does not allow the move.
    """
    supervising = ActivityStatus.VERIFIED in (to, activity.status)
    allowed = rules.can_verify(by, activity) if supervising else rules.can_write(by, activity.unit)
    if not allowed:
        raise PermissionDenied(
            _("Only the supervising unit verifies an activity.")
            if supervising
            else _("You may not change this activity.")
        )
    verified = to == ActivityStatus.VERIFIED
    activity.verified_at = timezone.now() if verified else None
    activity.verified_by = by if verified else None
    transition(activity, flow=ACTIVITY_FLOW, to=to, by=by, unit_id=activity.unit_id)
    return activity


# --- Photos -----------------------------------------------------------------------------------


@transaction.atomic
def add_photo(
    activity: Activity,
    *,
    upload: UploadedFile,
    alt: str,
    by: Any,
    caption: str = "",
    shows_pupils: bool = False,
    consent: Consent | None = None,
) -> ActivityPhoto:
    """Store a picture of the activity through the portal (`content.services.add_image`: EXIF
    and GPS stripped, kept private, pupils only under a valid consent of the unit's site).

    Raises PermissionDenied as update_activity, ValidationError as add_image.
    """
    if not rules.can_edit(by, activity):
        raise PermissionDenied(_("A verified activity cannot be changed."))
    site = content_services.open_site(activity.unit, by=by)
    image = content_services.add_image(
        site, upload=upload, alt=alt, by=by, shows_pupils=shows_pupils, consent=consent
    )
    last = activity.photos.order_by("-position").values_list("position", flat=True).first()
    photo = ActivityPhoto.objects.create(
        activity=activity, image=image, caption=nfc(caption or "").strip(),
        position=(last or 0) + 1,
    )  # fmt: skip
    audit.record(AuditAction.CREATE, photo, by=by, unit_id=activity.unit_id)
    return photo


@transaction.atomic
def remove_photo(photo: ActivityPhoto, *, by: Any) -> None:
    """Take a picture off the activity; its stored file goes with it."""
    activity = photo.activity
    if not rules.can_edit(by, activity):
        raise PermissionDenied(_("A verified activity cannot be changed."))
    audit.record(AuditAction.DELETE, photo, by=by, unit_id=activity.unit_id)
    image = photo.image
    name = str(image.file.name)
    image.delete()  # and the photo with it
    transaction.on_commit(lambda: image.file.storage.delete(name))


@transaction.atomic
def attach_file(activity: Activity, *, upload: UploadedFile, by: Any) -> ActivityFile:
    """Keep a document of the activity under its original name. Raises PermissionDenied as
    update_activity, and ValidationError as the portal's attachments do (`content.files.check`:
    too large, a type not allowed, content that is not what the name says)."""
    if not rules.can_edit(by, activity):
        raise PermissionDenied(_("A verified activity cannot be changed."))
    filename = nfc(upload.name or "").replace("/", "_").replace("\\", "_").strip()[:255]
    data = upload.read(files.max_bytes() + 1)
    kind = files.check(filename, data)
    stem, _dot, extension = filename.rpartition(".")
    stored = ActivityFile(
        activity=activity, filename=filename, content_type=kind.content_type, size=len(data),
        uploaded_by=by,
    )  # fmt: skip
    stored.file.save(
        f"{slugify(stem)[:60] or 'tep'}.{extension.lower()}", ContentFile(data), save=False
    )
    stored.save()
    audit.record(AuditAction.CREATE, stored, by=by, unit_id=activity.unit_id)
    return stored


# --- From activity to article -----------------------------------------------------------------


def _article_body(activity: Activity) -> str:
    paragraphs = [p.strip() for p in activity.description.split("\n\n") if p.strip()]
    facts = [activity.place, activity.starts_on.strftime("%d/%m/%Y")]
    lead = " — ".join(part for part in facts if part)
    return "".join(f"<p>{escape(p)}</p>" for p in [lead, *paragraphs])


@transaction.atomic
def draft_article(
    activity: Activity,
    *,
    by: Any,
    photos: Iterable[ActivityPhoto] = (),
    section: Section | None = None,
) -> Article:
    """Draft a portal article of the activity on its unit's site: its title, text, the chosen
    photos as the gallery and the commemoration's tag. The draft then goes through the usual
    review; the activity keeps the link and the article's page links back.

    Raises PermissionDenied unless the person writes for the site; ValidationError when the
    activity already has an article, or a photo is not one of its own.
    """
    if activity.article_id is not None:
        raise ValidationError(_("This activity already has a portal article."))
    photos = list(photos)
    if any(photo.activity_id != activity.pk for photo in photos):
        raise ValidationError(_("Choose photos of this activity."))
    site = content_services.open_site(activity.unit, by=by)
    commemoration = activity.commemoration
    article = content_services.create_article(
        site, by=by, title=activity.title, summary=activity.title,
        body=_article_body(activity), section=section,
        tags=[commemoration.name] if commemoration else [],
        commemoration_id=commemoration.pk if commemoration else None,
    )  # fmt: skip
    for photo in photos:
        image = photo.image
        with image.file.open("rb") as stored:
            upload = SimpleUploadedFile(str(image.file.name).rsplit("/", 1)[-1], stored.read())
        content_services.add_to_gallery(
            article, upload=upload, alt=image.alt, by=by, caption=photo.caption,
            shows_pupils=image.shows_pupils, consent=image.consent,
        )  # fmt: skip
    activity.article = article
    activity.save(update_fields=["article", "updated_at"])
    audit.record(
        AuditAction.UPDATE, activity, by=by, unit_id=activity.unit_id,
        changes={"article": [None, article.pk]},
    )  # fmt: skip
    return article
