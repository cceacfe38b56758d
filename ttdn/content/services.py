"""Writes of the portal. Each is atomic and audited; `move_article` alone moves an article's status."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ttdn.content import cache, files, images, markup, rules, storage
from ttdn.content.enums import (
    ARTICLE_FLOW,
    DEFAULT_SECTIONS,
    REVIEWER_WRITABLE,
    WRITABLE,
    ArticleStatus,
    Check,
    Classification,
    Decision,
    SectionKind,
)
from ttdn.content.models import (
    GALLERY_FOLDER,
    Article,
    Attachment,
    Consent,
    Exemplar,
    GalleryItem,
    Image,
    ReviewStep,
    Revision,
    Section,
    Site,
)
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.text import nfc, slugify
from ttdn.org.models import Unit

S = ArticleStatus
CONTENT_FIELDS = [
    "title",
    "summary",
    "body",
    "section_id",
    "tags",
    "byline",
    "language",
    "classification",
    "cover_id",
    "commemoration_id",
    "exemplar_id",
]
PUBLISHING = frozenset({S.APPROVED, S.PUBLISHED})


class InvalidTransition(ValidationError):
    pass


class EditConflict(ValidationError):
    pass


# --- Sites ---------------------------------------------------------------------------------


@transaction.atomic
def open_site(unit: Unit, *, by: Any = None) -> Site:
    """The unit's site, created with the seeds' default sections the first time. Idempotent."""
    site, created = Site.objects.get_or_create(unit=unit)
    if created:
        for position, (slug, title, kind) in enumerate(DEFAULT_SECTIONS):
            site.sections.create(slug=slug, title=title, kind=kind, position=position)
        audit.record(AuditAction.CREATE, site, by=by, unit_id=unit.pk)
    return site


@transaction.atomic
def update_site(site: Site, *, by: Any, **fields: Any) -> Site:
    """Change the site's settings (colour, contact, languages …) and record what changed."""
    names = [f"{name}_id" if name == "logo" else name for name in fields]
    before = audit.snapshot(site, names)
    old_logo = site.logo_id
    for name, value in fields.items():
        setattr(site, name, nfc(value).strip() if isinstance(value, str) else value)
    site.full_clean()
    site.save()
    if site.logo_id != old_logo:
        storage.sync_by_pk([old_logo, site.logo_id])
    audit.record(
        AuditAction.UPDATE, site, by=by, unit_id=site.unit_id,
        changes=audit.diff(before, audit.snapshot(site, names)),
    )  # fmt: skip
    cache.invalidate(site.unit)
    return site


# --- Consents and images -------------------------------------------------------------------


@transaction.atomic
def record_consent(
    site: Site,
    *,
    pupil: str,
    given_by: str,
    given_on: datetime.date,
    valid_until: datetime.date,
    by: Any,
    renews: Consent | None = None,
) -> Consent:
    """Record a guardian's consent to show a pupil. Raises ValidationError if it ends before it
    starts, or if the consent it `renews` belongs to another site.

    A renewal takes over the pictures and profiles of the earlier consent; those withdrawn when
    it expired are shown again (under new picture addresses) if the new one is valid today.
    """
    if renews is not None and renews.site_id != site.pk:
        raise ValidationError({"renews": _("That consent belongs to another site.")})
    consent = Consent(
        site=site,
        pupil=nfc(pupil).strip(),
        given_by=nfc(given_by).strip(),
        given_on=given_on,
        valid_until=valid_until,
        recorded_by=by,
    )
    if valid_until < given_on:
        raise ValidationError({"valid_until": _("Consent cannot end before it is given.")})
    consent.full_clean()
    consent.save()
    audit.record(AuditAction.CREATE, consent, by=by, unit_id=site.unit_id)
    if renews is not None:
        _renew(renews, consent, by=by)
    return consent


