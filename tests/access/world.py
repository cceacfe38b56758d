"""One object of every kind the URLs take, in Hải Phòng (the cast's province) and in Quảng Ninh
(the outsider's), built with the apps' own factories and services.

`World.kwargs(kind, side)` gives the URL arguments that name the object of `kind` on `side`
("home": Hải Phòng, "away": Quảng Ninh).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import Cast
from ttdn import docgen
from ttdn.activities.services import activities as activity_services
from ttdn.activities.services import contests, movements
from ttdn.content import disclosure
from ttdn.content import services as content
from ttdn.content.enums import Check, SectionKind
from ttdn.content.tests.factories import jpeg_with_gps
from ttdn.core.enums import UploadJobStatus
from ttdn.core.models import UploadJob
from ttdn.core.services import create_token
from ttdn.documents import services as documents
from ttdn.documents.enums import Classification
from ttdn.documents.tests.factories import DocumentFactory, LetterheadFactory, letter
from ttdn.events.tests.factories import CommemorationFactory
from ttdn.monitoring import services as monitoring
from ttdn.monitoring.enums import Severity
from ttdn.monitoring.tests.factories import mention_of
from ttdn.org.enums import Role
from ttdn.org.models import Unit, User
from ttdn.org.tests.factories import member
from ttdn.plans import services as plan_services
from ttdn.plans.models import PlanSubmission
from ttdn.plans.tests.factories import issue, printable_plan
from ttdn.registries.services import cooperation, inspection, training
from ttdn.registries.tests.factories import (
    ContactPersonFactory,
    PartnerContactFactory,
    PartnerFactory,
)
from ttdn.reports import services as report_services
from ttdn.reports.enums import PeriodKind
from ttdn.reports.models import Submission
from ttdn.reports.periods import Period
from ttdn.reports.tests.factories import PHONG_VALUES, open_round, report_form
from ttdn.stats import queries as stats_queries
from ttdn.stats import services as stats
from ttdn.stats.enums import PressKind, Topic
from ttdn.stats.models import Dataset, ImportFile
from ttdn.stats.services import photos as stats_photos

DAY = datetime.date(2026, 3, 2)
SIDES = ("home", "away")


@dataclass
class World:
    people: dict[str, User | None]
    objects: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def add(self, what: str, side: str, /, **kwargs: Any) -> None:
        self.objects.setdefault(what, {})[side] = kwargs

    def kwargs(self, kind: str, side: str) -> dict[str, Any]:
        return self.objects[kind][side]


def build(cast: Cast) -> World:
    """The world as it stood on 25 April 2026, while the reports' window was open.

    Both provinces: the Phòng of Hồng Bàng (home) and the Sở of Quảng Ninh (away) own the
    objects; the people of the matrix act for the Phòng, the outsider for the Sở of Quảng Ninh."""
    outsider_leader = member("outsider-leader", cast.outsider_so, Role.LEADER)
    world = World(
        people={
            "anonymous": None,
            "outsider": cast.outsider,
            "viewer": member("phong-viewer", cast.phong, Role.VIEWER),
            "editor": member("phong-editor", cast.phong, Role.EDITOR),
            "officer": cast.phong_officer,
            "leader": cast.phong_leader,
            "operator": cast.operator,
        }
    )
    sides = {
        "home": (cast.phong, cast.school_a, cast.phong_leader, cast.so, cast.so_leader),
        "away": (
            cast.outsider_so,
            cast.outsider_school,
            outsider_leader,
            cast.outsider_so,
            outsider_leader,
        ),
    }
    _build_common(world)
    moment = timezone.make_aware(datetime.datetime(2026, 4, 25, 10))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        for side, (unit, school, leader, upper, upper_leader) in sides.items():
            _build_side(world, side, unit, school, leader, upper, upper_leader)
    return world


def _build_common(world: World) -> None:
    """Arguments that name no object of either province."""
    world.add("year", "any", year=2026)
    world.add("month", "any", year=2026, month=3)
    world.add("sheet", "any", name="partners")
    world.add("password_reset", "any", uidb64="MQ", token="set-password")
    world.add("standard_form", "any", key="ttdn-6-thang")
    Dataset.objects.create(
        code="pupils", name="Số học sinh", name_en="Pupils", measure="học sinh",
        measure_en="pupils", topic=Topic.SCALE, key_figure=True, public=True,
    )  # fmt: skip


def _build_side(
    world: World, side: str, unit: Unit, school: Unit, leader: User, upper: Unit, upper_leader: User
) -> None:
    add = world.add
    add("unit", side, code=unit.code)
    add("unit_pk", side, unit_pk=unit.pk)
    add("token", side, pk=create_token(leader, name="matrix", by=leader)[0].pk)
    job = UploadJob.objects.create(kind="plans.import", owner=leader, filename="kh.txt")
    add("upload_job", side, pk=job.pk)
    imported = UploadJob.objects.create(kind="plans.api_import", owner=leader, filename="kh.txt")
    add("api_import_job", side, pk=imported.pk)
    # The legal library and the register.
    # The library's public documents are read by everyone signed in (the legal library is the
    # sector's); a unit's internal documents only within its subtree: the matrix uses those.
    document = DocumentFactory(
        unit=unit, number_symbol=f"9/KH-{unit.code}", classification=Classification.INTERNAL
    )
    target = DocumentFactory(
        unit=unit, number_symbol=f"10/KH-{unit.code}", classification=Classification.INTERNAL
    )
    relation = documents.relate_documents(document, target, kind="guides", by=leader)
    attached = documents.attach_file(
        document, file=SimpleUploadedFile("ban-goc.pdf", b"%PDF-1.4 test"), by=leader
    )
    # A public document of the sector's library (no unit: every signed-in person reads it), shown
    # on the unit's public page.
    published = DocumentFactory(number_symbol=f"11/KH-{side.upper()}", issuer="Bộ GDĐT")
    public_file = documents.attach_file(
        published, file=SimpleUploadedFile("ban-goc.pdf", b"%PDF-1.4 test"), by=leader
    )
    publication = documents.publish_document(published, unit=unit, by=leader)
    add("document", side, pk=document.pk)
    add("relation", side, pk=relation.pk)
    add("document_file", side, pk=attached.pk)
    add("publication", side, pk=publication.pk)
    add("check_job", side, pk=job.pk)
    add("public_document", side, slug=unit.slug, pk=published.pk)
    add("portal_document", side, unit_slug=unit.slug, pk=published.pk)
    add("api_document", side, document_id=document.pk)
    add("public_documents", side, slug=unit.slug)
    add("public_document_file", side, slug=unit.slug, pk=published.pk, file_pk=public_file.pk)
    LetterheadFactory(unit=unit)
    LetterheadFactory(unit=upper) if upper != unit else None
    outgoing = documents.issue_document(unit, doc=letter(), by=leader)
    add("outgoing", side, pk=outgoing.pk)
    # An entry the unit shows on its public site, with its DOCX.
    shown = documents.publish_on_site(
        documents.issue_document(unit, doc=letter(), by=leader), by=leader
    )
    add("portal_outgoing", side, unit_slug=unit.slug, pk=shown.pk)
    # The calendar.
    commemoration = CommemorationFactory(unit=unit, scope="province", name=f"Ngày {unit.code}")
    add("commemoration", side, pk=commemoration.pk)
    add("calendar_feed", side, code=unit.code)
    add("media", side, path="content/none.jpg")
    _issued, task = _build_plans(world, side, unit, school, leader)
    _build_reports(world, side, unit, school, leader, upper, upper_leader)
    live = _build_portal(world, side, unit, school, leader)
    link = plan_services.link_article(task, live, kind="evidence", by=leader)
    add("task_article", side, pk=link.pk)
    _build_registries(world, side, unit, school, leader)
    _build_activities(world, side, unit, school, leader)
    _build_monitoring(world, side, unit, leader)
    _build_stats(world, side, unit, leader)
    _build_school_site(world, side, unit, school, leader)


def _build_plans(world: World, side: str, unit: Unit, school: Unit, leader: User) -> Any:
    requesting = issue(printable_plan(unit), leader, [school], datetime.date(2026, 3, 10))
    draft = printable_plan(unit)
    submission = PlanSubmission.objects.get(requesting_plan=requesting, unit=school)
    task = draft.tasks.first()
    world.add("plan", side, pk=draft.pk)
    world.add("issued_plan", side, pk=requesting.pk)
    world.add("plan_print", side, pk=draft.pk, fmt="docx")
    world.add("plan_task", side, pk=task.pk)
    world.add("plan_section", side, pk=draft.sections.first().pk)
    world.add("plan_submission", side, pk=submission.pk)
    world.add("task", side, pk=task.pk)
    return requesting, task


def _build_reports(
    world: World,
    side: str,
    unit: Unit,
    school: Unit,
    leader: User,
    upper: Unit,
    upper_leader: User,
) -> None:
    form = report_form(unit, leader, code=f"form-{unit.code.lower()}")
    round_ = open_round(unit, leader, form)
    submission = Submission.objects.get(round=round_, unit=school)
    version = report_services.latest_version(form)
    world.add("round", side, pk=round_.pk)
    world.add("round_print", side, pk=round_.pk, fmt="docx")
    job = UploadJob.objects.create(
        kind="reports.excel", owner=leader, filename="bao-cao.xlsx", status=UploadJobStatus.DONE,
        result={"round": round_.pk, "errors": [], "changed": 1},
    )  # fmt: skip
    world.add("excel_job", side, pk=job.pk)
    world.add("submission", side, pk=submission.pk)
    world.add("submission_print", side, pk=submission.pk, fmt="docx")
    world.add("form", side, pk=form.pk)
    world.add("form_section", side, pk=form.pk, section_pk=version.sections.first().pk)
    world.add("indicator", side, pk=form.pk, indicator_pk=version.indicators.first().pk)
    world.add("rule", side, pk=form.pk, rule_pk=version.rules.first().pk)
    # An approved report of a school, locked, with an unlock asked for.
    report_services.save_values(submission, PHONG_VALUES, by=school_writer(school))
    report_services.submit_submission(submission, by=school_writer(school))
    report_services.approve_submission(submission, by=leader)
    unlock = report_services.request_unlock(
        submission, reason="Sửa số liệu", by=school_writer(school)
    )
    world.add("unlock", side, pk=unlock.pk)


def school_writer(school: Unit) -> User:
    """The school's officer, made on first use."""
    existing = User.objects.filter(memberships__unit=school, memberships__role=Role.OFFICER).first()
    return existing or member(f"writer-{school.code.lower()}", school, Role.OFFICER)


