"""What apps register: a model, the function giving an object's `SearchText`, its index table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model


@dataclass(frozen=True)
class SearchText:
    """The searchable text of one object: matches in the title rank higher."""

    title: str
    body: str = ""


@dataclass(frozen=True)
class Registration:
    model: type[Model]
    text: Callable[[Any], SearchText]
    table: str


REGISTRY: dict[str, Registration] = {}


def index_table(label: str) -> str:
    """The index table of a model: "documents.Document" → "documents_document_search"."""
    return label.lower().replace(".", "_") + "_search"


def registration_of(model: type[Model]) -> Registration:
    try:
        return REGISTRY[model._meta.label_lower]
    except KeyError:
        raise ImproperlyConfigured(f"{model._meta.label} is not registered for search") from None