def _renew(old: Consent, new: Consent, *, by: Any) -> None:
    """Move the pictures and profiles of `old` to `new`; restore those `old`'s expiry withdrew."""
    withdrawn_images = list(old.images.filter(withdrawn_at__isnull=False))
    withdrawn_exemplars = list(old.exemplars.filter(is_public=False))
    Image.objects.filter(consent=old).update(consent=new)
    Exemplar.objects.filter(consent=old).update(consent=new)
    if not new.is_valid:
        return
    restored: list[Image | Exemplar] = []
    for image in withdrawn_images:
        image.consent, image.withdrawn_at = new, None
        image.save(update_fields=["consent", "withdrawn_at"])
        restored.append(image)
    for exemplar in withdrawn_exemplars:
        exemplar.consent, exemplar.is_public = new, True
        exemplar.save(update_fields=["consent", "is_public"])
        restored.append(exemplar)
    storage.sync([*withdrawn_images, *(Image.objects.filter(exemplar__in=withdrawn_exemplars))])
    for item in restored:
        audit.record(
            AuditAction.UPDATE, item, by=by, unit_id=new.site.unit_id,
            changes={"withdrawn": [True, False]},
        )  # fmt: skip
    if restored:
        cache.invalidate(new.site.unit)


def _check_consent(site: Site, consent: Consent | None, *, needed: bool) -> None:
    if not needed:
        return
    if consent is None or consent.site_id != site.pk:
        raise ValidationError(
            _("A picture or profile of a pupil needs a guardian's consent on record.")
        )
    if not consent.is_valid:
        raise ValidationError(
            _("The guardian's consent for %(pupil)s has expired.") % {"pupil": consent.pupil}
        )


@transaction.atomic
def add_image(
    site: Site,
    *,
    upload: UploadedFile,
    alt: str,
    by: Any,
    shows_pupils: bool = False,
    consent: Consent | None = None,
    folder: str = "",
) -> Image:
    """Store a picture without its EXIF/GPS data: in `folder` with its renditions if given
    (the gallery), else privately, its public renditions made once it is in public use
    (`storage.sync`).

    Raises ValidationError without alternative text, for a file that is not a picture, or for a
    picture of pupils without a valid consent of this site.
    """
    alt = nfc(alt or "").strip()
    if not alt:
        raise ValidationError({"alt": _("Describe the picture for people who cannot see it.")})
    _check_consent(site, consent, needed=shows_pupils)
    cleaned = images.clean(upload.read())
    image = Image(site=site, alt=alt, shows_pupils=shows_pupils, consent=consent, uploaded_by=by)
    stem = slugify(alt)[:40] or "anh"
    if folder:
        name = f"{folder}/{timezone.localdate():%Y/%m}/{stem}.{cleaned.extension}"
    else:  # private: public renditions are made while the picture is in public use
        name = storage.original_name(stem, cleaned.extension)
    image.file.name = default_storage.save(name, ContentFile(cleaned.content))
    image.width, image.height = cleaned.width, cleaned.height
    if folder:
        image.renditions = images.renditions(cleaned, str(image.file.name).rsplit(".", 1)[0])
    image.save()
    audit.record(AuditAction.CREATE, image, by=by, unit_id=site.unit_id)
    return image


@transaction.atomic
def withdraw_expired(*, today: datetime.date | None = None) -> list[Image | Exemplar]:
    """Withdraw pictures and pupil profiles whose consent has expired; idempotent.

    What is withdrawn stops showing on public pages at once, its public picture files are
    deleted, and it waits in its editors' "Việc cần làm".
    """
    today = today or timezone.localdate()
    withdrawn: list[Image | Exemplar] = []
    for image in (
        Image.objects.shown().filter(consent__valid_until__lt=today).select_related("site__unit")
    ):
        image.withdrawn_at = timezone.now()
        image.save(update_fields=["withdrawn_at"])
        withdrawn.append(image)
    expired = Exemplar.objects.public().filter(consent__valid_until__lt=today)
    for exemplar in expired.select_related("site__unit", "photo"):
        exemplar.is_public = False
        exemplar.save(update_fields=["is_public"])
        withdrawn.append(exemplar)
    # Their public renditions go: the addresses that were public answer 404 from now on.
    storage.sync([item if isinstance(item, Image) else item.photo for item in withdrawn])
    for item in withdrawn:
        audit.record(
            AuditAction.UPDATE,
            item,
            unit_id=item.site.unit_id,
            changes={"withdrawn": [False, True]},
        )
        cache.invalidate(item.site.unit)
    return withdrawn


