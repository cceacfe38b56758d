"""Each registry as a workbook, and back: the same Vietnamese headers out and in.

Importing checks every row first and writes through the services inside one transaction; when
any row is wrong, every problem is reported with its row number and nothing of the file is
written. Every export and import is audited (the sheets hold personal data: delegation
members, TTĐN contacts), and a person exports only the rows they may see.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from ttdn.core import access, audit, extract
from ttdn.core.enums import AuditAction
from ttdn.core.text import fold, nfc
from ttdn.org.models import Unit
from ttdn.registries import exports, rules
from ttdn.registries.enums import (
    AgreementKind,
    ConferenceKind,
    CourseLevel,
    Direction,
    PartnerKind,
)
from ttdn.registries.models import (
    Agreement,
    Conference,
    ContactPerson,
    Course,
    Delegation,
    Finding,
    Inspection,
    Partner,
    Programme,
    Trainee,
)
from ttdn.registries.services import cooperation, inspection, partners, training

MAX_ROWS = 5000
YES = {"co", "x", "yes", "1", "true"}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    value: Callable[[Any], Any]
    width: int = 18
    required: bool = False


@dataclass
class ImportResult:
    created: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Sheet:
    """One registry: its columns, the rows a person may export, how a row is written."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: Callable[[Any], Iterable[models.Model]]
    write: Callable[[dict[str, Any], Any], Any] | None = None


# --- Reading cells ------------------------------------------------------------------------------


def _text(value: Any) -> str:
    return "" if value is None else nfc(str(value)).strip()


