"""The plan importer on both seed plans, paragraph by paragraph, and on bad input.

The seeds are read from tests/seeds/ (byte copies of ../shared/seeds). The paragraph coverage
tests rejoin the seeds' lines with rules of their own, written for each seed by reading it, and
compare them with every heading and paragraph of the parsed tree, in order.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from ttdn.docgen import pdf
from ttdn.plans.importer import (
    ImportNote,
    ParsedPlan,
    ParsedSection,
    PlanImportError,
    Recurrence,
    import_file,
    parse_plan,
)

FIXTURES = Path(__file__).resolve().parents[3] / "tests" / "seeds"
SEED_000 = FIXTURES / "000_9628a1bb92e76213.txt"
SEED_001 = FIXTURES / "001_2a42775b901867db.txt"
D = datetime.date


# --- Helpers ----------------------------------------------------------------


def outline(sections: tuple[ParsedSection, ...]) -> list[Any]:
    """Headings as nested [heading, [children]] pairs."""
    return [[section.heading, outline(section.children)] for section in sections]


def flatten(sections: tuple[ParsedSection, ...]) -> list[str]:
    """Every heading and paragraph of the tree, in document order."""
    out: list[str] = []
    for top in sections:
        for section in top.walk():
            if section.heading:
                out.append(section.heading)
            out += section.paragraphs
    return out


def section_at(plan: ParsedPlan, *headings: str) -> ParsedSection:
    """The section reached by following headings that start with the given prefixes."""
    sections = plan.sections
    found = None
    for prefix in headings:
        found = next(s for s in sections if s.heading and s.heading.startswith(prefix))
        sections = found.children
    assert found is not None
    return found


def notes(warnings: tuple[ImportNote, ...]) -> list[tuple[str, dict[str, str]]]:
    return [(warning.code, dict(warning.params)) for warning in warnings]


def task_rows(plan: ParsedPlan) -> list[tuple[Any, ...]]:
    return [
        (task.title[:40], task.starts_on, task.ends_on, task.due, task.recurrence, task.units)
        for task in plan.tasks
    ]


def body_lines(path: Path, first: str, stop: str) -> list[str]:
    """The seed's non-empty lines from the one starting with `first` to before `stop`."""
    lines = [re.sub(r"\s+", " ", line).strip() for line in path.read_text().splitlines()]
    lines = [line for line in lines if line]
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if line.startswith(stop))
    return lines[start:end]


def rejoin_000() -> list[str]:
    """Seed 000's body as paragraphs: a paragraph starts at "- ", at a heading marker, or at
    one of the two plain paragraphs that start after a full stop; any other line continues."""
    starts = re.compile(r"^(?:- |(?:[IVX]+|\d+(?:\.\d+)*)\. |[a-z]\) )")
    plain_starts = ("Thời gian thực hiện", "Phòng Giáo dục và Đào tạo đề nghị")
    paragraphs: list[str] = []
    for line in body_lines(SEED_000, "Thực hiện Kế hoạch số 24", "Nơi nhận"):
        if not paragraphs or starts.match(line) or line.startswith(plain_starts):
            paragraphs.append(line)
        else:
            paragraphs[-1] += " " + line
    return paragraphs


def rejoin_001() -> list[str]:
    """Seed 001's body as paragraphs: markdown removed, one paragraph per line except a line
    starting in lower case, which continues the previous one."""
    paragraphs: list[str] = []
    for line in body_lines(SEED_001, "Thực hiện Kế hoạch số 218", "### ***Nơi nhận"):
        line = re.sub(r"^#+ ", "", line).replace("*", "")
        if paragraphs and line[0].islower():
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    return paragraphs


@pytest.fixture(scope="module")
def seed_000() -> ParsedPlan:
    return parse_plan(SEED_000.read_text())


@pytest.fixture(scope="module")
def seed_001() -> ParsedPlan:
    return parse_plan(SEED_001.read_text())


# --- Seed 000: a PDF extraction (Hồng Bàng, 2022) ----------------------------


def test_parse_plan_reads_seed_000_header(seed_000: ParsedPlan) -> None:
    header = (
        seed_000.number,
        seed_000.symbol,
        seed_000.place,
        seed_000.issued_on,
        seed_000.year,
        seed_000.title,
    )

    assert header == (
        None,
        None,
        None,
        None,
        2022,
        "Công tác thông tin đối ngoại ngành Giáo dục quận Hồng Bàng năm 2022",
    )


def test_parse_plan_warns_seed_000_lacks_number_and_place(seed_000: ParsedPlan) -> None:
    warnings = seed_000.warnings

    assert notes(warnings) == [("no_number", {}), ("no_place_date", {})]


def test_parse_plan_nests_seed_000_sections(seed_000: ParsedPlan) -> None:
    tree = outline(seed_000.sections)

    assert tree == [
        [None, []],
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            [["1. Mục đích", []], ["2. Yêu cầu", []]],
        ],
        [
            "II. NỘI DUNG VÀ HÌNH THỨC",
            [
                ["1. Nội dung hoạt động thông tin đối ngoại", []],
                [
                    "2. Các hình thức thông tin đối ngoại",
                    [
                        ["a) Thông tin trên Website của các cơ sở giáo dục", []],
                        ["b) Các loại hình thông tin đối ngoại khác", []],
                    ],
                ],
            ],
        ],
        [
            "III. CÁC NHIỆM VỤ TRỌNG TÂM",
            [
                [
                    "1. Công tác quản lý nhà nước về thông tin đối ngoại",
                    [
                        ["1.1. Xây dựng kế hoạch hoạt động thông tin đối ngoại", []],
                        [
                            "1.2. Tham gia tập huấn, bồi dưỡng về nghiệp vụ về thông tin đối "
                            "ngoại cho cán bộ kiêm nhiệm.",
                            [],
                        ],
                    ],
                ],
                [
                    "2. Các nhiệm vụ thông tin đối ngoại cơ bản",
                    [
                        [
                            "2.1. Giới thiệu những tấm gương điển hình tiên tiến Ngành Giáo dục "
                            "và Đào tạo (cán bộ, giáo viên, học sinh);",
                            [],
                        ],
                        [
                            "2.2. Giới thiệu, thông tin về chương trình đổi mới giáo dục phổ "
                            "thông, sách giáo khoa mới;",
                            [],
                        ],
                        [
                            "2.3. Cung cấp thông tin báo chí về tình hình phát triển giáo dục "
                            "và đào tạo trong năm học (quy mô trường, lớp; trường chuẩn quốc "
                            "gia; kết quả thi tuyển sinh vào lớp 10, thi tốt nghiệp THPT, thi "
                            "chọn học sinh giỏi, các cuộc thi mang tính hội nhập, thi vẽ tranh, "
                            "thi theo chuyên đề do các tổ chức quốc tế của các nước phát động...)",
                            [],
                        ],
                        [
                            "2.4. Tổ chức các hoạt động tuyên truyền phục vụ các sự kiện chính "
                            "trị - xã hội quan trọng và các sự kiện đối ngoại lớn của thành phố.",
                            [],
                        ],
                    ],
                ],
            ],
        ],
        [
            "IV. TỔ CHỨC THỰC HIỆN",
            [["1. Phòng Giáo dục và Đào tạo", []], ["2. Các cơ sở giáo dục", []]],
        ],
        [None, []],
    ]


