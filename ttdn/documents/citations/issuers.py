"""Issuers: reading the "của …" after a citation, and comparing a cited issuer with the
recorded one. A body and its head are one issuer: "Bộ trưởng Bộ GDĐT" signs for "Bộ Giáo dục
và Đào tạo", "Chủ tịch UBND tỉnh" for "Ủy ban nhân dân tỉnh" (but the Prime Minister is not
the Government: "QĐ-TTg" and "NĐ-CP" are different issuers)."""

import itertools
import re
from collections.abc import Iterator

from ttdn.core.text import fold
from ttdn.documents.citations.types import TYPE_NAMES

_ALL_NAMES = [name for names in TYPE_NAMES.values() for name in names]
_SPACES = re.compile(r"\s+")
_ISSUER_LEAD = re.compile(r"\s{0,20},?\s{1,20}(?i:của)\s{1,20}")
_ISSUER_WORD = re.compile(r"\s{0,20}(?P<word>[^\s,;:.()\[\]\"“”!?]+)")
# An issuer whose official name has a comma in it.
_COMMA_ISSUER = re.compile(
    r"(?i:Bộ\s{1,20}Văn\s{1,20}h(?:óa|oá),\s{1,20}Thể\s{1,20}thao\s{1,20}và\s{1,20}Du\s{1,20}lịch)"
)
_MAX_ISSUER_WORDS = 12
# Lower-case words that end an issuer's name: the trích yếu or the sentence goes on.
_ISSUER_STOPS = frozenset(
    [
        "về",
        "việc",
        "v/v",
        "tại",
        "trên",
        "đến",
        "nhằm",
        "theo",
        "đã",
        "được",
        "với",
        "cho",
        "là",
        "có",
        "các",
        "những",
        "ngày",
        "số",
        "như",
        "để",
        "khi",
        "trong",
        "từ",
        "sau",
        "nay",
        "này",
        "gửi",
        "năm",
        "đối",
        "thì",
        "mà",
        "nên",
        "vì",
        "do",
        "qua",
    ]
)
_ISSUER_STOP_PAIRS = frozenset(
    tuple(pair.split())
    for pair in (
        "phê duyệt",
        "hướng dẫn",
        "thực hiện",
        "triển khai",
        "ban hành",
        "quy định",
        "sửa đổi",
        "bổ sung",
        "phối hợp",
        "chỉ đạo",
        "tổ chức",
        "xây dựng",
        "công tác",
        "quản lý",
        "phát động",
        "yêu cầu",
        "đề nghị",
        "kèm theo",
    )
)
_CONNECTORS = frozenset({"và", "-", "–"})
_TYPE_NAME_STARTS = frozenset(tuple(fold(name).split()) for name in _ALL_NAMES)
_ISSUER_ABBREVIATIONS = tuple(
    (re.compile(rf"\b{pattern}\b"), expansion)
    for pattern, expansion in (
        ("ubnd", "uy ban nhan dan"),
        ("hdnd", "hoi dong nhan dan"),
        ("bgddt", "bo giao duc va dao tao"),
        ("sgddt", "so giao duc va dao tao"),
        ("pgddt", "phong giao duc va dao tao"),
        ("gd ?& ?dt|gd dt|gddt", "giao duc va dao tao"),
        ("btttt", "bo thong tin va truyen thong"),
        ("ttg", "thu tuong chinh phu"),
        ("tp", "thanh pho"),
    )
)
# A head signing for the body they lead: "bo truong bo …" is "bo …".
_HEADS = re.compile(
    r"^(?:(?:pho )?(?:bo truong|chu tich|giam doc|truong phong|hieu truong|cuc truong|"
    r"vu truong|tong cuc truong|chanh van phong|truong ban)) (?=(?:bo|uy ban|so|phong|truong|"
    r"cuc|vu|tong cuc|van phong|ban|hoi dong)\b)"
)


def issuer_key(issuer: str) -> str:
    """The folded issuer with common abbreviations spelled out.

    "Sở GDĐT" → "so giao duc va dao tao", "UBND tỉnh" → "uy ban nhan dan tinh", "Chủ tịch
    UBND tỉnh" → "uy ban nhan dan tinh" (a head signs for the body).
    """
    key = fold(issuer)
    for pattern, expansion in _ISSUER_ABBREVIATIONS:
        key = pattern.sub(expansion, key)
    return _HEADS.sub("", key)


def issuers_agree(cited: str, recorded: str) -> bool:
    """Whether a cited issuer names the recorded one, ignoring what either leaves out
    at the end: "Ủy ban nhân dân thành phố" agrees with "Ủy ban nhân dân thành phố
    Hải Phòng", "Sở GDĐT" with "Sở Giáo dục và Đào tạo Hải Phòng"; "Chính phủ"
    does not agree with "Thủ tướng Chính phủ".
    """
    cited_words, recorded_words = issuer_key(cited).split(), issuer_key(recorded).split()
    shorter = min(len(cited_words), len(recorded_words))
    return cited_words[:shorter] == recorded_words[:shorter]


def read_issuer(text: str, position: int, limit: int) -> tuple[str | None, int]:
    """The issuer named by "của …" at `position`, read no further than `limit`."""
    lead = _ISSUER_LEAD.match(text, position, limit)
    if lead is None:
        return None, position
    known = _COMMA_ISSUER.match(text, lead.end(), limit)
    if known is not None:
        return _SPACES.sub(" ", known.group()), known.end()
    words = list(itertools.islice(_words(text, lead.end(), limit), _MAX_ISSUER_WORDS + 1))
    count = _issuer_length([word for word, _ in words])
    if count == 0:
        return None, position
    return " ".join(word for word, _ in words[:count]), words[count - 1][1]


def _words(text: str, position: int, limit: int) -> Iterator[tuple[str, int]]:
    """Successive (word, end) pairs from `position`, up to punctuation or `limit`."""
    while (match := _ISSUER_WORD.match(text, position, limit)) is not None:
        yield match["word"], match.end()
        position = match.end()


def _issuer_length(words: list[str]) -> int:
    """How many of `words` name the issuer: up to a stop word, a type name or the cap."""
    count = 0
    for index in range(min(len(words), _MAX_ISSUER_WORDS)):
        if _ends_issuer(words, index):
            break
        count = index + 1
    while count and words[count - 1].lower() in _CONNECTORS:
        count -= 1
    return count


def _ends_issuer(words: list[str], index: int) -> bool:
    word = words[index].lower()
    following = words[index + 1] if index + 1 < len(words) else ""
    if word in _ISSUER_STOPS or (word, following.lower()) in _ISSUER_STOP_PAIRS:
        return True
    if word in _CONNECTORS and not following[:1].isupper():
        return True
    after_connector = index > 0 and words[index - 1].lower() in _CONNECTORS
    return after_connector and _starts_type_name(words[index:])


def _starts_type_name(words: list[str]) -> bool:
    """Whether `words` begin with a capitalised type name ("Nghị quyết Đại hội …")."""
    folded = tuple(fold(word) for word in words[:4])
    starts = {folded[:length] for length in range(1, len(folded) + 1)}
    return words[0][:1].isupper() and not starts.isdisjoint(_TYPE_NAME_STARTS)
