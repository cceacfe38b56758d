from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import caches
from django.utils import translation

from ttdn.content import cache, public, services
from ttdn.content.models import Site
from ttdn.org.enums import Role
from ttdn.org.models import User
from ttdn.org.tests.factories import member


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are asserted by their English msgids: the editorial screens answer in English
    (public pages take their language from the address, Vietnamese by default)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def empty_portal_cache():
    """Pages cached by one test must not answer another's (the cache outlives rollbacks)."""
    caches["portal"].clear()
    cache.forget_sections()
    yield
    caches["portal"].clear()
    cache.forget_sections()


@pytest.fixture
def kept_sites(settings):
    """Public sites kept by the process, as deployed. Nothing commits in these tests, so no
    generation changes: the kept sites are emptied before and after, never carried over."""
    settings.KEEP_READS = True
    public._sites.clear()
    yield
    public._sites.clear()


@dataclass
class Sites:
    school_a: Site
    school_b: Site
    phong: Site
    outsider_school: Site
    editor_a: User  # an editor of school A: writes, never publishes
    leader_a: User  # school A's principal: reviews and publishes


@pytest.fixture
def sites(cast) -> Sites:
    return Sites(
        school_a=services.open_site(cast.school_a),
        school_b=services.open_site(cast.school_b),
        phong=services.open_site(cast.phong),
        outsider_school=services.open_site(cast.outsider_school),
        editor_a=member("editor-a", cast.school_a, Role.EDITOR),
        leader_a=member("leader-a", cast.school_a, Role.LEADER),
    )
