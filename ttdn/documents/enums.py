"""Choices of the legal library: document types, statuses, relations, classification, checks."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core.states import Flow
from ttdn.docgen import Authority
from ttdn.docgen import DocumentType as PrintedType
from ttdn.org.enums import Role


class DocumentType(models.TextChoices):
    """The parser's `citations.DocumentType` as model choices: the same values, translated labels.

    Legal normative types, the administrative types of Nghị định 30/2020 (Art. 7) and the
    Party documents the plans cite. The Vietnamese label is the name printed on a document.
    """

    CONSTITUTION = "constitution", pgettext_lazy("document type", "Constitution")
    LEGAL_CODE = "legal_code", pgettext_lazy("document type", "Code")
    LAW = "law", pgettext_lazy("document type", "Law")
    ORDINANCE = "ordinance", pgettext_lazy("document type", "Ordinance")
    ORDER = "order", pgettext_lazy("document type", "Order")
    RESOLUTION = "resolution", pgettext_lazy("document type", "Resolution")
    JOINT_RESOLUTION = "joint_resolution", pgettext_lazy("document type", "Joint resolution")
    DECREE = "decree", pgettext_lazy("document type", "Decree")
    DECISION = "decision", pgettext_lazy("document type", "Decision")
    CIRCULAR = "circular", pgettext_lazy("document type", "Circular")
    JOINT_CIRCULAR = "joint_circular", pgettext_lazy("document type", "Joint circular")
    DIRECTIVE = "directive", pgettext_lazy("document type", "Directive")
    REGULATION = "regulation", pgettext_lazy("document type", "Regulation")
    RULE = "rule", pgettext_lazy("document type", "Rule")
    COMMUNIQUE = "communique", pgettext_lazy("document type", "Communiqué")
    NOTICE = "notice", pgettext_lazy("document type", "Notice")
    GUIDANCE = "guidance", pgettext_lazy("document type", "Guidance")
    PROGRAMME = "programme", pgettext_lazy("document type", "Programme")
    ACTION_PROGRAMME = "action_programme", pgettext_lazy("document type", "Action programme")
    PLAN = "plan", pgettext_lazy("document type", "Plan")
    OPTION = "option", pgettext_lazy("document type", "Option")
    SCHEME = "scheme", pgettext_lazy("document type", "Scheme")
    PROJECT = "project", pgettext_lazy("document type", "Project")
    REPORT = "report", pgettext_lazy("document type", "Report")
    MINUTES = "minutes", pgettext_lazy("document type", "Minutes")
    PROPOSAL = "proposal", pgettext_lazy("document type", "Proposal")
    CONTRACT = "contract", pgettext_lazy("document type", "Contract")
    OFFICIAL_LETTER = "official_letter", pgettext_lazy("document type", "Official letter")
    OFFICIAL_TELEGRAM = "official_telegram", pgettext_lazy("document type", "Official telegram")
    MEMORANDUM = "memorandum", pgettext_lazy("document type", "Memorandum of understanding")
    AGREEMENT = "agreement", pgettext_lazy("document type", "Agreement")
    AUTHORISATION = "authorisation", pgettext_lazy("document type", "Authorisation")
    INVITATION = "invitation", pgettext_lazy("document type", "Invitation")
    INTRODUCTION_LETTER = (
        "introduction_letter",
        pgettext_lazy("document type", "Letter of introduction"),
    )
    LEAVE_PERMIT = "leave_permit", pgettext_lazy("document type", "Leave permit")
    DISPATCH_SLIP = "dispatch_slip", pgettext_lazy("document type", "Dispatch slip")
    TRANSFER_SLIP = "transfer_slip", pgettext_lazy("document type", "Transfer slip")
    NOTIFICATION_SLIP = "notification_slip", pgettext_lazy("document type", "Notification slip")
    PUBLIC_LETTER = "public_letter", pgettext_lazy("document type", "Public letter")
    CONCLUSION = "conclusion", pgettext_lazy("document type", "Conclusion")
    INSTRUCTION = "instruction", pgettext_lazy("document type", "Instruction")
    CONSOLIDATED_TEXT = "consolidated_text", pgettext_lazy("document type", "Consolidated text")


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", pgettext_lazy("document status", "In force")
    AMENDED = "amended", pgettext_lazy("document status", "Amended")
    REPLACED = "replaced", pgettext_lazy("document status", "Replaced")
    EXPIRED = "expired", pgettext_lazy("document status", "Expired")


# Moves of a document's status; back to "in force" corrects a mistake.
DOCUMENT_FLOW = Flow(
    DocumentStatus,
    {
        DocumentStatus.IN_FORCE: {
            DocumentStatus.AMENDED,
            DocumentStatus.REPLACED,
            DocumentStatus.EXPIRED,
        },
        DocumentStatus.AMENDED: {
            DocumentStatus.IN_FORCE,
            DocumentStatus.REPLACED,
            DocumentStatus.EXPIRED,
        },
        DocumentStatus.REPLACED: {DocumentStatus.IN_FORCE},
        DocumentStatus.EXPIRED: {DocumentStatus.IN_FORCE},
    },
)
NOT_IN_FORCE = frozenset({DocumentStatus.REPLACED, DocumentStatus.EXPIRED})


class RelationKind(models.TextChoices):
    """What the source document does to the target: "72/2015/NĐ-CP guides …"."""

    AMENDS = "amends", pgettext_lazy("document relation", "Amends")
    REPLACES = "replaces", pgettext_lazy("document relation", "Replaces")
    GUIDES = "guides", pgettext_lazy("document relation", "Guides")
    IMPLEMENTS = "implements", pgettext_lazy("document relation", "Implements")

    @property
    def inverse_label(self) -> str:
        """The relation read from the target: "Amended by"."""
        return str(INVERSE_LABELS[self])


INVERSE_LABELS = {
    RelationKind.AMENDS: pgettext_lazy("document relation", "Amended by"),
    RelationKind.REPLACES: pgettext_lazy("document relation", "Replaced by"),
    RelationKind.GUIDES: pgettext_lazy("document relation", "Guided by"),
    RelationKind.IMPLEMENTS: pgettext_lazy("document relation", "Implemented by"),
}
# What relating two documents does to the target's status (from → to).
RELATION_MOVES = {
    RelationKind.REPLACES: (
        {DocumentStatus.IN_FORCE, DocumentStatus.AMENDED},
        DocumentStatus.REPLACED,
    ),
    RelationKind.AMENDS: ({DocumentStatus.IN_FORCE}, DocumentStatus.AMENDED),
}


class Classification(models.TextChoices):
    """Public documents may appear on public pages; internal ones never do."""

    PUBLIC = "public", pgettext_lazy("classification", "Public")
    INTERNAL = "internal", pgettext_lazy("classification", "Internal")


class Verification(models.TextChoices):
    """How far the reference data's metadata of a document was checked against its source."""

    VERIFIED = "verified", _("Verified")
    PARTLY = "partly", _("Partly verified")
    UNVERIFIED = "unverified", _("Unverified")