def test_parse_plan_keeps_every_seed_000_paragraph_in_order(seed_000: ParsedPlan) -> None:
    expected = rejoin_000()

    paragraphs = flatten(seed_000.sections)

    assert len(expected) == 48
    assert paragraphs == expected


def test_parse_plan_puts_seed_000_preamble_and_closing_in_sections_without_heading(
    seed_000: ParsedPlan,
) -> None:
    first, last = seed_000.sections[0], seed_000.sections[-1]

    assert (first.heading, first.paragraphs) == (
        None,
        (
            "Thực hiện Kế hoạch số 24/KH-SGDĐT ngày 01/3/2022 của Sở GDĐT về Công tác thông "
            "tin đối ngoại Ngành Giáo dục và Đào tạo năm 2022, Phòng Giáo dục và Đào tạo xây "
            "dựng Kế hoạch công tác thông tin đối ngoại ngành Giáo dục quận Hồng Bàng năm 2022 "
            "với các nội dung cụ thể như sau:",
        ),
    )
    assert (last.heading, last.paragraphs) == (
        None,
        (
            "Phòng Giáo dục và Đào tạo đề nghị các cơ sở giáo dục căn cứ nội dung Kế hoạch để "
            "triển khai cụ thể; trong quá trình thực hiện có khó khăn báo cáo kịp thời về "
            "Phòng Giáo dục và Đào tạo qua đồng chí Phạm Văn Hiệu PTP phòng Giáo dục và Đào "
            "tạo để được hướng dẫn thực hiện./.",
        ),
    )


def test_parse_plan_rejoins_seed_000_lines_across_a_page_break(seed_000: ParsedPlan) -> None:
    requirements = section_at(seed_000, "I.", "2.")

    assert requirements.paragraphs[0] == (
        "- Triển khai thực hiện có hiệu quả Nghị định số 72/2015/NĐ-CP ngày 07/8/2015 của "
        "Chính phủ về quản lý hoạt động thông tin đối ngoại; Thông tư số 22/2016/TT-BTTTT ngày "
        "19/10/2016 của Bộ Thông tin và Truyền thông về hướng dẫn quản lý hoạt động thông tin "
        "đối ngoại của các tỉnh, thành phố trực thuộc Trung ương; Quyết định số 42/2018/QĐ-UBND "
        "ngày 21/12/2018 của Ủy ban nhân dân thành phố về triển khai Quyết định số 1191/QĐ-TTg "
        "ngày 05/8/2020 của Thủ tướng Chính phủ phê duyệt mục tiêu, nhiệm vụ, giải pháp đổi mới "
        "và nâng cao năng lực công tác thông tin tuyên truyền và thông tin đối ngoại góp phần "
        "xây dựng biên giới hoà bình, hữu nghị, hợp tác và phát triển trên địa bàn thành phố "
        "Hải Phòng; Kế hoạch số 180/KH-UBND ngày 30/7/2021 của Ủy ban nhân dân thành phố về "
        "triển khai Quyết định số 1160/QĐ-TTg ngày 13/7/2021 của Thủ tướng Chính phủ về phê "
        "duyệt Chương trình hành động của Chính phủ về tuyên truyền, quảng bá ASEAN trên địa "
        "bàn thành phố; Công văn số 5406/BTTTT-TTĐN ngày 31/12/2021 của Bộ Thông tin và Truyền "
        "thông về việc hướng dẫn xây dựng kế hoạch công tác thông tin đối ngoại năm 2022; Kế "
        "hoạch số 39/KH-UBND ngày 23/02/2022 của Ủy ban nhân dân thành phố về công tác thông "
        "tin đối ngoại thành phố Hải Phòng năm 2022."
    )


def test_parse_plan_rejoins_seed_000_items_and_collapses_stray_spaces(
    seed_000: ParsedPlan,
) -> None:
    purposes = section_at(seed_000, "I.", "1.")
    contents = section_at(seed_000, "II.", "1.")

    assert purposes.paragraphs[1] == (
        "- Tạo chuyển biến về nhận thức, chủ động mở rộng và nâng cao hiệu quả các hoạt động "
        "thông tin đối ngoại, thúc đẩy các hoạt động giao lưu, hợp tác về lĩnh vực giáo dục và "
        "đào tạo nhằm phát huy thế mạnh của quận trong quá trình hội nhập quốc tế."
    )
    assert contents.paragraphs[-1] == (
        "- Phản bác lại các thông tin xuyên tạc, sai sự thật, ảnh hưởng đến uy tín của ngành, "
        "trái với những chủ trương, chính sách của Đảng, pháp luật của Nhà nước, chủ trưowng "
        "của thành phố, của quận liên quan đến lĩnh vực ngành."
    )


def test_parse_plan_starts_seed_000_time_lines_as_their_own_paragraphs(
    seed_000: ParsedPlan,
) -> None:
    build = section_at(seed_000, "III.", "1.", "1.1.")
    training = section_at(seed_000, "III.", "1.", "1.2.")

    assert build.paragraphs == ("Thời gian thực hiện: trong tháng 2 năm 2022.",)
    assert training.paragraphs == ("Thời gian thực hiện: trong năm 2022.",)


def test_parse_plan_reads_seed_000_organisation_items(seed_000: ParsedPlan) -> None:
    schools = section_at(seed_000, "IV.", "2.")

    assert schools.paragraphs == (
        "- Xây dựng Kế hoạch Công tác thông tin đối ngoại của trường và triển khai thực hiện "
        "phù hợp với điều kiện, đặc điểm tại nhà trường. Nộp Kế hoạch về Phòng GDĐT qua đồng "
        "chí Phạm Văn Hiệu PTP phòng Giáo dục và Đào tạo bản mềm qua hòm thư "
        "phamvanhieu@hongbang.edu.vn trước ngày 10/03/2022.",
        "- Định kỳ hàng quý, 6 tháng (05/5), hàng năm (05/11) báo cáo kết quả triển khai về "
        "Phòng Giáo dục và Đào tạo (qua đồng chí Phạm Văn Hiệu PTP phòng GDĐT) để tổng hợp "
        "báo cáo Ủy ban nhân dân quận, Sở Giáo dục và Đào tạo.",
    )


