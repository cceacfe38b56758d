"""Realistic sample documents of each type, and a script that renders their first pages.

The plan is seed 001 (Kế hoạch 242/KH-PGDĐT, Cẩm Phả, 14/3/2023); the others are typical
documents of the same office around it. Tests build on these samples too.

    python -m ttdn.docgen.samples [output-directory [slug …]]   # default: docs/docgen, all
"""

import datetime
import sys
from collections.abc import Callable
from pathlib import Path

from ttdn.docgen import pdf
from ttdn.docgen.model import (
    Article,
    Authority,
    Document,
    DocumentType,
    Heading,
    ListBlock,
    ListMarker,
    Paragraph,
    Run,
    Signer,
    Table,
)

CITY = "UBND THÀNH PHỐ CẨM PHẢ"
OFFICE = "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
DEPUTY = Signer(
    position="Phó Trưởng phòng",
    name="Lê Thị Lan",
    authority=Authority.DEPUTY,
    principal="Trưởng phòng",
)
HEAD = Signer(position="Trưởng phòng", name="Nguyễn Văn Hùng")


def _dashes(*items: str) -> ListBlock:
    return ListBlock(items)


_PLAN_PURPOSE = _dashes(
    "Phát huy sức mạnh tổng hợp của ngành Giáo dục trong hoạt động thông tin đối ngoại, góp phần phục vụ chiến lược phát triển kinh tế - xã hội, quốc phòng - an ninh của tỉnh và thành phố.",
    "Tăng cường công tác quản lý nhà nước về thông tin đối ngoại; đảm bảo sự thống nhất, đồng bộ và hiệu quả trong chỉ đạo, triển khai công tác thông tin đối ngoại trong toàn ngành Giáo dục.",
    "Nâng cao nhận thức của cán bộ, công chức, viên chức, người lao động, học sinh về vị trí, vai trò của thông tin đối ngoại đối với sự phát triển của đất nước và của tỉnh, của thành phố đáp ứng yêu cầu hội nhập quốc tế.",
    "Phối hợp quảng bá vẻ đẹp vùng đất, con người, tiềm năng thế mạnh, môi trường đầu tư của Việt Nam nói chung và của tỉnh Quảng Ninh nói riêng đến bạn bè trong nước và quốc tế.",
    "Tuyên truyền, đấu tranh, phản bác những thông tin, luận điệu sai trái, xuyên tạc của các thế lực cơ hội, thù địch, đặc biệt về các vấn đề biển đảo, biên giới, lãnh thổ, dân chủ, nhân quyền, tôn giáo, góp phần giữ vững ổn định chính trị - xã hội, tạo sự đồng thuận trong nhân dân.",
)
_PLAN_REQUIREMENTS = _dashes(
    "Các hoạt động thông tin đối ngoại đảm bảo bám sát chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về thông tin đối ngoại và kế hoạch phát triển kinh tế - xã hội của tỉnh và thành phố.",
    "Việc tổ chức hoạt động thông tin đối ngoại được triển khai thường xuyên, có trọng tâm, trọng điểm; đưa ra các giải pháp thiết thực, phù hợp, gắn với tình hình thực tế của đơn vị; xác định rõ mục tiêu, lộ trình thực hiện.",
    "Đảm bảo chế độ bảo mật thông tin, bảo vệ bí mật Nhà nước theo quy định hiện hành; đồng thời định hướng dư luận, đấu tranh phản bác, ngăn chặn thông tin phản động của các thế lực thù địch phá hoại uy tín, hình ảnh của đất nước, của địa phương và ngành Giáo dục.",
)
_PLAN_TASKS = (
    Heading(2, "1. Tiếp tục triển khai các văn bản chỉ đạo, hướng dẫn của Trung ương, của tỉnh và thành phố về thông tin đối ngoại"),
    Paragraph("Tiếp tục quán triệt, triển khai, tổ chức thực hiện nghiêm túc các văn bản chỉ đạo, hướng dẫn thực hiện công tác thông tin đối ngoại đến toàn thể cán bộ, công chức, viên chức, người lao động, học sinh: Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại; Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ Thông tin và Truyền thông hướng dẫn quản lý hoạt động thông tin đối ngoại của các tỉnh, thành phố trực thuộc Trung ương; Quyết định số 38/2018/QĐ-UBND ngày 22/11/2018 của Ủy ban nhân dân tỉnh về việc ban hành Quy chế quản lý nhà nước về thông tin đối ngoại trên địa bàn tỉnh Quảng Ninh; Kế hoạch số 08/KH-UBND ngày 16/01/2023 của Ủy ban nhân dân tỉnh về công tác thông tin đối ngoại tỉnh Quảng Ninh năm 2023."),
    Heading(2, "2. Tuyên truyền, quảng bá hình ảnh của tỉnh, của thành phố Cẩm Phả và của ngành Giáo dục"),
    ListBlock((
        Paragraph(runs=(
            Run("Phối hợp với Trung tâm Truyền thông – Văn hóa, phòng Văn hóa thông tin thành phố và phòng, ban, đơn vị liên quan, tuyên truyền, quảng bá các chủ trương, quyết sách của tỉnh, thực hiện chủ đề công tác năm 2023 về: "),
            Run("“Nâng cao hiệu quả thu hút đầu tư và chất lượng đời sống nhân dân”", italic=True),
            Run("; các giá trị văn hóa, lịch sử và các danh lam thắng cảnh, các sự kiện lớn diễn ra trên địa bàn tỉnh, thành phố; các sự kiện đối ngoại trong năm 2023."),
        )),
        "Tuyên truyền, triển khai nội dung hội nhập quốc tế trong giáo dục: quan hệ đoàn kết hữu nghị và hợp tác giữa tỉnh Quảng Ninh và 03 tỉnh Bắc Lào (Huaphanh, Luang Prabang, Sayabury); Chương trình hợp tác giữa tỉnh Quảng Tây (Trung Quốc) với tỉnh Quảng Ninh.",
    )),
    Heading(2, "3. Thực hiện theo dõi thông tin báo chí, dư luận xã hội và tổ chức thanh tra, kiểm tra, xử lý các hoạt động vi phạm trong các lĩnh vực thông tin đối ngoại"),
    _dashes(
        "Tích cực phối hợp với các cơ quan thông tấn, báo chí có uy tín cung cấp thông tin chính thống, kịp thời cho báo chí về những nội dung liên quan đến ngành Giáo dục của tỉnh.",
        "Phối hợp với các đơn vị liên quan kiểm tra, phát hiện, xử lý, chấn chỉnh các hoạt động vi phạm trong các lĩnh vực thông tin đối ngoại của ngành Giáo dục.",
    ),
)  # fmt: skip
_PLAN_ORGANISATION = (
    Heading(2, "1. Phòng Giáo dục và Đào tạo"),
    _dashes(
        "Các bộ phận chuyên môn, căn cứ theo chức năng, nhiệm vụ, hướng dẫn các trường thuộc cấp học triển khai thực hiện các nhiệm vụ liên quan trong Kế hoạch.",
        "Bộ phận CTTT: Theo dõi, đôn đốc, kiểm tra việc triển khai thực hiện Kế hoạch của các CSGD trực thuộc; tổng hợp báo cáo của các đơn vị trường học để tham mưu báo cáo UBND thành phố và Sở GDĐT theo quy định (trước ngày 20/11/2023).",
    ),
    Heading(2, "2. Các trường trực thuộc"),
    _dashes(
        "Tổ chức nghiên cứu, phổ biến, quán triệt tới toàn thể đội ngũ cán bộ, giáo viên, nhân viên, người lao động, học sinh đầy đủ các nội dung, nhiệm vụ.",
        "Căn cứ Kế hoạch của Phòng GDĐT, xây dựng Kế hoạch của đơn vị; trước ngày 16/11/2023 gửi báo cáo đánh giá tình hình thực hiện Kế hoạch năm 2023 về phòng GDĐT (qua bộ phận CTTT).",
    ),
    Paragraph("Trên đây là Kế hoạch công tác thông tin đối ngoại ngành Giáo dục năm 2023, Phòng Giáo dục và Đào tạo yêu cầu các CSGD trực thuộc triển khai, tổ chức thực hiện nghiêm túc, hiệu quả./."),
)  # fmt: skip


