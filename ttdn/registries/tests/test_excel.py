"""Each registry out to .xlsx and back: the same file imports to the same records; a wrong row
stops the whole file; exports are audited and hold only what the person may see."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from ttdn.core.enums import AuditAction
from ttdn.core.models import AuditEntry
from ttdn.registries import excel
from ttdn.registries.models import Agreement, ContactPerson, Delegation, Partner
from ttdn.registries.services import cooperation
from ttdn.registries.tests.factories import (
    ContactPersonFactory,
    DelegationFactory,
    DelegationMemberFactory,
    PartnerFactory,
)


def _rows(content: bytes) -> list[tuple]:
    return list(load_workbook(BytesIO(content)).active.iter_rows(values_only=True))


def _book(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _delegation_fields(d: Delegation) -> tuple:
    return (
        d.unit_id,
        d.direction,
        d.partner_id,
        d.purpose,
        d.starts_on,
        d.ends_on,
        d.place,
        d.hosts,
        [(m.full_name, m.position, m.is_head) for m in d.members.all()],
    )


def test_delegations_round_trip(cast):
    original = DelegationFactory(unit=cast.phong, hosts="Lãnh đạo Phòng")
    DelegationMemberFactory(
        delegation=original, full_name="Khamla Sisouk", position="Trưởng đoàn", is_head=True
    )
    DelegationMemberFactory(
        delegation=original, full_name="Bounmy Phommachanh", position="Chuyên viên"
    )
    content = excel.export(excel.DELEGATIONS, cast.phong_officer)
    before = _delegation_fields(original)
    original.members.all().delete()
    original.delete()

    result = excel.import_rows(excel.DELEGATIONS, content, by=cast.phong_officer)

    assert (result.created, result.errors) == (1, [])
    assert _delegation_fields(Delegation.objects.get()) == before


def test_partners_and_agreements_round_trip(cast):
    partner = PartnerFactory(
        recorded_by=cast.phong, name="Sở Giáo dục tỉnh Hủa Phăn", languages="Lào, Anh"
    )
    agreement = cooperation.record_agreement(
        cast.phong,
        by=cast.phong_officer,
        partner=partner,
        kind="mou",
        title="Biên bản ghi nhớ 2024",
    )
    cooperation.sign_agreement(
        agreement,
        signed_on=datetime.date(2024, 5, 2),
        expires_on=datetime.date(2029, 5, 1),
        by=cast.phong_officer,
    )
    partners_file = excel.export(excel.PARTNERS, cast.phong_officer)
    agreements_file = excel.export(excel.AGREEMENTS, cast.phong_officer)
    Agreement.objects.all().delete()
    Partner.objects.all().delete()

    first = excel.import_rows(excel.PARTNERS, partners_file, by=cast.phong_officer)
    second = excel.import_rows(excel.AGREEMENTS, agreements_file, by=cast.phong_officer)

    again = Agreement.objects.select_related("partner").get()
    assert (first.errors, second.errors) == ([], [])
    assert (
        again.partner.name,
        again.partner.languages,
        again.status,
        again.signed_on,
        again.expires_on,
    ) == (
        "Sở Giáo dục tỉnh Hủa Phăn",
        "Lào, Anh",
        "signed",
        datetime.date(2024, 5, 2),
        datetime.date(2029, 5, 1),
    )


def test_a_wrong_row_stops_the_whole_file_with_row_numbers(cast):
    header = [c.header for c in excel.CONTACTS.columns]
    content = _book(
        [
            header,
            ["HB-A", "Nguyễn Thị Đúng", "Giáo viên", "", "", "Có"],
            ["QN-X", "Người Tỉnh Khác", "", "", "", "Có"],
            ["HB-B", "", "", "", "", ""],
        ]
    )

    result = excel.import_rows(excel.CONTACTS, content, by=cast.phong_officer)

    assert result.created == 0
    assert result.errors == [
        "Dòng 3: Mã đơn vị “QN-X” không phải đơn vị bạn được nhập liệu.",
        "Dòng 4: để trống Họ và tên.",
    ]
    assert ContactPerson.objects.count() == 0


def test_a_file_that_is_not_a_workbook_is_refused(cast):
    with pytest.raises(ValidationError):
        excel.import_rows(excel.PARTNERS, b"not a workbook", by=cast.phong_officer)


def test_export_holds_only_visible_rows_and_is_audited(cast):
    ContactPersonFactory(unit=cast.school_a, full_name="Trần Thị Hoa")
    ContactPersonFactory(unit=cast.outsider_school, full_name="Người Quảng Ninh")

    rows = _rows(excel.export(excel.CONTACTS, cast.teacher_a))

    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert [row[1] for row in rows[1:]] == ["Trần Thị Hoa"]
    assert (entry.actor, entry.unit_id, entry.changes) == (
        cast.teacher_a,
        cast.school_a.pk,
        {"sheet": "contacts", "rows": 1},
    )


def test_import_page_lists_row_errors_and_writes_nothing(client, cast):
    content = _book(
        [
            [c.header for c in excel.PARTNERS.columns],
            ["PGD-HB", "Đại sứ quán Pháp", "Không rõ", "Pháp"],
        ]
    )
    client.force_login(cast.phong_officer)

    response = client.post(
        reverse("registries:sheet_import", args=["partners"]),
        {"file": _upload(content)},
    )

    assert response.context["result"].errors == [
        "Dòng 2: Loại: “Không rõ” không thuộc các giá trị: Tỉnh, bang nước ngoài, Bộ, Trường học, "
        "Trường đại học, Tổ chức quốc tế, Đại sứ quán, lãnh sự quán, Khác."
    ]
    assert Partner.objects.count() == 0


def _upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("doi-tac.xlsx", content)


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_export_keeps_user_text_as_text_never_a_formula(cast, payload):
    DelegationFactory(unit=cast.phong, hosts=payload, place=payload)

    content = excel.export(excel.DELEGATIONS, cast.phong_officer)

    book = load_workbook(BytesIO(content))
    cells = [c for row in book.active.iter_rows(min_row=2) for c in row if c.value == payload]
    assert [c.data_type for c in cells] == ["s", "s"]
