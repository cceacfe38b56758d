"""Demo units and accounts: the two localities of the seed plans and one post-2025 province.

Every demo account is flagged `is_demo`, and its name says "(demo)" wherever it is shown.
"""

from __future__ import annotations

from django.db import transaction

from ttdn.core.demo import DEMO_PASSWORD
from ttdn.org import services
from ttdn.org.enums import GroupKind, Role, UnitKind
from ttdn.org.models import Unit, UnitGroup, User

K = UnitKind
# (code, name, short name, kind, parent code)
UNITS: list[tuple[str, str, str, UnitKind, str]] = [
    ("BGDDT", "Bộ Giáo dục và Đào tạo", "Bộ GDĐT", K.MINISTRY, ""),
    # Hải Phòng: Sở → Phòng GDĐT quận Hồng Bàng → schools (seed 000)
    (
        "SGDDT-HP",
        "Sở Giáo dục và Đào tạo thành phố Hải Phòng",
        "Sở GDĐT Hải Phòng",
        K.DEPARTMENT,
        "BGDDT",
    ),
    (
        "PGDDT-HB",
        "Phòng Giáo dục và Đào tạo quận Hồng Bàng",
        "Phòng GDĐT Hồng Bàng",
        K.DISTRICT_OFFICE,
        "SGDDT-HP",
    ),
    ("HB-MN-HOAPHUONG", "Trường Mầm non Hoa Phượng", "MN Hoa Phượng", K.PRESCHOOL, "PGDDT-HB"),
    ("HB-MN-SAOSANG", "Trường Mầm non Sao Sáng", "MN Sao Sáng", K.PRESCHOOL, "PGDDT-HB"),
    ("HB-MN-TUOIHOA", "Trường Mầm non Tuổi Hoa", "MN Tuổi Hoa", K.PRESCHOOL, "PGDDT-HB"),
    ("HB-MN-QUANTOAN", "Trường Mầm non Quán Toan", "MN Quán Toan", K.PRESCHOOL, "PGDDT-HB"),
    ("HB-TH-LYTUTRONG", "Trường Tiểu học Lý Tự Trọng", "TH Lý Tự Trọng", K.PRIMARY, "PGDDT-HB"),
    ("HB-TH-QUANTOAN", "Trường Tiểu học Quán Toan", "TH Quán Toan", K.PRIMARY, "PGDDT-HB"),
    ("HB-TH-HUNGVUONG", "Trường Tiểu học Hùng Vương", "TH Hùng Vương", K.PRIMARY, "PGDDT-HB"),
    ("HB-TH-BACHDANG", "Trường Tiểu học Bạch Đằng", "TH Bạch Đằng", K.PRIMARY, "PGDDT-HB"),
    ("HB-TH-TRUNGVUONG", "Trường Tiểu học Trưng Vương", "TH Trưng Vương", K.PRIMARY, "PGDDT-HB"),
    ("HB-THCS-HONGBANG", "Trường THCS Hồng Bàng", "THCS Hồng Bàng", K.LOWER_SECONDARY, "PGDDT-HB"),
    (
        "HB-THCS-HUNGVUONG",
        "Trường THCS Hùng Vương",
        "THCS Hùng Vương",
        K.LOWER_SECONDARY,
        "PGDDT-HB",
    ),
    ("HB-THCS-QUANTOAN", "Trường THCS Quán Toan", "THCS Quán Toan", K.LOWER_SECONDARY, "PGDDT-HB"),
    (
        "HB-THCS-PHANBOICHAU",
        "Trường THCS Phan Bội Châu",
        "THCS Phan Bội Châu",
        K.LOWER_SECONDARY,
        "PGDDT-HB",
    ),
    (
        "HB-THCS-LYTUTRONG",
        "Trường THCS Lý Tự Trọng",
        "THCS Lý Tự Trọng",
        K.LOWER_SECONDARY,
        "PGDDT-HB",
    ),
    ("HP-THPT-NGOQUYEN", "Trường THPT Ngô Quyền", "THPT Ngô Quyền", K.UPPER_SECONDARY, "SGDDT-HP"),
    (
        "HP-GDTX",
        "Trung tâm Giáo dục thường xuyên thành phố Hải Phòng",
        "TT GDTX Hải Phòng",
        K.CONTINUING,
        "SGDDT-HP",
    ),
    # Quảng Ninh: Sở → Phòng GDĐT thành phố Cẩm Phả → schools (seed 001)
    (
        "SGDDT-QN",
        "Sở Giáo dục và Đào tạo tỉnh Quảng Ninh",
        "Sở GDĐT Quảng Ninh",
        K.DEPARTMENT,
        "BGDDT",
    ),
    (
        "PGDDT-CP",
        "Phòng Giáo dục và Đào tạo thành phố Cẩm Phả",
        "Phòng GDĐT Cẩm Phả",
        K.DISTRICT_OFFICE,
        "SGDDT-QN",
    ),
    ("CP-MN-CAMTHACH", "Trường Mầm non Cẩm Thạch", "MN Cẩm Thạch", K.PRESCHOOL, "PGDDT-CP"),
    ("CP-MN-HOAHONG", "Trường Mầm non Hoa Hồng", "MN Hoa Hồng", K.PRESCHOOL, "PGDDT-CP"),
    ("CP-MN-CAMDONG", "Trường Mầm non Cẩm Đông", "MN Cẩm Đông", K.PRESCHOOL, "PGDDT-CP"),
    ("CP-TH-CAMPHU", "Trường Tiểu học Cẩm Phú", "TH Cẩm Phú", K.PRIMARY, "PGDDT-CP"),
    ("CP-TH-CAMTHUY", "Trường Tiểu học Cẩm Thủy", "TH Cẩm Thủy", K.PRIMARY, "PGDDT-CP"),
    ("CP-TH-QUANGHANH", "Trường Tiểu học Quang Hanh", "TH Quang Hanh", K.PRIMARY, "PGDDT-CP"),
    ("CP-TH-CAMSON", "Trường Tiểu học Cẩm Sơn", "TH Cẩm Sơn", K.PRIMARY, "PGDDT-CP"),
    ("CP-THCS-CAMBINH", "Trường THCS Cẩm Bình", "THCS Cẩm Bình", K.LOWER_SECONDARY, "PGDDT-CP"),
    (
        "CP-THCS-LEHONGPHONG",
        "Trường THCS Lê Hồng Phong",
        "THCS Lê Hồng Phong",
        K.LOWER_SECONDARY,
        "PGDDT-CP",
    ),
    ("CP-THCS-CAMPHU", "Trường THCS Cẩm Phú", "THCS Cẩm Phú", K.LOWER_SECONDARY, "PGDDT-CP"),
    (
        "CP-THCS-QUANGHANH",
        "Trường THCS Quang Hanh",
        "THCS Quang Hanh",
        K.LOWER_SECONDARY,
        "PGDDT-CP",
    ),
    (
        "CP-THCS-MONGDUONG",
        "Trường THCS Mông Dương",
        "THCS Mông Dương",
        K.LOWER_SECONDARY,
        "PGDDT-CP",
    ),
    ("CP-LC-CONGHOA", "Trường TH&THCS Cộng Hòa", "TH&THCS Cộng Hòa", K.MULTI_LEVEL, "PGDDT-CP"),
    ("QN-THPT-CAMPHA", "Trường THPT Cẩm Phả", "THPT Cẩm Phả", K.UPPER_SECONDARY, "SGDDT-QN"),
    # Tuyên Quang, organised the post-2025 way: schools under the Sở or under communes
    (
        "SGDDT-TQ",
        "Sở Giáo dục và Đào tạo tỉnh Tuyên Quang",
        "Sở GDĐT Tuyên Quang",
        K.DEPARTMENT,
        "BGDDT",
    ),
    (
        "TQ-UBND-MINHXUAN",
        "Ủy ban nhân dân phường Minh Xuân",
        "UBND phường Minh Xuân",
        K.COMMUNE_COMMITTEE,
        "SGDDT-TQ",
    ),
    (
        "TQ-UBND-YENSON",
        "Ủy ban nhân dân xã Yên Sơn",
        "UBND xã Yên Sơn",
        K.COMMUNE_COMMITTEE,
        "SGDDT-TQ",
    ),
    ("TQ-MN-MINHXUAN", "Trường Mầm non Minh Xuân", "MN Minh Xuân", K.PRESCHOOL, "TQ-UBND-MINHXUAN"),
    ("TQ-TH-MINHXUAN", "Trường Tiểu học Minh Xuân", "TH Minh Xuân", K.PRIMARY, "TQ-UBND-MINHXUAN"),
    (
        "TQ-THCS-MINHXUAN",
        "Trường THCS Minh Xuân",
        "THCS Minh Xuân",
        K.LOWER_SECONDARY,
        "TQ-UBND-MINHXUAN",
    ),
    ("TQ-TH-YENSON", "Trường Tiểu học Yên Sơn", "TH Yên Sơn", K.PRIMARY, "TQ-UBND-YENSON"),
    ("TQ-THCS-YENSON", "Trường THCS Yên Sơn", "THCS Yên Sơn", K.LOWER_SECONDARY, "TQ-UBND-YENSON"),
    (
        "TQ-THPT-CHUYEN",
        "Trường THPT Chuyên Tuyên Quang",
        "THPT Chuyên Tuyên Quang",
        K.UPPER_SECONDARY,
        "SGDDT-TQ",
    ),
    (
        "TQ-THPT-HAGIANG",
        "Trường THPT Chuyên Hà Giang",
        "THPT Chuyên Hà Giang",
        K.UPPER_SECONDARY,
        "SGDDT-TQ",
    ),
    # People's Committees that receive reports
    (
        "UBND-HP",
        "Ủy ban nhân dân thành phố Hải Phòng",
        "UBND thành phố Hải Phòng",
        K.PROVINCE_COMMITTEE,
        "",
    ),
    (
        "UBND-HB",
        "Ủy ban nhân dân quận Hồng Bàng",
        "UBND quận Hồng Bàng",
        K.DISTRICT_COMMITTEE,
        "UBND-HP",
    ),
]