def test_parse_plan_reads_seed_000_tasks(seed_000: ParsedPlan) -> None:
    rows = task_rows(seed_000)

    schools = ("Các cơ sở giáo dục",)
    office = ("Phòng Giáo dục và Đào tạo",)
    assert rows == [
        ("Xây dựng kế hoạch hoạt động thông tin đố", D(2022, 2, 1), D(2022, 2, 28), None, None, ()),
        (
            "Tham gia tập huấn, bồi dưỡng về nghiệp v",
            D(2022, 1, 1),
            D(2022, 12, 31),
            None,
            None,
            (),
        ),
        ("Giới thiệu những tấm gương điển hình tiê", None, None, None, None, ()),
        ("Giới thiệu, thông tin về chương trình đổ", None, None, None, None, ()),
        ("Cung cấp thông tin báo chí về tình hình ", None, None, None, None, ()),
        ("Tổ chức các hoạt động tuyên truyền phục ", None, None, None, None, ()),
        ("Xây dựng Kế hoạch công tác thông tin đối", None, None, None, None, office),
        ("Theo dõi, đôn đốc, định kỳ sơ kết, tổng ", None, None, None, None, office),
        ("Xây dựng Kế hoạch Công tác thông tin đối", None, None, D(2022, 3, 10), None, schools),
        ("Định kỳ hàng quý, 6 tháng (05/5), hàng n", None, None, None, "quarterly", schools),
        (
            "Định kỳ hàng quý, 6 tháng (05/5), hàng n",
            None,
            None,
            D(2022, 5, 5),
            "half_yearly",
            schools,
        ),
        ("Định kỳ hàng quý, 6 tháng (05/5), hàng n", None, None, D(2022, 11, 5), "yearly", schools),
    ]


def test_parse_plan_gives_seed_000_tasks_their_full_titles_and_time_phrases(
    seed_000: ParsedPlan,
) -> None:
    tasks = seed_000.tasks

    assert [(task.title, task.time_text) for task in tasks[:2]] == [
        ("Xây dựng kế hoạch hoạt động thông tin đối ngoại", "trong tháng 2 năm 2022"),
        (
            "Tham gia tập huấn, bồi dưỡng về nghiệp vụ về thông tin đối ngoại cho cán bộ kiêm nhiệm",
            "trong năm 2022",
        ),
    ]
    assert [task.time_text for task in tasks[8:]] == [
        "trước ngày 10/03/2022",
        "hàng quý",
        "6 tháng (05/5)",
        "hàng năm (05/11)",
    ]


def test_parse_plan_reads_seed_000_deadlines(seed_000: ParsedPlan) -> None:
    deadlines = [(deadline.date, deadline.text[:45]) for deadline in seed_000.deadlines]

    assert deadlines == [
        (D(2022, 3, 10), "Nộp Kế hoạch về Phòng GDĐT qua đồng chí Phạm "),
        (D(2022, 5, 5), "Định kỳ hàng quý, 6 tháng (05/5), hàng năm (0"),
        (D(2022, 11, 5), "Định kỳ hàng quý, 6 tháng (05/5), hàng năm (0"),
    ]


def test_parse_plan_reads_seed_000_recipients_and_signer(seed_000: ParsedPlan) -> None:
    closing = (seed_000.recipients, seed_000.signer and seed_000.signer.as_dict())

    assert closing == (
        ("Sở GD ĐT", "UBND quận", "Đ/c PCT TT.UBND quận", "Các cơ sở giáo dục", "Lưu: VT"),
        {"authority": None, "position": "TRƯỞNG PHÒNG", "name": "Nguyễn Thị Vân Anh"},
    )


def test_parse_plan_places_everything_of_seed_000(seed_000: ParsedPlan) -> None:
    leftovers = (seed_000.unrecognised, seed_000.dropped)

    assert leftovers == ((), ())


def test_parse_plan_reads_seed_000_citations(seed_000: ParsedPlan) -> None:
    citations = [(c.number_symbol, c.date, c.issuer, c.status) for c in seed_000.citations]

    assert citations == [
        ("24/KH-SGDĐT", D(2022, 3, 1), "Sở GDĐT", "unchecked"),
        ("72/2015/NĐ-CP", D(2015, 8, 7), "Chính phủ", "unchecked"),
        ("22/2016/TT-BTTTT", D(2016, 10, 19), "Bộ Thông tin và Truyền thông", "unchecked"),
        ("42/2018/QĐ-UBND", D(2018, 12, 21), "Ủy ban nhân dân thành phố", "unchecked"),
        ("1191/QĐ-TTg", D(2020, 8, 5), "Thủ tướng Chính phủ", "unchecked"),
        ("180/KH-UBND", D(2021, 7, 30), "Ủy ban nhân dân thành phố", "unchecked"),
        ("1160/QĐ-TTg", D(2021, 7, 13), "Thủ tướng Chính phủ", "unchecked"),
        ("5406/BTTTT-TTĐN", D(2021, 12, 31), "Bộ Thông tin và Truyền thông", "unchecked"),
        ("39/KH-UBND", D(2022, 2, 23), "Ủy ban nhân dân thành phố", "unchecked"),
        ("05-CT/TW", None, "Bộ Chính trị", "unchecked"),
        ("45-NQ/TW", None, "Bộ Chính trị", "unchecked"),
        ("76-Ctr/TU", None, "Ban Thường vụ Thành ủy", "unchecked"),
    ]


# --- Seed 001: markdown-ish text (Cẩm Phả, 2023) -----------------------------


def test_parse_plan_reads_seed_001_header(seed_001: ParsedPlan) -> None:
    header = (
        seed_001.number,
        seed_001.symbol,
        seed_001.place,
        seed_001.issued_on,
        seed_001.year,
        seed_001.title,
    )

    assert header == (
        "242",
        "KH-PGDĐT",
        "Cẩm Phả",
        D(2023, 3, 14),
        2023,
        "Công tác thông tin đối ngoại năm 2023",
    )


