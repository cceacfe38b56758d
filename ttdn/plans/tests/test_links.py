"""Portal articles linked to plan tasks as evidence or result, from the task's page; the
article's page lists its tasks through `ttdn.core.related` (content never imports plans)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from ttdn.content import services as content_services
from ttdn.content.tests.factories import article
from ttdn.plans import queries, services
from ttdn.plans.enums import TaskLinkKind
from ttdn.plans.models import TaskArticle
from ttdn.plans.tests.factories import PlanFactory, PlanTaskFactory


@pytest.fixture
def sites(cast):
    return {
        "phong": content_services.open_site(cast.phong),
        "school_a": content_services.open_site(cast.school_a),
        "outsider": content_services.open_site(cast.outsider_school),
    }


@pytest.fixture
def task(cast):
    return PlanTaskFactory(
        plan=PlanFactory(unit=cast.phong), title="Cập nhật tin bài lên trang thông tin"
    )


def test_office_officer_links_a_school_article_as_evidence(cast, sites, task):
    news = article(sites["school_a"], title="Tin hoạt động trường A")

    link = services.link_article(task, news, kind=TaskLinkKind.EVIDENCE, by=cast.phong_officer)

    assert (link.task, link.article, link.kind, link.linked_by) == (
        task,
        news,
        "evidence",
        cast.phong_officer,
    )


def test_an_article_of_another_province_cannot_be_linked(cast, sites, task):
    theirs = article(sites["outsider"])

    with pytest.raises(PermissionDenied):
        services.link_article(task, theirs, kind=TaskLinkKind.RESULT, by=cast.phong_officer)

    assert TaskArticle.objects.count() == 0


def test_a_school_teacher_cannot_link_to_the_offices_task(cast, sites, task):
    own = article(sites["school_a"])

    with pytest.raises(PermissionDenied):
        services.link_article(task, own, kind=TaskLinkKind.EVIDENCE, by=cast.teacher_a)

    assert TaskArticle.objects.count() == 0


def test_linkable_articles_are_those_of_units_the_person_writes_for(cast, sites, task):
    mine = article(sites["school_a"], title="Của trường A")
    article(sites["outsider"], title="Của Quảng Ninh")

    found = [a.title for a in queries.linkable_articles(cast.phong_officer, task)]

    assert found == [mine.title]


def test_task_page_links_an_article_and_lists_it(client, cast, sites, task):
    news = article(sites["school_a"], title="Ngày hội đọc sách")
    client.force_login(cast.phong_officer)
    url = reverse("plans:task_detail", args=[task.pk])

    client.post(url, {"article": news.pk, "kind": "result"})
    response = client.get(url)

    assert [(link.article.title, link.kind) for link in response.context["links"]] == [
        ("Ngày hội đọc sách", "result")
    ]


def test_article_page_shows_its_related_plan_tasks(client, cast, sites, task):
    news = article(sites["school_a"])
    services.link_article(task, news, kind=TaskLinkKind.EVIDENCE, by=cast.phong_officer)
    client.force_login(cast.phong_leader)

    response = client.get(
        reverse("content:article_detail", args=[news.pk]), HTTP_ACCEPT_LANGUAGE="vi"
    )

    assert (
        [[link.title for link in group.links] for group in response.context["related"]],
        response.content.decode().count("<h2>Nhiệm vụ kế hoạch liên quan</h2>"),
    ) == ([["Cập nhật tin bài lên trang thông tin"]], 1)


def test_school_does_not_see_tasks_of_the_offices_draft_plan_on_its_article(cast, sites, task):
    news = article(sites["school_a"])
    services.link_article(task, news, kind=TaskLinkKind.EVIDENCE, by=cast.phong_officer)

    assert queries.article_tasks(cast.teacher_a, news) == []


def test_outsider_sees_neither_the_task_nor_its_links(client, cast, sites, task):
    news = article(sites["school_a"])
    services.link_article(task, news, kind=TaskLinkKind.EVIDENCE, by=cast.phong_officer)
    client.force_login(cast.outsider)

    response = client.get(reverse("plans:task_detail", args=[task.pk]))

    assert (response.status_code, queries.article_tasks(cast.outsider, news)) == (404, [])


def test_unlinking_keeps_the_article(client, cast, sites, task):
    news = article(sites["school_a"])
    link = services.link_article(task, news, kind=TaskLinkKind.EVIDENCE, by=cast.phong_officer)
    client.force_login(cast.phong_officer)

    client.post(reverse("plans:task_unlink", args=[link.pk]))

    assert TaskArticle.objects.count() == 0
    assert type(news).objects.filter(pk=news.pk).exists()


@pytest.mark.parametrize("item_count", [1, 3])
def test_task_page_queries_do_not_grow_with_links(
    client, cast, sites, task, item_count, django_assert_num_queries
):
    for _ in range(item_count):
        services.link_article(
            task, article(sites["school_a"]), kind=TaskLinkKind.EVIDENCE, by=cast.phong_officer
        )
    client.force_login(cast.phong_officer)
    url = reverse("plans:task_detail", args=[task.pk])
    client.get(url)

    # One for the items the task names (mentions) and one for the activities that carry it out
    # (ttdn.core.related).
    with django_assert_num_queries(9):
        response = client.get(url)

    assert len(response.context["links"]) == item_count
