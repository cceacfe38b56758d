"""Demo: the sector's datasets; Phòng GDĐT Cẩm Phả's school statistics for the school years
2021–2022 and 2022–2023 reported by its schools and approved by its leader; the national and
international contest awards of its schools for 2022–2023, counted from the ministry's
published results; its spokesperson and a fact sheet for 2022–2023 published in Vietnamese and
English, approved on its portal and so in its press kit."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as Pillow

from ttdn.activities import services as activities
from ttdn.activities.enums import LevelScope, Prize
from ttdn.activities.models import Contest, Entry, Result
from ttdn.content import services as content
from ttdn.content.enums import Check
from ttdn.content.models import Site
from ttdn.org import services as org
from ttdn.org.enums import Role, UnitLevel
from ttdn.org.models import Unit, User
from ttdn.reports import periods
from ttdn.reports import services as reports_services
from ttdn.reports.enums import Aggregation, IndicatorKind, PeriodKind
from ttdn.reports.models import ReportForm, Round, Submission
from ttdn.stats import services
from ttdn.stats.enums import PressKind, Topic
from ttdn.stats.models import Dataset, PressDocument, PressPhoto
from ttdn.stats.services import photos

FORM_CODE = "thong-ke-nam-hoc-pgddt-cp"
FORM_NAME = "Báo cáo thống kê giáo dục đầu năm học"
OFFICE = "PGDDT-CP"
# (code, indicator, name, name in English, measure, measure in English, topic, key figure)
DATASETS = [
    ("schools", "SL01", "Số trường", "Schools", "trường", "schools", Topic.SCALE, True),
    ("classes", "SL02", "Số lớp", "Classes", "lớp", "classes", Topic.SCALE, False),
    ("pupils", "SL03", "Số học sinh", "Pupils", "học sinh", "pupils", Topic.SCALE, True),
    ("teachers", "SL04", "Số giáo viên", "Teachers", "giáo viên", "teachers", Topic.STAFF, True),
    (
        "standard-schools", "SL05", "Số trường đạt chuẩn quốc gia", "National-standard schools",
        "trường", "schools", Topic.STANDARDS, True,
    ),
    (
        "grade10-candidates", "SL06", "Số học sinh dự thi tuyển sinh lớp 10",
        "Grade-10 entrance candidates", "học sinh", "pupils", Topic.EXAMS, False,
    ),
    (
        "grade10-admitted", "SL07", "Số học sinh trúng tuyển lớp 10 công lập",
        "Admitted to public grade 10", "học sinh", "pupils", Topic.EXAMS, False,
    ),
    (
        "gifted-pupils", "SL08", "Số học sinh giỏi cấp tỉnh", "Provincial gifted-pupil awards",
        "giải", "awards", Topic.GIFTED, False,
    ),
]  # fmt: skip
RATE = (
    "grade10-rate",
    "Tỉ lệ trúng tuyển lớp 10 công lập",
    "Grade-10 public admission rate",
    "%",
    "%",
)
# (school code, 2021–2022 figures, 2022–2023 figures): schools, classes, pupils, teachers,
# national standard, grade-10 candidates, admitted, gifted awards
SCHOOLS = [
    ("CP-TH-CAMPHU", (1, 24, 812, 38, 1, 0, 0, 0), (1, 25, 845, 40, 1, 0, 0, 0)),
    ("CP-TH-CAMTHUY", (1, 20, 690, 31, 0, 0, 0, 0), (1, 21, 702, 32, 1, 0, 0, 0)),
    ("CP-THCS-CAMPHU", (1, 16, 640, 35, 1, 150, 121, 6), (1, 17, 671, 36, 1, 162, 134, 8)),
    ("CP-THCS-CAMBINH", (1, 14, 560, 30, 0, 131, 98, 3), (1, 14, 571, 31, 1, 140, 109, 5)),
    ("CP-MN-CAMTHACH", (1, 10, 290, 24, 1, 0, 0, 0), (1, 10, 301, 25, 1, 0, 0, 0)),
]
FACT_SHEET_VI = (
    "Năm học 2022–2023, ngành Giáo dục và Đào tạo thành phố Cẩm Phả có {schools} trường với "
    "{pupils} học sinh và {teachers} giáo viên; {standard-schools} trường đạt chuẩn quốc gia. "
    "Tỉ lệ học sinh trúng tuyển lớp 10 công lập đạt {grade10-rate}%."
)
FACT_SHEET_EN = (
    "In the 2022–2023 school year, Cẩm Phả city's education sector had {schools} schools with "
    "{pupils} pupils and {teachers} teachers; {standard-schools} schools met the national "
    "standard. {grade10-rate}% of grade-10 candidates were admitted to public schools."
)


# (title, summary, picture's caption, caption in English)
CEREMONY = (
    "Tổng kết năm học 2022–2023 ngành Giáo dục và Đào tạo Cẩm Phả (demo)",
    "Phòng GDĐT Cẩm Phả tổng kết năm học 2022–2023, biểu dương các trường có thành tích xuất sắc.",
    "Lễ tổng kết năm học 2022–2023 của ngành Giáo dục và Đào tạo Cẩm Phả",
    "Cẩm Phả's education sector closes the 2022–2023 school year",
)
MINISTRY = "BGDDT"
# The ministry's officer who records the national and international results (no sign-in).
RESULTS_OFFICER = ("bo-gddt-thidua", "Lương Thị", "Hoa", "Chuyên viên Vụ Giáo dục Trung học")
# (code, name, name in English, international)
AWARDS = [
    ("awards-national", "Số giải thi quốc gia", "National contest awards", False),
    ("awards-international", "Số giải thi quốc tế", "International contest awards", True),
]
# (title, international, [(school, team, pupils, prize)]) for the school year 2022–2023
CONTESTS = [
    (
        "Cuộc thi Khoa học kỹ thuật cấp quốc gia dành cho học sinh trung học", False,
        [
            ("CP-THCS-CAMPHU", "Dự án “Máy lọc nước mưa tự động”", ["Trần Gia Huy — 9A"], Prize.SECOND),
            ("CP-THCS-CAMBINH", "Dự án “Cảnh báo khí mỏ”", ["Đỗ Minh Khoa — 9B"], Prize.THIRD),
        ],
    ),
    (
        "Hội khỏe Phù Đổng toàn quốc — môn Cờ vua", False,
        [("CP-TH-CAMPHU", "Đội cờ vua Tiểu học Cẩm Phú", ["Nguyễn Bảo Ngọc — 5A"], Prize.CONSOLATION)],
    ),
    (
        "Kỳ thi Olympic Toán và Khoa học quốc tế (IMSO)", True,
        [
            ("CP-TH-CAMPHU", "Thí sinh Tiểu học Cẩm Phú", ["Phạm Anh Thư — 5B"], Prize.FIRST),
            ("CP-THCS-CAMPHU", "Thí sinh THCS Cẩm Phú", ["Vũ Hoàng Nam — 8A"], Prize.THIRD),
        ],
    ),
]  # fmt: skip


def load() -> list[str]:
    """Datasets, the office's two approved rounds, the figures and the published fact sheet;
    later runs leave them as they are."""
    office = Unit.objects.filter(code=OFFICE).first()
    officer = User.objects.filter(username="phong-campha").first()
    leader = User.objects.filter(username="phong-campha-lanhdao").first()
    if office is None or officer is None or leader is None:
        return ["skipped: the org demo is missing"]
    lines = _datasets()
    if ReportForm.objects.filter(code=FORM_CODE).exists():
        return [*lines, "Cẩm Phả statistics already there"]
    form = _form(office, officer)
    for year, column in ((2021, 1), (2022, 2)):
        _round(office, officer, leader, form, year, column)
    lines += _contest_awards(officer)
    result = services.refresh_from_reports(by=leader)
    services.save_press_contact(
        office,
        spokesperson="Vũ Đức Tiến",
        position="Phó Trưởng phòng, người phát ngôn",
        contact_name="Hà Thị Thanh, chuyên viên",
        phone="0203 3862 000",
        email="baochi.pgdcampha@example.invalid",
        by=leader,
    )
    sheet = _fact_sheet(office, officer, leader)
    photo = _press_photo(office, officer, leader)
    return [
        *lines,
        f"Cẩm Phả: 2 rounds approved, {result.created} figures, fact sheet “{sheet.title}”, "
        f"photo “{photo.caption}” cleared for the press",
    ]


def _datasets() -> list[str]:
    made = 0
    for order, (code, indicator, name, name_en, measure, measure_en, topic, key) in enumerate(
        DATASETS
    ):
        _, created = Dataset.objects.get_or_create(
            code=code,
            defaults={
                "name": name, "name_en": name_en, "measure": measure, "measure_en": measure_en,
                "topic": topic, "form_code": FORM_CODE, "indicator_code": indicator,
                "key_figure": key, "order": order,
            },
        )  # fmt: skip
        made += created
    code, name, name_en, measure, measure_en = RATE
    if not Dataset.objects.filter(code=code).exists():
        Dataset.objects.create(
            code=code, name=name, name_en=name_en, measure=measure, measure_en=measure_en,
            topic=Topic.EXAMS, order=len(DATASETS), key_figure=False,
            numerator=Dataset.objects.get(code="grade10-admitted"),
            denominator=Dataset.objects.get(code="grade10-candidates"),
            description="Số học sinh trúng tuyển lớp 10 công lập / số học sinh dự thi × 100.",
        )  # fmt: skip
        made += 1
    return [f"{made} datasets"] if made else []


def _form(office: Unit, officer: User) -> ReportForm:
    form = reports_services.create_form(office, code=FORM_CODE, name=FORM_NAME, by=officer)
    for _code, indicator, name, _en, measure, *_rest in DATASETS:
        reports_services.add_indicator(
            form,
            section="I. Quy mô, chất lượng",
            code=indicator,
            name=name,
            kind=IndicatorKind.INTEGER,
            aggregation=Aggregation.SUM,
            measure=measure,
            min_value=0,
            by=officer,
        )
    return form


def _round(
    office: Unit, officer: User, leader: User, form: ReportForm, year: int, column: int
) -> Round:
    """The school year `year`'s statistics, collected from the schools and approved."""
    today = timezone.localdate()
    window = periods.SubmissionWindow(
        today - datetime.timedelta(days=20),
        today + datetime.timedelta(days=10),
        today + datetime.timedelta(days=30),
    )
    round_ = reports_services.open_round(
        office,
        form_version=reports_services.latest_version(form),
        period=periods.Period(PeriodKind.SCHOOL_YEAR, year),
        window=window,
        title=f"{FORM_NAME} {year}–{year + 1}",
        by=officer,
        units=Unit.objects.filter(code__in=[row[0] for row in SCHOOLS]).order_by("path"),
    )
    for code, *years in SCHOOLS:
        submission = Submission.objects.get(round=round_, unit__code=code)
        values = {d[1]: str(v) for d, v in zip(DATASETS, years[column - 1], strict=True)}
        reports_services.save_values(submission, values, by=officer)
        reports_services.submit_submission(submission, by=officer)
        reports_services.approve_submission(submission, by=leader)
    return round_


