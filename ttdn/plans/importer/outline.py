"""The body: lines rejoined into paragraphs and nested into numbered sections
(I. → 1. → 1.1. → a)). The rejoin rule is stated in the package's docstring."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ttdn.plans.importer.lines import Report
from ttdn.plans.importer.notes import note
from ttdn.plans.importer.result import ParsedSection

# "I." and the variants some offices type: "I-", "I -", "I/"; "1.", "1.1.", "1)", "1/", "1-".
_ROMAN = re.compile(r"^(?P<marker>(?P<value>[IVXL]{1,6})(?:\.|\s?[-–/]))\s+(?P<rest>\S.*)$")
_ARABIC = re.compile(
    r"^(?P<marker>(?P<value>\d{1,2}(?:\.\d{1,2}){0,3})(?:\.|[)/]|\s?[-–])?)\s+(?P<rest>\S.*)$"
)
TABLE_CELLS = " | "  # how `lines` joins the cells of a row of a data table
_LETTER = re.compile(r"^(?P<marker>(?P<value>[a-zđ])\))\s+(?P<rest>\S.*)$")
ITEM = re.compile(r"^(?P<marker>[-+–•])\s*(?P<rest>\S.*)$")
_ROMAN_VALID = re.compile(r"^(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_LETTERS = "abcdđefghijklmnopqrstuvwxyz"
_SENTENCE_END = re.compile(r"(?:[.!?…]|\./\.)[\"”’)\]]*$")
_DANGLING = frozenset(
    [
        "và",
        "của",
        "về",
        "với",
        "các",
        "những",
        "cho",
        "trong",
        "tại",
        "theo",
        "đến",
        "từ",
        "để",
        "là",
        "hoặc",
        "cùng",
        "trên",
        "giữa",
        "đối",
    ]
)
_LETTER_RANK = 10
_HEADING_LINES = 12  # a heading wraps over at most this many lines
_FIELD_LABEL = re.compile(
    r"^(?i:thời gian(?: thực hiện)?|thời hạn|đơn vị (?:thực hiện|chủ trì|phối hợp)|chủ trì"
    r"(?: thực hiện)?|phối hợp(?: thực hiện)?|kinh phí|sản phẩm)\s*:"
)


@dataclasses.dataclass
class _Heading:
    kind: str  # "roman" | "arabic" | "letter"
    marker: str
    value: tuple[int, ...]
    rest: str

    @property
    def rank(self) -> int:
        if self.kind == "roman":
            return 0
        return len(self.value) if self.kind == "arabic" else _LETTER_RANK


@dataclasses.dataclass
class _Node:
    heading: _Heading | None
    text: str | None = None
    # each paragraph as its lines, every line after the first prefixed with its separator
    paragraphs: list[list[str]] = dataclasses.field(default_factory=list)
    children: list[_Node] = dataclasses.field(default_factory=list)
    heading_lines: int = 1
    last_numbers: dict[str, int] = dataclasses.field(default_factory=dict)  # of children, by kind

    def freeze(self) -> ParsedSection:
        marker = self.heading.marker if self.heading else None
        return ParsedSection(
            heading=self.text,
            marker=marker,
            paragraphs=tuple("".join(parts) for parts in self.paragraphs),
            children=tuple(child.freeze() for child in self.children),
        )


def _separator(before: str) -> str:
    """What joins a line to the one before: nothing after a symbol cut at "-" or "/"
    ("72/2015/NĐ-" + "CP"), else one space ("kinh tế -" + "xã hội")."""
    if before.endswith(("-", "/")) and len(before) > 1 and not before[-2].isspace():
        return ""
    return " "


def marker_shape(line: str) -> bool:
    """Whether the line starts like a heading or an item, whatever the numbering."""
    return any(p.match(line) for p in (_ROMAN, _ARABIC, _LETTER, ITEM))


def ends_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is not None


def starts_sentence(line: str) -> bool:
    """An upper-case letter, possibly after an opening quote or bracket, or "(1)"."""
    if re.match(r"^\(\d{1,2}\)", line):
        return True
    stripped = line.lstrip("\"“‘'([")
    return stripped[:1].isupper()


def _parse_heading(line: str) -> _Heading | None:
    """A heading marker at the start of `line` (number not yet checked)."""
    match = _ROMAN.match(line)
    if match and _ROMAN_VALID.match(match["value"]):
        return _Heading("roman", match["marker"], (_roman(match["value"]),), match["rest"])
    match = _ARABIC.match(line)
    if match and (match["marker"] != match["value"] or "." in match["value"]):
        value = tuple(int(part) for part in match["value"].split("."))
        return _Heading("arabic", match["marker"], value, match["rest"])
    match = _LETTER.match(line)
    if match:
        return _Heading(
            "letter", match["marker"], (_LETTERS.find(match["value"]) + 1,), match["rest"]
        )
    return None


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for char, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = values[char]
        total += -value if following and values[following] > value else value
    return total


class Outline:
    """Builds the section tree from body lines, rejoining them into paragraphs."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.root = _Node(None)
        self.stack: list[_Node] = [self.root]
        self.preamble = _Node(None)
        self.current: _Node = self.preamble
        self.last_kind = ""  # "heading" | "paragraph" | ""

    def build(self, lines: Sequence[str]) -> tuple[ParsedSection, ...]:
        for line in lines:
            self._add(line)
        closing = self._closing()
        nodes = ([self.preamble] if self.preamble.paragraphs else []) + self.root.children
        return tuple(node.freeze() for node in [*nodes, *closing])

    def _add(self, line: str) -> None:
        if TABLE_CELLS in line:  # a row of a table (see `lines`): a paragraph of its own
            self._paragraph(line)
            return
        heading = _parse_heading(line)
        if heading and heading.rest[:1].isupper():
            if self._fits(heading):
                self._open(heading, line)
                return
            self.report.warnings.append(note("heading_out_of_sequence", line=line))
        item = ITEM.match(line)
        if item and self._starts_item(item["rest"]):
            self._paragraph(f"{item['marker']} {item['rest']}")
        elif _FIELD_LABEL.match(line):
            self._paragraph(line)
        elif self.last_kind == "heading":
            self._continue_heading(line)
        elif self.last_kind == "paragraph" and not (
            ends_sentence(self.current.paragraphs[-1][-1]) and starts_sentence(line)
        ):
            lines = self.current.paragraphs[-1]
            lines.append(_separator(lines[-1]) + line)
        else:
            self._paragraph(line)

    def _starts_item(self, rest: str) -> bool:
        if not rest[:1].islower() or self.last_kind != "paragraph":
            return True
        return self.current.paragraphs[-1][-1].endswith((".", ";", ":", "!", "?"))

    def _paragraph(self, text: str) -> None:
        self.current.paragraphs.append([text])
        self.last_kind = "paragraph"

    def _continue_heading(self, line: str) -> None:
        """Join `line` to the open heading if it continues it (at most _HEADING_LINES lines)."""
        node = self.current
        text = node.text or ""
        last_word = text.rsplit(None, 1)[-1].lower() if text.strip() else ""
        continues = node.heading_lines < _HEADING_LINES and (
            not starts_sentence(line)
            or text.endswith((",", "-", "–"))
            or last_word in _DANGLING
            or (text.isupper() and line.isupper())
        )
        if continues:
            node.text = text + _separator(text) + line
            node.heading_lines += 1
        else:
            self._paragraph(line)

    def _parent_for(self, heading: _Heading) -> _Node:
        """The node a heading would be attached to (without changing the stack)."""
        depth = len(self.stack)
        while depth > 1 and self._rank(self.stack[depth - 1]) >= heading.rank:
            depth -= 1
        return self.stack[depth - 1]

    @staticmethod
    def _rank(node: _Node) -> int:
        return node.heading.rank if node.heading else -1

    def _fits(self, heading: _Heading) -> bool:
        """Whether the heading's number follows the numbering in force."""
        parent = self._parent_for(heading)
        if heading.kind == "arabic" and len(heading.value) > 1:
            parent_heading = parent.heading
            if parent_heading is None or parent_heading.kind != "arabic":
                return False
            if parent_heading.value != heading.value[:-1]:
                return False
        previous = parent.last_numbers.get(heading.kind, 0)
        skip = 2 if heading.kind == "letter" else 1
        return heading.value[-1] == 1 or previous <= heading.value[-1] <= previous + skip

    def _open(self, heading: _Heading, line: str) -> None:
        parent = self._parent_for(heading)
        while self.stack[-1] is not parent:
            self.stack.pop()
        node = _Node(heading, text=line)
        parent.children.append(node)
        parent.last_numbers[heading.kind] = heading.value[-1]
        self.stack.append(node)
        self.current = node
        self.last_kind = "heading"

    def _closing(self) -> list[_Node]:
        """The closing paragraph ("… ./.") taken out of the last section into its own, unless
        it is that section's only paragraph (then it is the section's text: a duty)."""
        last = self.current
        if last is self.preamble or len(last.paragraphs) < 2:
            return []
        paragraph = last.paragraphs[-1]
        if not paragraph[-1].endswith("./.") or ITEM.match(paragraph[0]):
            return []
        last.paragraphs.pop()
        return [_Node(None, paragraphs=[paragraph])]