def _build_portal(world: World, side: str, unit: Unit, school: Unit, leader: User) -> Any:
    site = content.open_site(unit)
    section = site.sections.order_by("position", "pk").first()
    draft = content.create_article(
        site, by=leader, title="Bài nháp", summary="Tóm tắt.", body="<p>Nội dung.</p>"
    )
    live = content.create_article(
        site, by=leader, title="Bài đã đăng", summary="Tóm tắt.", body="<p>Nội dung.</p>"
    )
    item = content.add_to_gallery(live, upload=jpeg_with_gps(), alt="Ảnh", by=leader)
    attachment = content.attach_file(
        live,
        upload=SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
        by=leader,
    )
    content.submit_article(live, by=leader)
    content.approve_article(live, by=leader, checklist=Check.values)
    today = timezone.localdate()
    consent = content.record_consent(
        site,
        pupil="Trần Minh An",
        given_by="Trần Văn Bình (bố)",
        given_on=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=300),
        by=leader,
    )
    exemplar = content.create_exemplar(
        site,
        name="Em Trần Minh An",
        role="pupil",
        achievements="Giải Nhì",
        by=leader,
        consent=consent,
    )
    image = content.add_image(site, upload=jpeg_with_gps(), alt="Ảnh", by=leader)
    width = item.image.renditions[0]["width"] if getattr(item.image, "renditions", None) else 480
    world.add("site_unit", side, code=unit.code)
    world.add("section", side, pk=section.pk)
    world.add("article", side, pk=draft.pk)
    world.add("revision", side, pk=draft.pk, number=1)
    world.add("gallery_item", side, pk=item.pk)
    world.add("gallery_file", side, pk=item.pk, width=width, extension="jpg")
    world.add("image", side, pk=image.pk)
    world.add("attachment", side, pk=attachment.pk)
    world.add("portal", side, unit_slug=unit.slug)
    world.add("portal_section", side, unit_slug=unit.slug, section_slug=section.slug)
    world.add("portal_article", side, unit_slug=unit.slug, pk=live.pk, slug=live.slug)
    world.add("portal_exemplar", side, unit_slug=unit.slug, pk=exemplar.pk)
    world.add(
        "portal_gallery_file", side, unit_slug=unit.slug, pk=item.pk, width=width, extension="jpg"
    )
    world.add("portal_attachment", side, unit_slug=unit.slug, pk=attachment.pk)
    _build_albums(world, side, unit, site, leader)
    world.add("api_article", side, unit_slug=unit.slug, pk=live.pk)
    world.add("api_draft", side, pk=draft.pk)
    return live


