import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ttdn.activities import services
from ttdn.activities.enums import ActivityKind, ActivityStatus
from ttdn.activities.models import Activity
from ttdn.content.tests.factories import jpeg_with_gps
from ttdn.core.models import AuditEntry
from ttdn.core.states import InvalidTransition
from ttdn.plans.enums import PlanStatus
from ttdn.plans.tests.factories import PlanFactory, PlanTaskFactory

DAY = datetime.date(2026, 3, 20)


def record(cast, unit=None, by=None, **fields):
    fields = {"kind": ActivityKind.CEREMONY, "title": "Lễ kỷ niệm", "starts_on": DAY, **fields}
    return services.record_activity(unit or cast.school_a, by=by or cast.teacher_a, **fields)


def test_record_activity_saves_a_draft_and_audits_it(cast):
    activity = record(cast, pupils=120, teachers=15)

    assert (activity.status, activity.participants, activity.created_by) == (
        ActivityStatus.DRAFT, 135, cast.teacher_a,
    )  # fmt: skip
    assert (
        AuditEntry.objects.filter(
            object_id=str(activity.pk), object_type="activities.Activity"
        ).count()
        == 1
    )


def test_record_activity_refuses_a_person_of_another_unit(cast):
    with pytest.raises(PermissionDenied):
        record(cast, unit=cast.school_a, by=cast.teacher_b)

    assert Activity.objects.count() == 0


def test_record_activity_refuses_an_end_before_the_start(cast):
    with pytest.raises(ValidationError) as caught:
        record(cast, ends_on=DAY - datetime.timedelta(days=1))

    assert list(caught.value.message_dict) == ["ends_on"]
    assert Activity.objects.count() == 0


def test_record_activity_links_tasks_of_plans_above_only(cast):
    office_task = PlanTaskFactory(plan=PlanFactory(unit=cast.phong, status=PlanStatus.ISSUED))
    other_school_task = PlanTaskFactory(plan=PlanFactory(unit=cast.school_b))

    activity = record(cast, tasks=[office_task])
    with pytest.raises(ValidationError):
        record(cast, tasks=[other_school_task])

    assert list(activity.tasks.all()) == [office_task]
    assert Activity.objects.count() == 1


def test_school_records_and_the_office_verifies(cast):
    activity = record(cast)

    services.transition_activity(activity, to=ActivityStatus.RECORDED, by=cast.teacher_a)
    with pytest.raises(PermissionDenied):
        services.transition_activity(activity, to=ActivityStatus.VERIFIED, by=cast.teacher_a)
    services.transition_activity(activity, to=ActivityStatus.VERIFIED, by=cast.phong_officer)

    activity.refresh_from_db()
    assert (activity.status, activity.verified_by) == (ActivityStatus.VERIFIED, cast.phong_officer)


def test_a_draft_cannot_be_verified(cast):
    activity = record(cast)

    with pytest.raises(InvalidTransition):
        services.transition_activity(activity, to=ActivityStatus.VERIFIED, by=cast.phong_officer)

    activity.refresh_from_db()
    assert (activity.status, activity.verified_by) == (ActivityStatus.DRAFT, None)


def test_a_verified_activity_cannot_be_edited(cast):
    activity = record(cast)
    services.transition_activity(activity, to=ActivityStatus.RECORDED, by=cast.teacher_a)
    services.transition_activity(activity, to=ActivityStatus.VERIFIED, by=cast.phong_officer)

    with pytest.raises(PermissionDenied):
        services.update_activity(activity, by=cast.teacher_a, title="Đổi tên")

    activity.refresh_from_db()
    assert activity.title == "Lễ kỷ niệm"


def test_add_photo_strips_location_and_needs_consent_for_pupils(cast):
    activity = record(cast)

    photo = services.add_photo(
        activity, upload=jpeg_with_gps(), alt="Lễ chào cờ", by=cast.teacher_a
    )
    with pytest.raises(ValidationError):
        services.add_photo(
            activity, upload=jpeg_with_gps(), alt="Học sinh", by=cast.teacher_a, shows_pupils=True
        )

    from PIL import Image as Pillow

    with photo.image.file.open("rb") as stored:
        exif = Pillow.open(stored).getexif()
    assert (dict(exif), activity.photos.count()) == ({}, 1)


def test_draft_article_carries_title_photos_and_links_back(cast):
    activity = record(cast, description="Buổi lễ trang trọng.")
    photo = services.add_photo(
        activity, upload=jpeg_with_gps(), alt="Lễ chào cờ", by=cast.teacher_a
    )

    article = services.draft_article(activity, by=cast.teacher_a, photos=[photo])

    activity.refresh_from_db()
    assert (article.title, article.status, article.gallery.count(), activity.article) == (
        "Lễ kỷ niệm", "draft", 1, article,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.draft_article(activity, by=cast.teacher_a)
