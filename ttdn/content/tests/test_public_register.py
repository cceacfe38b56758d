"""The documents a school issued and shows from its outgoing register, on its site's Văn bản
page, and their DOCX: only while marked published, not withdrawn, and of that site's unit."""

import datetime
from io import BytesIO

import docx
import pytest
from django.urls import reverse

from ttdn import docgen
from ttdn.documents import services as register
from ttdn.documents.tests.factories import OutgoingDocumentFactory, letter
from ttdn.org.enums import Role
from ttdn.org.tests.factories import member

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def entries(cast, sites):
    """Three entries of school A (two shown on its site, the newest first), one of school B
    shown on its own site, and one of the outsider's school shown on its site."""
    made = {
        "plan": OutgoingDocumentFactory(
            unit=cast.school_a,
            by=cast.teacher_a,
            on=datetime.date(2026, 3, 2),
            doc=letter(doc_type=docgen.DocumentType.PLAN, title="Tuyên truyền ngày sách"),
        ),
        "letter": OutgoingDocumentFactory(
            unit=cast.school_a,
            by=cast.teacher_a,
            on=datetime.date(2026, 3, 9),
            doc=letter(title="Mời dự ngày hội đọc sách"),
        ),
        "hidden": OutgoingDocumentFactory(
            unit=cast.school_a, by=cast.teacher_a, on=datetime.date(2026, 3, 10)
        ),
        "sibling": OutgoingDocumentFactory(unit=cast.school_b, by=cast.teacher_b),
    }
    for name in ("plan", "letter"):
        register.publish_on_site(made[name], by=cast.teacher_a)
    register.publish_on_site(made["sibling"], by=cast.teacher_b)
    return made


def page_of(client, sites, **params):
    return client.get(reverse("portal:documents", args=[sites.school_a.unit.slug]), params)


def listed(response):
    return [entry.number_symbol for entry in response.context["issued"]]


def download(client, unit, entry_pk):
    return client.get(reverse("portal:outgoing_file", args=[unit.slug, entry_pk]))


def test_documents_page_lists_the_entries_the_school_shows_newest_first(client, sites, entries):
    response = page_of(client, sites)

    text = response.content.decode()
    assert listed(response) == ["02/THCSHB-VP", "01/KH-THCSHB"]
    assert "Mời dự ngày hội đọc sách" in text
    assert (
        reverse("portal:outgoing_file", args=[sites.school_a.unit.slug, entries["letter"].pk])
        in text
    )
    assert "09/03/2026" in text


def test_documents_page_searches_the_entries_folded(client, sites, entries):
    response = page_of(client, sites, q="tuyen truyen")

    assert listed(response) == ["01/KH-THCSHB"]


def test_documents_page_shows_a_publication_and_a_withdrawal_at_once(client, cast, sites, entries):
    before = listed(page_of(client, sites))
    register.publish_on_site(entries["hidden"], by=cast.teacher_a)
    published = listed(page_of(client, sites))
    leader = member("school-a-leader", cast.school_a, Role.LEADER)
    register.withdraw_document(entries["letter"], reason="Ban hành nhầm", by=leader)
    register.unpublish_from_site(entries["plan"], by=cast.teacher_a)

    after = page_of(client, sites)

    assert (before, published, listed(after)) == (
        ["02/THCSHB-VP", "01/KH-THCSHB"],
        ["03/THCSHB-VP", "02/THCSHB-VP", "01/KH-THCSHB"],
        ["03/THCSHB-VP"],
    )


@pytest.mark.parametrize("count", (1, 3))
def test_documents_page_queries_do_not_grow_with_entries(
    client, cast, sites, count, django_assert_num_queries
):
    for _ in range(count):
        register.publish_on_site(
            OutgoingDocumentFactory(unit=cast.school_a, by=cast.teacher_a), by=cast.teacher_a
        )
    page_of(client, sites)  # the site and its sections are kept by the process after one read

    with django_assert_num_queries(4):
        response = page_of(client, sites)

    assert len(listed(response)) == count


def test_a_shown_entry_downloads_as_its_frozen_docx(client, sites, entries):
    response = download(client, sites.school_a.unit, entries["letter"].pk)

    entries["letter"].refresh_from_db()
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200,
        DOCX_TYPE,
        f'attachment; filename="{entries["letter"].file_stem}.docx"',
    )
    assert response.content == bytes(entries["letter"].docx)
    assert docx.Document(BytesIO(response.content)).paragraphs != []  # a Word file


def test_no_other_entry_downloads(client, cast, sites, entries):
    withdrawn = entries["plan"]
    register.withdraw_document(
        withdrawn, reason="Ban hành nhầm", by=member("school-a-leader", cast.school_a, Role.LEADER)
    )
    outsider = OutgoingDocumentFactory(unit=cast.outsider_school, by=None)
    outsider.published_on_site_at = outsider.created_at  # shown on the outsider's own site
    outsider.save(update_fields=["published_on_site_at"])
    school_a = sites.school_a.unit

    statuses = [
        download(client, school_a, entries["hidden"].pk).status_code,  # not marked
        download(client, school_a, withdrawn.pk).status_code,  # withdrawn
        download(client, school_a, entries["sibling"].pk).status_code,  # school B's
        download(client, school_a, outsider.pk).status_code,  # another province's
        download(client, school_a, 999999).status_code,  # no such entry
        download(client, cast.school_b, entries["sibling"].pk).status_code,  # on its own site
        download(client, cast.outsider_school, outsider.pk).status_code,
    ]

    assert statuses == [404, 404, 404, 404, 404, 200, 200]
