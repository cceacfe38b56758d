"""The registries' part of the daily digest: agreements to renew, approvals to decide, remedies
due. A line comes back each day while its item stays due (as monitoring's cases do), so nothing
needs recording once the e-mails are sent."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from ttdn.core import digest
from ttdn.registries.enums import ApprovalStatus, RemedyStatus
from ttdn.registries.models import Agreement, Conference, Delegation, Finding


def collect(today: datetime.date, days_before: int) -> digest.Batch:
    """Lines for: each agreement in force that expires within `days_before` days or exactly
    AGREEMENT_RENEWAL_DAYS from today (its first notice), to its unit; each request for
    approval still undecided, to the supervising unit; each open remedy due within
    `days_before` days, to the inspected unit, and once overdue to the inspecting unit too."""
    agreements = _agreements(today, days_before)
    requests = _requests()
    remedies = _remedies(today, days_before)
    lines = [
        *(digest.Line.to_units(_agreement_line(a), a.unit_id) for a in agreements),
        *(digest.Line.to_units(_request_line(r), r.unit.parent_id) for r in requests),
        *(_remedy_line(f, today) for f in remedies),
    ]
    note = f"{len(agreements)} agreements, {len(requests)} requests, {len(remedies)} remedies"
    return digest.Batch(lines, [note])


def _agreements(today: datetime.date, days_before: int) -> list[Agreement]:
    first_notice = today + datetime.timedelta(days=settings.AGREEMENT_RENEWAL_DAYS)
    due = Agreement.objects.expiring_within(today, days_before) | Agreement.objects.in_force_on(
        today
    ).filter(expires_on=first_notice, renewals__isnull=True)
    return list(due.select_related("partner").distinct().order_by("expires_on", "pk"))


def _requests() -> list[Delegation | Conference]:
    waiting = [
        *Delegation.objects.filter(status=ApprovalStatus.REQUESTED).select_related(
            "unit", "partner"
        ),
        *Conference.objects.filter(status=ApprovalStatus.REQUESTED).select_related("unit"),
    ]
    return sorted(waiting, key=lambda r: (r.requested_at, r.pk))


def _remedies(today: datetime.date, days_before: int) -> list[Finding]:
    return list(
        Finding.objects.filter(
            remedy_status=RemedyStatus.OPEN,
            remedy_due__lte=today + datetime.timedelta(days=days_before),
        )
        .select_related("unit", "inspection")
        .order_by("remedy_due", "pk")
    )


def _agreement_line(agreement: Agreement) -> str:
    return _(
        "The agreement “%(title)s” with %(partner)s expires on %(day)s: renew it or let it end."
    ) % {
        "title": agreement.title,
        "partner": agreement.partner.name,
        "day": f"{agreement.expires_on:%d/%m/%Y}",
    }


def _request_line(request: Delegation | Conference) -> str:
    return _("%(unit)s asks for approval: %(record)s.") % {
        "unit": request.unit.name,
        "record": request,
    }


def _remedy_line(finding: Finding, today: datetime.date) -> digest.Line:
    values = {
        "unit": finding.unit.name,
        "finding": finding.description[:120],
        "day": f"{finding.remedy_due:%d/%m/%Y}",
    }
    if finding.remedy_due and finding.remedy_due < today:
        text = _("Overdue remedy at %(unit)s (due %(day)s): %(finding)s") % values
        return digest.Line.to_units(text, finding.unit_id, finding.inspection.unit_id)
    text = _("Remedy due by %(day)s at %(unit)s: %(finding)s") % values
    return digest.Line.to_units(text, finding.unit_id)
