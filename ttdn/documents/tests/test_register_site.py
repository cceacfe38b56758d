"""Showing entries of the outgoing register on the unit's public site: who may, what refuses,
what withdrawing does, the audit, and the buttons on the entry's page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from ttdn.core.models import AuditEntry
from ttdn.documents import services
from ttdn.documents.models import OutgoingDocument
from ttdn.documents.tests.factories import OutgoingDocumentFactory
from ttdn.org.enums import Role
from ttdn.org.tests.factories import member

TODAY = timezone.localdate()


@pytest.fixture
def client(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def entry(cast):
    return OutgoingDocumentFactory(unit=cast.school_a, by=cast.teacher_a)


def site_marks(entry):
    return list(
        AuditEntry.objects.filter(
            object_type="documents.OutgoingDocument",
            object_id=str(entry.pk),
            changes__has_key="published_on_site_at",
        )
        .order_by("pk")
        .values_list("actor__username", "unit_id")
    )


def test_officer_publishes_an_entry_on_the_site_once_and_it_is_audited(cast, entry):
    services.publish_on_site(entry, by=cast.teacher_a)
    first = entry.published_on_site_at

    services.publish_on_site(entry, by=cast.teacher_a)

    entry.refresh_from_db()
    assert (entry.is_on_site, entry.published_on_site_at, entry.published_on_site_by) == (
        True,
        first,
        cast.teacher_a,
    )
    assert list(OutgoingDocument.objects.on_site_of(cast.school_a)) == [entry]
    assert site_marks(entry) == [("teacher-a", cast.school_a.pk)]


def test_unpublishing_takes_the_entry_off_the_site_and_is_audited(cast, entry):
    leader = member("school-a-leader", cast.school_a, Role.LEADER)
    services.publish_on_site(entry, by=cast.teacher_a)

    services.unpublish_from_site(entry, by=leader)
    services.unpublish_from_site(entry, by=leader)  # idempotent: no second audit row

    entry.refresh_from_db()
    assert (entry.published_on_site_at, entry.published_on_site_by) == (None, None)
    assert list(OutgoingDocument.objects.on_site_of(cast.school_a)) == []
    assert site_marks(entry) == [
        ("teacher-a", cast.school_a.pk),
        ("school-a-leader", cast.school_a.pk),
    ]


@pytest.mark.parametrize("person", ["viewer", "editor", "phong_leader", "teacher_b", "outsider"])
def test_only_leaders_and_officers_of_the_issuing_unit_publish_it(cast, entry, person):
    people = {
        "viewer": member("school-a-viewer", cast.school_a, Role.VIEWER),
        "editor": member("school-a-editor", cast.school_a, Role.EDITOR),
    }
    someone = people.get(person) or getattr(cast, person)

    with pytest.raises(PermissionDenied):
        services.publish_on_site(entry, by=someone)
    with pytest.raises(PermissionDenied):
        services.unpublish_from_site(entry, by=someone)

    entry.refresh_from_db()
    assert (entry.published_on_site_at, site_marks(entry)) == (None, [])


def test_a_withdrawn_entry_cannot_be_published(cast, entry):
    leader = member("school-a-leader", cast.school_a, Role.LEADER)
    services.withdraw_document(entry, reason="Ban hành nhầm", by=leader)

    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        services.publish_on_site(entry, by=cast.teacher_a)

    entry.refresh_from_db()
    assert (refusal.value.messages, entry.published_on_site_at) == (
        [
            "A withdrawn document cannot be published on the unit's site "
            f"(withdrawn on {TODAY.strftime('%d/%m/%Y')})."
        ],
        None,
    )


def test_withdrawing_a_published_entry_takes_it_off_the_site(cast, entry):
    leader = member("school-a-leader", cast.school_a, Role.LEADER)
    services.publish_on_site(entry, by=cast.teacher_a)
    shown_since = entry.published_on_site_at.isoformat()

    services.withdraw_document(entry, reason="Ban hành nhầm", by=leader)

    entry.refresh_from_db()
    withdrawal = AuditEntry.objects.filter(object_id=str(entry.pk)).latest("pk")
    assert (entry.published_on_site_at, entry.published_on_site_by, entry.is_on_site) == (
        None,
        None,
        False,
    )
    assert list(OutgoingDocument.objects.on_site_of(cast.school_a)) == []
    assert withdrawal.changes["published_on_site_at"] == [shown_since, None]


# --- The buttons on the entry's page -------------------------------------------------


def test_officer_publishes_and_removes_from_the_entry_page(client, cast, entry):
    client.force_login(cast.teacher_a)

    before = client.get(entry.get_absolute_url()).content.decode()
    published = client.post(
        reverse("register:document_publish_on_site", args=[entry.pk]), follow=True
    )
    register = client.get(reverse("register:register", args=[cast.school_a.pk])).content.decode()
    removed = client.post(
        reverse("register:document_unpublish_from_site", args=[entry.pk]), follow=True
    )

    page = published.content.decode()
    assert ('id="publish-on-site"' in before, 'id="unpublish-from-site"' in before) == (True, False)
    assert ('id="publish-on-site"' in page, 'id="unpublish-from-site"' in page) == (False, True)
    assert register.count("Shown on the site") == 1
    assert [str(m) for m in published.context["messages"]] == [
        f"{entry.number_symbol} is shown on the unit's public site."
    ]
    assert [str(m) for m in removed.context["messages"]] == [
        f"{entry.number_symbol} is no longer shown on the unit's public site."
    ]
    entry.refresh_from_db()
    assert entry.published_on_site_at is None


def test_withdrawn_entry_page_offers_no_publishing_and_refuses_a_post(client, cast, entry):
    leader = member("school-a-leader", cast.school_a, Role.LEADER)
    services.withdraw_document(entry, reason="Ban hành nhầm", by=leader)
    client.force_login(cast.teacher_a)

    page = client.get(entry.get_absolute_url()).content.decode()
    response = client.post(
        reverse("register:document_publish_on_site", args=[entry.pk]), follow=True
    )

    entry.refresh_from_db()
    assert ('id="publish-on-site"' in page, entry.published_on_site_at) == (False, None)
    assert [str(m) for m in response.context["messages"]] == [
        "A withdrawn document cannot be published on the unit's site "
        f"(withdrawn on {TODAY.strftime('%d/%m/%Y')})."
    ]


@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("viewer", 403),
        ("editor", 403),
        ("phong_leader", 403),
        ("teacher_b", 404),
        ("outsider", 404),
    ],
)
def test_publishing_from_the_page_is_refused_to_others(client, cast, entry, person, status):
    people = {
        "viewer": member("school-a-viewer", cast.school_a, Role.VIEWER),
        "editor": member("school-a-editor", cast.school_a, Role.EDITOR),
    }
    client.force_login(people.get(person) or getattr(cast, person))

    page = client.get(entry.get_absolute_url())
    response = client.post(reverse("register:document_publish_on_site", args=[entry.pk]))

    entry.refresh_from_db()
    assert (response.status_code, entry.published_on_site_at) == (status, None)
    assert 'id="publish-on-site"' not in page.content.decode()
