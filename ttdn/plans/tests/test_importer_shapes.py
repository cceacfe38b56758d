"""The plan importer on documents in the shapes real copies take (web pages, plans without a
"KẾ HOẠCH" line or numbered sections, tasks that name partners, events and contests).

Every document here was written for these tests, in the shape of the class it stands for.
"""

from __future__ import annotations

import datetime

import pytest

from ttdn.plans.enums import MentionKind
from ttdn.plans.importer import ImportNote, ParsedPlan, PlanImportError, Recurrence, parse_plan

D = datetime.date


def notes(plan: ParsedPlan) -> list[str]:
    return [warning.code for warning in plan.warnings]


def headings(plan: ParsedPlan) -> list[str | None]:
    return [section.heading for top in plan.sections for section in top.walk()]


WEB_COPY = """https://thuvienphapluat.vn/van-ban/Giao-duc/Ke-hoach-94-KH-UBND-2019-thong-tin-doi-ngoai.aspx
Số hiệu: 94/KH-UBND   Loại văn bản: Kế hoạch
Nơi ban hành: Tỉnh Thừa Thiên Huế   Người ký: Nguyễn Văn Phương
Ngày ban hành: 21/08/2019   Ngày hiệu lực: Đã biết
<SPACES>
| ỦY BAN NHÂN DÂN | CỘNG |
| TỈNH THỪA THIÊN HUẾ | HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
|  | Độc lập - Tự do - Hạnh phúc |
| Số: 94/KH-UBND | Thừa |
|  | Thiên Huế, ngày 21 tháng 8 |
|  | năm 2019 |
\t
KẾ HOẠCH
Thông tin đối ngoại tỉnh Thừa Thiên Huế năm 2019
I. MỤC ĐÍCH, YÊU CẦU
- Nâng cao hiệu quả công tác thông tin đối ngoại.
II. TỔ CHỨC THỰC HIỆN
1. Sở Ngoại vụ
- Tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2019./.
| Nơi nhận: | TM. ỦY BAN NHÂN DÂN |
| - Bộ Ngoại giao; | KT. CHỦ TỊCH |
| - Lưu: VT. | PHÓ CHỦ TỊCH |
|  | Nguyễn Văn Phương |
""".replace("<SPACES>", "   ")


def test_parse_plan_reads_a_web_copy_with_a_table_header_broken_over_rows() -> None:
    plan = parse_plan(WEB_COPY)

    assert (plan.issuer, plan.number, plan.symbol, plan.place, plan.issued_on, plan.year) == (
        "ỦY BAN NHÂN DÂN / TỈNH THỪA THIÊN HUẾ",
        "94",
        "KH-UBND",
        "Thừa Thiên Huế",
        D(2019, 8, 21),
        2019,
    )
    assert headings(plan) == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Sở Ngoại vụ",
    ]
    assert plan.signer is not None
    assert (plan.recipients, plan.signer.as_dict()) == (
        ("Bộ Ngoại giao", "Lưu: VT"),
        {
            "authority": "TM. ỦY BAN NHÂN DÂN",
            "position": "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
            "name": "Nguyễn Văn Phương",
        },
    )
    assert (plan.unrecognised, notes(plan)) == ((), [])


def test_parse_plan_reads_a_tab_after_a_heading_marker_as_a_space() -> None:
    text = (
        "KẾ HOẠCH\nThông tin đối ngoại năm 2024\nI.\tMỤC ĐÍCH\n-\tNâng cao nhận thức.\n1.\tNội dung"
    )

    plan = parse_plan(text)

    assert (headings(plan), plan.sections[0].paragraphs) == (
        ["I. MỤC ĐÍCH", "1. Nội dung"],
        ("- Nâng cao nhận thức.",),
    )


