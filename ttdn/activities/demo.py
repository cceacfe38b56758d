"""Demo activities of Cẩm Phả (seed 001): the movement "Dạy tốt, học tốt", the traffic-safety
contest run from the cluster to city level, and activities of its schools. The ceremony for
60 years of the province is left for a person to record (the issue's "Done when")."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from ttdn.activities import services
from ttdn.activities.enums import ActivityKind, ActivityStatus, LevelScope
from ttdn.activities.models import Activity, Contest, Movement
from ttdn.org.models import Unit, UnitGroup, User
from ttdn.plans.models import PlanTask

OFFICE = "PGDDT-CP"
CONTEST = "Hội thi “Chúng em với an toàn giao thông”"
MOVEMENT = "Dạy tốt, học tốt"
# (school, kind, title, days ago, place, teachers, pupils, parents)
SCHOOL_ACTIVITIES = [
    ("CP-TH-CAMPHU", ActivityKind.CULTURE_SPORTS, "Hội diễn văn nghệ chào mừng Ngày Nhà giáo Việt Nam",
     20, "Sân trường Tiểu học Cẩm Phú", 32, 540, 60),
    ("CP-THCS-MONGDUONG", ActivityKind.EXTRACURRICULAR, "Hoạt động trải nghiệm “Em yêu biển đảo quê hương”",
     45, "Khu di tích Đền Cửa Ông", 12, 180, 0),
    ("CP-THCS-CAMBINH", ActivityKind.SEMINAR, "Tọa đàm “Đổi mới phương pháp dạy học môn Lịch sử”",
     70, "Phòng hội đồng Trường THCS Cẩm Bình", 28, 0, 0),
]  # fmt: skip


def load() -> list[str]:
    """Create what is missing (idempotent); skipped without the Cẩm Phả office."""
    office = Unit.objects.filter(code=OFFICE).first()
    officer = User.objects.filter(username="phong-campha").first()
    if office is None or officer is None:
        return [f"no unit {OFFICE}, activities skipped"]
    today = timezone.localdate()
    lines = [_movement(office, officer, today), _contest(office, officer, today)]
    lines += _school_activities(officer, today)
    return lines


def _movement(office: Unit, officer: User, today: datetime.date) -> str:
    if Movement.objects.filter(unit=office, title=MOVEMENT).exists():
        return f"{OFFICE} already has the movement “{MOVEMENT}”"
    movement = services.launch_movement(
        office, by=officer, title=MOVEMENT,
        starts_on=datetime.date(today.year, 1, 1), ends_on=datetime.date(today.year + 1, 5, 31),
        criteria="Đổi mới phương pháp dạy học; có ít nhất một hoạt động được ghi nhận mỗi học kỳ; "
        "tin bài về hoạt động trên trang thông tin điện tử của trường.",
    )  # fmt: skip
    for code in ("CP-TH-CAMPHU", "CP-THCS-MONGDUONG"):
        services.register_unit(
            movement, Unit.objects.get(code=code), by=officer,
            pledge="Đăng ký danh hiệu Tập thể lao động tiên tiến.", on=movement.starts_on,
        )  # fmt: skip
    return f"{OFFICE} launched “{MOVEMENT}” with 2 schools"


def _contest(office: Unit, officer: User, today: datetime.date) -> str:
    if Contest.objects.filter(unit=office, title=CONTEST).exists():
        return f"{OFFICE} already runs “{CONTEST}”"
    school_year = today.year if today.month >= 9 else today.year - 1
    contest = services.organise_contest(
        office, by=officer, title=CONTEST, year=school_year, team_size=3, entries_per_unit=2,
        signer_position="KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG", signer_name="Nguyễn Thị Thanh Hà",
        rules_text="Mỗi trường dự thi tối đa 02 đội, mỗi đội 03 học sinh; thi kiến thức và "
        "xử lý tình huống giao thông. Cấp cụm chọn 01 đội vào cấp thành phố.",
    )  # fmt: skip
    clusters = UnitGroup.objects.filter(code__startswith="CP-CUM")
    services.add_level(
        contest, by=officer, name="Cấp cụm", scope=LevelScope.GROUPS, groups=clusters,
        advance_quota=1,
    )  # fmt: skip
    services.add_level(contest, by=officer, name="Cấp thành phố", scope=LevelScope.WHOLE)
    teams = [
        ("CP-TH-CAMPHU", "Đội Tiểu học Cẩm Phú", ["Nguyễn Minh An — 5A", "Lê Thu Hà — 5B"]),
        ("CP-THCS-MONGDUONG", "Đội THCS Mông Dương", ["Phạm Đức Huy — 8A", "Vũ Ngọc Lan — 8C"]),
    ]
    for code, title, pupils in teams:
        services.enter_contest(
            contest, Unit.objects.get(code=code), by=officer, title=title, pupils=pupils, on=today
        )
    return f"{OFFICE} runs “{CONTEST}” with 2 levels and {len(teams)} entries"


def _school_activities(officer: User, today: datetime.date) -> list[str]:
    lines = []
    movement = Movement.objects.filter(title=MOVEMENT, unit__code=OFFICE).first()
    task = PlanTask.objects.filter(
        Q(title__icontains="Dạy tốt") | Q(title__icontains="thi đua"), plan__unit__code=OFFICE
    ).first()
    for code, kind, title, days_ago, place, teachers, pupils, parents in SCHOOL_ACTIVITIES:
        unit = Unit.objects.filter(code=code).first()
        if unit is None or Activity.objects.filter(unit=unit, title=title).exists():
            continue
        activity = services.record_activity(
            unit, by=officer, kind=kind, title=title, place=place, teachers=teachers,
            pupils=pupils, parents=parents, starts_on=today - datetime.timedelta(days=days_ago),
            movement=movement, tasks=[task] if task else [],
            description="Hoạt động được tổ chức trang trọng, thiết thực, thu hút đông đảo "
            "giáo viên, học sinh tham gia.",
        )  # fmt: skip
        services.transition_activity(activity, to=ActivityStatus.RECORDED, by=officer)
        lines.append(f"{code} recorded “{title}”")
    return lines
