"""The pre-computed roll-ups (figures) and tallies (completeness) that consolidations read."""

from __future__ import annotations

from decimal import Decimal

from django.db import models

from ttdn.core.models import max_length_of
from ttdn.org.enums import UnitLevel
from ttdn.reports.enums import Basis
from ttdn.reports.models.forms import Indicator
from ttdn.reports.models.rounds import Round


class RollUp(models.Model):
    """Pre-computed consolidation of one unit (as the round froze the tree), for one level of
    the reporting units, one indicator and one basis. Services keep it up to date on every
    status move and value change; consolidation pages read it instead of scanning values."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    parent = models.ForeignKey(
        "org.Unit", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    level = models.CharField(max_length=max_length_of(UnitLevel), choices=UnitLevel)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    basis = models.CharField(max_length=max_length_of(Basis), choices=Basis)
    count = models.IntegerField(default=0)
    total = models.DecimalField(max_digits=22, decimal_places=4, default=Decimal(0))
    minimum = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    maximum = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    yes_count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit", "basis", "level", "indicator"], name="one_roll_up"
            )
        ]
        indexes = [models.Index(fields=["round", "parent", "basis"])]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.unit_id}/{self.level}/{self.indicator_id}/{self.basis}"


class ReportCount(models.Model):
    """How many reports one unit's consolidation counts (as the round froze the tree), for one
    level of the reporting units and one basis, and how many of them are approved reports
    changed since their approval: the same reports as the unit's roll-ups, so a consolidation
    reads these figures instead of counting its reports. Services move them with the roll-ups."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    level = models.CharField(max_length=max_length_of(UnitLevel), choices=UnitLevel)
    basis = models.CharField(max_length=max_length_of(Basis), choices=Basis)
    reports = models.IntegerField(default=0)
    changed = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit", "basis", "level"], name="one_report_count"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.unit_id}/{self.level}/{self.basis}"


class Tally(models.Model):
    """Pre-computed completeness of one unit's subtree (the unit included), as the round froze
    the tree, for the expected units of one level and one deadline. A unit's completeness page
    reads the tallies of its children (`parent`) instead of scanning every submission below it;
    services move the counters on every status change. Overdue = `waiting` where `due_on` has
    passed, so the rows do not go stale with the calendar."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    parent = models.ForeignKey(
        "org.Unit", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    level = models.CharField(max_length=max_length_of(UnitLevel), choices=UnitLevel)
    due_on = models.DateField()
    expected = models.IntegerField(default=0)
    submitted = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    approved = models.IntegerField(default=0)
    returned = models.IntegerField(default=0)
    waiting = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "unit", "level", "due_on"], name="one_tally")
        ]
        indexes = [models.Index(fields=["round", "parent"])]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.unit_id}/{self.level}/{self.due_on}"