def plan() -> Document:
    """Seed 001: Kế hoạch 242/KH-PGDĐT on external information work in 2023."""
    return Document(
        doc_type=DocumentType.PLAN,
        parent_body=CITY,
        issuing_body=OFFICE,
        number=242,
        symbol="KH-PGDĐT",
        place="Cẩm Phả",
        date=datetime.date(2023, 3, 14),
        title="Công tác thông tin đối ngoại năm 2023",
        body=(
            Paragraph("Thực hiện Kế hoạch số 218/KH-SGDĐT ngày 06/02/2023 của Sở Giáo dục và Đào tạo về công tác thông tin đối ngoại năm 2023, Phòng Giáo dục và Đào tạo (GDĐT) xây dựng Kế hoạch công tác thông tin đối ngoại năm 2023 như sau:"),
            Heading(1, "I. MỤC ĐÍCH, YÊU CẦU"),
            Heading(2, "1. Mục đích"),
            _PLAN_PURPOSE,
            Heading(2, "2. Yêu cầu"),
            _PLAN_REQUIREMENTS,
            Heading(1, "II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU"),
            *_PLAN_TASKS,
            Heading(1, "III. TỔ CHỨC THỰC HIỆN"),
            *_PLAN_ORGANISATION,
        ),
        recipients=(
            "Sở GD&ĐT (b/c)",
            "UBND thành phố (b/c)",
            "Ban TGTU; Ban VHXH HĐND thành phố",
            "Trung tâm TT-VH, Phòng VH-TT thành phố",
            "TP, các PTP, các bộ phận CM phòng GDĐT",
            "Các trường trực thuộc",
        ),
        archive=("VT", "CTTT"),
        signer=DEPUTY,
    )  # fmt: skip