class CitationStatus(models.TextChoices):
    """What the checker found for a citation. Each status has its own words, colour and icon
    (`severity`, `icon`); problems are listed before the rest (`rank`)."""

    OK = "ok", pgettext_lazy("citation status", "OK")
    OK_UNVERIFIED = "ok_unverified", pgettext_lazy("citation status", "OK (unverified record)")
    UNKNOWN = "unknown", pgettext_lazy("citation status", "Not in the library")
    MALFORMED = "malformed", pgettext_lazy("citation status", "Symbol written wrongly")
    FUTURE = "future", pgettext_lazy("citation status", "Dated after the citing document")
    DATE_MISMATCH = "date_mismatch", pgettext_lazy("citation status", "Date differs")
    ISSUER_MISMATCH = "issuer_mismatch", pgettext_lazy("citation status", "Issuer differs")
    NOT_IN_FORCE = "not_in_force", pgettext_lazy("citation status", "Not in force")
    CHRONOLOGY = "chronology", pgettext_lazy("citation status", "Impossible order")

    @property
    def severity(self) -> str:
        """ "problem", "unknown", "caution" or "ok": the colour it is shown in."""
        return _CITATION_SEVERITY.get(self, "problem")

    @property
    def icon(self) -> str:
        return _SEVERITY_ICONS[self.severity]

    @property
    def rank(self) -> int:
        """Problems first, then unknown documents, then unverified matches, then the rest."""
        return list(_SEVERITY_ICONS).index(self.severity)