def test_parse_plan_nests_seed_001_sections_by_number_not_markdown_level(
    seed_001: ParsedPlan,
) -> None:
    tree = outline(seed_001.sections)

    assert tree == [
        [None, []],
        ["I. MỤC ĐÍCH, YÊU CẦU", [["1. Mục đích", []], ["2. Yêu cầu", []]]],
        [
            "II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU",
            [
                [
                    "1. Tiếp tục triển khai các văn bản chỉ đạo, hướng dẫn của Trung ương, của "
                    "tỉnh và thành phố về thông tin đối ngoại",
                    [],
                ],
                [
                    "2. Tuyên truyền, quảng bá hình ảnh của tỉnh, của thành phố Cẩm Phả và của "
                    "ngành Giáo dục",
                    [],
                ],
                [
                    "3. Triển khai các hoạt động kỷ niệm những ngày lễ lớn, năm tròn, năm chẵn "
                    "trong quan hệ ngoại giao song phương và đa phương của Việt Nam năm 2023 gắn "
                    "với tuyên truyền các hoạt động kỷ niệm 60 năm Ngày thành lập tỉnh Quảng Ninh "
                    "(30/10/1963 - 30/10/2023); các hoạt động tuyên truyền, quảng bá các sản "
                    "phẩm, thương hiệu đặc trưng của tỉnh; hoạt động bảo vệ chủ quyền biển, đảo, "
                    "lãnh thổ biên giới quốc gia và xây dựng khu vực biên giới.",
                    [],
                ],
                [
                    "4. Thực hiện theo dõi thông tin báo chí, dư luận xã hội và tổ chức thanh "
                    "tra, kiểm tra, xử lý các hoạt động vi phạm trong các lĩnh vực thông tin đối "
                    "ngoại",
                    [],
                ],
            ],
        ],
        [
            "III. TỔ CHỨC THỰC HIỆN",
            [["1. Phòng Giáo dục và Đào tạo", []], ["2. Các trường trực thuộc", []]],
        ],
        [None, []],
    ]


def test_parse_plan_keeps_every_seed_001_paragraph_in_order(seed_001: ParsedPlan) -> None:
    expected = rejoin_001()

    paragraphs = flatten(seed_001.sections)

    assert len(expected) == 36
    assert paragraphs == expected


def test_parse_plan_rejoins_seed_001_broken_line(seed_001: ParsedPlan) -> None:
    directives = section_at(seed_001, "II.", "1.")

    assert " ".join(directives.paragraphs[0].split()[:23]) == (
        "Tiếp tục quán triệt, triển khai, tổ chức thực hiện nghiêm túc các văn bản chỉ đạo, "
        "hướng dẫn thực hiện công tác"
    )


def test_parse_plan_keeps_seed_001_plain_paragraph_between_items(seed_001: ParsedPlan) -> None:
    anniversaries = section_at(seed_001, "II.", "3.")

    starts = [paragraph[:30] for paragraph in anniversaries.paragraphs]

    assert starts == [
        "- Tuyên truyền sâu rộng truyền",
        "- Tổ chức các hoạt động kỷ niệ",
        "Tích cực thông tin, tuyên truy",
        "- Giới thiệu, quảng bá về văn ",
        "- Tiếp tục triển khai hiệu quả",
        "- Đấu tranh phản bác những thô",
    ]


def test_parse_plan_removes_seed_001_markdown(seed_001: ParsedPlan) -> None:
    cttt = section_at(seed_001, "III.", "1.").paragraphs[1]

    assert cttt == (
        "- Bộ phận CTTT: (1) Theo dõi, đôn đốc, kiểm tra việc triển khai thực hiện Kế hoạch "
        "của các CSGD trực thuộc; (2) Tổng hợp báo cáo của các đơn vị trường học để tham mưu "
        "báo cáo UBND thành phố và Sở GDĐT (qua văn phòng Sở GDĐT) theo quy định (trước ngày "
        "20/11/2023)."
    )


def test_parse_plan_reads_seed_001_tasks(seed_001: ParsedPlan) -> None:
    rows = task_rows(seed_001)

    office = ("Phòng Giáo dục và Đào tạo",)
    cttt = ("Bộ phận CTTT",)
    schools = ("Các trường trực thuộc",)
    assert rows == [
        ("Tiếp tục triển khai các văn bản chỉ đạo,", None, None, None, None, ()),
        ("Tuyên truyền, quảng bá hình ảnh của tỉnh", None, None, None, None, ()),
        ("Triển khai các hoạt động kỷ niệm những n", None, None, None, None, ()),
        ("Thực hiện theo dõi thông tin báo chí, dư", None, None, None, None, ()),
        ("Các bộ phận chuyên môn, căn cứ theo chức", None, None, None, None, office),
        ("Theo dõi, đôn đốc, kiểm tra việc triển k", None, None, None, None, cttt),
        ("Tổng hợp báo cáo của các đơn vị trường h", None, None, D(2023, 11, 20), None, cttt),
        ("Tổ chức nghiên cứu, phổ biến, quán triệt", None, None, None, None, schools),
        ("Căn cứ Kế hoạch của Phòng GDĐT, xây dựng", None, None, D(2023, 11, 16), None, schools),
    ]


def test_parse_plan_reads_seed_001_deadlines(seed_001: ParsedPlan) -> None:
    deadlines = [(deadline.date, deadline.text) for deadline in seed_001.deadlines]

    assert deadlines == [
        (
            D(2023, 11, 20),
            "(2) Tổng hợp báo cáo của các đơn vị trường học để tham mưu báo cáo UBND thành phố "
            "và Sở GDĐT (qua văn phòng Sở GDĐT) theo quy định (trước ngày 20/11/2023).",
        ),
        (
            D(2023, 11, 16),
            "Chủ động đánh giá kết quả triển khai các nhiệm vụ, trước ngày 16/11/2023 gửi phòng "
            "GD&ĐT (qua bộ phận CTTT) để báo cáo đánh giá tình hình thực hiện Kế hoạch năm 2023.",
        ),
    ]


def test_parse_plan_reads_seed_001_recipients_and_signer(seed_001: ParsedPlan) -> None:
    closing = (seed_001.recipients, seed_001.signer and seed_001.signer.as_dict())

    assert closing == (
        (
            "Sở GD&ĐT (b/c)",
            "UBND thành phố (b/c)",
            "Ban TGTU; Ban VHXH HĐND thành phố",
            "Trung tâm TT-VH, Phòng VV-TT thành phố",
            "TP, các PTP, các bộ phận CM phòng GDĐT",
            "Các trường trực thuộc",
            "Lưu: VT, CTTT",
        ),
        {"authority": "KT. TRƯỞNG PHÒNG", "position": "PHÓ TRƯỞNG PHÒNG", "name": "Lê Thị Lan"},
    )


