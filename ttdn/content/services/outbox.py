"""The social-channel outbox: a published article is queued to its site's channels, and a task
per channel posts it, retrying with back-off; the result is recorded on the article's post."""

from __future__ import annotations

import datetime
import functools
import logging

from django.db import transaction
from django.utils import timezone

from ttdn.content import channels
from ttdn.content.enums import PostStatus
from ttdn.content.models import Article, Post

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
FIRST_DELAY = datetime.timedelta(minutes=1)


def backoff(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`-th failure: 1, 4, 16, 64 minutes."""
    return FIRST_DELAY * 4 ** (attempts - 1)


def queue_posts(article: Article) -> list[Post]:
    """Queue the article to each channel its site posts to that is configured, once per
    channel (a republished article is not posted again). Runs inside the publishing
    transaction; the tasks are queued when it commits."""
    wanted = [code for code in article.site.post_channels if channels.get(code) is not None]
    queued = []
    for code in wanted:
        post, created = Post.objects.get_or_create(article=article, channel=code)
        if created:
            queued.append(post)
            transaction.on_commit(functools.partial(_enqueue, post.pk, None))
    return queued


def _enqueue(post_id: int, run_after: datetime.datetime | None) -> None:
    from ttdn.content.tasks import deliver_post

    task = deliver_post.using(run_after=run_after) if run_after else deliver_post
    task.enqueue(post_id)


@transaction.atomic
def deliver(post_id: int, *, now: datetime.datetime | None = None) -> Post | None:
    """Try to post once. Sent: the post's address and time are recorded. Refused: the error is
    recorded and, below MAX_ATTEMPTS, another try is queued after `backoff`; at the limit the
    post is marked failed. A post already sent or failed, or whose channel is no longer
    configured, is left alone. Returns the post (None if it no longer exists)."""
    post = (
        Post.objects.select_for_update(of=("self",))
        .filter(pk=post_id)
        .select_related("article")
        .first()
    )
    if post is None or post.status != PostStatus.QUEUED:
        return post
    now = now or timezone.now()
    channel = channels.get(post.channel)
    if channel is None:
        return _fail(post, "The channel is no longer configured.")
    article = post.article
    message = channels.Message(article.title, article.summary, article.get_absolute_url())
    post.attempts += 1
    try:
        post.external_url = channel.publish(message)[:500]
    except channels.ChannelError as error:
        post.last_error = str(error)[:500]
        if post.attempts >= MAX_ATTEMPTS:
            return _fail(post, post.last_error)
        post.next_attempt_at = now + backoff(post.attempts)
        post.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        transaction.on_commit(functools.partial(_enqueue, post.pk, post.next_attempt_at))
        log.info("post %s to %s failed (attempt %s)", post.pk, post.channel, post.attempts)
        return post
    post.status, post.sent_at, post.next_attempt_at = PostStatus.SENT, now, None
    post.save(update_fields=["status", "sent_at", "attempts", "external_url", "next_attempt_at"])
    return post


def _fail(post: Post, error: str) -> Post:
    post.status, post.last_error, post.next_attempt_at = PostStatus.FAILED, error[:500], None
    post.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])
    log.warning("post %s to %s failed for good: %s", post.pk, post.channel, error)
    return post
