"""Demo registries for Quảng Ninh (seed 001): the three northern Lao provinces, the Guangxi
programme and the French bilingual programme; an agreement with Huaphanh close to expiry; the
TTĐN contacts of Cẩm Phả schools and a course for them; an inspection of one school under way.

Runs once: when the Huaphanh partner exists, it leaves everything as it is.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from ttdn.org.models import Unit, User
from ttdn.registries.enums import AgreementKind, CourseLevel, PartnerKind
from ttdn.registries.models import Partner
from ttdn.registries.services import cooperation, inspection, partners, training

HUAPHANH = "Sở Giáo dục và Thể thao tỉnh Hủa Phăn (Huaphanh)"
# (name, kind, country, languages)
PARTNERS = [
    (HUAPHANH, PartnerKind.PROVINCE, "Lào", "Lào"),
    (
        "Sở Giáo dục và Thể thao tỉnh Luông Pha Bang (Luang Prabang)",
        PartnerKind.PROVINCE,
        "Lào",
        "Lào",
    ),
    ("Sở Giáo dục và Thể thao tỉnh Xay-nha-bu-ly (Sayabury)", PartnerKind.PROVINCE, "Lào", "Lào"),
    (
        "Sở Giáo dục Khu tự trị dân tộc Choang Quảng Tây",
        PartnerKind.PROVINCE,
        "Trung Quốc",
        "Trung Quốc",
    ),
    (
        "Tổ chức ABCDE (đối tác Chương trình song ngữ tiếng Pháp, tên như trong kế hoạch)",
        PartnerKind.ORGANISATION,
        "Quốc tế",
        "Pháp",
    ),
]
# (unit code, full name, position)
CONTACTS = [
    ("CP-THCS-CAMPHU", "Trần Thị Hoa", "Giáo viên kiêm nhiệm TTĐN"),
    ("CP-TH-CAMPHU", "Nguyễn Thị Lan Anh", "Giáo viên kiêm nhiệm TTĐN"),
    ("CP-THCS-CAMBINH", "Phạm Văn Đức", "Phó Hiệu trưởng"),
    ("CP-MN-CAMTHACH", "Lê Thị Thu Hằng", "Giáo viên kiêm nhiệm TTĐN"),
    ("CP-LC-CONGHOA", "Hoàng Văn Sơn", "Giáo viên kiêm nhiệm TTĐN"),
]


def load() -> list[str]:
    units = Unit.objects.in_bulk(
        ["SGDDT-QN", "PGDDT-CP", "CP-THCS-CAMPHU", *(c[0] for c in CONTACTS)], field_name="code"
    )
    people = User.objects.in_bulk(["so-quangninh-canbo", "phong-campha"], field_name="username")
    if len(units) < 3 or len(people) < 2:
        return ["skipped: the org demo is missing"]
    if Partner.objects.filter(name=HUAPHANH).exists():
        return ["registries already there"]
    return _load(units, people["so-quangninh-canbo"], people["phong-campha"])


@transaction.atomic
def _load(units: dict[str, Unit], so_officer: User, phong_officer: User) -> list[str]:
    today = timezone.localdate()
    so, phong = units["SGDDT-QN"], units["PGDDT-CP"]
    found = {
        name: partners.record_partner(
            so, by=so_officer, name=name, kind=kind, country=country, languages=languages
        )
        for name, kind, country, languages in PARTNERS
    }
    agreement = cooperation.record_agreement(
        so,
        by=so_officer,
        partner=found[HUAPHANH],
        kind=AgreementKind.MOU,
        title="Biên bản ghi nhớ hợp tác giáo dục giai đoạn 2021–2026 giữa Sở GDĐT Quảng Ninh và Sở GD&TT tỉnh Hủa Phăn",
    )
    cooperation.sign_agreement(
        agreement,
        signed_on=today - datetime.timedelta(days=5 * 365),
        expires_on=today + datetime.timedelta(days=45),
        by=so_officer,
    )
    cooperation.record_programme(
        so,
        by=so_officer,
        partners=[found[PARTNERS[3][0]]],
        name="Chương trình hợp tác giáo dục giữa tỉnh Quảng Tây (Trung Quốc) và tỉnh Quảng Ninh",
        goals="Trao đổi giáo viên, học sinh; giao lưu văn hóa; dạy học tiếng Trung.",
        starts_on=datetime.date(today.year - 2, 1, 1),
    )
    cooperation.record_programme(
        so,
        by=so_officer,
        partners=[found[PARTNERS[4][0]]],
        name="Chương trình dạy tăng cường tiếng Pháp và bằng tiếng Pháp (Chương trình Song ngữ)",
        goals="Thúc đẩy việc học tiếng Pháp và các môn khoa học bằng tiếng Pháp: Toán và Vật lý.",
        starts_on=datetime.date(today.year - 3, 9, 1),
    )
    contacts = [
        training.name_contact(units[code], by=phong_officer, full_name=name, position=position)
        for code, name, position in CONTACTS
        if code in units
    ]
    course = training.record_course(
        phong,
        by=phong_officer,
        topic=f"Tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ kiêm nhiệm năm {today.year}",
        level=CourseLevel.DISTRICT,
        trainer="Phòng GDĐT thành phố Cẩm Phả",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today - datetime.timedelta(days=1),
        place="Hội trường Phòng GDĐT thành phố Cẩm Phả",
        hours=8,
    )
    for contact in contacts:
        training.enrol(course, unit=contact.unit, contact=contact, by=phong_officer)
    check = inspection.plan_inspection(
        phong,
        by=phong_officer,
        subjects=[units["CP-THCS-CAMPHU"]],
        year=today.year,
        title=f"Kiểm tra công tác thông tin đối ngoại năm {today.year} tại Trường THCS Cẩm Phú",
        scope="việc thực hiện quy chế quản lý hoạt động đối ngoại và thông tin đối ngoại trên trang thông tin điện tử của trường",
        starts_on=today - datetime.timedelta(days=2),
        ends_on=today + datetime.timedelta(days=3),
    )
    inspection.start_inspection(check, by=phong_officer)
    return [
        f"{len(found)} partners, 1 agreement expiring {agreement.expires_on:%d/%m/%Y}, 2 programmes, "
        f"{len(contacts)} TTĐN contacts, 1 course, 1 inspection under way"
    ]