def report() -> Document:
    """A year-end report to the Sở, with a table of figures."""
    return Document(
        doc_type=DocumentType.REPORT,
        parent_body=CITY,
        issuing_body=OFFICE,
        number=398,
        symbol="BC-PGDĐT",
        place="Cẩm Phả",
        date=datetime.date(2023, 11, 17),
        title="Kết quả thực hiện công tác thông tin đối ngoại năm 2023",
        addressees=("Sở Giáo dục và Đào tạo Quảng Ninh",),
        body=(
            Paragraph("Thực hiện Kế hoạch số 242/KH-PGDĐT ngày 14/3/2023 của Phòng Giáo dục và Đào tạo về công tác thông tin đối ngoại năm 2023, Phòng Giáo dục và Đào tạo thành phố Cẩm Phả báo cáo kết quả thực hiện như sau:"),
            Heading(1, "I. KẾT QUẢ THỰC HIỆN"),
            Heading(2, "1. Công tác chỉ đạo, triển khai"),
            Paragraph("Phòng GDĐT đã ban hành kế hoạch, hướng dẫn các trường trực thuộc xây dựng kế hoạch của đơn vị; 100% cơ sở giáo dục tổ chức quán triệt các văn bản chỉ đạo về thông tin đối ngoại tới cán bộ, giáo viên, nhân viên."),
            Heading(2, "2. Kết quả cụ thể"),
            Table(
                header=("TT", "Nội dung", "Số lượng", "Ghi chú"),
                rows=(
                    ("1", "Tin, bài đăng trên trang thông tin điện tử", "412", ""),
                    ("2", "Hoạt động kỷ niệm 60 năm thành lập tỉnh", "96", "Cấp trường"),
                    ("3", "Hội thi, giao lưu có yếu tố nước ngoài", "7", ""),
                ),
                widths=(1, 8, 2.5, 2.5),
            ),
            Heading(1, "II. ĐÁNH GIÁ CHUNG"),
            Paragraph("Công tác thông tin đối ngoại được triển khai đồng bộ, đúng tiến độ; một số đơn vị còn chậm gửi báo cáo, nội dung tin bài chưa phong phú./."),
        ),
        recipients=("Như trên", "UBND thành phố (b/c)", "Lãnh đạo phòng"),
        archive=("VT", "CTTT"),
        signer=HEAD,
    )  # fmt: skip