def test_parse_plan_places_everything_of_seed_001(seed_001: ParsedPlan) -> None:
    leftovers = (seed_001.unrecognised, seed_001.dropped, seed_001.warnings)

    assert leftovers == ((), (), ())


def test_parse_plan_reads_seed_001_citations(seed_001: ParsedPlan) -> None:
    citations = [(c.number_symbol, c.date, c.type) for c in seed_001.citations]

    assert citations == [
        ("218/KH-SGDĐT", D(2023, 2, 6), "plan"),
        ("72/2015/NĐ-CP", D(2015, 9, 7), "decree"),
        ("22/2016/TT-BTTTT", D(2016, 10, 19), "circular"),
        ("38/2018/QĐ-UBND", D(2018, 11, 22), "decision"),
        ("08/KH-UBND", D(2023, 1, 16), "plan"),
    ]


def test_parsed_plan_as_dict_is_the_json_of_a_plan(seed_001: ParsedPlan) -> None:
    data = json.loads(seed_001.to_json())

    assert sorted(data) == [
        "citations",
        "deadlines",
        "dropped",
        "issued_on",
        "issuer",
        "number",
        "place",
        "recipients",
        "sections",
        "signer",
        "symbol",
        "tasks",
        "title",
        "unrecognised",
        "warnings",
        "year",
    ]
    assert data["issued_on"] == "2023-03-14"
    assert data["sections"][1]["children"][0] == {
        "heading": "1. Mục đích",
        "marker": "1.",
        "text": "\n".join(section_at(seed_001, "I.", "1.").paragraphs),
        "derived": False,
        "children": [],
    }
    assert data["tasks"][6] == {
        "title": "Tổng hợp báo cáo của các đơn vị trường học để tham mưu báo cáo UBND thành phố "
        "và Sở GDĐT (qua văn phòng Sở GDĐT) theo quy định (trước ngày 20/11/2023)",
        "starts_on": None,
        "ends_on": None,
        "due": "2023-11-20",
        "recurrence": None,
        "units": ["Bộ phận CTTT"],
        "partners": [],
        "time_text": "trước ngày 20/11/2023",
        "section": "1. Phòng Giáo dục và Đào tạo",
        "mentions": [],
        "derived": False,
        "status": None,
        "progress": None,
    }
    assert data["citations"][0] == {
        "text": "Kế hoạch số 218/KH-SGDĐT ngày 06/02/2023 của Sở Giáo dục và Đào tạo",
        "type": "plan",
        "number_symbol": "218/KH-SGDĐT",
        "date": "2023-02-06",
        "issuer": "Sở Giáo dục và Đào tạo",
        "places": [""],
        "status": "unchecked",
        "document": None,
    }


# --- Rules on small texts ----------------------------------------------------

PLAN_LINES = [
    "UBND QUẬN HỒNG BÀNG",
    "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 12/KH-PGDĐT",
    "Hồng Bàng, ngày 05 tháng 01 năm 2024",
    "KẾ HOẠCH",
    "Công tác thông tin đối ngoại năm 2024",
    "Căn cứ Kế hoạch số 24/KH-SGDĐT ngày 01/3/2022 của Sở GDĐT, Phòng xây dựng kế hoạch:",
    "I. NHIỆM VỤ TRỌNG TÂM",
    "1. Tập huấn cán bộ kiêm nhiệm",
    "Thời gian thực hiện: từ ngày 01/3/2024 đến ngày 31/5/2024.",
    "Đơn vị thực hiện: Bộ phận CTTT; Các trường học",
    "Phối hợp: Trung tâm Văn hóa",
    "2. Cập nhật chuyên mục trên Website",
    "Thời gian: Thường xuyên.",
    "3. Sơ kết công tác",
    "Thời gian thực hiện: quý II năm 2024.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Các trường học",
    "- Báo cáo hằng tháng về Phòng GDĐT trước ngày 25 hằng tháng; nộp kế hoạch chậm nhất ngày 15/01./.",
    "Nơi nhận:",
    "- Các trường học;",
    "- Lưu: VT.",
    "TRƯỞNG PHÒNG",
    "(Đã ký)",
    "Nguyễn Văn An",
]


def test_parse_plan_reads_a_full_header() -> None:
    plan = parse_plan("\n".join(PLAN_LINES))

    header = (plan.issuer, plan.number, plan.symbol, plan.place, plan.issued_on, plan.year)

    assert header == (
        "UBND QUẬN HỒNG BÀNG / PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        "12",
        "KH-PGDĐT",
        "Hồng Bàng",
        D(2024, 1, 5),
        2024,
    )


def test_parse_plan_reads_time_frames_units_and_partners() -> None:
    plan = parse_plan("\n".join(PLAN_LINES))

    rows = [
        (t.title, t.starts_on, t.ends_on, t.due, t.recurrence, t.units, t.partners)
        for t in plan.tasks
    ]

    assert rows == [
        (
            "Tập huấn cán bộ kiêm nhiệm",
            D(2024, 3, 1),
            D(2024, 5, 31),
            None,
            None,
            ("Bộ phận CTTT", "Các trường học"),
            ("Trung tâm Văn hóa",),
        ),
        ("Cập nhật chuyên mục trên Website", None, None, None, Recurrence.CONTINUOUS, (), ()),
        ("Sơ kết công tác", D(2024, 4, 1), D(2024, 6, 30), None, None, (), ()),
        (
            "Báo cáo hằng tháng về Phòng GDĐT trước ngày 25 hằng tháng",
            None,
            None,
            None,
            Recurrence.MONTHLY,
            ("Các trường học",),
            (),
        ),
        (
            "nộp kế hoạch chậm nhất ngày 15/01",
            None,
            None,
            D(2024, 1, 15),
            None,
            ("Các trường học",),
            (),
        ),
    ]


def test_parse_plan_reads_a_deadline_without_year_in_the_plan_year() -> None:
    plan = parse_plan("\n".join(PLAN_LINES))

    deadlines = [deadline.as_dict() for deadline in plan.deadlines]

    assert deadlines == [{"date": "2024-01-15", "text": "nộp kế hoạch chậm nhất ngày 15/01./."}]


def test_parse_plan_drops_signature_note_and_keeps_nothing_unplaced() -> None:
    plan = parse_plan("\n".join(PLAN_LINES))

    closing = (plan.unrecognised, plan.dropped, plan.signer and plan.signer.as_dict())

    assert closing == (
        (),
        ("(Đã ký)",),
        {"authority": None, "position": "TRƯỞNG PHÒNG", "name": "Nguyễn Văn An"},
    )


