"""What the editorial screens share: the site a person may edit."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from ttdn.content.models import (
    Site,
)
from ttdn.core import access


def writable_site(request: HttpRequest, code: str) -> Site:
    units = access.supervised_units(request.user, access.EDITING_ROLES)
    return get_object_or_404(
        Site.objects.select_related("unit"), unit__in=units.values("pk"), unit__code=code
    )