def _build_albums(world: World, side: str, unit: Unit, site: Any, leader: User) -> None:
    """A draft album (what its editors work on), a published one, and a leader of the site."""
    draft = content.create_album(site, title="Album nháp", date=DAY, by=leader)
    item = content.add_photos(draft, uploads=[jpeg_with_gps()], alt="Ảnh", by=leader)[0]
    live = content.create_album(site, title="Album đã đăng", date=DAY, by=leader)
    shown = content.add_photos(live, uploads=[jpeg_with_gps()], alt="Ảnh", by=leader)[0]
    content.publish_album(live, by=leader, checklist=Check.values, reason="Thử")
    person = content.add_leader(site, by=leader, name="Người A", role="Hiệu trưởng")
    width = shown.image.renditions[0]["width"]
    world.add("album", side, pk=draft.pk)
    world.add("album_item", side, pk=item.pk)
    world.add("leader", side, pk=person.pk)
    world.add("portal_album", side, unit_slug=unit.slug, pk=live.pk)
    world.add(
        "portal_album_file", side, unit_slug=unit.slug, pk=shown.pk, width=width, extension="jpg"
    )


def _build_registries(world: World, side: str, unit: Unit, school: Unit, leader: User) -> None:
    partner = PartnerFactory(recorded_by=unit)
    contact = PartnerContactFactory(partner=partner, unit=unit)
    agreement = cooperation.record_agreement(
        unit, by=leader, partner=partner, kind="mou", title="Biên bản ghi nhớ"
    )
    programme = cooperation.record_programme(
        unit, by=leader, partners=[partner], name="Song ngữ", goals="Dạy song ngữ.", starts_on=DAY
    )
    delegation = cooperation.record_delegation(
        unit,
        by=leader,
        members=[{"full_name": "Khamphoui", "position": "Trưởng phòng"}],
        direction="incoming",
        partner=partner,
        purpose="Trao đổi kinh nghiệm",
        starts_on=DAY,
        ends_on=DAY,
        place="Hải Phòng",
    )
    conference = cooperation.record_conference(
        unit,
        by=leader,
        kind="seminar",
        title="Hội thảo",
        starts_on=DAY,
        ends_on=DAY,
        place="Hạ Long",
        participants="Đại biểu",
        participant_count=40,
        foreign_participant_count=6,
    )
    person = ContactPersonFactory(unit=unit)
    course = training.record_course(
        unit,
        by=leader,
        topic="Tập huấn TTĐN",
        level="district",
        trainer="Sở TT&TT",
        starts_on=DAY,
        ends_on=DAY,
        place="Hội trường",
        hours=8,
    )
    trainee = training.enrol(course, unit=school, by=leader, full_name="Nguyễn Văn Học")
    inspected = inspection.plan_inspection(
        unit,
        by=leader,
        subjects=[school],
        year=2026,
        title="Kiểm tra TTĐN",
        scope="Quy chế",
        starts_on=DAY,
        ends_on=DAY,
    )
    inspection.start_inspection(inspected, by=leader)
    finding = inspection.record_finding(
        inspected, unit=school, description="Thiếu chuyên mục", by=leader
    )
    add = world.add
    add("partner", side, pk=partner.pk)
    add("partner_contact", side, pk=contact.pk)
    add("agreement", side, pk=agreement.pk)
    add("programme", side, pk=programme.pk)
    add("delegation", side, pk=delegation.pk)
    add("delegation_member", side, pk=delegation.members.first().pk)
    add("conference", side, pk=conference.pk)
    add("approvable", side, kind="delegations", pk=delegation.pk)
    participant = cooperation.add_participant(
        conference, by=leader, full_name="Nguyễn Thị Lan", organisation="Trường Đại học"
    )
    add("conference_participant", side, pk=participant.pk)
    add("contact_person", side, pk=person.pk)
    add("course", side, pk=course.pk)
    add("course_certificates", side, pk=course.pk, fmt="docx")
    add("trainee", side, pk=trainee.pk)
    add("inspection", side, pk=inspected.pk)
    add("finding", side, pk=finding.pk)


