"""The social-channel outbox: a published article is queued once per channel of its site; a
refused post is tried again after a growing wait and recorded; credentials never in the database."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ttdn.content import channels, services
from ttdn.content.enums import PostStatus
from ttdn.content.models import Post, Site
from ttdn.content.services import outbox
from ttdn.content.tasks import deliver_post
from ttdn.content.tests.factories import published


@pytest.fixture
def channel(settings):
    """A local test channel that refuses its first two posts."""
    settings.SOCIAL_CHANNELS = {
        "local": {
            "BACKEND": "ttdn.content.channels.LocalChannel",
            "LABEL": "Test",
            "OPTIONS": {"fail_times": 2},
        }
    }
    channels.reset()
    yield channels.get("local")
    channels.reset()


def posting(site, *codes):
    site.post_channels = list(codes)
    site.save()


def test_publishing_queues_one_post_per_configured_channel(
    sites, channel, django_capture_on_commit_callbacks
):
    posting(sites.school_a, "local", "not-configured")

    with django_capture_on_commit_callbacks(execute=True):
        article = published(sites.school_a, reviewer=sites.leader_a)

    queued = DBTaskResult.objects.filter(task_path=deliver_post.module_path)
    assert [(p.channel, p.status) for p in article.posts.all()] == [("local", PostStatus.QUEUED)]
    assert [r.args_kwargs["args"] for r in queued] == [[article.posts.get().pk]]


def test_refused_posts_are_retried_with_growing_waits_then_recorded(
    sites, channel, django_capture_on_commit_callbacks
):
    posting(sites.school_a, "local")
    article = published(sites.school_a, reviewer=sites.leader_a)
    post = article.posts.get()
    start = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        first = outbox.deliver(post.pk, now=start)
        second = outbox.deliver(post.pk, now=start + datetime.timedelta(minutes=1))
    third = outbox.deliver(post.pk, now=start + datetime.timedelta(minutes=5))

    waits = sorted(
        r.run_after for r in DBTaskResult.objects.filter(task_path=deliver_post.module_path)
    )
    assert (first.attempts, first.next_attempt_at - start) == (1, datetime.timedelta(minutes=1))
    assert (second.attempts, second.last_error) == (2, "Test: not reachable (attempt 2)")
    assert waits == [start + datetime.timedelta(minutes=1), start + datetime.timedelta(minutes=5)]
    assert (third.status, third.attempts, third.sent_at) == (
        PostStatus.SENT,
        3,
        start + datetime.timedelta(minutes=5),
    )
    assert [m.url for m in channel.sent] == [article.get_absolute_url()]


def test_a_post_fails_for_good_after_the_last_attempt(sites, settings, channel):
    settings.SOCIAL_CHANNELS["local"]["OPTIONS"]["fail_times"] = 99
    channels.reset()
    posting(sites.school_a, "local")
    post = published(sites.school_a, reviewer=sites.leader_a).posts.get()

    for _ in range(outbox.MAX_ATTEMPTS + 1):
        outbox.deliver(post.pk)

    post.refresh_from_db()
    assert (post.status, post.attempts, post.next_attempt_at) == (
        PostStatus.FAILED,
        outbox.MAX_ATTEMPTS,
        None,
    )


def test_backoff_grows_fourfold():
    assert [outbox.backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 4, 16, 64]


def test_republishing_does_not_post_again(sites, channel):
    posting(sites.school_a, "local")
    article = published(sites.school_a, reviewer=sites.leader_a)
    services.unpublish_article(article, by=sites.leader_a, reason="Sửa")

    services.publish_without_review(article, by=sites.leader_a, reason="Đã sửa")

    assert Post.objects.filter(article=article).count() == 1


def test_no_credentials_are_stored_with_a_site_or_a_post():
    stored = {f.name for model in (Site, Post) for f in model._meta.get_fields()}

    assert {name for name in stored if any(w in name for w in ("token", "secret", "password"))} == (
        set()
    )


def test_article_page_shows_each_posts_result(client, sites, channel):
    posting(sites.school_a, "local")
    article = published(sites.school_a, reviewer=sites.leader_a)
    outbox.deliver(article.posts.get().pk)
    client.force_login(sites.leader_a)

    page = client.get(reverse("content:article_detail", args=[article.pk]))

    assert [(label, post.attempts) for post, label in page.context["posts"]] == [("Test", 1)]
    assert "1 attempt failed; next try" in page.content.decode()
