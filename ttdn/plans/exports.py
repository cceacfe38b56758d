"""What a printed plan says: a Plan as a docgen Document (Nghị định 30/2020 layout), and
its DOCX/PDF bytes. An issued plan prints the DOCX frozen in the outgoing register."""

from __future__ import annotations

import re

from ttdn import docgen
from ttdn.core.text import fold
from ttdn.docgen.pdf import convert
from ttdn.documents.queries import letterhead_for
from ttdn.plans import markup
from ttdn.plans.models import Plan, PlanSection, PlanTask

AUTHORITIES = {a.value: a for a in docgen.Authority}
_ARCHIVE = re.compile(r"^Lưu\s*:?\s*", re.IGNORECASE)
_ITEM = re.compile(r"^[-+–•]\s+")
# Printed documents are Vietnamese whatever the screen's language (STYLE.md §11).
RECURRENCE_PRINTED = {
    "weekly": "hằng tuần",
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "half_yearly": "6 tháng một lần",
    "yearly": "hằng năm",
    "continuous": "thường xuyên",
}


def plan_document(plan: Plan) -> docgen.Document:
    """The plan as it prints, on its unit's letterhead unless it names its own issuer."""
    letterhead = letterhead_for(plan.unit)
    recipients = [r for r in plan.recipients if not _ARCHIVE.match(r)]
    archive = [r for r in plan.recipients if _ARCHIVE.match(r)]
    return docgen.Document(
        doc_type=docgen.DocumentType.PLAN,
        issuing_body=plan.issuer or letterhead.issuing_body,
        parent_body=letterhead.parent_body,
        number=int(plan.number) if plan.number.isdigit() else None,
        symbol=plan.symbol
        or docgen.build_symbol(docgen.DocumentType.PLAN, letterhead.abbreviation),
        place=plan.place or letterhead.place,
        date=plan.issued_on,
        title=plan.title,
        body=tuple(_body(list(plan.sections.all()), list(plan.tasks.all()))),
        recipients=tuple(recipients),
        archive=_archive(archive[0]) if archive else ("VT",),
        signer=signer(plan),
    )


def signer(plan: Plan) -> docgen.Signer | None:
    """The signature block: "KT. TRƯỞNG PHÒNG" splits into the authority and its principal."""
    if not (plan.signer_position or plan.signer_name):
        return None
    prefix, _, principal = plan.signer_authority.partition(" ")
    authority = AUTHORITIES.get(prefix.upper())
    return docgen.Signer(
        position=plan.signer_position,
        name=plan.signer_name,
        authority=authority,
        principal=principal.strip() if authority else "",
    )


def _archive(line: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in _ARCHIVE.sub("", line).rstrip(".").split(",") if p.strip())


def _body(sections: list[PlanSection], tasks: list[PlanTask]) -> list[docgen.Block]:
    """The sections in order, then what the text does not say: a task whose title the sections
    do not print (one added on the screen) follows its section as a dash item, and tasks of no
    section close the section of tasks ("NHIỆM VỤ" in its heading) as a table, or the body."""
    written = _folded(
        " ".join(f"{s.heading} {' '.join(markup.paragraphs(s.body))}" for s in sections)
    )
    unwritten = [task for task in tasks if _folded(task.title) not in written]
    by_section: dict[int | None, list[PlanTask]] = {}
    for task in unwritten:
        by_section.setdefault(task.section_id, []).append(task)
    loose = by_section.pop(None, [])
    closing = _closing_section_of_tasks(sections) if loose else None
    blocks: list[docgen.Block] = []
    for section in sections:
        if section.heading:
            blocks.append(docgen.Heading(min(section.depth + 1, 3), section.heading))
        blocks.extend(_blocks(markup.paragraphs(section.body)))
        if section.pk in by_section:
            blocks.append(docgen.ListBlock(tuple(_task_line(t) for t in by_section[section.pk])))
        if closing is not None and section.pk == closing[0].pk:
            blocks += [docgen.Heading(2, closing[1]), _task_table(loose)]
    if loose and closing is None:
        blocks += [docgen.Heading(1, "NHIỆM VỤ CỦA ĐƠN VỊ"), _task_table(loose)]
    return blocks


def _folded(text: str) -> str:
    return " ".join(fold(text).split())


def _closing_section_of_tasks(sections: list[PlanSection]) -> tuple[PlanSection, str] | None:
    """The last section inside the top-level section of tasks, and the numbered heading the
    unit's own tasks print under there ("3. Nhiệm vụ của đơn vị" after its two subsections)."""
    tops = [i for i, s in enumerate(sections) if s.depth == 0 and s.heading]
    for n, i in enumerate(tops):
        if "nhiem vu" in fold(sections[i].heading):
            end = tops[n + 1] if n + 1 < len(tops) else len(sections)
            children = sum(1 for s in sections[i:end] if s.depth == 1 and s.heading)
            return sections[end - 1], f"{children + 1}. Nhiệm vụ của đơn vị"
    return None


def _task_when(task: PlanTask) -> str:
    if task.time_text:
        return task.time_text
    parts = []
    if task.starts_on:
        span = task.starts_on.strftime("%d/%m/%Y")
        parts.append(f"{span} – {task.ends_on:%d/%m/%Y}" if task.ends_on else f"từ {span}")
    if task.due:
        parts.append(f"hạn {task.due:%d/%m/%Y}")
    if task.recurrence:
        parts.append(RECURRENCE_PRINTED[task.recurrence])
    return "; ".join(parts)


def _task_units(task: PlanTask) -> str:
    names = [u.short_name or u.name for u in task.carrying_units.all()]
    return ", ".join(names or task.units_text)


def _task_line(task: PlanTask) -> str:
    details = [
        f"Thời gian: {when}" if (when := _task_when(task)) else "",
        f"Đơn vị thực hiện: {units}" if (units := _task_units(task)) else "",
        f"Minh chứng: {task.evidence}" if task.evidence else "",
    ]
    shown = "; ".join(d for d in details if d)
    return f"{task.title} ({shown})." if shown else f"{task.title}."


def _task_table(tasks: list[PlanTask]) -> docgen.Table:
    return docgen.Table(
        header=("TT", "Nhiệm vụ", "Thời gian", "Đơn vị thực hiện", "Minh chứng"),
        rows=tuple(
            (str(n), t.title, _task_when(t), _task_units(t), t.evidence)
            for n, t in enumerate(tasks, start=1)
        ),
        widths=(0.5, 4, 2, 2.5, 2),
    )


def _blocks(paragraphs: list[str]) -> list[docgen.Block]:
    """Paragraphs, with runs of "- item" paragraphs as dash lists."""
    blocks: list[docgen.Block] = []
    items: list[str] = []
    for text in [*paragraphs, ""]:
        if _ITEM.match(text) and text.startswith("-"):
            items.append(_ITEM.sub("", text))
            continue
        if items:
            blocks.append(docgen.ListBlock(tuple(items)))
            items = []
        if text:
            blocks.append(docgen.Paragraph(text))
    return blocks


def docx_bytes(plan: Plan) -> bytes:
    """The DOCX: frozen in the register when issued, rendered now otherwise. Raises
    DocumentIncomplete naming what a draft lacks."""
    if plan.outgoing is not None:
        return bytes(plan.outgoing.docx)
    return docgen.render_docx(plan_document(plan))


def pdf_bytes(plan: Plan) -> bytes:
    """The PDF converted from `docx_bytes`. Raises PdfUnavailable without LibreOffice."""
    return convert(docx_bytes(plan))