def test_parse_plan_drops_the_source_address_and_the_site_information_block() -> None:
    plan = parse_plan(WEB_COPY)

    assert plan.dropped[:2] == (
        "https://thuvienphapluat.vn/van-ban/Giao-duc/Ke-hoach-94-KH-UBND-2019-thong-tin-doi-ngoai.aspx",
        "Số hiệu: 94/KH-UBND Loại văn bản: Kế hoạch",
    )


def test_parse_plan_takes_the_header_from_the_site_information_block_and_says_so() -> None:
    text = "\n".join(
        [
            "Số hiệu: 94/KH-UBND | Loại văn bản: Kế hoạch",
            "Nơi ban hành: Ủy ban nhân dân tỉnh Quảng Ninh | Người ký: Trần Văn A",
            "Ngày ban hành: 25/03/2022",
            "KẾ HOẠCH",
            "Thông tin đối ngoại năm 2022",
            "I. NHIỆM VỤ",
            "1. Tuyên truyền về biển, đảo",
        ]
    )

    plan = parse_plan(text)

    assert (plan.number, plan.symbol, plan.issued_on, plan.issuer) == (
        "94",
        "KH-UBND",
        D(2022, 3, 25),
        "Ủy ban nhân dân tỉnh Quảng Ninh",
    )
    assert plan.signer is not None
    assert plan.signer.name == "Trần Văn A"
    assert [(w.code, dict(w.params)) for w in plan.warnings] == [
        ("header_from_metadata", {"fields": "number,issued_on,issuer"}),
        ("no_place_date", {}),
        ("header_from_metadata", {"fields": "signer"}),
    ]


def test_parse_plan_reads_an_upper_case_number_line() -> None:
    text = "TRƯỜNG TIỂU HỌC A\nSỐ: 07/KH-THA\nKẾ HOẠCH\nThông tin năm 2024\nI. NỘI DUNG"

    plan = parse_plan(text)

    assert (plan.number, plan.symbol, plan.issuer) == ("07", "KH-THA", "TRƯỜNG TIỂU HỌC A")


def test_parse_plan_keeps_a_labelled_line_of_the_body_in_the_body() -> None:
    text = "KẾ HOẠCH\nThông tin đối ngoại năm 2024\nI. NỘI DUNG\nLĩnh vực: giáo dục và đào tạo."

    plan = parse_plan(text)

    assert (plan.sections[0].paragraphs, plan.dropped) == (
        ("Lĩnh vực: giáo dục và đào tạo.",),
        (),
    )


def test_parse_plan_reads_the_complete_second_copy_of_a_repeated_header() -> None:
    text = "\n".join(
        [
            "UBND THÀNH PHỐ HẢI PHÒNG",
            "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
            "Số: 15/KH-SGDĐT Hải Phòng, ngày 10 tháng 02",
            "UBND THÀNH PHỐ HẢI PHÒNG",
            "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 15/KH-SGDĐT Hải Phòng, ngày 10 tháng 02 năm 2024",
            "KẾ HOẠCH",
            "Thông tin đối ngoại năm 2024",
            "I. NHIỆM VỤ",
            "1. Tuyên truyền",
        ]
    )

    plan = parse_plan(text)

    assert (plan.issuer, plan.number, plan.place, plan.issued_on, plan.unrecognised) == (
        "UBND THÀNH PHỐ HẢI PHÒNG / SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "15",
        "Hải Phòng",
        D(2024, 2, 10),
        (),
    )
    assert notes(plan) == ["repeated_header", "no_signature"]


def test_parse_plan_reads_a_blank_number_as_not_numbered_and_says_so() -> None:
    text = "\n".join(
        [
            "HỘI ĐỒNG ĐỘI QUẬN HAI BÀ TRƯNG",
            "Số:      /KH-HBT",
            "Hà Nội, ngày     tháng 9 năm 2021",
            "KẾ HOẠCH",
            "Tổ chức các hoạt động năm học 2021 - 2022",
            "I. NỘI DUNG",
            "- Tuyên truyền.",
        ]
    )

    plan = parse_plan(text)

    assert (plan.number, plan.symbol, plan.place, plan.issued_on, plan.issuer) == (
        None,
        "KH-HBT",
        "Hà Nội",
        None,
        "HỘI ĐỒNG ĐỘI QUẬN HAI BÀ TRƯNG",
    )
    assert [(w.code, dict(w.params)) for w in plan.warnings] == [
        ("blank_number", {"symbol": "KH-HBT"}),
        ("no_signature", {}),
    ]


