"""Choices of the portal and the editorial workflow's allowed moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core.states import Flow


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("article status", "Draft")
    IN_REVIEW = "in_review", pgettext_lazy("article status", "In review")
    RETURNED = "returned", pgettext_lazy("article status", "Returned")
    APPROVED = "approved", pgettext_lazy("article status", "Approved")
    PUBLISHED = "published", pgettext_lazy("article status", "Published")
    UNPUBLISHED = "unpublished", pgettext_lazy("article status", "Unpublished")


S = ArticleStatus
# An approved article is published by the scheduled job when its publication time comes.
# Publishing straight from a draft is "publish without review": leaders only, with a reason.
ARTICLE_FLOW = Flow(
    ArticleStatus,
    {
        S.DRAFT: {S.IN_REVIEW, S.PUBLISHED},
        S.IN_REVIEW: {S.RETURNED, S.APPROVED, S.PUBLISHED, S.DRAFT},
        S.RETURNED: {S.IN_REVIEW, S.PUBLISHED},
        S.APPROVED: {S.PUBLISHED, S.RETURNED, S.UNPUBLISHED},
        S.PUBLISHED: {S.UNPUBLISHED},
        S.UNPUBLISHED: {S.DRAFT, S.PUBLISHED},
    },
)
# Writers change the text only in these states; a reviewer may also correct an approved or
# published article (the change is live at once: the reviewer is the one who publishes).
WRITABLE = frozenset({S.DRAFT, S.RETURNED, S.UNPUBLISHED})
REVIEWER_WRITABLE = WRITABLE | {S.IN_REVIEW, S.APPROVED, S.PUBLISHED}


class Classification(models.TextChoices):
    """Public, internal, or a state-secret level (Luật Bảo vệ bí mật nhà nước 2018, Art. 8)."""

    PUBLIC = "public", pgettext_lazy("classification", "Public")
    INTERNAL = "internal", pgettext_lazy("classification", "Internal")
    CONFIDENTIAL = "confidential", pgettext_lazy("classification", "Confidential (Mật)")
    SECRET = "secret", pgettext_lazy("classification", "Secret (Tối mật)")
    TOP_SECRET = "top_secret", pgettext_lazy("classification", "Top secret (Tuyệt mật)")


class Decision(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("review decision", "Submitted for review")
    RETURNED = "returned", pgettext_lazy("review decision", "Returned with comments")
    APPROVED = "approved", pgettext_lazy("review decision", "Approved")
    PUBLISHED = "published", pgettext_lazy("review decision", "Published")
    PUBLISHED_WITHOUT_REVIEW = (
        "published_without_review",
        pgettext_lazy("review decision", "Published without review"),
    )
    UNPUBLISHED = "unpublished", pgettext_lazy("review decision", "Unpublished")
    WITHDRAWN = "withdrawn", pgettext_lazy("review decision", "Withdrawn")
    REOPENED = "reopened", pgettext_lazy("review decision", "Reopened as a draft")


class Check(models.TextChoices):
    """What a reviewer confirms before approving or publishing (seed 000: bảo vệ bí mật Nhà nước)."""

    NO_SECRETS = "no_secrets", _("It contains no state-secret or internal information.")
    FIGURES = "figures", _("Its figures match the official statistics.")
    MAPS = "maps", _("Any map shows Việt Nam's sovereignty correctly (Hoàng Sa, Trường Sa).")
    CONSENT = "consent", _("Pupils named or shown have their guardians' consent on record.")


class SectionKind(models.TextChoices):
    NEWS = "news", _("News and activities")
    ACHIEVEMENTS = "achievements", _("Outstanding achievements")
    EXEMPLARS = "exemplars", _("Exemplary figures")
    INTERNATIONAL = "international", _("International integration")
    DOCUMENTS = "documents", _("Documents on external information")
    OTHER = "other", _("Other")


# The sections seed 000 asks every school's website for: (slug, Vietnamese title, kind).
DEFAULT_SECTIONS = [
    ("tin-tuc-hoat-dong", "Tin tức – hoạt động", SectionKind.NEWS),
    ("thanh-tich-noi-bat", "Thành tích nổi bật", SectionKind.ACHIEVEMENTS),
    ("guong-dien-hinh-tien-tien", "Gương điển hình tiên tiến", SectionKind.EXEMPLARS),
    ("hoi-nhap-quoc-te", "Hội nhập quốc tế", SectionKind.INTERNATIONAL),
    ("van-ban-thong-tin-doi-ngoai", "Văn bản về thông tin đối ngoại", SectionKind.DOCUMENTS),
]


class ExemplarRole(models.TextChoices):
    OFFICIAL = "official", pgettext_lazy("exemplar role", "Official")
    TEACHER = "teacher", pgettext_lazy("exemplar role", "Teacher")
    PUPIL = "pupil", pgettext_lazy("exemplar role", "Pupil")


# Languages a site may offer: Vietnamese always; the partners' of seed 001 when a unit enables them.
class Language(models.TextChoices):
    VI = "vi", "Tiếng Việt"
    EN = "en", "English"
    FR = "fr", "Français"
    ZH = "zh", "中文"
    LO = "lo", "ພາສາລາວ"


class Palette(models.TextChoices):
    """Header colours with at least 4.5:1 contrast against white text (WCAG 2.1 AA)."""

    NAVY = "navy", _("Navy blue")
    RED = "red", _("Deep red")
    GREEN = "green", _("Forest green")
    TEAL = "teal", _("Teal")
    PURPLE = "purple", _("Purple")
