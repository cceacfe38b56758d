"""One factory per model, with plain defaults; the flows themselves go through the services."""

from __future__ import annotations

import datetime

import factory

from ttdn.core.text import fold
from ttdn.org.enums import UnitKind
from ttdn.org.tests.factories import UnitFactory
from ttdn.registries.enums import AgreementKind, CourseLevel, Direction, PartnerKind
from ttdn.registries.models import (
    Agreement,
    Conference,
    ContactPerson,
    Course,
    Delegation,
    DelegationMember,
    Finding,
    Inspection,
    Partner,
    PartnerContact,
    Programme,
    Trainee,
)

DAY = datetime.date(2026, 3, 2)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Sở Giáo dục tỉnh Đối tác {n}")
    folded_name = factory.LazyAttribute(lambda p: fold(p.name))
    kind = PartnerKind.PROVINCE
    country = "Lào"
    languages = "Lào"
    recorded_by = factory.SubFactory(UnitFactory, kind=UnitKind.DEPARTMENT)


class PartnerContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerContact

    partner = factory.SubFactory(PartnerFactory)
    full_name = factory.Sequence(lambda n: f"Somphone {n}")
    position = "Phó Giám đốc"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    partner = factory.SubFactory(PartnerFactory)
    kind = AgreementKind.MOU
    title = factory.Sequence(lambda n: f"Biên bản ghi nhớ hợp tác giáo dục số {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Chương trình song ngữ tiếng Pháp {n}")
    goals = "Dạy song ngữ Pháp – Việt cho học sinh hai trường."
    starts_on = datetime.date(2024, 9, 1)


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    direction = Direction.INCOMING
    partner = factory.SubFactory(PartnerFactory)
    purpose = "Trao đổi kinh nghiệm dạy tiếng Việt cho học sinh Lào"
    starts_on = DAY
    ends_on = DAY + datetime.timedelta(days=2)
    place = "Cẩm Phả"


class DelegationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationMember

    delegation = factory.SubFactory(DelegationFactory)
    full_name = factory.Sequence(lambda n: f"Khamphoui {n}")
    position = "Trưởng phòng"


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    kind = "seminar"
    title = factory.Sequence(lambda n: f"Hội thảo quốc tế về giáo dục song ngữ {n}")
    starts_on = DAY
    ends_on = DAY
    place = "Hạ Long"
    participants = "Đại biểu Sở GDĐT và hai trường đối tác"
    participant_count = 40
    foreign_participant_count = 6


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    full_name = factory.Sequence(lambda n: f"Trần Thị Kiêm Nhiệm {n}")
    position = "Giáo viên kiêm nhiệm TTĐN"


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    topic = "Tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ kiêm nhiệm"
    level = CourseLevel.DISTRICT
    trainer = "Sở Thông tin và Truyền thông"
    starts_on = DAY
    ends_on = DAY
    place = "Hội trường Phòng GDĐT"
    hours = 8


class TraineeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainee

    course = factory.SubFactory(CourseFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Học Viên {n}")


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    year = 2026
    title = factory.Sequence(lambda n: f"Kiểm tra công tác thông tin đối ngoại đợt {n}")
    scope = "Việc thực hiện quy chế thông tin đối ngoại"
    starts_on = DAY
    ends_on = DAY + datetime.timedelta(days=5)


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    inspection = factory.SubFactory(InspectionFactory)
    description = "Trang tin điện tử đăng bản đồ thiếu quần đảo Hoàng Sa"
