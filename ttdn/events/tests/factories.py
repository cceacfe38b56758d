"""One factory per model. Commemorations are made through the service, so they are valid and searchable."""

from __future__ import annotations

from typing import Any

import factory

from ttdn.events import services
from ttdn.events.enums import CalendarKind, Category, Scope, Verification
from ttdn.events.models import Commemoration


class CommemorationFactory(factory.django.DjangoModelFactory):
    """A national solar commemoration; pass `unit` with scope PROVINCE or LOCAL for a unit's own."""

    class Meta:
        model = Commemoration

    name = factory.Sequence(lambda n: f"Ngày kỷ niệm số {n}")
    calendar = CalendarKind.SOLAR
    month = 1
    day = 1
    origin_year = 1975
    scope = Scope.NATIONAL
    category = Category.HISTORY
    unit = None
    verification = Verification.VERIFIED

    @classmethod
    def _create(cls, model_class: type[Commemoration], *args: Any, **kwargs: Any) -> Commemoration:
        return services.create_commemoration(by=None, **kwargs)


def local(
    unit: Any, name: str, *, day: int, month: int, origin_year: int, scope: str = Scope.PROVINCE
) -> Commemoration:
    """A commemoration that belongs to `unit`, as the seeds' Hải Phòng and Quảng Ninh ones."""
    return CommemorationFactory(
        name=name, day=day, month=month, origin_year=origin_year, scope=scope, unit=unit
    )