# (code, name, owner, members): the seeds run contests "from cluster to city level"
GROUPS = [
    (
        "HB-CUM-1",
        "Cụm trường số 1 quận Hồng Bàng",
        "PGDDT-HB",
        [
            "HB-TH-LYTUTRONG",
            "HB-TH-HUNGVUONG",
            "HB-THCS-HONGBANG",
            "HB-THCS-HUNGVUONG",
            "HB-MN-HOAPHUONG",
        ],
    ),
    (
        "HB-CUM-2",
        "Cụm trường số 2 quận Hồng Bàng",
        "PGDDT-HB",
        ["HB-TH-QUANTOAN", "HB-TH-BACHDANG", "HB-THCS-QUANTOAN", "HB-MN-QUANTOAN"],
    ),
    (
        "CP-CUM-DONG",
        "Cụm trường phía Đông thành phố Cẩm Phả",
        "PGDDT-CP",
        ["CP-TH-CAMPHU", "CP-THCS-CAMPHU", "CP-THCS-MONGDUONG", "CP-MN-CAMDONG"],
    ),
]

R = Role
# (username, family and middle name, given name, unit code, role, position)
ACCOUNTS: list[tuple[str, str, str, str, Role, str]] = [
    ("bo-gddt", "Trần Quốc", "Khánh", "BGDDT", R.VIEWER, "Chuyên viên"),
    ("so-haiphong", "Nguyễn Thị", "Hồng", "SGDDT-HP", R.LEADER, "Phó Giám đốc"),
    ("so-haiphong-canbo", "Phạm Văn", "Minh", "SGDDT-HP", R.OFFICER, "Chuyên viên"),
    ("so-haiphong-bientap", "Lê Thu", "Trang", "SGDDT-HP", R.EDITOR, "Biên tập viên"),
    ("phong-hongbang", "Vũ Thị", "Lan", "PGDDT-HB", R.OFFICER, "Chuyên viên"),
    ("phong-hongbang-lanhdao", "Đỗ Văn", "Hải", "PGDDT-HB", R.LEADER, "Phó Trưởng phòng"),
    ("phong-hongbang-bientap", "Hoàng Minh", "Tuấn", "PGDDT-HB", R.EDITOR, "Bộ phận CTTT"),
    ("phong-hongbang-xem", "Bùi Thị", "Mai", "PGDDT-HB", R.VIEWER, "Chuyên viên"),
    (
        "truong-hongbang",
        "Ngô Thị",
        "Hạnh",
        "HB-THCS-HONGBANG",
        R.OFFICER,
        "Giáo viên kiêm nhiệm TTĐN",
    ),
    (
        "truong-hongbang-hieutruong",
        "Đặng Văn",
        "Thành",
        "HB-THCS-HONGBANG",
        R.LEADER,
        "Hiệu trưởng",
    ),
    ("truong-hongbang-bientap", "Phan Thị", "Ngọc", "HB-THCS-HONGBANG", R.EDITOR, "Giáo viên"),
    (
        "truong-lytutrong",
        "Trịnh Văn",
        "Long",
        "HB-TH-LYTUTRONG",
        R.OFFICER,
        "Giáo viên kiêm nhiệm TTĐN",
    ),
    ("so-quangninh", "Lương Văn", "Hùng", "SGDDT-QN", R.LEADER, "Phó Giám đốc"),
    ("so-quangninh-canbo", "Nguyễn Thị", "Thu", "SGDDT-QN", R.OFFICER, "Chuyên viên"),
    ("phong-campha", "Hà Thị", "Thanh", "PGDDT-CP", R.OFFICER, "Chuyên viên"),
    ("phong-campha-lanhdao", "Vũ Đức", "Tiến", "PGDDT-CP", R.LEADER, "Phó Trưởng phòng"),
    ("phong-campha-bientap", "Nguyễn Văn", "Dũng", "PGDDT-CP", R.EDITOR, "Bộ phận CTTT"),
    ("phong-campha-xem", "Lê Thị", "Hương", "PGDDT-CP", R.VIEWER, "Chuyên viên"),
    ("truong-campha", "Trần Thị", "Hoa", "CP-THCS-CAMPHU", R.OFFICER, "Giáo viên kiêm nhiệm TTĐN"),
    ("truong-campha-hieutruong", "Phạm Quang", "Vinh", "CP-THCS-CAMPHU", R.LEADER, "Hiệu trưởng"),
    ("so-tuyenquang", "Ma Văn", "Chiến", "SGDDT-TQ", R.LEADER, "Phó Giám đốc"),
    (
        "xa-minhxuan",
        "Hoàng Thị",
        "Yến",
        "TQ-UBND-MINHXUAN",
        R.OFFICER,
        "Công chức văn hóa - xã hội",
    ),
    (
        "truong-minhxuan",
        "Nông Văn",
        "Sơn",
        "TQ-THCS-MINHXUAN",
        R.OFFICER,
        "Giáo viên kiêm nhiệm TTĐN",
    ),
    ("ubnd-haiphong", "Đinh Văn", "Quang", "UBND-HP", R.VIEWER, "Chuyên viên Văn phòng UBND"),
]
OPERATOR = ("quantri", "Quản trị", "Hệ thống")


