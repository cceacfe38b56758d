"""Background tasks of the portal (Django Tasks, database backend)."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_post(post_id: int) -> str:
    """Post an article to one social channel (services.outbox.deliver); returns the status."""
    from ttdn.content.services import outbox

    post = outbox.deliver(post_id)
    return str(post.status) if post else ""
