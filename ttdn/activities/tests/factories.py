"""One factory per model, and helpers that go through the services."""

from __future__ import annotations

import datetime

import factory

from ttdn.activities.enums import ActivityKind
from ttdn.activities.models import Activity, Contest, ContestLevel, Entry, Movement


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    kind = ActivityKind.CEREMONY
    title = factory.Sequence(lambda n: f"Lễ kỷ niệm số {n}")
    starts_on = datetime.date(2026, 3, 20)


class MovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Movement

    title = "Dạy tốt, học tốt"
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2026, 12, 31)


class ContestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contest

    title = "Chúng em với an toàn giao thông"
    year = 2026


class ContestLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContestLevel

    contest = factory.SubFactory(ContestFactory)
    rank = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: f"Cấp {o.rank}")


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    contest = factory.SubFactory(ContestFactory)
    title = factory.Sequence(lambda n: f"Bài dự thi {n}")
    pupils = factory.LazyFunction(lambda: ["Nguyễn Minh An — 8A"])