def _fact_sheet(office: Unit, officer: User, leader: User) -> PressDocument:
    datasets = list(
        Dataset.objects.filter(
            code__in=["schools", "pupils", "teachers", "standard-schools", "grade10-rate"]
        )
    )
    sheet = services.create_press_document(
        office,
        kind=PressKind.FACT_SHEET,
        title="Thông tin báo chí: Giáo dục và Đào tạo Cẩm Phả năm học 2022–2023",
        title_en="Fact sheet: education in Cẩm Phả, school year 2022–2023",
        body=FACT_SHEET_VI,
        body_en=FACT_SHEET_EN,
        period_key=periods.Period(PeriodKind.SCHOOL_YEAR, 2022).key,
        datasets=sorted(datasets, key=lambda d: d.order),
        by=officer,
    )
    services.submit_press_document(sheet, by=officer)
    services.publish_press_document(sheet, by=leader)
    # The leader reviews the portal's article too (the content rules' checklist), in both
    # languages where the site offers English: the fact sheet is then in the press kit.
    sheet.refresh_from_db()
    assert sheet.article is not None
    for article in [sheet.article, *sheet.article.translations.all()]:
        content.approve_article(article, by=leader, checklist=Check.values)
    return sheet


def _press_photo(office: Unit, officer: User, leader: User) -> PressPhoto:
    """A picture of the office's year-end ceremony, published on its portal after review and
    cleared for the press (it shows no pupil, so no consent is needed)."""
    site = Site.objects.get(unit=office)
    article = content.create_article(
        site, by=officer, title=CEREMONY[0], summary=CEREMONY[1], body=f"<p>{CEREMONY[1]}</p>"
    )
    out = io.BytesIO()
    Pillow.new("RGB", (1600, 1067), (22, 92, 160)).save(out, format="JPEG")
    item = content.add_to_gallery(
        article, upload=SimpleUploadedFile("anh.jpg", out.getvalue(), "image/jpeg"),
        alt=CEREMONY[2], caption=CEREMONY[2], by=officer,
    )  # fmt: skip
    content.submit_article(article, by=officer)
    content.approve_article(article, by=leader, checklist=Check.values)
    return photos.clear_press_photo(
        item.image, by=officer, caption=CEREMONY[2], caption_en=CEREMONY[3],
        credit="Bộ phận truyền thông Phòng GDĐT Cẩm Phả",
    )  # fmt: skip


