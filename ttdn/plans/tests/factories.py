"""One factory per model, and helpers that go through the services."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import factory

from ttdn.plans import exports, services
from ttdn.plans.importer import import_file
from ttdn.plans.models import Plan, PlanSection, PlanSubmission, PlanTask

SEEDS = Path(__file__).resolve().parents[3] / "tests" / "seeds"
SEED_000 = next(SEEDS.glob("000_*.txt"))
SEED_001 = next(SEEDS.glob("001_*.txt"))


class PlanFactory(factory.django.DjangoModelFactory):
    """A printable draft: title, signer and recipients filled in."""

    class Meta:
        model = Plan

    year = 2026
    title = factory.Sequence(lambda n: f"Kế hoạch công tác thông tin đối ngoại số {n}")
    recipients = factory.LazyFunction(lambda: ["Các trường trực thuộc", "Lưu: VT"])
    signer_position = "TRƯỞNG PHÒNG"
    signer_name = "Nguyễn Văn A"


class PlanSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanSection

    plan = factory.SubFactory(PlanFactory)
    heading = "I. MỤC ĐÍCH, YÊU CẦU"
    marker = "I."
    body = "<p>Nâng cao chất lượng thông tin đối ngoại.</p>"


class PlanTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanTask

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Nhiệm vụ {n}")


class PlanSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanSubmission

    requesting_plan = factory.SubFactory(PlanFactory)
    unit_name = factory.LazyAttribute(lambda o: o.unit.name)
    unit_level = factory.LazyAttribute(lambda o: o.unit.level)
    due = datetime.date(2026, 3, 10)


def printable_plan(unit: Any, **fields: Any) -> Plan:
    """A draft plan of `unit` with one section and one task."""
    plan = PlanFactory(unit=unit, **fields)
    section = PlanSectionFactory(plan=plan)
    PlanTaskFactory(plan=plan, section=section, title="Cập nhật tin bài lên trang thông tin")
    return plan


def imported(unit: Any, seed: Path = SEED_000, by: Any = None) -> Plan:
    return services.save_imported(import_file(seed), unit=unit, by=by)


def issue(plan: Plan, by: Any, units: Any = (), due: datetime.date | None = None) -> Plan:
    return services.issue_plan(
        plan, doc=exports.plan_document(plan), by=by, required_units=units, submissions_due=due
    )