def test_parse_plan_reads_place_and_date_across_line_breaks_without_a_table() -> None:
    text = "\n".join(
        [
            "UBND TỈNH QUẢNG NINH",
            "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
            "CỘNG",
            "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do -",
            "Hạnh phúc",
            "Số: 24/KH-SGDĐT",
            "Quảng Ninh, ngày 05 tháng 01",
            "năm 2023",
            "KẾ HOẠCH",
            "Thông tin đối ngoại năm 2023",
            "I. NHIỆM VỤ",
            "1. Tuyên truyền",
        ]
    )

    plan = parse_plan(text)

    assert (plan.issuer, plan.place, plan.issued_on, plan.unrecognised, notes(plan)) == (
        "UBND TỈNH QUẢNG NINH / SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "Quảng Ninh",
        D(2023, 1, 5),
        (),
        ["no_signature"],
    )


def test_parse_plan_reads_a_plan_symbol_without_a_ke_hoach_line_as_a_plan() -> None:
    text = "\n".join(
        [
            "UBND HUYỆN TIÊN YÊN",
            "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
            "Số: 31/KH-PGDĐT",
            "Tiên Yên, ngày 12 tháng 3 năm 2024",
            "Triển khai công tác thông tin đối ngoại năm 2024",
            "Thực hiện Kế hoạch số 24/KH-SGDĐT ngày 05/01/2024 của Sở GDĐT Quảng Ninh, Phòng GDĐT",
            "xây dựng kế hoạch như sau:",
            "1. Mục đích",
            "- Nâng cao nhận thức.",
            "2. Nội dung",
            "- Tuyên truyền trên Cổng thông tin điện tử.",
        ]
    )

    plan = parse_plan(text)

    assert (plan.title, plan.symbol, plan.year, notes(plan)) == (
        "Triển khai công tác thông tin đối ngoại năm 2024",
        "KH-PGDĐT",
        2024,
        ["no_plan_title", "no_signature"],
    )
    assert headings(plan) == [None, "1. Mục đích", "2. Nội dung"]


def test_parse_plan_refuses_a_letter_that_is_plainly_not_a_plan() -> None:
    text = "\n".join(
        [
            "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
            "Số: 120/PGDĐT-VP",
            "V/v nộp báo cáo",
            "Kính gửi các trường,",
            "1. Nộp báo cáo trước ngày 05/5/2024.",
        ]
    )

    with pytest.raises(PlanImportError) as caught:
        parse_plan(text)

    assert caught.value.code == "not_plan"


def test_parse_plan_translates_its_notes_for_the_person_importing() -> None:
    from django.utils import translation

    note = ImportNote("blank_number", (("symbol", "KH-HBT"),))

    with translation.override("vi"):
        shown = str(note)

    assert shown != note.english
    assert note.english == "The number is left blank (“Số: …/KH-HBT”): the plan was not numbered."


# --- Citations -------------------------------------------------------------------------------


CITING = "\n".join(
    [
        "Số: 94/KH-UBND",
        "Huế, ngày 21 tháng 8 năm 2023",
        "KẾ HOẠCH",
        "Thông tin đối ngoại năm 2023",
        "Căn cứ Quyết định số 522/QĐ-TTG ngày 14/5/2018 của Thủ tướng Chính phủ;",
        "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ;",
        "UBND tỉnh ban hành Kế hoạch số 94/KH-UBND như sau:",
        "I. MỤC ĐÍCH",
        "- Thực hiện Quyết định số 522/QĐ-TTg và Nghị định 72/2015/NĐ-CP.",
        "II. NHIỆM VỤ",
        "1. Giáo dục hướng nghiệp",
        "- Theo Quyết định 522/QĐ-TTg.",
    ]
)


