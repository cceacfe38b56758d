"""Partners and their contacts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.text import fold, nfc
from ttdn.org.models import Unit
from ttdn.registries.models import Partner, PartnerContact
from ttdn.registries.services.common import change, create


def _refuse_duplicate(name: str, country: str, *, exclude: int | None = None) -> str:
    folded = fold(nfc(name).strip())
    twins = Partner.objects.filter(folded_name=folded, country__iexact=nfc(country).strip())
    if exclude is not None:
        twins = twins.exclude(pk=exclude)
    if twins.exists():
        raise ValidationError(
            {"name": _("This partner is already recorded; choose it instead of adding it again.")}
        )
    return folded


@transaction.atomic
def record_partner(unit: Unit, *, by: Any, name: str, country: str, **fields: Any) -> Partner:
    """Record a partner once for the whole tree. Raises ValidationError when a partner of the same
    name (compared folded) and country exists, or a field is wrong."""
    folded = _refuse_duplicate(name, country)
    return create(
        Partner,
        by=by,
        unit_id=unit.pk,
        recorded_by=unit,
        name=name,
        folded_name=folded,
        country=country,
        **fields,
    )


@transaction.atomic
def update_partner(partner: Partner, *, by: Any, **fields: Any) -> Partner:
    """Change a partner's details. Raises ValidationError like `record_partner`."""
    name = fields.get("name", partner.name)
    folded = _refuse_duplicate(name, fields.get("country", partner.country), exclude=partner.pk)
    return change(partner, by=by, unit_id=partner.recorded_by_id, folded_name=folded, **fields)


@transaction.atomic
def add_contact(partner: Partner, *, unit: Unit, by: Any, **fields: Any) -> PartnerContact:
    """Record a person at the partner as `unit` knows them (seen only by that unit's side)."""
    return create(PartnerContact, by=by, partner=partner, unit=unit, **fields)


@transaction.atomic
def remove_contact(contact: PartnerContact, *, by: Any) -> None:
    audit.record(AuditAction.DELETE, contact, by=by)
    contact.delete()
