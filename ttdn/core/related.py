"""What higher apps link to an object of a lower one, shown on the lower one's page.

An article (content) cannot import plans, yet its page lists the plan tasks it is evidence for:
plans registers a provider for "content.article" and the article's page asks this registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class RelatedLink:
    title: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class RelatedGroup:
    label: str | Promise
    links: list[RelatedLink] = field(default_factory=list)


# (user, object) -> the links the person may see; an empty list hides the group.
Provider = Callable[[Any, Any], list[RelatedLink]]
_providers: dict[str, list[tuple[str | Promise, Provider]]] = {}


def register(model_label: str, label: str | Promise, provider: Provider) -> None:
    """Add a provider of links for objects of `model_label` ("app_label.modelname"). Idempotent."""
    entries = _providers.setdefault(model_label.lower(), [])
    if all(existing is not provider for _label, existing in entries):
        entries.append((label, provider))


def for_object(user: Any, obj: models.Model) -> list[RelatedGroup]:
    """Every registered group of links for `obj` that has something the person may see."""
    groups = [
        RelatedGroup(label, provider(user, obj))
        for label, provider in _providers.get(obj._meta.label_lower, [])
    ]
    return [group for group in groups if group.links]


# (user, object) -> the draft a higher app prepares for it, or None. A lower app's to-do
# opens it instead of a mere page: an anniversary's reminder opens a prepared activity.
DraftProvider = Callable[[Any, Any], RelatedLink | None]
_drafts: dict[str, DraftProvider] = {}


def register_draft(model_label: str, provider: DraftProvider) -> None:
    """Name the provider of a prepared draft for objects of `model_label`; the last one wins."""
    _drafts[model_label.lower()] = provider


def draft_for(user: Any, obj: models.Model) -> RelatedLink | None:
    """The draft a higher app prepares for `obj` and the person may start, if any."""
    provider = _drafts.get(obj._meta.label_lower)
    return provider(user, obj) if provider else None
