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


# An album of photos and videos goes through the same hands as an article (rules.can_write,
# rules.can_review), without the scheduled publication: a reviewer publishes it at once.
ALBUM_FLOW = Flow(
    ArticleStatus,
    {
        S.DRAFT: {S.IN_REVIEW, S.PUBLISHED},
        S.IN_REVIEW: {S.RETURNED, S.PUBLISHED, S.DRAFT},
        S.RETURNED: {S.IN_REVIEW, S.PUBLISHED},
        S.PUBLISHED: {S.UNPUBLISHED},
        S.UNPUBLISHED: {S.DRAFT, S.PUBLISHED},
    },
)


class AlbumItemKind(models.TextChoices):
    PHOTO = "photo", pgettext_lazy("album item", "Photo")
    VIDEO = "video", pgettext_lazy("album item", "Video")


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
    ABOUT = "about", _("About the school")
    NOTICES = "notices", _("Notices")
    ADMISSIONS = "admissions", _("Admissions")
    # Sections whose page is not a list of articles: the address is the section's, the page
    # shows the site's work schedule, its public disclosures or its documents.
    SCHEDULE = "schedule", _("Work schedule")
    DISCLOSURE = "disclosure", _("Public disclosure")
    LIBRARY = "library", _("Documents of the unit")
    ALBUMS = "albums", _("Photo and video albums")
    OTHER = "other", _("Other")


# Kinds whose public page is not an article list (no feed, no "new article" into them).
PAGE_KINDS = frozenset(
    {SectionKind.SCHEDULE, SectionKind.DISCLOSURE, SectionKind.LIBRARY, SectionKind.ALBUMS}
)


# The sections a school's website has (issue 21) and those seed 000 asks for: (slug,
# Vietnamese title, kind), in menu order.
DEFAULT_SECTIONS = [
    ("gioi-thieu", "Giới thiệu", SectionKind.ABOUT),
    ("thong-bao", "Thông báo", SectionKind.NOTICES),
    ("lich-cong-tac", "Lịch công tác", SectionKind.SCHEDULE),
    ("cong-khai", "Công khai", SectionKind.DISCLOSURE),
    ("tin-tuc-hoat-dong", "Tin tức – hoạt động", SectionKind.NEWS),
    ("thu-vien-anh-video", "Thư viện ảnh – video", SectionKind.ALBUMS),
    ("thanh-tich-noi-bat", "Thành tích nổi bật", SectionKind.ACHIEVEMENTS),
    ("guong-dien-hinh-tien-tien", "Gương điển hình tiên tiến", SectionKind.EXEMPLARS),
    ("hoi-nhap-quoc-te", "Hội nhập quốc tế", SectionKind.INTERNATIONAL),
    ("van-ban-thong-tin-doi-ngoai", "Văn bản về thông tin đối ngoại", SectionKind.DOCUMENTS),
    ("van-ban", "Văn bản", SectionKind.LIBRARY),
    ("tuyen-sinh", "Tuyển sinh", SectionKind.ADMISSIONS),
]

# Sections only a school has (what a Phòng or Sở publishes is not under Thông tư 09/2024).
SCHOOL_SECTIONS = frozenset({SectionKind.DISCLOSURE, SectionKind.ADMISSIONS})


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


# The hex value of each palette colour: white text on it has at least 4.5:1 contrast (WCAG 2.1
# AA, tested), and portal.css uses the same values.
PALETTE_HEX = {
    Palette.NAVY: "#0b4f8a",
    Palette.RED: "#9b1c1c",
    Palette.GREEN: "#1d5e2a",
    Palette.TEAL: "#00605e",
    Palette.PURPLE: "#5b2a86",
}


class HomeBlock(models.TextChoices):
    """The blocks a site's home page is composed from, in the order the editor chooses."""

    NEWS = "news", _("Latest news")
    NOTICES = "notices", _("Notices")
    SCHEDULE = "schedule", _("This week's schedule")
    FIGURES = "figures", _("Key figures")
    EXEMPLARS = "exemplars", _("Exemplary figures")
    VIDEOS = "videos", _("Videos")
    ALBUM = "album", _("Featured album")


DEFAULT_HOME_BLOCKS = [
    HomeBlock.NOTICES,
    HomeBlock.NEWS,
    HomeBlock.SCHEDULE,
    HomeBlock.FIGURES,
    HomeBlock.EXEMPLARS,
    HomeBlock.ALBUM,
    HomeBlock.VIDEOS,
]


class PostStatus(models.TextChoices):
    """A post of an article to a social channel, through the outbox."""

    QUEUED = "queued", pgettext_lazy("post status", "Queued")
    SENT = "sent", pgettext_lazy("post status", "Posted")
    FAILED = "failed", pgettext_lazy("post status", "Failed")


class DisclosureStanding(models.TextChoices):
    """Where a school stands with one công khai item for a school year."""

    ON_TIME = "on_time", pgettext_lazy("disclosure", "Published on time")
    LATE = "late", pgettext_lazy("disclosure", "Published late")
    OVERDUE = "overdue", pgettext_lazy("disclosure", "Not published, overdue")
    PENDING = "pending", pgettext_lazy("disclosure", "Not yet due")
