"""Properties of the parsers under generated input: they never crash (only their documented
errors), never hang (each example has a deadline, inputs are bounded), and round trips hold."""

from __future__ import annotations

import datetime
import io
import string
import unicodedata
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given
from hypothesis import strategies as st
from openpyxl import Workbook

from ttdn.core import extract
from ttdn.core.text import fold, nfc
from ttdn.documents.citations import parse_citations
from ttdn.events import lunar
from ttdn.plans.importer import PlanImportError, parse_plan
from ttdn.reports import periods
from ttdn.reports.enums import IndicatorKind, PeriodKind
from ttdn.reports.models import Indicator
from ttdn.reports.validation import clean_value

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
LETTERS = VIETNAMESE + VIETNAMESE.upper() + "ÐðĐ"
TONED = {c for c in LETTERS if unicodedata.decomposition(c)} | set("đĐ")
# Words and pieces the parsers look for, so that generated text reaches their deep paths.
PIECES = [
    "Nghị định",
    "số",
    "72/2015/NĐ-CP",
    "ngày",
    "07/8/2015",
    "của Chính phủ",
    "Chỉ thị",
    "05-CT/TW",
    "Nghị quyết",
    "45- NQ/TW",
    "Thông tư",
    "/TT-BGDĐT",
    "Quyết định",
    "3767/QĐ-BGDĐT",
    "Kế hoạch",
    "242/KH-PGDĐT",
    "Căn cứ",
    "I.",
    "II.",
    "1.",
    "a)",
    "-",
    "+",
    "KẾ HOẠCH",
    "Nơi nhận:",
    "TRƯỞNG PHÒNG",
    "KT.",
    "Hải Phòng,",
    "tháng",
    "năm 2022",
    "trong tháng 2",
    "\n",
    "\n\n",
    " ",
    "\t",
    "\u00a0",
    "/",
    "-",
    ".",
    ",",
    ":",
    "(",
    ")",
]
texts = st.lists(
    st.one_of(
        st.sampled_from(PIECES), st.text(alphabet=LETTERS + string.digits + " /-.,\n", max_size=12)
    ),
    max_size=60,
).map("".join)


@given(st.text(max_size=200))
def test_fold_is_idempotent_and_leaves_no_tones_or_d_stroke(text):
    folded = fold(text)

    assert fold(folded) == folded
    assert fold(nfc(text)) == folded
    assert set(folded) & TONED == set()


@given(st.text(alphabet=LETTERS + " ", max_size=60))
def test_vietnamese_folds_to_plain_lower_case_letters(text):
    assert set(fold(text)) <= set("abcdeghiklmnopqrstuvxy ")


@given(texts)
def test_citations_are_found_at_their_place_in_any_text(text):
    normalised = nfc(text).replace("Ð", "Đ").replace("ð", "đ")

    found = parse_citations(text)

    assert all(0 <= c.start < c.end <= len(normalised) for c in found)
    assert [c.start for c in found] == sorted(c.start for c in found)


@given(texts)
def test_plan_importer_reads_any_text_or_says_why_not(text):
    try:
        parsed = parse_plan(text)
    except PlanImportError:
        return

    assert parsed is not None


KINDS = [kind for kind in PeriodKind]
days = st.dates(min_value=datetime.date(1901, 1, 1), max_value=datetime.date(2099, 12, 31))


@given(st.sampled_from(KINDS), days)
def test_the_period_containing_a_day_contains_it_and_its_key_names_it(kind, day):
    period = periods.containing(kind, day)

    assert day in period.calendar
    assert periods.parse(period.key) == period
    assert period.next().calendar.start == period.calendar.end + datetime.timedelta(days=1)
    assert period.next().previous() == period


@given(st.text(max_size=40))
def test_a_period_key_parses_or_is_refused(key):
    try:
        period = periods.parse(key)
    except periods.InvalidPeriod:
        return

    assert periods.parse(period.key) == period


@given(st.dates(min_value=lunar.FIRST_DATE, max_value=lunar.LAST_DATE))
def test_solar_to_lunar_and_back_is_the_same_day(day):
    moon = lunar.to_lunar(day)

    assert lunar.to_solar(moon.year, moon.month, moon.day, moon.leap) == day


@given(
    st.integers(min_value=1890, max_value=2110),
    st.integers(min_value=-1, max_value=14),
    st.integers(min_value=-1, max_value=32),
    st.booleans(),
)
def test_lunar_to_solar_answers_or_refuses_any_date(year, month, day, leap):
    try:
        solar = lunar.to_solar(year, month, day, leap)
    except lunar.LunarDateError:
        return

    assert lunar.to_lunar(solar) == lunar.LunarDate(year, month, day, leap)


NUMBER = Indicator(code="n", name="n", kind=IndicatorKind.DECIMAL)


@given(st.one_of(st.text(max_size=30), st.floats(), st.integers(), st.decimals(), st.booleans()))
def test_a_report_value_is_a_plain_number_or_refused_with_a_message(raw):
    try:
        clean = clean_value(NUMBER, raw)
    except (ValueError, ValidationError) as error:
        assert str(error)
        return

    assert clean.number is None or clean.number.is_finite()


@given(
    st.decimals(min_value=Decimal("-99999999999999"), max_value=Decimal("99999999999999"), places=2)
)
def test_a_report_value_reads_the_same_in_vietnamese_and_english_notation(number):
    english = f"{number:,.2f}"
    vietnamese = english.replace(",", " ").replace(".", ",").replace(" ", ".")

    assert clean_value(NUMBER, english).number == clean_value(NUMBER, vietnamese).number == number


def _workbook(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


VALID = _workbook([["Mã đơn vị", "Tên đơn vị"], ["HB-A", "Trường THCS Hồng Bàng"]])


@given(
    st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8)
)
def test_a_damaged_workbook_is_refused_with_a_message(flips):
    data = bytearray(VALID)
    for position, value in flips:
        data[position] = value

    try:
        rows = extract.sheet_rows(bytes(data))
    except extract.ExtractionError as error:
        assert str(error)
        return

    assert isinstance(rows, list)


@pytest.mark.django_db
@given(
    st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8)
)
def test_the_registries_and_activities_importers_refuse_a_damaged_workbook(flips):
    from ttdn.activities.excel import ImportRefused, import_activities
    from ttdn.registries import excel

    data = bytearray(VALID)
    for position, value in flips:
        data[position] = value
    assume(bytes(data) != VALID)

    with pytest.raises(ValidationError):
        excel.import_rows(excel.SHEETS["partners"], bytes(data), by=None)
    with pytest.raises(ImportRefused):
        import_activities(io.BytesIO(bytes(data)), by=None)
