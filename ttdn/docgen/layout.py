"""Every size, margin and position of the printed document (Nghị định 30/2020, Phụ lục I).

Where the decree gives a range, the value chosen here is noted beside it. Nothing outside
`ttdn.docgen` should know these numbers; the renderers read them from here.
"""

from dataclasses import dataclass, replace
from enum import Enum

FONT = "Times New Roman"  # TCVN 6909:2001 Unicode; Liberation Serif has the same metrics
LANGUAGE = "vi-VN"

PAGE_WIDTH_MM = 210.0  # A4 portrait
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 20.0  # 20–25
MARGIN_BOTTOM_MM = 20.0  # 20–25
MARGIN_LEFT_MM = 30.0  # 30–35
MARGIN_RIGHT_MM = 15.0  # 15–20
HEADER_DISTANCE_MM = 10.0  # the page number sits in the middle of the top margin
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM

# The header is a borderless two-column table: issuing body left, national title right.
# 12 pt keeps "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (88 mm) on one line in the right column.
HEADER_LEFT_MM = 72.0
HEADER_RIGHT_MM = TEXT_WIDTH_MM - HEADER_LEFT_MM
# The closing table: "Nơi nhận" left, signature right.
CLOSING_LEFT_MM = 75.0
CLOSING_RIGHT_MM = TEXT_WIDTH_MM - CLOSING_LEFT_MM

RULE_WIDTH_EIGHTHS = 6  # 3/4 pt solid line
SHORT_RULE_RATIO = 0.4  # issuing body and trích yếu rules: 1/3–1/2 of the text length
FIRST_LINE_INDENT_CM = 1.27  # 1 cm or 1.27 cm
ADDRESSEE_INDENT_MM = 30.0  # where "Kính gửi:" starts when there are several addressees
SIGNATURE_SPACE_MM = 25.0  # room for the hand signature and the seal

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


class Align(Enum):
    LEFT = "left"
    CENTER = "center"
    JUSTIFY = "justify"


@dataclass(frozen=True)
class Style:
    """How one kind of paragraph is set: font size and style, alignment and spacing."""

    size: float
    bold: bool = False
    italic: bool = False
    upper: bool = False
    align: Align = Align.CENTER
    first_line_cm: float = 0.0
    before_pt: float = 0.0
    after_pt: float = 0.0
    line: float = 1.0
    keep_with_next: bool = False


PARENT_BODY = Style(12, upper=True)  # 12–13 regular
ISSUING_BODY = Style(12, bold=True, upper=True)  # 12–13 bold
NATIONAL_TITLE_STYLE = Style(12, bold=True)  # 12–13 bold
MOTTO_STYLE = Style(13, bold=True)  # 13–14 bold
NUMBER = Style(13, before_pt=6)  # 13
PLACE_DATE = Style(14, italic=True, before_pt=6)  # 13–14 italic
LETTER_SUMMARY = Style(12, before_pt=6)  # "V/v …", 12–13, 6 pt under "Số"
TYPE_NAME = Style(14, bold=True, upper=True, before_pt=18, keep_with_next=True)  # 13–14 bold
SUMMARY = Style(14, bold=True, keep_with_next=True)  # 13–14 bold
ENACTING_AUTHORITY = Style(14, bold=True, upper=True, before_pt=12, after_pt=12)
BASIS = Style(
    14, italic=True, align=Align.JUSTIFY, first_line_cm=FIRST_LINE_INDENT_CM, after_pt=6, line=1.15
)
DECIDES = Style(14, bold=True, before_pt=6, after_pt=12)
ADDRESSEE = Style(14, before_pt=12, after_pt=6)  # "Kính gửi:" 13–14 regular
BODY = Style(
    14, align=Align.JUSTIFY, first_line_cm=FIRST_LINE_INDENT_CM, after_pt=6, line=1.15
)  # 13–14, justified, spacing ≥ 6 pt, single…1.5 lines
_HEADING = replace(BODY, bold=True, keep_with_next=True)
HEADINGS = {
    1: replace(_HEADING, upper=True, before_pt=6),  # "I. MỤC ĐÍCH, YÊU CẦU": UPPER bold
    2: _HEADING,  # "1. Mục đích": bold
    3: replace(_HEADING, italic=True),  # "a) …" used as a heading: bold italic
}
TABLE_CELL = Style(13, align=Align.LEFT, before_pt=2, after_pt=2)
TABLE_HEADER = Style(13, bold=True, before_pt=2, after_pt=2)
RECIPIENTS_HEADING = Style(12, bold=True, italic=True, align=Align.LEFT)  # 12 bold italic
RECIPIENT = Style(11, align=Align.LEFT)  # 11 regular
SIGNER_TITLE = Style(14, bold=True, upper=True)  # 13–14 bold
SIGNER_NAME = Style(14, bold=True)  # 13–14 bold
PAGE_NUMBER = Style(14)  # 13–14 upright, centred in the top margin
RULE = Style(4)  # the empty paragraph, 4 pt high, that carries a short rule as its bottom border
TITLE_RULE = Style(4, after_pt=12)  # the rule under the summary, before the body
CLOSING_GAP_PT = 6.0  # between the last body paragraph and the closing blocks