def _build_activities(world: World, side: str, unit: Unit, school: Unit, leader: User) -> None:
    activity = activity_services.record_activity(
        unit, by=leader, kind="ceremony", title="Lễ kỷ niệm", starts_on=DAY
    )
    photo = activity_services.add_photo(activity, upload=jpeg_with_gps(), alt="Ảnh", by=leader)
    attached = activity_services.attach_file(
        activity,
        upload=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
        by=leader,
    )
    movement = movements.launch_movement(
        unit, by=leader, title="Dạy tốt", starts_on=DAY, ends_on=DAY + datetime.timedelta(days=90)
    )
    contest = contests.organise_contest(unit, by=leader, title="An toàn giao thông", year=2026)
    level = contests.add_level(contest, by=leader, name="Cấp thành phố")
    entry = contests.enter_contest(
        contest, school, by=school_writer(school), title="Bài dự thi", pupils=["Nguyễn An — 8A"]
    )
    result = contests.record_result(entry, level, by=leader, prize="first")
    published = contests.organise_contest(unit, by=leader, title="Vẽ tranh", year=2026)
    contests.publish_results(published, by=leader)
    add = world.add
    add("activity", side, pk=activity.pk)
    add("activity_file", side, pk=attached.pk)
    add("activity_photo", side, pk=photo.pk)
    add("movement", side, pk=movement.pk)
    add("contest", side, pk=contest.pk)
    add("entry_level", side, entry_pk=entry.pk, level_pk=level.pk)
    add("result", side, pk=result.pk)
    add("certificate", side, pk=result.pk, fmt="docx")
    add("portal_contest", side, unit_slug=unit.slug, pk=published.pk)


