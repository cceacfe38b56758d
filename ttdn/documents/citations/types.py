"""The types of documents a citation can name, their printed names and the abbreviations of
their symbols (Nghị định 30/2020, Phụ lục III)."""

import enum


class DocumentType(enum.StrEnum):
    """Types of legal normative documents, of Nghị định 30/2020 administrative
    documents (Art. 7) and of the Party documents the plans cite."""

    CONSTITUTION = "constitution"
    LEGAL_CODE = "legal_code"
    LAW = "law"
    ORDINANCE = "ordinance"
    ORDER = "order"
    RESOLUTION = "resolution"
    JOINT_RESOLUTION = "joint_resolution"
    DECREE = "decree"
    DECISION = "decision"
    CIRCULAR = "circular"
    JOINT_CIRCULAR = "joint_circular"
    DIRECTIVE = "directive"
    REGULATION = "regulation"
    RULE = "rule"
    COMMUNIQUE = "communique"
    NOTICE = "notice"
    GUIDANCE = "guidance"
    PROGRAMME = "programme"
    ACTION_PROGRAMME = "action_programme"
    PLAN = "plan"
    OPTION = "option"
    SCHEME = "scheme"
    PROJECT = "project"
    REPORT = "report"
    MINUTES = "minutes"
    PROPOSAL = "proposal"
    CONTRACT = "contract"
    OFFICIAL_LETTER = "official_letter"
    OFFICIAL_TELEGRAM = "official_telegram"
    MEMORANDUM = "memorandum"
    AGREEMENT = "agreement"
    AUTHORISATION = "authorisation"
    INVITATION = "invitation"
    INTRODUCTION_LETTER = "introduction_letter"
    LEAVE_PERMIT = "leave_permit"
    DISPATCH_SLIP = "dispatch_slip"
    TRANSFER_SLIP = "transfer_slip"
    NOTIFICATION_SLIP = "notification_slip"
    PUBLIC_LETTER = "public_letter"
    CONCLUSION = "conclusion"
    INSTRUCTION = "instruction"
    CONSOLIDATED_TEXT = "consolidated_text"

    @property
    def vietnamese_name(self) -> str:
        """The type's name as printed on a document: "Nghị định", "Kế hoạch"."""
        return TYPE_NAMES[self][0]


# The first name of each type is its official name; the others are spellings
# that occur in practice (old tone placement "thoả", "uỷ").
TYPE_NAMES: dict[DocumentType, tuple[str, ...]] = {
    DocumentType.CONSTITUTION: ("Hiến pháp",),
    DocumentType.LEGAL_CODE: ("Bộ luật",),
    DocumentType.LAW: ("Luật",),
    DocumentType.ORDINANCE: ("Pháp lệnh",),
    DocumentType.ORDER: ("Lệnh",),
    DocumentType.RESOLUTION: ("Nghị quyết",),
    DocumentType.JOINT_RESOLUTION: ("Nghị quyết liên tịch",),
    DocumentType.DECREE: ("Nghị định",),
    DocumentType.DECISION: ("Quyết định",),
    DocumentType.CIRCULAR: ("Thông tư",),
    DocumentType.JOINT_CIRCULAR: ("Thông tư liên tịch",),
    DocumentType.DIRECTIVE: ("Chỉ thị",),
    DocumentType.REGULATION: ("Quy chế",),
    DocumentType.RULE: ("Quy định",),
    DocumentType.COMMUNIQUE: ("Thông cáo",),
    DocumentType.NOTICE: ("Thông báo", "Thông báo kết luận"),
    DocumentType.GUIDANCE: ("Hướng dẫn",),
    DocumentType.PROGRAMME: ("Chương trình",),
    DocumentType.ACTION_PROGRAMME: ("Chương trình hành động",),
    DocumentType.PLAN: ("Kế hoạch",),
    DocumentType.OPTION: ("Phương án",),
    DocumentType.SCHEME: ("Đề án",),
    DocumentType.PROJECT: ("Dự án",),
    DocumentType.REPORT: ("Báo cáo",),
    DocumentType.MINUTES: ("Biên bản",),
    DocumentType.PROPOSAL: ("Tờ trình",),
    DocumentType.CONTRACT: ("Hợp đồng",),
    DocumentType.OFFICIAL_LETTER: ("Công văn", "Văn bản"),
    DocumentType.OFFICIAL_TELEGRAM: ("Công điện",),
    DocumentType.MEMORANDUM: ("Bản ghi nhớ",),
    DocumentType.AGREEMENT: ("Bản thỏa thuận", "Bản thoả thuận"),
    DocumentType.AUTHORISATION: ("Giấy ủy quyền", "Giấy uỷ quyền"),
    DocumentType.INVITATION: ("Giấy mời",),
    DocumentType.INTRODUCTION_LETTER: ("Giấy giới thiệu",),
    DocumentType.LEAVE_PERMIT: ("Giấy nghỉ phép",),
    DocumentType.DISPATCH_SLIP: ("Phiếu gửi",),
    DocumentType.TRANSFER_SLIP: ("Phiếu chuyển",),
    DocumentType.NOTIFICATION_SLIP: ("Phiếu báo",),
    DocumentType.PUBLIC_LETTER: ("Thư công",),
    DocumentType.CONCLUSION: ("Kết luận",),
    DocumentType.INSTRUCTION: ("Thông tri",),
    DocumentType.CONSOLIDATED_TEXT: ("Văn bản hợp nhất",),
}

# Type abbreviations inside symbols (Nghị định 30/2020 Phụ lục III and the
# legal normative types), folded. "Văn bản số …" is typed by its symbol.
TYPE_BY_ABBREVIATION: dict[str, DocumentType] = {
    "l": DocumentType.ORDER,
    "nq": DocumentType.RESOLUTION,
    "nqlt": DocumentType.JOINT_RESOLUTION,
    "nd": DocumentType.DECREE,
    "qd": DocumentType.DECISION,
    "tt": DocumentType.CIRCULAR,
    "ttlt": DocumentType.JOINT_CIRCULAR,
    "ct": DocumentType.DIRECTIVE,
    "qc": DocumentType.REGULATION,
    "qyd": DocumentType.RULE,
    "qdi": DocumentType.RULE,
    "tc": DocumentType.COMMUNIQUE,
    "tb": DocumentType.NOTICE,
    "hd": DocumentType.GUIDANCE,
    "ctr": DocumentType.PROGRAMME,
    "kh": DocumentType.PLAN,
    "pa": DocumentType.OPTION,
    "da": DocumentType.PROJECT,
    "bc": DocumentType.REPORT,
    "bb": DocumentType.MINUTES,
    "ttr": DocumentType.PROPOSAL,
    "cd": DocumentType.OFFICIAL_TELEGRAM,
    "kl": DocumentType.CONCLUSION,
    "vbhn": DocumentType.CONSOLIDATED_TEXT,
}


# Legal normative documents carry their year in the symbol since 2016 ("72/2015/NĐ-CP") and
# are identified by it alone; any other document (a plan, a letter, a report, a decision on
# a single matter) is identified by its issuer, its number and symbol and its date.
NORMATIVE_TYPES = frozenset(
    {
        DocumentType.CONSTITUTION,
        DocumentType.LEGAL_CODE,
        DocumentType.LAW,
        DocumentType.ORDINANCE,
        DocumentType.ORDER,
        DocumentType.RESOLUTION,
        DocumentType.JOINT_RESOLUTION,
        DocumentType.DECREE,
        DocumentType.CIRCULAR,
        DocumentType.JOINT_CIRCULAR,
    }
)
