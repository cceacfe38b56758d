"""The public portal: a site per unit, its sections, articles, exemplary figures, images and
consents. Split by concept and re-exported here, so `from ttdn.content.models import X` works."""

from ttdn.content.models.articles import (
    REVIEWING_ROLES,
    Article,
    ArticleQuerySet,
    ReviewStep,
    Revision,
    article_path,
    public_path,
)
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
from ttdn.content.models.sites import Section, SectionQuerySet, Site

__all__ = [
    "ATTACHMENT_FOLDER",
    "GALLERY_FOLDER",
    "REVIEWING_ROLES",
    "Article",
    "ArticleQuerySet",
    "Attachment",
    "Consent",
    "Exemplar",
    "ExemplarQuerySet",
    "GalleryItem",
    "Image",
    "ImageQuerySet",
    "ReviewStep",
    "Revision",
    "Section",
    "SectionQuerySet",
    "Site",
    "article_path",
    "public_path",
]
