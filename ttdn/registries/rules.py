"""Who may do what in the registries, on top of `core.access`."""

from __future__ import annotations

from typing import Any

from ttdn.core import access
from ttdn.org.enums import Role
from ttdn.org.models import Unit
from ttdn.registries.models import Finding, Inspection


def can_record_for(user: Any, unit: Unit) -> bool:
    """Leaders and officers record their unit's cooperation, training and inspections."""
    return access.can_act_for(user, unit)


def can_edit(user: Any, record: Any) -> bool:
    return access.can_act_for(user, record.unit)


def supervising_unit(unit: Unit) -> Unit | None:
    """The unit that approves a unit's delegations and conferences: the one directly above."""
    return unit.parent


def can_decide(user: Any, record: Any) -> bool:
    """A leader of the supervising unit (or of a unit above it) decides on an approval request."""
    above = supervising_unit(record.unit)
    return above is not None and access.can_act_for(user, above, {Role.LEADER})


def can_inspect(user: Any, inspection: Inspection) -> bool:
    return access.can_act_for(user, inspection.unit)


def can_report_remedy(user: Any, finding: Finding) -> bool:
    """The inspected unit's leaders and officers report what they did about a finding."""
    return access.can_act_for(user, finding.unit)


def can_follow_up(user: Any, finding: Finding) -> bool:
    return can_inspect(user, finding.inspection) or can_report_remedy(user, finding)


def recording_units(user: Any) -> Any:
    """The units the person may record for: those where they lead or serve, and all below."""
    return access.supervised_units(user, access.WRITING_ROLES).open_on()
