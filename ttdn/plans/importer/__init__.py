"""Read an existing plan (kế hoạch) from text into a structured `ParsedPlan`.

`parse_plan(text)` recognises the parts of a Nghị định 30/2020 plan: the header (number and
symbol, place and date, issuing unit), the "KẾ HOẠCH" title, the body as a tree of numbered
sections (I. → 1. → 1.1. → a)), the recipients ("Nơi nhận") and the signature block. From the
body it derives the citations (through `ttdn.documents.citations`), the key tasks with their time
frames, and every deadline mentioned. `import_file(path)` does the same for a .txt, .docx or
text-based .pdf file. `ParsedPlan.as_dict()` is the JSON of a plan.

The package is split by concern: `lines` (raw text to clean lines, web-copy tables),
`header` (header, a web page's information block, title), `outline` (paragraphs and
sections), `dates` (deadlines, recurrences, time frames), `tasks` and `mentions` (key tasks
and the structured items they name), `citations`, `signature` (recipients and signer),
`notes` (what the person importing should check, translated when shown) and `result` (the
dataclasses).

Contracts:

- Nothing is lost: every body paragraph lands in exactly one section, in order. Text before
  the first heading (the preamble) and the closing paragraph (the one ending the text with
  "./.") become top-level sections without a heading.
- Nothing is guessed silently: a fragment that fits no part is listed in `unrecognised`, a
  page header, footer or page number removed as a PDF artefact (or a web page's source
  address and information block) is listed in `dropped`, and a missing header field, a
  heading number out of sequence or a field taken from the web page rather than the
  document is a note in `warnings` (`ImportNote`, translated when shown).
- Only what is plainly not a plan is refused: text with neither a "KẾ HOẠCH" line nor a
  plan symbol ("Số: …/KH-…"). A plan without the "KẾ HOẠCH" line, or without numbered
  sections (read as one section), is imported with a note.
- Input may be NFC or NFD, plain text, markdown-ish text ("## **I. …**") or text extracted
  from a PDF (hard line breaks, blank lines, stray spaces, form feeds between pages).
- Failures raise `PlanImportError` with an English message and a code (translated by the caller).

The rejoin rule (PDF lines → paragraphs). Blank lines carry no meaning (a PDF extraction puts
one after every line), so a paragraph boundary is decided from the lines themselves. A line
starts a new paragraph when

1. it starts with a heading marker ("I.", "1.", "1.1.", "a)") whose number follows the
   numbering in force: 1, or the previous sibling's number or its successor ("a)" letters may
   skip one, for alphabets with and without "đ" and "f");
2. or it starts with an item marker ("-", "+", "–", "•"), unless what follows the marker is
   lower case and the previous paragraph does not end with ". ; : ! ?" (a wrapped
   "kinh tế\\n- xã hội" is not an item);
3. or the previous paragraph ends a sentence (".", "!", "?", "…", "./.", optionally followed
   by a closing quote or bracket) and the line starts like a sentence: an upper-case letter,
   possibly after an opening quote or bracket, or an enumerator "(1)";
4. or it starts with a field label of a task: "Thời gian (thực hiện):", "Thời hạn:",
   "Đơn vị thực hiện / chủ trì / phối hợp:", "Chủ trì:", "Phối hợp:", "Kinh phí:", "Sản phẩm:".

Otherwise the line continues the previous paragraph, joined with one space (with none after a
symbol cut at "-" or "/", as in "72/2015/NĐ-" + "CP"). A heading (at most twelve lines) is
continued only by a line that does not start like a sentence (lower case, a digit), a line
following a heading that ends with a comma, hyphen or a word that cannot end a title ("và",
"của", "về", …), or an upper-case line after an upper-case heading. Known limit: a paragraph whose sentence ends exactly at a line
end, followed by a line starting with a capital, is split in two (no text is lost).
"""

from __future__ import annotations

import stat
from pathlib import Path

from ttdn.core.extract import SUFFIXES, ExtractionError, extract_text
from ttdn.plans.importer.citations import citations
from ttdn.plans.importer.dates import deadlines
from ttdn.plans.importer.header import (
    TITLE_WORD,
    fill_from_metadata,
    find_title,
    header_end,
    is_plan_symbol,
    plan_year,
    read_header,
    read_title,
    take_metadata,
    warn_missing,
)
from ttdn.plans.importer.lines import Report, clean_lines, plain
from ttdn.plans.importer.notes import ImportNote, note
from ttdn.plans.importer.outline import Outline
from ttdn.plans.importer.result import (
    Deadline,
    Mention,
    ParsedCitation,
    ParsedPlan,
    ParsedSection,
    PlanImportError,
    PlannedTask,
    Recurrence,
    Signer,
)
from ttdn.plans.importer.signature import find_tail, read_tail
from ttdn.plans.importer.tasks import tasks