def test_parse_plan_reports_unknown_header_and_tail_lines() -> None:
    lines = ["Bản dự thảo lần 2", *PLAN_LINES, "Ghi chú: xem phụ lục"]

    plan = parse_plan("\n".join(lines))

    assert plan.unrecognised == ("Bản dự thảo lần 2", "Ghi chú: xem phụ lục")


def test_parse_plan_does_not_read_a_wrapped_dash_as_an_item() -> None:
    text = "\n".join(
        [
            "KẾ HOẠCH",
            "Tuyên truyền năm 2024",
            "I. NỘI DUNG",
            "- Tuyên truyền các thành tựu kinh tế",
            "- xã hội của quận.",
            "- Tuyên truyền biển đảo.",
        ]
    )

    plan = parse_plan(text)

    assert plan.sections[0].paragraphs == (
        "- Tuyên truyền các thành tựu kinh tế - xã hội của quận.",
        "- Tuyên truyền biển đảo.",
    )


def test_parse_plan_keeps_an_out_of_sequence_number_as_text_and_warns() -> None:
    text = "\n".join(
        ["KẾ HOẠCH", "Tuyên truyền năm 2024", "I. NỘI DUNG", "Học sinh đạt giải tại", "5. Kỳ thi"]
    )

    plan = parse_plan(text)

    assert outline(plan.sections) == [["I. NỘI DUNG", []]]
    assert plan.sections[0].paragraphs == ("Học sinh đạt giải tại 5. Kỳ thi",)
    assert notes(plan.warnings) == [
        ("no_number", {}),
        ("no_place_date", {}),
        ("heading_out_of_sequence", {"line": "5. Kỳ thi"}),
        ("no_signature", {}),
    ]


def test_parse_plan_drops_page_headers_footers_and_numbers() -> None:
    pages = [
        ["PHÒNG GDĐT HỒNG BÀNG", "KẾ HOẠCH", "Tuyên truyền năm 2024", "I. NỘI DUNG", "- Một", "1"],
        ["PHÒNG GDĐT HỒNG BÀNG", "hai ba.", "- Bốn.", "2"],
    ]
    text = "\f".join("\n".join(page) for page in pages)

    plan = parse_plan(text)

    assert plan.sections[0].paragraphs == ("- Một hai ba.", "- Bốn.")
    assert plan.dropped == ("PHÒNG GDĐT HỒNG BÀNG", "1", "PHÒNG GDĐT HỒNG BÀNG", "2")


def test_parse_plan_reads_nfd_text_like_nfc() -> None:
    text = SEED_001.read_text()

    plan = parse_plan(unicodedata.normalize("NFD", text))

    assert plan.as_dict() == parse_plan(text).as_dict()


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_parse_plan_reads_windows_and_old_mac_line_ends(line_end: str) -> None:
    text = SEED_000.read_text()

    plan = parse_plan(text.replace("\n", line_end))

    assert plan.as_dict() == parse_plan(text).as_dict()


def test_parse_plan_ignores_soft_hyphens_and_zero_width_spaces() -> None:
    text = "KẾ HOẠCH\nTuyên truyền năm 2024\nI. NỘI\u00adDUNG\n- Một\u200b hai."

    plan = parse_plan(text)

    assert (plan.sections[0].heading, plan.sections[0].paragraphs) == (
        "I. NỘIDUNG",
        ("- Một hai.",),
    )


def test_parse_plan_reads_a_title_wrapped_over_two_lines() -> None:
    text = "\n".join(
        [
            "KẾ HOẠCH",
            "Công tác thông tin đối ngoại ngành",
            "Giáo dục quận Hồng Bàng năm 2024",
            "Thực hiện Kế hoạch của Sở, Phòng xây dựng kế hoạch như sau:",
            "I. MỤC ĐÍCH",
        ]
    )

    plan = parse_plan(text)

    assert (plan.title, plan.year, plan.sections[0].paragraphs) == (
        "Công tác thông tin đối ngoại ngành Giáo dục quận Hồng Bàng năm 2024",
        2024,
        ("Thực hiện Kế hoạch của Sở, Phòng xây dựng kế hoạch như sau:",),
    )


def test_parse_plan_refuses_a_text_without_plan_title() -> None:
    text = "Kính gửi các trường,\nĐề nghị các trường nộp báo cáo trước ngày 05/5/2024."

    with pytest.raises(PlanImportError) as caught:
        parse_plan(text)

    assert (caught.value.code, str(caught.value)) == (
        "not_plan",
        "not a plan: no 'KẾ HOẠCH' title line and no plan symbol ('Số: …/KH-…')",
    )


def test_parse_plan_reads_a_plan_without_numbered_sections_as_one_section() -> None:
    text = "KẾ HOẠCH\nTuyên truyền năm 2024\nThực hiện tuyên truyền.\nNộp báo cáo."

    plan = parse_plan(text)

    assert (outline(plan.sections), plan.sections[0].paragraphs, notes(plan.warnings)[2]) == (
        [[None, []]],
        ("Thực hiện tuyên truyền.", "Nộp báo cáo."),
        ("no_sections", {}),
    )


def test_parse_plan_refuses_blank_text() -> None:
    with pytest.raises(PlanImportError) as caught:
        parse_plan(" \n\n \t")

    assert (caught.value.code, str(caught.value)) == ("empty", "the file is empty")


# --- Files -------------------------------------------------------------------