# --- Sections ------------------------------------------------------------------------------


def _section_slug(site: Site, wanted: str, *, exclude: int | None = None) -> str:
    base = slugify(wanted)[:90]
    if not base:
        raise ValidationError({"slug": _("The address needs letters or digits.")})
    others = site.sections.exclude(pk=exclude) if exclude else site.sections.all()
    taken = set(others.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _require_writer(site: Site, by: Any) -> None:
    if not rules.can_write(by, site.unit):
        raise PermissionDenied(_("You may not change this site."))


@transaction.atomic
def create_section(site: Site, *, title: str, by: Any, slug: str = "", kind: str = "") -> Section:
    """A new section at the end of the site's menu; its address is folded from the title
    (or `slug`) and made unique in the site. Raises ValidationError for an empty title."""
    _require_writer(site, by)
    title = nfc(title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the section a title.")})
    last = site.sections.order_by("-position").values_list("position", flat=True).first()
    section = Section(
        site=site,
        title=title,
        slug=_section_slug(site, slug or title),
        kind=kind or SectionKind.OTHER,
        position=(last or 0) + 1,
    )
    section.full_clean()
    section.save()
    audit.record(AuditAction.CREATE, section, by=by, unit_id=site.unit_id)
    cache.invalidate(site.unit)
    return section


@transaction.atomic
def update_section(
    section: Section, *, by: Any, title: str, slug: str = "", is_hidden: bool = False
) -> Section:
    """Rename a section, change its address (kept unless a new one is given) or hide it from
    the public menu. Raises ValidationError for an empty title, or an address taken in the site."""
    site = section.site
    _require_writer(site, by)
    fields = ["title", "slug", "is_hidden"]
    before = audit.snapshot(section, fields)
    section.title = nfc(title or "").strip()
    if not section.title:
        raise ValidationError({"title": _("Give the section a title.")})
    wanted = slugify(slug or "")
    if wanted and wanted != section.slug:
        if site.sections.filter(slug=wanted).exclude(pk=section.pk).exists():
            raise ValidationError({"slug": _("Another section of this site has this address.")})
        section.slug = _section_slug(site, wanted, exclude=section.pk)
    section.is_hidden = is_hidden
    section.full_clean()
    section.save()
    changes = audit.diff(before, audit.snapshot(section, fields))
    audit.record(AuditAction.UPDATE, section, by=by, unit_id=site.unit_id, changes=changes)
    cache.invalidate(site.unit)
    return section


@transaction.atomic
def move_section(section: Section, *, by: Any, step: int) -> Section:
    """Move a section one place up (step -1) or down (step 1) in the menu; no-op at an end."""
    site = section.site
    _require_writer(site, by)
    ordered = list(site.sections.order_by("position", "pk"))
    _swap(ordered, ordered.index(section), step)
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position", "updated_at"])
    audit.record(
        AuditAction.UPDATE, section, by=by, unit_id=site.unit_id, changes={"position": [None, step]}
    )
    cache.invalidate(site.unit)
    return section


def _swap(items: list[Any], index: int, step: int) -> None:
    other = index + step
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]


@transaction.atomic
def delete_section(section: Section, *, by: Any) -> None:
    """Delete an empty section. Raises ValidationError when it holds articles (hide it instead)."""
    site = section.site
    _require_writer(site, by)
    count = section.articles.count()
    if count:
        raise ValidationError(
            ngettext(
                "The section “%(title)s” holds %(count)s article: move it to another section, or hide the section instead.",
                "The section “%(title)s” holds %(count)s articles: move them to another section, or hide the section instead.",
                count,
            )
            % {"title": section.title, "count": count}
        )
    audit.record(AuditAction.DELETE, section, by=by, unit_id=site.unit_id)
    section.delete()
    cache.invalidate(site.unit)


# --- Exemplary figures ---------------------------------------------------------------------


@transaction.atomic
def create_exemplar(
    site: Site,
    *,
    name: str,
    role: str,
    achievements: str,
    by: Any,
    photo: Image | None = None,
    consent: Consent | None = None,
) -> Exemplar:
    """Add an exemplary figure. Raises ValidationError for a pupil without a valid consent."""
    if not rules.can_write(by, site.unit):
        raise PermissionDenied
    _check_consent(site, consent, needed=role == "pupil")
    exemplar = Exemplar(
        site=site,
        name=nfc(name).strip(),
        role=role,
        achievements=nfc(achievements).strip(),
        photo=photo,
        consent=consent,
    )
    exemplar.full_clean()
    exemplar.save()
    storage.sync([photo])
    audit.record(AuditAction.CREATE, exemplar, by=by, unit_id=site.unit_id)
    cache.invalidate(site.unit)
    return exemplar


# --- Articles ------------------------------------------------------------------------------


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    for name in ("title", "summary", "byline"):
        if name in out:
            out[name] = nfc(out[name] or "").strip()
    if "body" in out:
        out["body"] = markup.sanitise(out["body"])
    if "tags" in out:
        tags = out["tags"]
        words = tags.split(",") if isinstance(tags, str) else tags
        out["tags"] = list(dict.fromkeys(t for t in (nfc(w).strip() for w in words) if t))
    return out


def _assign(article: Article, fields: dict[str, Any]) -> None:
    for name, value in _clean_fields(fields).items():
        setattr(article, name, value)
    if not markup.plain_text(article.body) and "<img" not in article.body:
        raise ValidationError({"body": _("The article has no text.")})
    if article.section.site_id != article.site_id:
        raise ValidationError({"section": _("The section belongs to another site.")})
    article.slug = slugify(article.title)[:100] or "bai-viet"
    # The publication constraint is checked by the database and by move_article.
    article.full_clean(exclude=["slug"], validate_constraints=False)


def _revise(article: Article, *, by: Any) -> Revision:
    return Revision.objects.create(
        article=article,
        number=article.version,
        by=by if getattr(by, "pk", None) else None,
        content=audit.snapshot(article, CONTENT_FIELDS),
    )


@transaction.atomic
def create_article(site: Site, *, by: Any, **fields: Any) -> Article:
    """A draft by `by`, who must be able to write for the site. Keeps revision 1.

    Raises PermissionDenied, or ValidationError for a missing title or text.
    """
    if not rules.can_write(by, site.unit):
        raise PermissionDenied
    article = Article(site=site, author=by)
    fields.setdefault("section", site.sections.first())
    _assign(article, fields)
    article.save()
    _revise(article, by=by)
    audit.record(
        AuditAction.CREATE, article, by=by, unit_id=site.unit_id,
        changes=audit.diff({}, audit.snapshot(article, CONTENT_FIELDS)),
    )  # fmt: skip
    return article


@transaction.atomic
def update_article(
    article: Article, *, by: Any, expected_version: int | None = None, **fields: Any
) -> Article:
    """Change the content and keep a revision; a live article shows the change at once.

    Raises EditConflict when someone saved since `expected_version` was read, PermissionDenied
    when the article is not writable by `by` in its state, ValidationError for bad content. A
    live or approved article marked classified or internal is withdrawn in the same step.
    """
    article = Article.objects.select_for_update().select_related("site__unit").get(pk=article.pk)
    if expected_version is not None and expected_version != article.version:
        raise EditConflict(
            _(
                "Someone else saved this article while you were editing it. Reload it to see their changes, then edit again."
            )
        )
    reviewer = rules.can_review(by, article.site.unit)
    allowed = REVIEWER_WRITABLE if reviewer else WRITABLE
    if not rules.can_write(by, article.site.unit) or article.status not in allowed:
        raise PermissionDenied(_("This article cannot be edited in its present state."))
    before = audit.snapshot(article, CONTENT_FIELDS)
    _assign(article, fields)
    changes = audit.diff(before, audit.snapshot(article, CONTENT_FIELDS))
    if not changes:
        return article
    article.version += 1
    if article.translation_of_id is not None:  # the translator worked from the source as it is now
        article.source_version = article.translation_of.version  # type: ignore[union-attr]
    if article.status in PUBLISHING and article.classification != Classification.PUBLIC:
        move_article(article, S.UNPUBLISHED, by=by, comment=_("Marked classified or internal."))
    article.save()
    if "cover_id" in changes:
        storage.sync_by_pk(changes["cover_id"])
    _revise(article, by=by)
    audit.record(AuditAction.UPDATE, article, by=by, unit_id=article.site.unit_id, changes=changes)
    if article.status == S.PUBLISHED or "classification" in changes:
        cache.invalidate(article.site.unit)
    return article


@transaction.atomic
def restore_revision(article: Article, revision: Revision, *, by: Any) -> Article:
    """Make the revision's content the article's again, as a new revision. Raises as update_article."""
    if revision.article_id != article.pk:
        raise ValidationError(_("That revision belongs to another article."))
    plain = {k: v for k, v in revision.content.items() if not k.endswith("_id")}
    return update_article(article, by=by, **plain, **_related(revision.content))


def _related(content: dict[str, Any]) -> dict[str, Any]:
    """Foreign keys of a revision as objects again (a deleted picture or figure becomes none)."""
    commemorations = Article._meta.get_field("commemoration").related_model._default_manager

    def one(manager: Any, pk: Any) -> Any:
        return manager.filter(pk=pk).first() if pk else None

    return {
        "section": Section.objects.get(pk=content["section_id"]),
        "cover": one(Image.objects, content.get("cover_id")),
        "exemplar": one(Exemplar.objects, content.get("exemplar_id")),
        "commemoration": one(commemorations, content.get("commemoration_id")),
    }


# --- The workflow --------------------------------------------------------------------------


@transaction.atomic
def move_article(
    article: Article,
    to: str,
    *,
    by: Any,
    comment: str = "",
    checklist: Iterable[str] = (),
    decision: str | None = None,
) -> Article:
    """The one function that assigns an article's status. Records the step and the audit entry.

    Raises InvalidTransition for a move the flow does not allow, and for any move towards
    publication of classified or internal content, whoever asks.
    """
    if to not in ARTICLE_FLOW[article.status]:
        raise InvalidTransition(
            _("An article that is “%(status)s” cannot become “%(to)s”.")
            % {"status": S(article.status).label, "to": S(to).label}
        )
    if to in PUBLISHING and article.classification != Classification.PUBLIC:
        raise InvalidTransition(_("Classified or internal content can never be published."))
    before = article.status
    article.status = to
    if to == S.PUBLISHED and (article.published_at is None or before != S.APPROVED):
        article.published_at = timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    if S.PUBLISHED in (before, to):  # the cover's public files come and go with the article
        storage.sync([article.cover])
    ReviewStep.objects.create(
        article=article,
        by=by if getattr(by, "pk", None) else None,
        decision=decision or to,
        comment=comment,
        checklist=sorted(checklist),
    )
    audit.record(
        AuditAction.UPDATE, article, by=by, unit_id=article.site.unit_id,
        changes={"status": [before, to]},
    )  # fmt: skip
    if S.PUBLISHED in (before, to):
        cache.invalidate(article.site.unit)
    if before == S.PUBLISHED and to == S.UNPUBLISHED:
        for translation in article.translations.filter(status=S.PUBLISHED):
            move_article(
                translation, S.UNPUBLISHED, by=by, comment=_("Its source was unpublished.")
            )
    return article


def _require_reviewer(article: Article, by: Any) -> None:
    if not rules.can_review(by, article.site.unit):
        raise PermissionDenied(_("Only a leader of the unit or of a unit above it may do this."))


def submit_article(article: Article, *, by: Any) -> Article:
    """Send a draft or returned article to review. Raises PermissionDenied, InvalidTransition."""
    if not rules.can_write(by, article.site.unit):
        raise PermissionDenied
    return move_article(article, S.IN_REVIEW, by=by, decision=Decision.SUBMITTED)


def return_article(article: Article, *, by: Any, comment: str) -> Article:
    """Send an article back to its writers with comments. Raises ValidationError without one."""
    _require_reviewer(article, by)
    if not nfc(comment or "").strip():
        raise ValidationError({"comment": _("Say what should change.")})
    return move_article(article, S.RETURNED, by=by, comment=nfc(comment).strip())


def approve_article(
    article: Article,
    *,
    by: Any,
    checklist: Iterable[str],
    publish_at: datetime.datetime | None = None,
    comment: str = "",
) -> Article:
    """Approve an article in review with every check confirmed: published now, or at `publish_at`.

    Raises ValidationError when a check is missing, PermissionDenied for anyone but a leader of
    the unit or a unit above it, InvalidTransition for classified content.
    """
    _require_reviewer(article, by)
    missing = set(Check.values) - set(checklist)
    if missing:
        raise ValidationError({"checklist": _("Confirm every point of the checklist.")})
    if article.status != S.IN_REVIEW:
        raise InvalidTransition(_("Only an article in review can be approved."))
    if publish_at is not None and publish_at > timezone.now():
        article.published_at = publish_at
        return move_article(article, S.APPROVED, by=by, comment=comment, checklist=checklist)
    return move_article(
        article,
        S.PUBLISHED,
        by=by,
        comment=comment,
        checklist=checklist,
        decision=Decision.PUBLISHED,
    )


def publish_without_review(article: Article, *, by: Any, reason: str) -> Article:
    """A leader publishes at once, skipping review, with the reason recorded.

    Raises ValidationError without a reason, PermissionDenied for anyone else, InvalidTransition
    for classified content.
    """
    _require_reviewer(article, by)
    if not nfc(reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for publishing without review.")})
    return move_article(
        article, S.PUBLISHED, by=by, comment=nfc(reason).strip(),
        decision=Decision.PUBLISHED_WITHOUT_REVIEW,
    )  # fmt: skip


def unpublish_article(article: Article, *, by: Any, reason: str = "") -> Article:
    """Take an article (and its translations) off the public site. Leaders only."""
    _require_reviewer(article, by)
    return move_article(article, S.UNPUBLISHED, by=by, comment=nfc(reason or "").strip())


def reopen_article(article: Article, *, by: Any) -> Article:
    """Make an unpublished article a draft again, or withdraw one from review."""
    if not rules.can_write(by, article.site.unit):
        raise PermissionDenied
    return move_article(article, S.DRAFT, by=by, decision=Decision.REOPENED)


def publish_due(*, now: datetime.datetime | None = None) -> list[Article]:
    """Publish approved articles whose time has come (the scheduled job). Idempotent."""
    due = Article.objects.filter(status=S.APPROVED, published_at__lte=now or timezone.now())
    return [
        move_article(a, S.PUBLISHED, by=None, decision=Decision.PUBLISHED)
        for a in due.select_related("site__unit")
    ]


# --- Translations --------------------------------------------------------------------------


@transaction.atomic
def translate_article(source: Article, *, language: str, by: Any, **fields: Any) -> Article:
    """A translation of `source` into a language its site offers, as a draft of its own.

    Raises ValidationError for a language the site does not offer or already translated, and
    for a translation of a translation.
    """
    if source.translation_of_id is not None:
        raise ValidationError(_("Translate the original article, not a translation."))
    if language == source.language or language not in source.site.offered:
        raise ValidationError({"language": _("The site does not offer this language.")})
    if source.translations.filter(language=language).exists():
        raise ValidationError(
            {"language": _("This article already has a translation in this language.")}
        )
    fields.setdefault("section", source.section)
    fields.setdefault("cover", source.cover)
    fields.setdefault("classification", source.classification)
    article = create_article(source.site, by=by, language=language, **fields)
    article.translation_of = source
    article.source_version = source.version
    article.save(update_fields=["translation_of", "source_version"])
    return article


# --- Gallery and attachments ---------------------------------------------------------------


def _require_media_writer(article: Article, by: Any) -> None:
    """Who may change the text may change the pictures and files, in the same states."""
    reviewer = rules.can_review(by, article.site.unit)
    allowed = REVIEWER_WRITABLE if reviewer else WRITABLE
    if not rules.can_write(by, article.site.unit) or article.status not in allowed:
        raise PermissionDenied(_("This article cannot be edited in its present state."))


def _media_changed(article: Article) -> None:
    if article.status == S.PUBLISHED:
        cache.invalidate(article.site.unit)


@transaction.atomic
def add_to_gallery(
    article: Article,
    *,
    upload: UploadedFile,
    alt: str,
    by: Any,
    caption: str = "",
    shows_pupils: bool = False,
    consent: Consent | None = None,
) -> GalleryItem:
    """Add a picture at the end of the article's gallery, stored as covers are (EXIF/GPS
    stripped, renditions) but outside the public media folder.

    Raises PermissionDenied as update_article, ValidationError as add_image (no alt text, not a
    picture, pupils without a valid consent of the site).
    """
    _require_media_writer(article, by)
    image = add_image(
        article.site, upload=upload, alt=alt, by=by, shows_pupils=shows_pupils,
        consent=consent, folder=GALLERY_FOLDER,
    )  # fmt: skip
    last = article.gallery.order_by("-position").values_list("position", flat=True).first()
    item = GalleryItem.objects.create(
        article=article,
        image=image,
        caption=nfc(caption or "").strip(),
        position=(last or 0) + 1,
    )
    audit.record(AuditAction.CREATE, item, by=by, unit_id=article.site.unit_id)
    _media_changed(article)
    return item


@transaction.atomic
def remove_from_gallery(item: GalleryItem, *, by: Any) -> None:
    """Take a picture out of the gallery; its stored files are deleted with it."""
    article = item.article
    _require_media_writer(article, by)
    image = item.image
    names = [image.file.name] + [r[k] for r in image.renditions for k in ("webp", "jpeg")]
    audit.record(AuditAction.DELETE, item, by=by, unit_id=article.site.unit_id)
    image.delete()  # and the gallery item with it
    transaction.on_commit(lambda: _delete_files(names))
    _media_changed(article)


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


@transaction.atomic
def move_gallery_item(item: GalleryItem, *, by: Any, step: int) -> GalleryItem:
    """Move a picture one place earlier (step -1) or later (step 1); no-op at an end."""
    article = item.article
    _require_media_writer(article, by)
    ordered = list(article.gallery.order_by("position", "pk"))
    _swap(ordered, [i.pk for i in ordered].index(item.pk), step)
    for position, each in enumerate(ordered):
        if each.position != position:
            each.position = position
            each.save(update_fields=["position"])
    audit.record(
        AuditAction.UPDATE, item, by=by, unit_id=article.site.unit_id,
        changes={"position": [None, step]},
    )  # fmt: skip
    _media_changed(article)
    return item


@transaction.atomic
def attach_file(article: Article, *, upload: UploadedFile, by: Any) -> Attachment:
    """Attach a file under its original name. Raises PermissionDenied as update_article, and
    ValidationError for a file too large, of a type not allowed, or whose content is not what
    its name says (files.check)."""
    _require_media_writer(article, by)
    filename = nfc(upload.name or "").replace("/", "_").replace("\\", "_").strip()[:255]
    data = upload.read(files.max_bytes() + 1)
    kind = files.check(filename, data)
    stem, _dot, extension = filename.rpartition(".")
    last = article.attachments.order_by("-position").values_list("position", flat=True).first()
    attachment = Attachment(
        article=article,
        filename=filename,
        kind=kind.label,
        content_type=kind.content_type,
        size=len(data),
        position=(last or 0) + 1,
        uploaded_by=by,
    )
    attachment.file.save(
        f"{slugify(stem)[:60] or 'tep'}.{extension.lower()}", ContentFile(data), save=False
    )
    attachment.save()
    audit.record(AuditAction.CREATE, attachment, by=by, unit_id=article.site.unit_id)
    _media_changed(article)
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, by: Any) -> None:
    """Remove an attached file (and its stored copy)."""
    article = attachment.article
    _require_media_writer(article, by)
    name = attachment.file.name or ""
    audit.record(AuditAction.DELETE, attachment, by=by, unit_id=article.site.unit_id)
    attachment.delete()
    transaction.on_commit(lambda: _delete_files([name]))
    _media_changed(article)