def test_parse_plan_lists_each_cited_document_once_with_its_places_not_its_own_number() -> None:
    plan = parse_plan(CITING)

    rows = [(c.number_symbol, c.date, c.places) for c in plan.citations]

    assert rows == [
        ("522/QĐ-TTG", D(2018, 5, 14), ("", "I. MỤC ĐÍCH", "1. Giáo dục hướng nghiệp")),
        ("72/2015/NĐ-CP", D(2015, 9, 7), ("", "I. MỤC ĐÍCH")),
    ]


def test_parse_plan_keeps_two_yearless_symbols_of_different_years_apart() -> None:
    text = "\n".join(
        [
            "KẾ HOẠCH",
            "Thông tin đối ngoại năm 2024",
            "Thực hiện Kế hoạch số 24/KH-SGDĐT ngày 05/01/2023 và Kế hoạch số 24/KH-SGDĐT",
            "ngày 08/01/2024 của Sở GDĐT;",
            "I. NHIỆM VỤ",
        ]
    )

    plan = parse_plan(text)

    assert [(c.number_symbol, c.date) for c in plan.citations] == [
        ("24/KH-SGDĐT", D(2023, 1, 5)),
        ("24/KH-SGDĐT", D(2024, 1, 8)),
    ]


# --- Tasks -----------------------------------------------------------------------------------

TASKS = "\n".join(
    [
        "KẾ HOẠCH",
        "Thông tin đối ngoại năm 2023",
        "I. NHIỆM VỤ",
        "1. Hợp tác với các tỉnh Bắc Lào",
        "- Tổ chức giao lưu với 03 tỉnh Bắc Lào (Huaphanh, Luang Prabang, Sayabury) trong "
        "tháng 7 năm 2023.",
        "2. Tuyên truyền các ngày kỷ niệm",
        "- Tuyên truyền kỷ niệm 60 năm Ngày thành lập tỉnh Quảng Ninh (30/10/1963 - 30/10/2023); "
        "93 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2023).",
        "3. Hội thi tìm hiểu biên giới",
        "- Tổ chức Hội thi tìm hiểu về biển, đảo Việt Nam từ cấp cụm đến cấp thành phố.",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Các trường học",
        "- Xây dựng Kế hoạch thông tin đối ngoại của đơn vị; trước ngày 16/11/2023 gửi báo cáo "
        "kết quả về Phòng GDĐT (qua bộ phận Văn phòng), địa chỉ email vanphong@pgd.edu.vn.",
        "- Thông tin liên hệ: đồng chí Nguyễn Thị Lan, chuyên viên, điện thoại 0912 345 678.",
    ]
)


def test_parse_plan_splits_two_duties_of_one_sentence_each_with_its_own_deadline() -> None:
    plan = parse_plan(TASKS)

    rows = [(t.title, t.due) for t in plan.tasks if t.section == "1. Các trường học"]

    assert rows == [
        ("Xây dựng Kế hoạch thông tin đối ngoại của đơn vị", None),
        (
            "trước ngày 16/11/2023 gửi báo cáo kết quả về Phòng GDĐT (qua bộ phận Văn phòng), "
            "địa chỉ email vanphong@pgd.edu.vn",
            D(2023, 11, 16),
        ),
        ("Thông tin liên hệ: đồng chí Nguyễn Thị Lan, chuyên viên, điện thoại 0912 345 678", None),
    ]