def letter() -> Document:
    """A công văn to the schools: no type name, "V/v" under the number."""
    return Document(
        doc_type=DocumentType.LETTER,
        parent_body=CITY,
        issuing_body=OFFICE,
        number=315,
        symbol="PGDĐT-CTTT",
        place="Cẩm Phả",
        date=datetime.date(2023, 10, 9),
        title="Tuyên truyền kỷ niệm 60 năm Ngày thành lập tỉnh Quảng Ninh",
        addressees=(
            "Hiệu trưởng các trường mầm non",
            "Hiệu trưởng các trường tiểu học",
            "Hiệu trưởng các trường THCS",
        ),
        body=(
            Paragraph("Thực hiện Kế hoạch số 242/KH-PGDĐT ngày 14/3/2023 của Phòng Giáo dục và Đào tạo về công tác thông tin đối ngoại năm 2023, Phòng Giáo dục và Đào tạo đề nghị Hiệu trưởng các trường trực thuộc thực hiện một số nội dung sau:"),
            ListBlock((
                "Tổ chức tuyên truyền kỷ niệm 60 năm Ngày thành lập tỉnh Quảng Ninh (30/10/1963 - 30/10/2023) bằng nhiều hình thức phù hợp với lứa tuổi học sinh.",
                "Đăng tải tin, bài về các hoạt động kỷ niệm trên trang thông tin điện tử của đơn vị.",
                "Gửi báo cáo kết quả về Phòng GDĐT (qua bộ phận CTTT) trước ngày 05/11/2023.",
            ), marker=ListMarker.NUMBER),
            Paragraph("Đề nghị Hiệu trưởng các trường nghiêm túc triển khai thực hiện./."),
        ),
        recipients=("Như trên", "Lãnh đạo phòng"),
        archive=("VT", "CTTT"),
        signer=DEPUTY,
    )  # fmt: skip


def notice() -> Document:
    """A Sở notice signed TL. (thừa lệnh), dated in February: leading zeros on day and month."""
    return Document(
        doc_type=DocumentType.NOTICE,
        parent_body="UBND TỈNH QUẢNG NINH",
        issuing_body="SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        number=8,
        symbol="TB-SGDĐT",
        place="Quảng Ninh",
        date=datetime.date(2024, 2, 5),
        title="Kết luận của Giám đốc Sở tại Hội nghị sơ kết công tác thông tin đối ngoại học kỳ I năm học 2023 - 2024",
        body=(
            Paragraph("Ngày 31/01/2024, Sở Giáo dục và Đào tạo tổ chức Hội nghị sơ kết công tác thông tin đối ngoại học kỳ I năm học 2023 - 2024. Sau khi nghe báo cáo và ý kiến của các đơn vị, Giám đốc Sở kết luận như sau:"),
            Heading(1, "I. ĐÁNH GIÁ CHUNG"),
            Paragraph("Các phòng giáo dục và đào tạo, các đơn vị trực thuộc đã triển khai kịp thời các nhiệm vụ thông tin đối ngoại; chất lượng tin, bài trên trang thông tin điện tử từng bước được nâng lên."),
            Heading(1, "II. NHIỆM VỤ TRỌNG TÂM HỌC KỲ II"),
            ListBlock((
                "Tiếp tục tuyên truyền, quảng bá hình ảnh ngành Giáo dục Quảng Ninh.",
                "Tăng cường phối hợp với cơ quan báo chí, cung cấp thông tin chính thống, kịp thời.",
                "Báo cáo kết quả thực hiện năm học trước ngày 20/5/2024.",
            ), marker=ListMarker.LETTER),
            Paragraph("Sở Giáo dục và Đào tạo thông báo để các đơn vị biết, thực hiện./."),
        ),
        recipients=("Các phòng GDĐT", "Các đơn vị trực thuộc Sở", "Giám đốc, các PGĐ Sở"),
        archive=("VT", "VP"),
        signer=Signer(
            position="Chánh Văn phòng",
            name="Phạm Thị Hương",
            authority=Authority.BY_ORDER,
            principal="Giám đốc",
        ),
    )  # fmt: skip


def decision() -> Document:
    """A decision with its preamble ("Căn cứ …", "QUYẾT ĐỊNH:") and three articles."""
    return Document(
        doc_type=DocumentType.DECISION,
        parent_body=CITY,
        issuing_body=OFFICE,
        number=56,
        symbol="QĐ-PGDĐT",
        place="Cẩm Phả",
        date=datetime.date(2023, 3, 20),
        title="Về việc thành lập Tổ công tác thông tin đối ngoại ngành Giáo dục thành phố năm 2023",
        enacting_authority="Trưởng phòng Giáo dục và Đào tạo",
        bases=(
            "Căn cứ Quyết định số 2345/QĐ-UBND ngày 15/6/2021 của Ủy ban nhân dân thành phố Cẩm Phả quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Phòng Giáo dục và Đào tạo",
            "Căn cứ Kế hoạch số 242/KH-PGDĐT ngày 14/3/2023 của Phòng Giáo dục và Đào tạo về công tác thông tin đối ngoại năm 2023",
            "Theo đề nghị của Bộ phận Công tác tư tưởng",
        ),
        body=(
            Article(1, "Thành lập Tổ công tác thông tin đối ngoại ngành Giáo dục thành phố năm 2023, gồm các ông (bà) có tên sau:", blocks=(
                ListBlock((
                    "Bà Lê Thị Lan, Phó Trưởng phòng, Tổ trưởng;",
                    "Ông Trần Minh Đức, Chuyên viên, Tổ phó;",
                    "Bà Vũ Thu Trang, Chuyên viên, Thành viên.",
                )),
            )),
            Article(2, "Tổ công tác có nhiệm vụ tham mưu, theo dõi, đôn đốc các trường trực thuộc triển khai Kế hoạch số 242/KH-PGDĐT; tổng hợp, báo cáo kết quả theo quy định. Tổ công tác tự giải thể sau khi hoàn thành nhiệm vụ."),
            Article(3, "Quyết định có hiệu lực kể từ ngày ký. Các bộ phận chuyên môn thuộc Phòng Giáo dục và Đào tạo, Hiệu trưởng các trường trực thuộc và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."),
        ),
        recipients=("Như Điều 3", "UBND thành phố (b/c)"),
        archive=("VT", "CTTT"),
        signer=HEAD,
    )  # fmt: skip