def _build_monitoring(world: World, side: str, unit: Unit, leader: User) -> None:
    mention = mention_of(unit)
    case = monitoring.open_case(mention, by=leader, title="Tin sai lệch", severity=Severity.HIGH)
    press = monitoring.record_press_request(
        unit,
        by=leader,
        journalist="Nguyễn Thu Hà",
        outlet="Báo Giáo dục",
        question="Bao nhiêu trường?",
        deadline=timezone.now() + datetime.timedelta(days=1),
    )
    add = world.add
    add("mention", side, pk=mention.pk)
    add("story", side, pk=mention.item.story_id)
    add("story_id", side, story_id=mention.item.story_id)
    add("case", side, pk=case.pk)
    add("case_id", side, case_id=case.pk)
    add("case_action", side, pk=case.pk, action="verify")
    add("source", side, pk=mention.item.source_id)
    add("watch", side, pk=mention.watch_id)
    add("press_request", side, pk=press.pk)


def _build_stats(world: World, side: str, unit: Unit, leader: User) -> None:
    """A fact sheet published and one in draft, a figure corrected since the sheet was published,
    and one waiting for approval."""
    dataset = Dataset.objects.get(code="pupils")
    period = Period(PeriodKind.SCHOOL_YEAR, 2025)
    writer = member(f"stats-{unit.code.lower()}", unit, Role.OFFICER)
    approved = stats.enter_figure(dataset, unit, period=period, value="640", by=writer)
    stats.approve_figure(approved, by=leader)
    sheet = {
        "kind": PressKind.FACT_SHEET,
        "title": "Thông tin báo chí năm học 2025–2026",
        "title_en": "Fact sheet 2025–2026",
        "body": "Có {pupils} học sinh.",
        "body_en": "{pupils} pupils.",
        "period_key": period.key,
        "datasets": [dataset],
        "by": writer,
    }
    published = stats.create_press_document(unit, **sheet)
    stats.submit_press_document(published, by=writer)
    stats.publish_press_document(published, by=leader)
    published.refresh_from_db()
    content.approve_article(published.article, by=leader, checklist=Check.values)
    draft = stats.create_press_document(unit, **sheet)
    picture = stats_queries.published_images(published.article.site).first()
    photo = stats_photos.clear_press_photo(
        picture, by=writer, caption="Lễ khai giảng", credit="Phòng GDĐT"
    )
    # A corrected figure approved since: the published fact sheet is out of date.
    corrected = stats.enter_figure(dataset, unit, period=period, value="642", by=writer)
    stats.approve_figure(corrected, by=leader)
    waiting = stats.enter_figure(dataset, unit, period=period, value="643", by=writer)
    stats.save_press_contact(
        unit, by=leader, spokesperson="Lê Thị Mai", position="Phó Trưởng phòng"
    )
    add = world.add
    add("stats_unit", side, pk=unit.pk)
    add("figure", side, pk=waiting.pk)
    add("figure_decision", side, pk=waiting.pk, decision="approve")
    add("press_document", side, pk=published.pk)
    add("press_move", side, pk=draft.pk, action="submit")
    add("press_print", side, pk=published.pk, language="vi", fmt="docx")
    add("press_kit", side, unit_slug=unit.slug, pk=published.pk)
    add("press_kit_print", side, unit_slug=unit.slug, pk=published.pk, language="vi", fmt="docx")
    add("press_kit_photo", side, unit_slug=unit.slug, pk=photo.pk)
    add("press_photo", side, pk=photo.pk)
    add("press_photo_clear", side, pk=unit.pk, image=picture.pk)
    add("dataset", side, unit_slug=unit.slug, code=dataset.code)
    add("dataset_file", side, unit_slug=unit.slug, code=dataset.code, fmt="csv")
    kept = ImportFile(unit=unit, filename="so-lieu.xlsx", rows=1, by=writer)
    kept.file.save("so-lieu.xlsx", ContentFile(b"PK\x03\x04 figures"), save=True)
    add("stats_import", side, pk=kept.pk)


def _build_school_site(world: World, side: str, unit: Unit, school: Unit, leader: User) -> None:
    """The school's own website: its public disclosures and the Phòng's week schedule."""
    site = content.open_site(school)
    item = disclosure.items_for(school.kind)[0]
    published = content.publish_disclosure(
        site,
        item=item.code,
        school_year=disclosure.school_year_of(DAY),
        by=leader,
        upload=SimpleUploadedFile("cong-khai.pdf", b"%PDF-1.4 test"),
    )
    schedule = content.open_site(unit).sections.get(kind=SectionKind.SCHEDULE)
    add = world.add
    add("school_site", side, code=school.code)
    add("disclosure_file", side, unit_slug=school.slug, pk=published.pk)
    add("schedule_week", side, unit_slug=unit.slug, section_slug=schedule.slug, monday="2026-04-20")


_ = docgen  # documents are drafted through the factories' `letter`
