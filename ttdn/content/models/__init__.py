"""The public portal: a site per unit, its sections, articles, exemplary figures, images and
consents. Split by concept and re-exported here, so `from ttdn.content.models import X` works."""

from ttdn.content.models.about import AboutPage, Leader
from ttdn.content.models.albums import (
    Album,
    AlbumItem,
    AlbumItemQuerySet,
    AlbumQuerySet,
    hidden_from_public,
)
from ttdn.content.models.articles import (
    REVIEWING_ROLES,
    Article,
    ArticleQuerySet,
    ReviewStep,
    Revision,
    article_path,
    public_path,
)
from ttdn.content.models.disclosures import DISCLOSURE_FOLDER, Disclosure, DisclosureQuerySet
from ttdn.content.models.media import (
    ATTACHMENT_FOLDER,
    GALLERY_FOLDER,
    Attachment,
    Consent,
    Exemplar,
    ExemplarQuerySet,
    GalleryItem,
    Image,
    ImageQuerySet,
)
from ttdn.content.models.outbox import Post
from ttdn.content.models.schedules import ScheduleEntry, WorkWeek
from ttdn.content.models.sites import Section, SectionQuerySet, Site

__all__ = [
    "ATTACHMENT_FOLDER",
    "DISCLOSURE_FOLDER",
    "GALLERY_FOLDER",
    "REVIEWING_ROLES",
    "AboutPage",
    "Album",
    "AlbumItem",
    "AlbumItemQuerySet",
    "AlbumQuerySet",
    "Article",
    "ArticleQuerySet",
    "Attachment",
    "Consent",
    "Disclosure",
    "DisclosureQuerySet",
    "Exemplar",
    "ExemplarQuerySet",
    "GalleryItem",
    "Image",
    "ImageQuerySet",
    "Leader",
    "Post",
    "ReviewStep",
    "Revision",
    "ScheduleEntry",
    "Section",
    "SectionQuerySet",
    "Site",
    "WorkWeek",
    "article_path",
    "hidden_from_public",
    "public_path",
]