def _contest_awards(officer: User) -> list[str]:
    """The awards datasets, and the ministry's contests of 2022–2023 with the prizes of
    Cẩm Phả's schools, their results published."""
    for order, (code, name, name_en, international) in enumerate(AWARDS, start=len(DATASETS) + 1):
        Dataset.objects.get_or_create(
            code=code,
            defaults={
                "name": name, "name_en": name_en, "measure": "giải", "measure_en": "awards",
                "topic": Topic.CONTESTS, "from_contests": True, "order": order,
                "contest_level": UnitLevel.CENTRAL, "contest_international": international,
                "key_figure": True,
            },
        )  # fmt: skip
    ministry = Unit.objects.filter(code=MINISTRY).first()
    if ministry is None:
        return ["no ministry unit, contest awards skipped"]
    judge = _results_officer(ministry)
    for title, international, entries in CONTESTS:
        if Contest.objects.filter(unit=ministry, title=title, year=2022).exists():
            continue
        contest = activities.organise_contest(
            ministry, by=judge, title=title, year=2022, international=international
        )
        final = activities.add_level(contest, by=judge, name="Chung kết", scope=LevelScope.WHOLE)
        for code, team, pupils, prize in entries:
            entry = activities.enter_contest(
                contest, Unit.objects.get(code=code), by=officer, title=team, pupils=pupils,
                on=datetime.date(2023, 3, 1),
            )  # fmt: skip
            activities.record_result(entry, final, by=judge, prize=prize)
        activities.publish_results(contest, by=judge)
        # Entered in the school year they belong to: this year's reports do not count them.
        entered = timezone.make_aware(datetime.datetime(2023, 5, 20, 9))
        Entry.objects.filter(contest=contest).update(created_at=entered, updated_at=entered)
        Result.objects.filter(level=final).update(entered_at=entered)
    return [f"{len(CONTESTS)} contests of {MINISTRY} with Cẩm Phả's awards published"]


def _results_officer(ministry: Unit) -> User:
    username, family, given, title = RESULTS_OFFICER
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": family, "last_name": f"{given} (demo)", "is_demo": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        org.add_membership(user, ministry, Role.OFFICER, by=None, title=title)
    return user
