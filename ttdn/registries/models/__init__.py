"""The registries: partners, cooperation, training, inspection (split by entity)."""

from ttdn.registries.models.cooperation import (
    Agreement,
    Conference,
    ConferenceParticipant,
    Delegation,
    DelegationMember,
    Programme,
    ProgrammeResult,
)
from ttdn.registries.models.inspection import Finding, FollowUp, Inspection
from ttdn.registries.models.partners import Partner, PartnerContact
from ttdn.registries.models.training import ContactPerson, Course, Trainee

__all__ = [
    "Agreement",
    "Conference",
    "ConferenceParticipant",
    "ContactPerson",
    "Course",
    "Delegation",
    "DelegationMember",
    "Finding",
    "FollowUp",
    "Inspection",
    "Partner",
    "PartnerContact",
    "Programme",
    "ProgrammeResult",
    "Trainee",
]
