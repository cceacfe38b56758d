from django.utils import timezone

from ttdn.content import services as content_services
from ttdn.content.tests.factories import published
from ttdn.org.enums import Role
from ttdn.org.tests.factories import member
from ttdn.reports import computed


def test_articles_published_is_a_computed_indicator_of_the_school(cast):
    site = content_services.open_site(cast.school_a)
    published(site, reviewer=member("leader-a", cast.school_a, Role.LEADER))
    today = timezone.localdate()

    counts = [
        computed.compute(key, cast.school_a, today, today)
        for key in ("content.articles_published", "content.articles_published_in_subtree")
    ]
    phong = computed.compute("content.articles_published_in_subtree", cast.phong, today, today)

    assert (counts, phong) == ([1, 1], 1)