_CITATION_SEVERITY = {
    CitationStatus.OK: "ok",
    CitationStatus.OK_UNVERIFIED: "caution",
    CitationStatus.UNKNOWN: "unknown",
}
_SEVERITY_ICONS = {"problem": "✗", "unknown": "?", "caution": "!", "ok": "✓"}


# Who decides what a unit's public page publishes (who writes: access.EDITING_ROLES).
PUBLISHING_ROLES = frozenset({Role.LEADER, Role.EDITOR})


class OutgoingType(models.TextChoices):
    """The types of outgoing documents the register numbers, printed through ttdn.docgen.

    The value of `docgen.DocumentType` for each is in OUTGOING_DOCGEN_TYPES (docgen stays a
    pure library, so the mapping lives here).
    """

    LETTER = "letter", pgettext_lazy("outgoing type", "Official letter (công văn)")
    PLAN = "plan", pgettext_lazy("outgoing type", "Plan")
    REPORT = "report", pgettext_lazy("outgoing type", "Report")
    NOTICE = "notice", pgettext_lazy("outgoing type", "Notice")
    DECISION = "decision", pgettext_lazy("outgoing type", "Decision")
    INVITATION = "invitation", pgettext_lazy("outgoing type", "Invitation")
    CERTIFICATE = "certificate", pgettext_lazy("outgoing type", "Certificate")


class SigningAuthority(models.TextChoices):
    """The prefix of the signer's title line (Nghị định 30/2020, Phụ lục I §II.7)."""

    ON_BEHALF_OF = "on_behalf_of", pgettext_lazy("signing authority", "TM. (on behalf of)")
    ACTING = "acting", pgettext_lazy("signing authority", "Q. (acting head)")
    DEPUTY = "deputy", pgettext_lazy("signing authority", "KT. (deputy signs for the head)")
    BY_ORDER = "by_order", pgettext_lazy("signing authority", "TL. (by order)")
    BY_AUTHORISATION = (
        "by_authorisation",
        pgettext_lazy("signing authority", "TUQ. (by authorisation)"),
    )


# Who sets a unit's letterhead (abbreviation, names); who issues: access.WRITING_ROLES.
LETTERHEAD_ROLES = frozenset({Role.LEADER})
WITHDRAWING_ROLES = frozenset({Role.LEADER})

# What docgen prints for each: its type (name and abbreviation) and authority prefix.
PRINTED_TYPES = {
    OutgoingType.LETTER: PrintedType.LETTER,
    OutgoingType.PLAN: PrintedType.PLAN,
    OutgoingType.REPORT: PrintedType.REPORT,
    OutgoingType.NOTICE: PrintedType.NOTICE,
    OutgoingType.DECISION: PrintedType.DECISION,
    OutgoingType.INVITATION: PrintedType.INVITATION,
    OutgoingType.CERTIFICATE: PrintedType.CERTIFICATE,
}
OUTGOING_TYPES = {printed: outgoing for outgoing, printed in PRINTED_TYPES.items()}
PRINTED_AUTHORITIES = {
    SigningAuthority.ON_BEHALF_OF: Authority.ON_BEHALF_OF,
    SigningAuthority.ACTING: Authority.ACTING,
    SigningAuthority.DEPUTY: Authority.DEPUTY,
    SigningAuthority.BY_ORDER: Authority.BY_ORDER,
    SigningAuthority.BY_AUTHORISATION: Authority.BY_AUTHORISATION,
}