def invitation() -> Document:
    """A giấy mời to a meeting: who, when, where, with bold labels."""
    return Document(
        doc_type=DocumentType.INVITATION,
        parent_body=CITY,
        issuing_body=OFFICE,
        number=12,
        symbol="GM-PGDĐT",
        place="Cẩm Phả",
        date=datetime.date(2023, 3, 21),
        title="Dự Hội nghị triển khai công tác thông tin đối ngoại năm 2023",
        body=(
            Paragraph("Phòng Giáo dục và Đào tạo thành phố Cẩm Phả trân trọng kính mời:"),
            ListBlock(("Đồng chí Hiệu trưởng các trường mầm non, tiểu học, THCS trực thuộc;", "Đồng chí phụ trách công tác truyền thông của các trường.")),
            Paragraph(runs=(Run("Thời gian: ", bold=True), Run("08 giờ 00 phút, thứ Sáu, ngày 24/3/2023."))),
            Paragraph(runs=(Run("Địa điểm: ", bold=True), Run("Hội trường tầng 3, Phòng Giáo dục và Đào tạo thành phố Cẩm Phả."))),
            Paragraph(runs=(Run("Nội dung: ", bold=True), Run("Triển khai Kế hoạch số 242/KH-PGDĐT ngày 14/3/2023 về công tác thông tin đối ngoại năm 2023."))),
            Paragraph("Rất mong các đồng chí tham dự đầy đủ, đúng thời gian./."),
        ),
        recipients=("Như trên", "Lãnh đạo phòng"),
        archive=("VT", "CTTT"),
        signer=DEPUTY,
    )  # fmt: skip


def certificate() -> Document:
    """A giấy chứng nhận of a contest prize, signed by a deputy for the head."""
    return Document(
        doc_type=DocumentType.CERTIFICATE,
        parent_body=CITY,
        issuing_body=OFFICE,
        number=5,
        symbol="CN-PGDĐT",
        place="Cẩm Phả",
        date=datetime.date(2023, 11, 20),
        title="Giải Nhất cấp thành phố Hội thi “Chúng em với an toàn giao thông”",
        body=(
            Paragraph("Chứng nhận: Đội Trường THCS Cẩm Phú"),
            Paragraph("Học sinh: Phạm Đức Huy — 8A; Vũ Ngọc Lan — 8C"),
            Paragraph("Đã đạt Giải Nhất cấp thành phố Hội thi “Chúng em với an toàn giao thông” năm học 2023–2024."),
        ),
        recipients=("Trường THCS Cẩm Phú",),
        signer=DEPUTY,
    )  # fmt: skip


SAMPLES: dict[str, Callable[[], Document]] = {
    "ke-hoach": plan,
    "bao-cao": report,
    "cong-van": letter,
    "thong-bao": notice,
    "quyet-dinh": decision,
    "giay-moi": invitation,
    "giay-chung-nhan": certificate,
}


def main(argv: list[str] | None = None) -> int:
    """Write page 1 of the samples as PNGs: `[directory] [slug …]`, default docs/docgen, all."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0] if args else "docs/docgen")
    slugs = args[1:] or list(SAMPLES)
    target.mkdir(parents=True, exist_ok=True)
    for slug in slugs:
        image = pdf.page_png(pdf.render(SAMPLES[slug]()), page=1, dpi=100)
        (target / f"{slug}.png").write_bytes(image)
        print(target / f"{slug}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