def test_parse_plan_recognises_partners_events_contests_recipients_and_contacts() -> None:
    plan = parse_plan(TASKS)

    found = [(str(m.kind), m.names, m.date, m.years) for task in plan.tasks for m in task.mentions]

    assert found == [
        (MentionKind.PARTNER, ("Huaphanh", "Luang Prabang", "Sayabury"), None, None),
        (MentionKind.EVENT, ("Ngày thành lập tỉnh Quảng Ninh",), D(2023, 10, 30), 60),
        (MentionKind.EVENT, ("Ngày thành lập Đảng Cộng sản Việt Nam",), D(2023, 2, 3), 93),
        (MentionKind.CONTEST, ("Hội thi tìm hiểu biên giới",), None, None),
        (
            MentionKind.CONTEST,
            ("Hội thi tìm hiểu về biển, đảo Việt Nam từ cấp cụm đến cấp thành phố",),
            None,
            None,
        ),
        (
            MentionKind.REPORT_TO,
            ("Phòng GDĐT", "qua bộ phận Văn phòng", "vanphong@pgd.edu.vn"),
            None,
            None,
        ),
        (MentionKind.CONTACT, ("Nguyễn Thị Lan", "0912345678"), None, None),
    ]


PROVINCIAL = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NINH
--------<TAB>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 203/KH-UBND<TAB>Quảng Ninh, ngày 20 tháng 10 năm 2023
<SPACE>
KẾ HOẠCH
TUYÊN TRUYỀN KỶ NIỆM 60 NĂM NGÀY THÀNH LẬP TỈNH QUẢNG NINH (30/10/1963 - 30/10/2023)
Căn cứ Luật Báo chí năm 2016; Nghị định 72/2015 của Chính phủ; Thông tư 22/2016 của Bộ TTTT;
Thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị, UBND tỉnh ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Tuyên truyền sâu rộng về truyền thống 60 năm xây dựng và phát triển tỉnh.
2. Yêu cầu
Bảo đảm thiết thực, hiệu quả.
II. NỘI DUNG, HÌNH THỨC
1. Nội dung tuyên truyền
a) Tuyên truyền kỷ niệm 60 năm Ngày thành lập tỉnh Quảng Ninh (30/10/1963 - 30/10/2023).
b) Tổ chức Cuộc thi trắc nghiệm tìm hiểu về 60 năm xây dựng và phát triển tỉnh Quảng Ninh; thời gian hoàn thành trước ngày 25/10/2023.
III. TỔ CHỨC THỰC HIỆN
1. Sở Thông tin và Truyền thông
Chủ trì, phối hợp với Đại sứ quán Lào tại Việt Nam tổ chức giao lưu; báo cáo kết quả về UBND tỉnh trước ngày 15/11/2023.
2. Sở Giáo dục và Đào tạo
Chỉ đạo các trường học tuyên truyền./.
Nơi nhận:<TAB>TM. ỦY BAN NHÂN DÂN
- Bộ TT&TT;<TAB>KT. CHỦ TỊCH
- TT Tỉnh ủy;<TAB>PHÓ CHỦ TỊCH
- Lưu: VT.<TAB>
(Đã ký)
Nguyễn Thị Hạnh
""".replace("<TAB>", "\t").replace("<SPACE>", " ")


def test_parse_plan_reads_a_tab_laid_header_and_signature_of_a_provincial_plan() -> None:
    plan = parse_plan(PROVINCIAL)

    assert plan.signer is not None
    assert (plan.issuer, plan.number, plan.place, plan.issued_on, plan.recipients) == (
        "ỦY BAN NHÂN DÂN / TỈNH QUẢNG NINH",
        "203",
        "Quảng Ninh",
        D(2023, 10, 20),
        ("Bộ TT&TT", "TT Tỉnh ủy", "Lưu: VT"),
    )
    assert (plan.signer.authority, plan.signer.name, plan.unrecognised, notes(plan)) == (
        "TM. ỦY BAN NHÂN DÂN",
        "Nguyễn Thị Hạnh",
        (),
        [],
    )


def test_parse_plan_reads_short_citations_and_a_law_by_its_name() -> None:
    plan = parse_plan(PROVINCIAL)

    assert [(c.text, c.number_symbol) for c in plan.citations] == [
        ("Luật Báo chí năm 2016", ""),
        ("Nghị định 72/2015 của Chính phủ", "72/2015"),
        ("Thông tư 22/2016 của Bộ TTTT", "22/2016"),
        ("Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị", "57-KL/TW"),
    ]


def test_parse_plan_takes_tasks_from_the_content_section_of_a_plan_without_duties() -> None:
    plan = parse_plan(PROVINCIAL)

    rows = [(t.title[:40], t.due, t.units, [str(m.kind) for m in t.mentions]) for t in plan.tasks]

    assert rows == [
        ("Tuyên truyền kỷ niệm 60 năm Ngày thành l", None, (), [MentionKind.EVENT]),
        ("Tổ chức Cuộc thi trắc nghiệm tìm hiểu về", D(2023, 10, 25), (), [MentionKind.CONTEST]),
        (
            "Chủ trì, phối hợp với Đại sứ quán Lào tạ",
            None,
            ("Sở Thông tin và Truyền thông",),
            [MentionKind.PARTNER],
        ),
        (
            "báo cáo kết quả về UBND tỉnh trước ngày ",
            D(2023, 11, 15),
            ("Sở Thông tin và Truyền thông",),
            [MentionKind.REPORT_TO],
        ),
        ("Chỉ đạo các trường học tuyên truyền", None, ("Sở Giáo dục và Đào tạo",), []),
    ]


SCHOOL_TABLE = """PHÒNG GD&ĐT QUẬN HỒNG BÀNG
TRƯỜNG THCS HỒNG BÀNG
Số: 15/KH-THCS
Hồng Bàng, ngày 10 tháng 9 năm 2024
KẾ HOẠCH
Công tác thông tin đối ngoại năm học 2024 - 2025
I- CĂN CỨ XÂY DỰNG KẾ HOẠCH
Căn cứ Kế hoạch số 242/KH-PGDĐT ngày 14/3/2024 của Phòng GDĐT.
II- NHIỆM VỤ CỤ THỂ
| TT | Nội dung công việc | Thời gian | Người thực hiện |
|---|---|---|---|
| 1 | Tuyên truyền kỷ niệm 79 năm Ngày Quốc khánh 2/9 | Tháng 9/2024 | Tổ Văn phòng |
| 2 | Cập nhật tin bài lên trang thông tin điện tử | Thường xuyên | Cán bộ phụ trách website |
| 3 | Báo cáo kết quả về Phòng GDĐT | Trước ngày 15/5/2025 | Phó Hiệu trưởng |
III- TỔ CHỨC THỰC HIỆN
Các tổ chuyên môn thực hiện nghiêm túc kế hoạch này./.
HIỆU TRƯỞNG
Trần Văn Bình
"""


def test_parse_plan_reads_dash_numbered_headings_and_a_table_of_tasks() -> None:
    plan = parse_plan(SCHOOL_TABLE)

    rows = [(t.title, t.starts_on, t.due, t.recurrence, t.units) for t in plan.tasks]

    assert [s.heading for s in plan.sections] == [
        "I- CĂN CỨ XÂY DỰNG KẾ HOẠCH",
        "II- NHIỆM VỤ CỤ THỂ",
        "III- TỔ CHỨC THỰC HIỆN",
    ]
    assert rows[:3] == [
        (
            "Tuyên truyền kỷ niệm 79 năm Ngày Quốc khánh 2/9",
            D(2024, 9, 1),
            None,
            None,
            ("Tổ Văn phòng",),
        ),
        (
            "Cập nhật tin bài lên trang thông tin điện tử",
            None,
            None,
            Recurrence.CONTINUOUS,
            ("Cán bộ phụ trách website",),
        ),
        ("Báo cáo kết quả về Phòng GDĐT", None, D(2025, 5, 15), None, ("Phó Hiệu trưởng",)),
    ]
    assert plan.tasks[0].mentions[0].date == D(2024, 9, 2)