def _date(value: Any, header: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.datetime.strptime(_text(value), "%d/%m/%Y").date()
    except ValueError as error:
        raise ValidationError(
            _("%(column)s: “%(value)s” is not a date (dd/mm/yyyy).")
            % {"column": header, "value": value}
        ) from error


def _choice(choices: type[models.TextChoices], value: Any, header: str) -> str:
    wanted = fold(_text(value))
    for choice in choices:
        if wanted in (fold(str(choice.label)), choice.value):
            return str(choice.value)
    raise ValidationError(
        _("%(column)s: “%(value)s” is not one of: %(choices)s.")
        % {"column": header, "value": value, "choices": ", ".join(str(c.label) for c in choices)}
    )


def _unit(code: Any, user: Any) -> Any:
    unit = rules.recording_units(user).filter(code=_text(code)).first()
    if unit is None:
        raise ValidationError(
            _("Unit code “%(code)s” is not a unit you record for.") % {"code": _text(code)}
        )
    return unit


def _partner(name: Any, country: Any) -> Partner:
    found = Partner.objects.filter(
        folded_name=fold(_text(name)), country__iexact=_text(country)
    ).first()
    if found is None:
        raise ValidationError(
            _("Partner “%(name)s” (%(country)s) is not recorded; import the partners first.")
            % {"name": _text(name), "country": _text(country)}
        )
    return found


def _day(value: datetime.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _items(value: Any) -> list[str]:
    """The parts of a cell listing several things: "a; b; c"."""
    return [part.strip() for part in _text(value).split(";") if part.strip()]


def _units(value: Any, user: Any) -> list[Any]:
    return [_unit(code, user) for code in _items(value)]


def _partners(value: Any) -> list[Partner]:
    """ "Name (Country); Name (Country)": partners already recorded."""
    found = []
    for part in _items(value):
        name, _sep, country = part.rpartition("(")
        if not name or not country.endswith(")"):
            raise ValidationError(
                _("Partner “%(value)s”: write it as Name (Country).") % {"value": part}
            )
        found.append(_partner(name.strip(), country[:-1].strip()))
    return found


def _partner_list(partners: Iterable[Partner]) -> str:
    return "; ".join(f"{p.name} ({p.country})" for p in partners)


def _number(value: Any, header: str) -> int:
    if value in (None, ""):
        return 0
    try:
        number = int(float(_text(value)))
    except ValueError:
        number = -1
    if number < 0 or number > 1_000_000:
        raise ValidationError(
            _("%(column)s: “%(value)s” is not a number of people.")
            % {"column": header, "value": value}
        )
    return number


# --- The sheets ---------------------------------------------------------------------------------


def _write_partner(row: dict[str, Any], user: Any) -> Partner:
    unit = _unit(row["unit"], user)
    return partners.record_partner(
        unit,
        by=user,
        name=_text(row["name"]),
        country=_text(row["country"]),
        kind=_choice(PartnerKind, row["kind"], "Loại"),
        languages=_text(row.get("languages")),
        address=_text(row.get("address")),
        website=_text(row.get("website")),
        notes=_text(row.get("notes")),
    )


PARTNERS = Sheet(
    "partners",
    "Đối tác",
    (
        Column("unit", "Mã đơn vị ghi nhận", lambda p: p.recorded_by.code, 16, True),
        Column("name", "Tên đối tác", lambda p: p.name, 40, True),
        Column("kind", "Loại", lambda p: p.get_kind_display(), 24, True),
        Column("country", "Quốc gia", lambda p: p.country, 16, True),
        Column("languages", "Ngôn ngữ", lambda p: p.languages),
        Column("address", "Địa chỉ", lambda p: p.address, 30),
        Column("website", "Trang web", lambda p: p.website, 24),
        Column("notes", "Ghi chú", lambda p: p.notes, 30),
    ),
    lambda user: Partner.objects.visible_to(user).select_related("recorded_by"),
    _write_partner,
)


def _write_agreement(row: dict[str, Any], user: Any) -> Agreement:
    agreement = cooperation.record_agreement(
        _unit(row["unit"], user),
        by=user,
        partner=_partner(row["partner"], row["country"]),
        kind=_choice(AgreementKind, row["kind"], "Loại"),
        title=_text(row["title"]),
        other_parties=_text(row.get("other_parties")),
    )
    signed_on = _date(row.get("signed_on"), "Ngày ký")
    if signed_on is not None:
        cooperation.sign_agreement(
            agreement,
            signed_on=signed_on,
            expires_on=_date(row.get("expires_on"), "Ngày hết hạn"),
            by=user,
        )
    return agreement


AGREEMENTS = Sheet(
    "agreements",
    "Thỏa thuận",
    (
        Column("unit", "Mã đơn vị", lambda a: a.unit.code, 16, True),
        Column("partner", "Đối tác", lambda a: a.partner.name, 36, True),
        Column("country", "Quốc gia", lambda a: a.partner.country, 14, True),
        Column("kind", "Loại", lambda a: a.get_kind_display(), 24, True),
        Column("title", "Tên thỏa thuận", lambda a: a.title, 40, True),
        Column("other_parties", "Các bên khác", lambda a: a.other_parties, 24),
        Column("signed_on", "Ngày ký", lambda a: _day(a.signed_on), 12),
        Column("expires_on", "Ngày hết hạn", lambda a: _day(a.expires_on), 12),
        Column("status", "Tình trạng", lambda a: a.get_status_display(), 16),
    ),
    lambda user: Agreement.objects.visible_to(user).select_related("unit", "partner"),
    _write_agreement,
)


def _members(value: Any) -> list[dict[str, Any]]:
    """ "Name - position; Name - position": the first is the head of the delegation."""
    members = []
    for index, part in enumerate(p for p in _text(value).split(";") if p.strip()):
        name, _sep, position = part.partition(" - ")
        members.append(
            {"full_name": name.strip(), "position": position.strip(), "is_head": index == 0}
        )
    return members


def _write_delegation(row: dict[str, Any], user: Any) -> Delegation:
    return cooperation.record_delegation(
        _unit(row["unit"], user),
        by=user,
        direction=_choice(Direction, row["direction"], "Chiều"),
        partner=_partner(row["partner"], row["country"]),
        purpose=_text(row["purpose"]),
        starts_on=_date(row["starts_on"], "Từ ngày"),
        ends_on=_date(row["ends_on"], "Đến ngày"),
        place=_text(row["place"]),
        hosts=_text(row.get("hosts")),
        members=_members(row.get("members")),
    )


def _member_list(delegation: Delegation) -> str:
    return "; ".join(
        f"{m.full_name} - {m.position}" if m.position else m.full_name
        for m in delegation.members.all()
    )


DELEGATIONS = Sheet(
    "delegations",
    "Đoàn ra, đoàn vào",
    (
        Column("unit", "Mã đơn vị", lambda d: d.unit.code, 16, True),
        Column("direction", "Chiều", lambda d: d.get_direction_display(), 10, True),
        Column("partner", "Đối tác", lambda d: d.partner.name, 36, True),
        Column("country", "Quốc gia", lambda d: d.partner.country, 14, True),
        Column("purpose", "Mục đích", lambda d: d.purpose, 40, True),
        Column("starts_on", "Từ ngày", lambda d: _day(d.starts_on), 12, True),
        Column("ends_on", "Đến ngày", lambda d: _day(d.ends_on), 12, True),
        Column("place", "Địa điểm", lambda d: d.place, 20, True),
        Column("hosts", "Người tiếp, làm việc", lambda d: d.hosts, 30),
        Column("members", "Thành viên (Họ tên - chức vụ; …)", _member_list, 50),
        Column("status", "Tình trạng", lambda d: d.get_status_display(), 16),
    ),
    lambda user: (
        Delegation.objects.visible_to(user)
        .select_related("unit", "partner")
        .prefetch_related("members")
    ),
    _write_delegation,
)


def _write_contact(row: dict[str, Any], user: Any) -> ContactPerson:
    return training.name_contact(
        _unit(row["unit"], user),
        by=user,
        full_name=_text(row["full_name"]),
        position=_text(row.get("position")),
        email=_text(row.get("email")),
        phone=_text(row.get("phone")),
        is_part_time=fold(_text(row.get("is_part_time"))) in YES,
    )


CONTACTS = Sheet(
    "contacts",
    "Đầu mối TTĐN",
    (
        Column("unit", "Mã đơn vị", lambda c: c.unit.code, 16, True),
        Column("full_name", "Họ và tên", lambda c: c.full_name, 28, True),
        Column("position", "Chức vụ", lambda c: c.position, 28),
        Column("email", "Thư điện tử", lambda c: c.email, 26),
        Column("phone", "Điện thoại", lambda c: c.phone, 14),
        Column("is_part_time", "Kiêm nhiệm", lambda c: "Có" if c.is_part_time else "Không", 10),
    ),
    lambda user: (
        ContactPerson.objects.visible_to(user).filter(is_active=True).select_related("unit")
    ),
    _write_contact,
)


def _write_programme(row: dict[str, Any], user: Any) -> Programme:
    return cooperation.record_programme(
        _unit(row["unit"], user),
        by=user,
        name=_text(row["name"]),
        partners=_partners(row["partners"]),
        units=_units(row.get("units"), user),
        goals=_text(row["goals"]),
        starts_on=_date(row["starts_on"], "Từ ngày"),
        ends_on=_date(row.get("ends_on"), "Đến ngày"),
    )


PROGRAMMES = Sheet(
    "programmes",
    "Chương trình hợp tác",
    (
        Column("unit", "Mã đơn vị chủ trì", lambda p: p.unit.code, 16, True),
        Column("name", "Tên chương trình", lambda p: p.name, 40, True),
        Column(
            "partners",
            "Đối tác (Tên (Quốc gia); …)",
            lambda p: _partner_list(p.partners.all()),
            40,
            True,
        ),
        Column(
            "units",
            "Đơn vị tham gia (mã; …)",
            lambda p: "; ".join(u.code for u in p.units.all()),
            24,
        ),
        Column("goals", "Mục tiêu", lambda p: p.goals, 40, True),
        Column("starts_on", "Từ ngày", lambda p: _day(p.starts_on), 12, True),
        Column("ends_on", "Đến ngày", lambda p: _day(p.ends_on), 12),
    ),
    lambda user: (
        Programme.objects.visible_to(user)
        .select_related("unit")
        .prefetch_related("partners", "units")
    ),
    _write_programme,
)


PERSON_PARTS = ("full_name", "position", "organisation", "country")


def _people(value: Any) -> list[dict[str, str]]:
    """ "Name - position - organisation - country; …": the later parts may be left out."""
    people = []
    for part in _items(value):
        values = [v.strip() for v in part.split(" - ", len(PERSON_PARTS) - 1)]
        values += [""] * (len(PERSON_PARTS) - len(values))
        people.append(dict(zip(PERSON_PARTS, values, strict=True)))
    return people


def _people_list(conference: Conference) -> str:
    return "; ".join(
        " - ".join(getattr(p, name) for name in PERSON_PARTS[: _last_given(p) + 1])
        for p in conference.named_participants.all()
    )


def _last_given(person: Any) -> int:
    return max(i for i, name in enumerate(PERSON_PARTS) if i == 0 or getattr(person, name))


def _write_conference(row: dict[str, Any], user: Any) -> Conference:
    conference = cooperation.record_conference(
        _unit(row["unit"], user),
        by=user,
        kind=_choice(ConferenceKind, row["kind"], "Loại"),
        title=_text(row["title"]),
        starts_on=_date(row["starts_on"], "Từ ngày"),
        ends_on=_date(row["ends_on"], "Đến ngày"),
        place=_text(row["place"]),
        partners=_partners(row.get("partners")),
        participants=_text(row["participants"]),
        participant_count=_number(row.get("participant_count"), "Số đại biểu"),
        foreign_participant_count=_number(
            row.get("foreign_participant_count"), "Số đại biểu nước ngoài"
        ),
    )
    for person in _people(row.get("named")):
        cooperation.add_participant(conference, by=user, **person)
    return conference


CONFERENCES = Sheet(
    "conferences",
    "Hội nghị, hội thảo quốc tế",
    (
        Column("unit", "Mã đơn vị", lambda c: c.unit.code, 16, True),
        Column("kind", "Loại", lambda c: c.get_kind_display(), 22, True),
        Column("title", "Tên hội nghị, hội thảo", lambda c: c.title, 40, True),
        Column("starts_on", "Từ ngày", lambda c: _day(c.starts_on), 12, True),
        Column("ends_on", "Đến ngày", lambda c: _day(c.ends_on), 12, True),
        Column("place", "Địa điểm", lambda c: c.place, 20, True),
        Column(
            "partners", "Đối tác (Tên (Quốc gia); …)", lambda c: _partner_list(c.partners.all()), 36
        ),
        Column("participants", "Thành phần tham dự", lambda c: c.participants, 36, True),
        Column("participant_count", "Số đại biểu", lambda c: c.participant_count, 10),
        Column(
            "foreign_participant_count",
            "Số đại biểu nước ngoài",
            lambda c: c.foreign_participant_count,
            10,
        ),
        Column(
            "named",
            "Đại biểu (Họ tên - chức vụ - cơ quan - quốc gia; …)",
            _people_list,
            60,
        ),
        Column("status", "Tình trạng", lambda c: c.get_status_display(), 16),
    ),
    lambda user: (
        Conference.objects.visible_to(user)
        .select_related("unit")
        .prefetch_related("partners", "named_participants")
    ),
    _write_conference,
)


def _trainee_list(course: Course) -> str:
    """ "unit code: Name - position; …" of the trainees the exporting person may see."""
    return "; ".join(
        f"{t.unit.code}: {t.full_name}" + (f" - {t.position}" if t.position else "")
        for t in course.visible_trainees  # type: ignore[attr-defined]
    )


def _trainees(value: Any, organiser: Unit) -> list[dict[str, Any]]:
    """ "unit code: Name - position; …": trainees of the organising unit or units below it."""
    found = []
    for part in _items(value):
        code, sep, person = part.partition(":")
        if not sep or not person.strip():
            raise ValidationError(
                _("Trainee “%(value)s”: write it as unit code: Name - position.") % {"value": part}
            )
        name, _dash, position = person.partition(" - ")
        unit = Unit.objects.subtree_of(organiser).filter(code=code.strip()).first()
        if unit is None:
            raise ValidationError(
                _("Unit code “%(code)s” is not a unit below %(unit)s.")
                % {"code": code.strip(), "unit": organiser.name}
            )
        found.append({"unit": unit, "full_name": name.strip(), "position": position.strip()})
    return found


def _write_course(row: dict[str, Any], user: Any) -> Course:
    course = training.record_course(
        _unit(row["unit"], user),
        by=user,
        topic=_text(row["topic"]),
        level=_choice(CourseLevel, row["level"], "Cấp"),
        trainer=_text(row["trainer"]),
        starts_on=_date(row["starts_on"], "Từ ngày"),
        ends_on=_date(row["ends_on"], "Đến ngày"),
        place=_text(row["place"]),
        hours=_number(row.get("hours"), "Số tiết"),
    )
    for trainee in _trainees(row.get("trainees"), course.unit):
        training.enrol(course, by=user, **trainee)
    return course


COURSES = Sheet(
    "courses",
    "Lớp tập huấn",
    (
        Column("unit", "Mã đơn vị tổ chức", lambda c: c.unit.code, 16, True),
        Column("topic", "Chủ đề", lambda c: c.topic, 40, True),
        Column("level", "Cấp", lambda c: c.get_level_display(), 12, True),
        Column("trainer", "Báo cáo viên", lambda c: c.trainer, 24, True),
        Column("starts_on", "Từ ngày", lambda c: _day(c.starts_on), 12, True),
        Column("ends_on", "Đến ngày", lambda c: _day(c.ends_on), 12, True),
        Column("place", "Địa điểm", lambda c: c.place, 20, True),
        Column("hours", "Số tiết", lambda c: c.hours, 8),
        Column("trainees", "Học viên (Mã đơn vị: Họ tên - chức vụ; …)", _trainee_list, 60),
    ),
    lambda user: (
        Course.objects.visible_to(user)
        .select_related("unit")
        .prefetch_related(
            Prefetch(
                "trainees",
                queryset=Trainee.objects.visible_to(user).select_related("unit").order_by("pk"),
                to_attr="visible_trainees",
            )
        )
    ),
    _write_course,
)


def _finding_list(inspection: Inspection) -> str:
    """The findings the exporting person may see: an inspected school only its own."""
    return "; ".join(
        f"{f.unit.code}: {f.description}"
        + (f" ({f.rule})" if f.is_violation and f.rule else "")
        + f" [{f.get_remedy_status_display()}]"
        for f in inspection.visible_findings  # type: ignore[attr-defined]
    )


def _write_inspection(row: dict[str, Any], user: Any) -> Inspection:
    unit = _unit(row["unit"], user)
    year = _number(row["year"], "Năm kế hoạch")
    if not 2000 <= year <= 2100:
        raise ValidationError(
            _("%(column)s: “%(value)s” is not a year.")
            % {"column": "Năm kế hoạch", "value": row["year"]}
        )
    subjects = []
    for code in _items(row["subjects"]):
        subject = (
            Unit.objects.in_subtrees([unit.path]).exclude(pk=unit.pk).filter(code=code).first()
        )
        if subject is None:
            raise ValidationError(
                _("Unit code “%(code)s” is not a unit below %(unit)s.")
                % {"code": code, "unit": unit.name}
            )
        subjects.append(subject)
    return inspection.plan_inspection(
        unit,
        by=user,
        subjects=subjects,
        year=year,
        title=_text(row["title"]),
        scope=_text(row["scope"]),
        starts_on=_date(row["starts_on"], "Từ ngày"),
        ends_on=_date(row["ends_on"], "Đến ngày"),
    )


INSPECTIONS = Sheet(
    "inspections",
    "Kiểm tra",
    (
        Column("unit", "Mã đơn vị kiểm tra", lambda i: i.unit.code, 16, True),
        Column("year", "Năm kế hoạch", lambda i: i.year, 10, True),
        Column("title", "Tên cuộc kiểm tra", lambda i: i.title, 40, True),
        Column("scope", "Nội dung, phạm vi", lambda i: i.scope, 40, True),
        Column(
            "subjects",
            "Đơn vị được kiểm tra (mã; …)",
            lambda i: "; ".join(u.code for u in i.subjects.all()),
            24,
            True,
        ),
        Column("starts_on", "Từ ngày", lambda i: _day(i.starts_on), 12, True),
        Column("ends_on", "Đến ngày", lambda i: _day(i.ends_on), 12, True),
        Column("status", "Tình trạng", lambda i: i.get_status_display(), 14),
        Column("findings", "Kết quả kiểm tra (chỉ xuất)", _finding_list, 60),
    ),
    lambda user: (
        Inspection.objects.visible_to(user)
        .select_related("unit")
        .prefetch_related(
            "subjects",
            Prefetch(
                "findings",
                queryset=Finding.objects.visible_to(user).select_related("unit").order_by("pk"),
                to_attr="visible_findings",
            ),
        )
    ),
    _write_inspection,
)

SHEETS = {
    sheet.name: sheet
    for sheet in (
        PARTNERS,
        AGREEMENTS,
        PROGRAMMES,
        DELEGATIONS,
        CONFERENCES,
        CONTACTS,
        COURSES,
        INSPECTIONS,
    )
}


# --- Out and in ---------------------------------------------------------------------------------


def export(sheet: Sheet, user: Any) -> bytes:
    """The rows of `sheet` the person may see, as .xlsx; the export is audited."""
    rows = list(sheet.rows(user))
    content = exports.workbook(
        sheet.title, [exports.Column(c.header, c.value, c.width) for c in sheet.columns], rows
    )
    audit.record(
        AuditAction.EXPORT,
        by=user,
        unit_id=_home_unit_id(user),
        object_repr=sheet.title,
        changes={"sheet": sheet.name, "rows": len(rows)},
    )
    return content


def _home_unit_id(user: Any) -> int | None:
    """The unit whose audit log shows the person's exports and imports: their first one."""
    found = access.memberships(user)
    return found[0].unit_id if found else None


def _rows(content: bytes, sheet: Sheet) -> list[tuple[int, dict[str, Any]]]:
    try:  # the zip-bomb, row and damage checks every upload passes (core/extract.py)
        values = extract.sheet_rows(content)
    except extract.ExtractionError as error:
        raise ValidationError(str(error)) from error
    if not values:
        raise ValidationError(_("The file is empty."))
    by_header = {fold(_text(h)): i for i, h in enumerate(values[0]) if h is not None}
    keys = {c.key: by_header.get(fold(c.header)) for c in sheet.columns}
    missing = [c.header for c in sheet.columns if c.required and keys[c.key] is None]
    if missing:
        raise ValidationError(_("Columns missing: %(columns)s.") % {"columns": ", ".join(missing)})
    if len(values) - 1 > MAX_ROWS:
        raise ValidationError(_("At most %(count)s rows at a time.") % {"count": MAX_ROWS})
    return [
        (number, {k: (row[i] if i is not None and i < len(row) else None) for k, i in keys.items()})
        for number, row in enumerate(values[1:], start=2)
        if any(cell not in (None, "") for cell in row)
    ]


def _row_errors(number: int, row: dict[str, Any], sheet: Sheet) -> list[str]:
    missing = [c.header for c in sheet.columns if c.required and _text(row[c.key]) == ""]
    if missing:
        return [
            _("Row %(row)s: %(columns)s empty.") % {"row": number, "columns": ", ".join(missing)}
        ]
    return []


def import_rows(sheet: Sheet, content: bytes, *, by: Any) -> ImportResult:
    """Create one record per row through the services; all rows or none.

    Raises ValidationError for a file that cannot be read. Row problems come back in
    `errors` ("Row 4: …"), and then nothing is written."""
    if sheet.write is None:
        raise PermissionDenied
    rows = _rows(content, sheet)
    result = ImportResult()
    with transaction.atomic():
        for number, row in rows:
            errors = _row_errors(number, row, sheet)
            if not errors:
                errors = _write_row(number, row, sheet, by)
            result.errors += errors
            result.created += 0 if errors else 1
        if result.errors or not rows:
            transaction.set_rollback(True)
            result.created = 0
            return result
        audit.record(
            AuditAction.IMPORT,
            by=by,
            unit_id=_home_unit_id(by),
            object_repr=sheet.title,
            changes={"sheet": sheet.name, "rows": result.created},
        )
    return result


def _write_row(number: int, row: dict[str, Any], sheet: Sheet, by: Any) -> list[str]:
    assert sheet.write is not None
    try:
        with transaction.atomic():
            sheet.write(row, by)
    except ValidationError as error:
        messages = (
            [f"{m}" for ms in error.message_dict.values() for m in ms]
            if hasattr(error, "error_dict")
            else error.messages
        )
        return [_("Row %(row)s: %(message)s") % {"row": number, "message": m} for m in messages]
    return []
