"""Articles: writing, revisions, the editorial workflow (`transition_article` alone sets an
article's status), translations."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.content import cache, markup, rules, storage
from ttdn.content.enums import (
    ARTICLE_FLOW,
    PAGE_KINDS,
    REVIEWER_WRITABLE,
    WRITABLE,
    ArticleStatus,
    Check,
    Classification,
    Decision,
    SectionKind,
)
from ttdn.content.models import (
    Article,
    Exemplar,
    Image,
    ReviewStep,
    Revision,
    Section,
    Site,
)
from ttdn.content.services import outbox
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.states import InvalidTransition, transition
from ttdn.core.text import nfc, slugify

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


class EditConflict(ValidationError):
    pass


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
    if not article.section.lists_articles:
        raise ValidationError({"section": _("This section shows a page of its own, not articles.")})
    article.slug = slugify(article.title)[:100] or "bai-viet"
    # The publication constraint is checked by the database and by transition_article.
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
    # The news section (else the first that lists articles): never the schedule's or Công khai's.
    if fields.get("section") is None:
        articles = site.sections.exclude(kind__in=PAGE_KINDS)
        fields["section"] = articles.filter(kind=SectionKind.NEWS).first() or articles.first()
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
    article = (
        Article.objects.select_for_update(of=("self",))
        .select_related("site__unit")
        .get(pk=article.pk)
    )
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
        transition_article(
            article, to=S.UNPUBLISHED, by=by, comment=_("Marked classified or internal.")
        )
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
def transition_article(
    article: Article,
    *,
    to: str,
    by: Any,
    comment: str = "",
    checklist: Iterable[str] = (),
    decision: str | None = None,
) -> Article:
    """The one function that assigns an article's status. Records the step and the audit entry.

    Raises InvalidTransition for a move the flow does not allow, and for any move towards
    publication of classified or internal content, whoever asks.
    """

    def on_move(source: str, target: str) -> None:
        if target in PUBLISHING and article.classification != Classification.PUBLIC:
            raise InvalidTransition(_("Classified or internal content can never be published."))
        if target == S.PUBLISHED and (article.published_at is None or source != S.APPROVED):
            article.published_at = timezone.now()

    before = transition(
        article, flow=ARTICLE_FLOW, to=to, by=by, unit_id=article.site.unit_id, on_move=on_move
    )
    if S.PUBLISHED in (before, to):  # the cover's public files come and go with the article
        storage.sync([article.cover])
    ReviewStep.objects.create(
        article=article,
        by=by if getattr(by, "pk", None) else None,
        decision=decision or to,
        comment=comment,
        checklist=sorted(checklist),
    )
    if S.PUBLISHED in (before, to):
        cache.invalidate(article.site.unit)
    if to == S.PUBLISHED:
        outbox.queue_posts(article)
    if before == S.PUBLISHED and to == S.UNPUBLISHED:
        for translation in article.translations.filter(status=S.PUBLISHED):
            transition_article(
                translation, to=S.UNPUBLISHED, by=by, comment=_("Its source was unpublished.")
            )
    return article


def _require_reviewer(article: Article, by: Any) -> None:
    if not rules.can_review(by, article.site.unit):
        raise PermissionDenied(_("Only a leader of the unit or of a unit above it may do this."))


def submit_article(article: Article, *, by: Any) -> Article:
    """Send a draft or returned article to review. Raises PermissionDenied, InvalidTransition."""
    if not rules.can_write(by, article.site.unit):
        raise PermissionDenied
    return transition_article(article, to=S.IN_REVIEW, by=by, decision=Decision.SUBMITTED)


def return_article(article: Article, *, by: Any, comment: str) -> Article:
    """Send an article back to its writers with comments. Raises ValidationError without one."""
    _require_reviewer(article, by)
    if not nfc(comment or "").strip():
        raise ValidationError({"comment": _("Say what should change.")})
    return transition_article(article, to=S.RETURNED, by=by, comment=nfc(comment).strip())


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
        return transition_article(
            article, to=S.APPROVED, by=by, comment=comment, checklist=checklist
        )
    return transition_article(
        article,
        to=S.PUBLISHED,
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
    return transition_article(
        article, to=S.PUBLISHED, by=by, comment=nfc(reason).strip(),
        decision=Decision.PUBLISHED_WITHOUT_REVIEW,
    )  # fmt: skip


def unpublish_article(article: Article, *, by: Any, reason: str = "") -> Article:
    """Take an article (and its translations) off the public site. Leaders only."""
    _require_reviewer(article, by)
    return transition_article(article, to=S.UNPUBLISHED, by=by, comment=nfc(reason or "").strip())


def reopen_article(article: Article, *, by: Any) -> Article:
    """Make an unpublished article a draft again, or withdraw one from review (its own unit's
    writers and its reviewers only). Raises PermissionDenied, InvalidTransition."""
    if not rules.can_write(by, article.site.unit):
        raise PermissionDenied
    if article.status == S.IN_REVIEW and not rules.can_withdraw_from_review(by, article):
        raise PermissionDenied(
            _("Only its own unit's writers or its reviewers take an article out of review.")
        )
    return transition_article(article, to=S.DRAFT, by=by, decision=Decision.REOPENED)


def publish_due(*, now: datetime.datetime | None = None) -> list[Article]:
    """Publish approved articles whose time has come (the scheduled job). Idempotent."""
    due = Article.objects.filter(status=S.APPROVED, published_at__lte=now or timezone.now())
    return [
        transition_article(a, to=S.PUBLISHED, by=None, decision=Decision.PUBLISHED)
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
