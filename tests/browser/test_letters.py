from io import BytesIO

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import sign_in
from ttdn.documents.models import OutgoingDocument
from ttdn.documents.tests.factories import OutgoingDocumentFactory
from ttdn.org.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_composes_previews_and_issues_a_letter_then_finds_it_in_the_register(cast, page):
    year = timezone.localdate().year
    sign_in(page, "phong-officer", PASSWORD)

    page.goto("/register/compose/")
    page.select_option("select[name=unit]", str(cast.phong.pk))
    page.select_option("select[name=type]", "letter")
    page.fill("textarea[name=title]", "Tuyên truyền kỷ niệm Ngày giải phóng thành phố")
    page.fill("textarea[name=addressees]", "Hiệu trưởng các trường THCS")
    page.fill("textarea[name=body]", "Phòng đề nghị các trường tổ chức tuyên truyền./.")
    page.fill("textarea[name=recipients]", "Như trên\nLãnh đạo phòng")
    page.select_option("select[name=authority]", "deputy")
    page.fill("input[name=principal]", "Trưởng phòng")
    page.fill("input[name=signer_position]", "Phó Trưởng phòng")
    page.fill("input[name=signer_name]", "Lê Thị Lan")
    page.click("button[name=preview]")
    expect(page.locator("#preview")).to_contain_text("V/v Tuyên truyền kỷ niệm")
    expect(page.locator("#preview")).to_contain_text("KT. TRƯỞNG PHÒNG")
    expect(page.locator("#confirm-number")).to_have_text("01/PGDĐT-VP")
    page.click("button[name=issue]")

    expect(page.locator("h1")).to_contain_text("01/PGDĐT-VP")
    with page.expect_download() as download:
        page.click("#download-docx")
    printed = docx.Document(BytesIO(download.value.path().read_bytes()))
    page.goto(f"/register/{cast.phong.pk}/")
    expect(page.locator("#register tbody tr")).to_have_count(1)
    expect(page.locator("#register tbody tr")).to_contain_text("01/PGDĐT-VP")
    assert (
        printed.tables[0].rows[1].cells[0].text.splitlines()[0],
        download.value.suggested_filename,
        OutgoingDocument.objects.get().issued_on.year,
    ) == ("Số: 01/PGDĐT-VP", f"01-pgddt-vp-{year}.docx", year)


def test_compose_reports_the_missing_parts_in_the_page(cast, page):
    sign_in(page, "phong-officer", PASSWORD)

    page.goto("/register/compose/")
    page.select_option("select[name=unit]", str(cast.phong.pk))
    page.click("button[name=preview]")

    expect(page.locator(".field-error")).to_have_count(5)
    expect(page.locator("button[name=issue]")).to_have_count(0)
    assert OutgoingDocument.objects.count() == 0


def test_leader_withdraws_a_mistaken_letter_and_the_register_shows_it_withdrawn(cast, page):
    OutgoingDocumentFactory(unit=cast.phong, by=cast.phong_officer)
    sign_in(page, "phong-leader", PASSWORD)

    page.goto(f"/register/{cast.phong.pk}/")
    page.locator("#register a", has_text="01/PGDĐT-VP").click()
    page.fill("#withdraw-form [name=reason]", "Gửi nhầm đối tượng")
    page.get_by_role("button", name="Thu hồi", exact=True).click()
    page.goto(f"/register/{cast.phong.pk}/")

    expect(page.locator("#register tbody tr")).to_contain_text("Đã thu hồi")
    expect(page.locator("#register tbody tr")).to_contain_text("Gửi nhầm đối tượng")