DOCX_PLAN: list[str | list[list[str]]] = [
    [
        [
            "UBND QUẬN HỒNG BÀNG\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        ],
        ["Số: 12/KH-PGDĐT", "Hồng Bàng, ngày 05 tháng 01 năm 2024"],
    ],
    "KẾ HOẠCH",
    "Công tác thông tin đối ngoại năm 2024",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "- Nâng cao chất lượng thông tin đối ngoại.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Các trường học",
    "- Nộp Kế hoạch về Phòng GDĐT trước ngày 10/03/2024./.",
    [
        [
            "Nơi nhận:\n- Các trường học;\n- Lưu: VT.",
            "KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG\n\nNguyễn Văn An",
        ]
    ],
]


def test_import_file_reads_a_seed_txt() -> None:
    plan = import_file(SEED_001)

    assert plan.as_dict() == parse_plan(SEED_001.read_text()).as_dict()


def test_import_file_reads_a_docx_with_header_and_signature_tables(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(docx_bytes(DOCX_PLAN))

    plan = import_file(path)

    assert (plan.issuer, plan.number, plan.symbol, plan.place, plan.issued_on) == (
        "UBND QUẬN HỒNG BÀNG / PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        "12",
        "KH-PGDĐT",
        "Hồng Bàng",
        D(2024, 1, 5),
    )
    assert outline(plan.sections) == [
        ["I. MỤC ĐÍCH, YÊU CẦU", []],
        ["II. TỔ CHỨC THỰC HIỆN", [["1. Các trường học", []]]],
    ]
    assert [(t.title, t.due, t.units) for t in plan.tasks] == [
        ("Nộp Kế hoạch về Phòng GDĐT trước ngày 10/03/2024", D(2024, 3, 10), ("Các trường học",))
    ]
    assert plan.recipients == ("Các trường học", "Lưu: VT")
    assert plan.signer is not None
    assert plan.signer.as_dict() == {
        "authority": "KT. TRƯỞNG PHÒNG",
        "position": "PHÓ TRƯỞNG PHÒNG",
        "name": "Nguyễn Văn An",
    }
    assert (plan.unrecognised, plan.warnings) == ((), ())


def test_import_file_reads_a_text_pdf_and_drops_page_numbers(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(
        text_pdf(
            [
                [
                    "KẾ HOẠCH",
                    "Công tác thông tin đối ngoại năm 2024",
                    "I. MỤC ĐÍCH",
                    "- Nâng cao",
                    "1",
                ],
                ["chất lượng thông tin đối ngoại./.", "TRƯỞNG PHÒNG", "Nguyễn Văn An", "2"],
            ]
        )
    )

    plan = import_file(path)

    assert plan.title == "Công tác thông tin đối ngoại năm 2024"
    assert plan.sections[0].paragraphs == ("- Nâng cao chất lượng thông tin đối ngoại./.",)
    assert plan.dropped == ("1", "2")
    assert plan.signer is not None
    assert plan.signer.name == "Nguyễn Văn An"


def test_import_file_refuses_a_scanned_pdf(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf())

    with pytest.raises(PlanImportError) as caught:
        import_file(path)

    assert (caught.value.code, str(caught.value)) == (
        "scanned_pdf",
        "The PDF has no text layer: it is probably a scan or a photo. Run text recognition (OCR) on it, or paste its text.",
    )


def test_import_file_refuses_an_oversized_file_before_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(10 * 1024 * 1024 + 1)  # sparse: costs no disk

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "open", refuse)

    with pytest.raises(PlanImportError) as caught:
        import_file(path)

    assert (caught.value.code, caught.value.params, str(caught.value)) == (
        "too_large",
        {"size": 10485761, "limit": 10485760},
        "the file is too large: 10485761 bytes, the limit is 10485760 bytes",
    )


def test_import_file_applies_a_smaller_limit(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(b"x" * 101)

    with pytest.raises(PlanImportError) as caught:
        import_file(path, max_bytes=100)

    assert str(caught.value) == "the file is too large: 101 bytes, the limit is 100 bytes"


@pytest.mark.parametrize("name", ["empty.txt", "empty.docx", "empty.pdf"])
def test_import_file_refuses_an_empty_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")

    with pytest.raises(PlanImportError) as caught:
        import_file(path)

    assert (caught.value.code, str(caught.value)) == ("empty", "the file is empty")


def test_import_file_refuses_a_blank_docx(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    path.write_bytes(docx_bytes([]))

    with pytest.raises(PlanImportError) as caught:
        import_file(path)

    assert (caught.value.code, str(caught.value)) == ("empty", "the file is empty")


def test_import_file_refuses_a_renamed_zip(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(zip_bytes())

    with pytest.raises(PlanImportError) as caught:
        import_file(path)

    assert (caught.value.code, str(caught.value)) == (
        "not_docx",
        "The .docx file is damaged or not a Word document.",
    )


@pytest.mark.parametrize(
    ("name", "code", "message"),
    [
        ("plan.docx", "not_docx", "The .docx file is damaged or not a Word document."),
        ("plan.pdf", "not_pdf", "The .pdf file is damaged or not a PDF."),
        ("plan.txt", "not_utf8", "The text file is not UTF-8: save it as UTF-8 and try again."),
    ],
)
def test_import_file_refuses_random_bytes(
    tmp_path: Path, name: str, code: str, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(bytes(range(256)) * 40)

    with pytest.raises(PlanImportError) as caught:
        import_file(path)

    assert (caught.value.code, str(caught.value)) == (code, message)


def test_import_file_refuses_a_docx_whose_document_is_not_xml(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<garbage")
        archive.writestr("word/document.xml", "<garbage")
    path = tmp_path / "broken.docx"
    path.write_bytes(buffer.getvalue())

    with pytest.raises(PlanImportError) as caught:
        import_file(path)

    assert (caught.value.code, str(caught.value)) == (
        "not_docx",
        "The .docx file is damaged or not a Word document.",
    )


def test_import_file_refuses_a_non_plan_docx(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(docx_bytes(["Kính gửi các trường", "Đề nghị các trường báo cáo."]))

    with pytest.raises(PlanImportError) as caught:
        import_file(path)

    assert (caught.value.code, str(caught.value)) == (
        "not_plan",
        "not a plan: no 'KẾ HOẠCH' title line and no plan symbol ('Số: …/KH-…')",
    )


def test_import_file_refuses_an_unsupported_type(tmp_path: Path) -> None:
    path = tmp_path / "plan.odt"
    path.write_bytes(b"whatever")

    with pytest.raises(PlanImportError) as caught:
        import_file(path)

    assert (
        str(caught.value)
        == "unsupported file type: only .txt, .docx and .pdf files can be imported"
    )


def test_import_file_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PlanImportError) as caught:
        import_file(tmp_path / "missing.txt")

    assert (caught.value.code, str(caught.value)) == (
        "unreadable",
        "the file cannot be read: No such file or directory",
    )


def test_import_file_renders_word_automatic_numbering(tmp_path: Path) -> None:
    path = tmp_path / "numbered.docx"
    path.write_bytes(
        numbered_docx_bytes(
            [
                (None, "KẾ HOẠCH"),
                (None, "Công tác thông tin đối ngoại năm 2024"),
                (0, "MỤC ĐÍCH, YÊU CẦU"),
                (1, "Mục đích"),
                (2, "Nâng cao chất lượng."),
                (1, "Yêu cầu"),
                (2, "Bám sát chủ trương."),
                (0, "TỔ CHỨC THỰC HIỆN"),
                (1, "Các trường học"),
                (2, "Nộp Kế hoạch trước ngày 10/3/2024./."),
            ]
        )
    )

    plan = import_file(path)

    assert outline(plan.sections) == [
        ["I. MỤC ĐÍCH, YÊU CẦU", [["1. Mục đích", []], ["2. Yêu cầu", []]]],
        ["II. TỔ CHỨC THỰC HIỆN", [["1. Các trường học", []]]],
    ]
    assert flatten(plan.sections)[2:5] == [
        "- Nâng cao chất lượng.",
        "2. Yêu cầu",
        "- Bám sát chủ trương.",
    ]


def test_import_file_separates_pdf_header_and_signature_columns(tmp_path: Path) -> None:
    path = tmp_path / "columns.pdf"
    path.write_bytes(
        text_pdf(
            [
                [
                    "UBND THÀNH PHỐ CẨM PHẢ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - Hạnh phúc",
                    "Số: 242/KH-PGDĐT Cẩm Phả, ngày 14 tháng 3 năm 2023",
                    "KẾ HOẠCH",
                    "Công tác thông tin đối ngoại năm 2023",
                    "I. MỤC ĐÍCH",
                    "- Tăng cường công tác quản lý./.",
                    "Nơi nhận: KT. TRƯỞNG PHÒNG",
                    "- Sở GD&ĐT (b/c); PHÓ TRƯỞNG PHÒNG",
                    "- Lưu: VT.",
                    "Lê Thị Lan",
                ]
            ]
        )
    )

    plan = import_file(path)

    assert (plan.issuer, plan.number, plan.symbol, plan.place, plan.issued_on) == (
        "UBND THÀNH PHỐ CẨM PHẢ / PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        "242",
        "KH-PGDĐT",
        "Cẩm Phả",
        D(2023, 3, 14),
    )
    assert plan.recipients == ("Sở GD&ĐT (b/c)", "Lưu: VT")
    assert plan.signer is not None
    assert plan.signer.as_dict() == {
        "authority": "KT. TRƯỞNG PHÒNG",
        "position": "PHÓ TRƯỞNG PHÒNG",
        "name": "Lê Thị Lan",
    }
    assert (plan.unrecognised, plan.warnings) == ((), ())


def test_import_file_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "folder.txt"
    path.mkdir()

    with pytest.raises(PlanImportError) as caught:
        import_file(path)

    assert (caught.value.code, str(caught.value)) == (
        "unreadable",
        "the file cannot be read: not a regular file",
    )


@pytest.mark.pdf
@pytest.mark.skipif(not pdf.available(), reason="LibreOffice (soffice) is not installed")
def test_import_file_reads_seed_001_printed_to_pdf_by_libreoffice(tmp_path: Path) -> None:
    document = docx.Document()
    document.styles["Normal"].font.name = "Liberation Serif"
    document.styles["Normal"].font.size = Pt(14)
    header = ["Số: 242/KH-PGDĐT", "Cẩm Phả, ngày 14 tháng 3 năm 2023", "KẾ HOẠCH"]
    for text in [*header, "Công tác thông tin đối ngoại năm 2023", *rejoin_001()]:
        document.add_paragraph(text)
    signature = document.add_table(rows=1, cols=2)
    signature.rows[0].cells[0].text = "Nơi nhận:\n- Sở GD&ĐT (b/c);\n- Lưu: VT, CTTT."
    signature.rows[0].cells[1].text = "KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG\n\n\nLê Thị Lan"
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "seed_001.pdf"
    path.write_bytes(pdf.convert(buffer.getvalue()))

    plan = import_file(path)

    assert flatten(plan.sections) == rejoin_001()
    assert (plan.number, plan.symbol, plan.place, plan.issued_on) == (
        "242",
        "KH-PGDĐT",
        "Cẩm Phả",
        D(2023, 3, 14),
    )
    assert plan.recipients == ("Sở GD&ĐT (b/c)", "Lưu: VT, CTTT")
    assert plan.signer is not None
    assert plan.signer.name == "Lê Thị Lan"
    assert (plan.unrecognised, plan.dropped, plan.warnings) == ((), (), ())


# --- Files made here ---------------------------------------------------------


def docx_bytes(blocks: list[str | list[list[str]]]) -> bytes:
    """A Word document of paragraphs (str) and tables (list of rows of cell texts)."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        for row, values in zip(table.rows, block, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bytes() -> bytes:
    """A zip archive that is not a Word document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a document")
    return buffer.getvalue()


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _to_unicode(chars: list[int]) -> bytes:
    mapping = b"".join(
        b"%d beginbfchar\n" % len(block)
        + b"".join(b"<%04X> <%04X>\n" % (c, c) for c in block)
        + b"endbfchar\n"
        for block in (chars[i : i + 100] for i in range(0, len(chars), 100))
    )
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        + mapping
        + b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )


def text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with one page per list of lines, each line under the previous one."""
    chars = sorted({ord(c) for page in pages for line in page for c in line})
    count = len(pages)
    font, descendant, cmap, descriptor = 3, 4, 5, 6  # objects after catalog and page tree
    page_numbers = [7 + 2 * i for i in range(count)]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % n for n in page_numbers), count),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRoman /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (descendant, cmap),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRoman /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R "
        b"/DW 500 >>" % descriptor,
        _stream(_to_unicode(chars)),
        b"<< /Type /FontDescriptor /FontName /TimesNewRoman /Flags 32 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    for number, lines in zip(page_numbers, pages, strict=True):
        content = b"".join(
            b"BT /F1 11 Tf 50 %d Td <%s> Tj ET\n"
            % (800 - 16 * i, line.encode("utf-16-be").hex().encode())
            for i, line in enumerate(lines)
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, number + 1)
        )
        objects.append(_stream(content))
    return _pdf(objects)


def image_pdf() -> bytes:
    """A one-page PDF holding only a picture, as a scanner makes."""
    pixels = bytes([0x80] * 64)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(b"q 495 0 0 742 50 50 cm /Im1 Do Q"),
            _stream(
                pixels,
                b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 ",
            ),
        ]
    )


def numbered_docx_bytes(paragraphs: list[tuple[int | None, str]]) -> bytes:
    """A Word document whose (level, text) paragraphs are in one automatic list showing
    "I." at level 0, "1." at level 1 and "-" at level 2; level None is not in the list."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
            '<w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%2."/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
            '<w:lvlText w:val=""/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    for level, text in paragraphs:
        paragraph = document.add_paragraph(text)
        if level is not None:
            properties = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            properties.get_or_add_numId().val = 90
            properties.get_or_add_ilvl().val = level
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
