"""The social-channel outbox: an article's post to each of its site's channels, and its result."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.content.enums import PostStatus
from ttdn.content.models.articles import Article
from ttdn.core.models import max_length_of


class Post(models.Model):
    """A post of an article to one channel (`ttdn.content.channels`), delivered by a task that
    retries with back-off; its status moves only in `services.outbox`."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="posts")
    channel = models.CharField(_("channel"), max_length=32)
    status = models.CharField(
        _("status"),
        max_length=max_length_of(PostStatus),
        choices=PostStatus,
        default=PostStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    external_url = models.URLField(_("address of the post"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("social post")
        verbose_name_plural = _("social posts")
        ordering = ["article", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["article", "channel"], name="one_post_per_channel")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.channel}"
