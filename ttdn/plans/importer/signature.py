"""The tail of a plan: the recipients ("Nơi nhận") and the signature block."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ttdn.plans.importer.lines import DECORATION, Report
from ttdn.plans.importer.outline import marker_shape
from ttdn.plans.importer.result import Signer


def find_tail(lines: Sequence[str], start: int) -> tuple[int, int]:
    """(end of the body, start of the recipients and signature): the body ends at "Nơi nhận",
    at a signing authority line ("KT. …") or after the line that ends the text with "./."."""
    for index in range(start, len(lines)):
        line = lines[index]
        if _RECIPIENTS.match(line) or is_authority(line):
            return index, index
        if line.endswith("./."):
            return index + 1, index + 1
    return len(lines), len(lines)


_RECIPIENTS = re.compile(r"^(?i:nơi nhận)\s*:?\s*(?P<rest>.*)$")
_AUTHORITY = re.compile(r"^(?:KT|TM|TL|TUQ|Q)\.\s*\S")
_SIGNATURE_NOTE = re.compile(r"^\((?i:đã ký|ký[^)]*|chữ ký[^)]*)\)$")


def read_tail(lines: Sequence[str], report: Report) -> tuple[tuple[str, ...], Signer | None]:
    """Recipients and signer from the lines after the body; anything else is unrecognised."""
    recipients: list[str] = []
    authority = position = name = None
    in_recipients = False
    for line in (part for whole in lines for part in _split_columns(whole)):
        recipients_line = _RECIPIENTS.match(line)
        if recipients_line:
            in_recipients = True
            line = recipients_line["rest"]
            if not line:
                continue
        item = re.match(r"^[-+•–]\s*(?P<rest>.+)$", line)
        if in_recipients and item:
            recipients.append(item["rest"].rstrip(" ;,."))
        elif in_recipients and recipients and line[:1].islower():
            recipients[-1] = f"{recipients[-1]} {line.rstrip(' ;,.')}"
        elif is_authority(line) and authority is None:
            authority = line
        elif _is_upper_line(line) and name is None:
            position = f"{position} {line}" if position else line
        elif _is_name(line) and name is None:
            name = line
        elif _SIGNATURE_NOTE.match(line) or DECORATION.match(line):
            report.dropped.append(line)
        else:
            report.unrecognised.append(line)
    signer = Signer(authority, position, name) if (authority or position or name) else None
    return tuple(recipients), signer


_COLUMNS = re.compile(
    r"^(?P<left>.*?[;:.,)])\s+(?P<right>(?:KT|TM|TL|TUQ|Q)\.\s.+|[^\W\d_]+(?:\s+[^\W\d_]+){1,6})$"
)


def _split_columns(line: str) -> list[str]:
    """A PDF line that runs the recipients column into the signature column, split in two:
    "- Sở GD&ĐT (b/c); PHÓ TRƯỞNG PHÒNG" → ["- Sở GD&ĐT (b/c);", "PHÓ TRƯỞNG PHÒNG"].
    Only a signing authority or an upper-case position is split off, never a name."""
    match = _COLUMNS.match(line)
    if match is None or not (is_authority(match["right"]) or match["right"].isupper()):
        return [line]
    if not (match["left"].startswith(("-", "+", "•", "–")) or _RECIPIENTS.match(match["left"])):
        return [line]
    return [match["left"], match["right"]]


def is_authority(line: str) -> bool:
    """A signing authority line in upper case: "KT. TRƯỞNG PHÒNG", "TM. ỦY BAN NHÂN DÂN"."""
    return _AUTHORITY.match(line) is not None and line.isupper()


def _is_upper_line(line: str) -> bool:
    return line.isupper() and not marker_shape(line)


def _is_name(line: str) -> bool:
    """A person's name: two to seven capitalised words of letters."""
    words = line.split()
    return 2 <= len(words) <= 7 and all(w[:1].isupper() and w.isalpha() for w in words)
