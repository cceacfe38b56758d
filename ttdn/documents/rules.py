"""Who may change the library, what a unit's public page shows and who issues and sets the
letterhead of a unit's outgoing documents, built on ttdn.core.access."""

from __future__ import annotations

from typing import Any

from ttdn.core import access
from ttdn.documents.enums import (
    LETTERHEAD_ROLES,
    PUBLISHING_ROLES,
    WITHDRAWING_ROLES,
)
from ttdn.documents.models import Document, OutgoingDocument
from ttdn.org.models import Unit, UnitQuerySet


def owning_units(user: Any) -> UnitQuerySet:
    """Units the person may add documents for: where they (or a unit above) lead, write or edit."""
    return access.supervised_units(user, access.EDITING_ROLES)


def can_add_documents(user: Any) -> bool:
    return access.is_operator(user) or owning_units(user).exists()


def can_edit_document(user: Any, document: Document) -> bool:
    """Operators edit every document; others those of units they write for (never the shared library)."""
    if access.is_operator(user):
        return True
    return document.unit is not None and access.can_act_for(
        user, document.unit, access.EDITING_ROLES
    )


def publishing_units(user: Any) -> UnitQuerySet:
    """Units whose public page the person manages: their leaders and editors (and those above)."""
    return access.supervised_units(user, PUBLISHING_ROLES)


def can_publish_for(user: Any, unit: Unit) -> bool:
    return access.is_operator(user) or access.can_act_for(user, unit, PUBLISHING_ROLES)


# --- The outgoing register -----------------------------------------------------------


def issuing_units(user: Any) -> UnitQuerySet:
    """Units the person issues documents for: where they lead or write themselves.

    A Phòng officer reads a school's register but does not number the school's documents.
    """
    return access.units_with_role(user, access.WRITING_ROLES)


def can_set_letterhead(user: Any, unit: Unit) -> bool:
    """Operators, and leaders of the unit or a unit above it."""
    return access.is_operator(user) or access.can_act_for(user, unit, LETTERHEAD_ROLES)


def can_publish_on_site(user: Any, outgoing: OutgoingDocument) -> bool:
    """Leaders and officers of the issuing unit itself put its documents on its public site
    (or take them off), as they keep its register; viewers and editors do not."""
    return issuing_units(user).filter(pk=outgoing.unit_id).exists()


def can_withdraw(user: Any, outgoing: OutgoingDocument) -> bool:
    """Leaders of the issuing unit (or above it) withdraw (thu hồi) what it issued, as they
    sign it; the entry and its number stay in the register."""
    return access.can_act_for(user, outgoing.unit, WITHDRAWING_ROLES)