__all__ = [
    "MAX_BYTES",
    "Deadline",
    "ImportNote",
    "Mention",
    "ParsedCitation",
    "ParsedPlan",
    "ParsedSection",
    "PlanImportError",
    "PlannedTask",
    "Recurrence",
    "Signer",
    "import_file",
    "parse_plan",
]

MAX_BYTES = 10 * 1024 * 1024


def import_file(path: Path | str, *, max_bytes: int = MAX_BYTES) -> ParsedPlan:
    """The plan in a .txt, .docx or text-based .pdf file. Raises PlanImportError.

    The size is checked (stat) before anything is read; nothing is written anywhere.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise PlanImportError(
            "unsupported file type: only .txt, .docx and .pdf files can be imported",
            code="unsupported_type",
        )
    try:
        status = path.stat()
    except OSError as error:
        raise _unreadable(error) from error
    if not stat.S_ISREG(status.st_mode):
        raise PlanImportError("the file cannot be read: not a regular file", code="unreadable")
    if status.st_size > max_bytes:
        raise PlanImportError(
            f"the file is too large: {status.st_size} bytes, the limit is {max_bytes} bytes",
            code="too_large",
            params={"size": status.st_size, "limit": max_bytes},
        )
    if status.st_size == 0:
        raise PlanImportError("the file is empty", code="empty")
    try:
        text = extract_text(path.read_bytes(), suffix)
    except ExtractionError as error:
        raise PlanImportError(str(error), code=error.code, params=error.params) from error
    except OSError as error:
        raise _unreadable(error) from error
    return parse_plan(text)


def _unreadable(error: OSError) -> PlanImportError:
    return PlanImportError(
        f"the file cannot be read: {error.strerror}",
        code="unreadable",
        params={"reason": error.strerror},
    )


def parse_plan(text: str) -> ParsedPlan:
    """The structured plan in `text`. Raises PlanImportError for an empty text or one that is
    plainly not a plan (neither a "KẾ HOẠCH" line nor a plan symbol)."""
    if not text.strip():
        raise PlanImportError("the file is empty", code="empty")
    report = Report()
    metadata, lines = take_metadata(clean_lines(plain(text), report), report)
    title_at = find_title(lines)
    if title_at is not None:
        header = read_header(lines[:title_at], report)
        title, body_start = read_title(
            lines, title_at + 1, lines[title_at][len(TITLE_WORD) :].strip()
        )
    else:
        end = header_end(lines)
        header = read_header(lines[:end], report)
        fill_from_metadata(header, metadata, report)
        plan_kind = metadata is not None and metadata.kind == "ke hoach"
        if not (is_plan_symbol(header.symbol) or plan_kind):
            raise PlanImportError(
                "not a plan: no 'KẾ HOẠCH' title line and no plan symbol ('Số: …/KH-…')",
                code="not_plan",
            )
        report.warnings.append(note("no_plan_title", symbol=header.symbol or "KH"))
        title, body_start = read_title(lines, end, None)
    fill_from_metadata(header, metadata, report)
    warn_missing(header, report)
    body_end, tail_start = find_tail(lines, body_start)
    sections = Outline(report).build(lines[body_start:body_end])
    if not any(section.heading for section in sections):
        report.warnings.append(note("no_sections"))
    recipients, signer = read_tail(lines[tail_start:], report)
    if signer is None and metadata is not None and metadata.signer:
        signer = Signer(None, None, metadata.signer)
        report.warnings.append(note("header_from_metadata", fields="signer"))
    year = plan_year(title, header.issued_on)
    if title is None:
        report.warnings.append(note("no_title"))
    if signer is None:
        report.warnings.append(note("no_signature"))
    own = f"{header.number}/{header.symbol}" if header.number and header.symbol else None
    return ParsedPlan(
        number=header.number,
        symbol=header.symbol,
        issued_on=header.issued_on,
        place=header.place,
        year=year,
        title=title,
        issuer=header.issuer,
        citations=citations(sections, own=own),
        sections=sections,
        tasks=tuple(tasks(sections, year)),
        deadlines=tuple(deadlines(sections, year)),
        recipients=recipients,
        signer=signer,
        unrecognised=tuple(report.unrecognised),
        dropped=tuple(report.dropped),
        warnings=tuple(report.warnings),
    )
