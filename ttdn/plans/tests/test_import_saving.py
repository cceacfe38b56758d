"""Saving and previewing an imported plan: citations keep the checker's statuses (chronology
included, as of the plan's date), recognised task items are saved and events linked to the
calendar, and the preview shows both."""

import datetime

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ttdn.core.text import fold
from ttdn.documents.enums import CitationStatus, DocumentType, RelationKind, Verification
from ttdn.documents.tests.factories import DocumentFactory, DocumentRelationFactory
from ttdn.events.tests.factories import CommemorationFactory
from ttdn.plans import services
from ttdn.plans.enums import MentionKind
from ttdn.plans.importer import parse_plan

D = datetime.date

PLAN = "\n".join(
    [
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        "Số: 12/KH-PGDĐT",
        "Hồng Bàng, ngày 05 tháng 01 năm 2022",
        "KẾ HOẠCH",
        "Thông tin đối ngoại năm 2022",
        "Căn cứ Quyết định số 42/2018/QĐ-UBND ngày 21/12/2018 của Ủy ban nhân dân thành phố về "
        "triển khai Quyết định số 1191/QĐ-TTg ngày 05/8/2020 của Thủ tướng Chính phủ;",
        "Căn cứ Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ;",
        "I. NHIỆM VỤ",
        "1. Tuyên truyền kỷ niệm",
        "- Tuyên truyền kỷ niệm 92 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - "
        "03/02/2022).",
    ]
)


def library():
    DocumentFactory(
        type=DocumentType.DECISION,
        number_symbol="42/2018/QĐ-UBND",
        issued_on=D(2018, 12, 21),
        issuer="Ủy ban nhân dân thành phố Hải Phòng",
        verification=Verification.VERIFIED,
    )
    DocumentFactory(
        type=DocumentType.DECISION,
        number_symbol="1191/QĐ-TTg",
        issued_on=D(2020, 8, 5),
        issuer="Thủ tướng Chính phủ",
        verification=Verification.PARTLY,
    )
    old = DocumentFactory(
        type=DocumentType.DECREE,
        number_symbol="13/2023/NĐ-CP",
        issued_on=D(2023, 4, 17),
        issuer="Chính phủ",
        verification=Verification.VERIFIED,
    )
    new = DocumentFactory(
        type=DocumentType.DECREE, number_symbol="356/2025/NĐ-CP", issued_on=None, issuer="Chính phủ"
    )
    DocumentRelationFactory(source=new, target=old, kind=RelationKind.REPLACES)


def party_day():
    return CommemorationFactory(
        name="Ngày thành lập Đảng Cộng sản Việt Nam",
        folded_name=fold("Ngày thành lập Đảng Cộng sản Việt Nam"),
        month=2,
        day=3,
        origin_year=1930,
    )


def test_save_imported_keeps_the_statuses_the_checker_gives_the_whole_text(cast):
    library()

    plan = services.save_imported(parse_plan(PLAN), unit=cast.phong, by=cast.phong_officer)

    statuses = [(c.number_symbol, c.status) for c in plan.citations.all()]
    assert statuses == [
        ("42/2018/QĐ-UBND", CitationStatus.CHRONOLOGY),
        ("1191/QĐ-TTg", CitationStatus.OK_UNVERIFIED),
        ("13/2023/NĐ-CP", CitationStatus.FUTURE),
    ]


def test_save_imported_saves_recognised_items_and_links_the_event_to_the_calendar(cast):
    day = party_day()

    plan = services.save_imported(parse_plan(PLAN), unit=cast.phong, by=cast.phong_officer)

    (mention,) = plan.tasks.get().mentions.all()
    assert (mention.kind, mention.names, mention.date, mention.years, mention.commemoration) == (
        MentionKind.EVENT,
        ["Ngày thành lập Đảng Cộng sản Việt Nam"],
        D(2022, 2, 3),
        92,
        day,
    )


def test_import_preview_shows_statuses_problems_first_and_the_calendar_link(client, cast):
    library()
    day = party_day()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(cast.phong_officer)

    response = client.post(
        reverse("plans:plan_import"),
        {"file": SimpleUploadedFile("ke-hoach.txt", PLAN.encode())},
    )

    preview = response.context["preview"]
    page = response.content.decode()
    assert [(c.citation.number_symbol, c.status) for c in preview.citations] == [
        ("42/2018/QĐ-UBND", CitationStatus.CHRONOLOGY),
        ("13/2023/NĐ-CP", CitationStatus.FUTURE),
        ("1191/QĐ-TTg", CitationStatus.OK_UNVERIFIED),
    ]
    assert page.count('class="citation-status citation-status-problem"') == 2
    assert page.count("OK (unverified record)") == 1
    assert day.get_absolute_url() in page