@transaction.atomic
def load() -> list[str]:
    """Create what is missing; keep what exists (passwords included) so a second run changes nothing."""
    created_units = sum(_ensure_unit(*row) for row in UNITS)
    for code, name, owner, members in GROUPS:
        group, _new = UnitGroup.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": GroupKind.CLUSTER,
                "owner": Unit.objects.get(code=owner),
            },
        )
        group.members.add(*Unit.objects.filter(code__in=members))
    created_users = sum(_ensure_account(*row) for row in ACCOUNTS) + _ensure_operator()
    return [
        f"{created_units} units and {created_users} accounts created",
        f"{Unit.objects.count()} units in all",
    ]


def _ensure_unit(code: str, name: str, short_name: str, kind: UnitKind, parent_code: str) -> bool:
    if Unit.objects.filter(code=code).exists():
        return False
    parent = Unit.objects.get(code=parent_code) if parent_code else None
    services.create_unit(
        code=code, name=name, short_name=short_name, kind=kind, parent=parent, by=None
    )
    return True


def _demo_user(username: str, first_name: str, last_name: str, **flags: bool) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": f"{last_name} (demo)",
            "email": f"{username}@demo.ttdn.local",
            "is_demo": True,
            **flags,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user, created


def _ensure_account(
    username: str, first_name: str, last_name: str, unit_code: str, role: Role, title: str
) -> bool:
    user, created = _demo_user(username, first_name, last_name)
    services.add_membership(user, Unit.objects.get(code=unit_code), role, by=None, title=title)
    return created


def _ensure_operator() -> bool:
    username, first_name, last_name = OPERATOR
    return _demo_user(username, first_name, last_name, is_staff=True, is_superuser=True)[1]
