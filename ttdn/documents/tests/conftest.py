from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from ttdn.core.tests import fixtures
from ttdn.documents import importers, services
from ttdn.documents.citations import number_symbol_key
from ttdn.documents.models import Document

bearer = fixtures.bearer

SEEDS = Path(__file__).resolve().parents[3] / "tests" / "seeds"  # byte copies of ../shared/seeds


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted by their English msgids; pages are served in the requested language."""
    with translation.override("en"):
        yield


@pytest.fixture
def in_english(client):
    """Pages in English, as after the language switch (the UI ignores Accept-Language)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def library(db) -> dict[str, Document]:
    """The packaged reference list, loaded: its documents by number-and-symbol key."""
    services.load_legal_documents(importers.read_legal_documents(), by=None)
    return {document.symbol_key: document for document in Document.objects.all()}


@pytest.fixture
def document_of(library):
    def find(number_symbol: str) -> Document:
        return library[number_symbol_key(number_symbol)]

    return find


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
