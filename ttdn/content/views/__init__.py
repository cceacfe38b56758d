"""The editorial screens under /portal/: write, submit, review, publish, revisions, gallery and
attachments, sections, figures, consents."""

from ttdn.content.views.articles import (
    article_create,
    article_detail,
    article_publish_now,
    article_reopen,
    article_review,
    article_submit,
    article_translate,
    article_unpublish,
    article_update,
    dashboard,
    revision_compare,
    revision_restore,
    site_open,
)
from ttdn.content.views.media import (
    article_media,
    attachment_download,
    attachment_remove,
    gallery_file,
    gallery_move,
    gallery_remove,
)
from ttdn.content.views.sites import (
    consent_list,
    exemplar_list,
    section_delete,
    section_edit,
    section_list,
    section_move,
    site_settings,
)

__all__ = [
    "article_create",
    "article_detail",
    "article_media",
    "article_publish_now",
    "article_reopen",
    "article_review",
    "article_submit",
    "article_translate",
    "article_unpublish",
    "article_update",
    "attachment_download",
    "attachment_remove",
    "consent_list",
    "dashboard",
    "exemplar_list",
    "gallery_file",
    "gallery_move",
    "gallery_remove",
    "revision_compare",
    "revision_restore",
    "section_delete",
    "section_edit",
    "section_list",
    "section_move",
    "site_open",
    "site_settings",
]
