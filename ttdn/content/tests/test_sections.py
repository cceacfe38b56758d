"""The section-management screen: create, rename, reorder, hide; a section with articles stays."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ttdn.content import services
from ttdn.content.models import Section
from ttdn.content.tests.factories import article, published


def titles(site):
    return list(site.sections.values_list("title", flat=True))


def test_new_section_gets_a_folded_slug_unique_in_its_site(sites, cast):
    first = services.create_section(sites.school_a, title="Đoàn – Đội", by=sites.editor_a)
    second = services.create_section(sites.school_a, title="Đoàn Đội", by=sites.editor_a)
    elsewhere = services.create_section(sites.school_b, title="Đoàn Đội", by=cast.teacher_b)

    assert (first.slug, second.slug, elsewhere.slug, titles(sites.school_a)[-1]) == (
        "doan-doi",
        "doan-doi-2",
        "doan-doi",
        "Đoàn Đội",
    )


def test_default_section_is_renamed_and_hidden_but_keeps_its_address(sites):
    section = sites.school_a.sections.get(slug="hoi-nhap-quoc-te")

    services.update_section(section, title="Hợp tác quốc tế", is_hidden=True, by=sites.editor_a)

    section.refresh_from_db()
    assert section.title == "Hợp tác quốc tế"
    assert section.slug == "hoi-nhap-quoc-te"
    assert section.is_hidden


def test_renaming_to_an_address_another_section_has_is_refused(sites):
    section = sites.school_a.sections.get(slug="hoi-nhap-quoc-te")

    with pytest.raises(ValidationError) as error:
        services.update_section(section, title="X", slug="Tin tức hoạt động", by=sites.editor_a)

    section.refresh_from_db()
    assert (error.value.messages, section.title) == (
        ["Another section of this site has this address."],
        "Hội nhập quốc tế",
    )


def test_hidden_section_leaves_the_public_menu_and_its_page_but_not_its_articles(client, sites):
    section = sites.school_a.sections.get(slug="hoi-nhap-quoc-te")
    live = published(sites.school_a, reviewer=sites.leader_a, section=section)
    services.update_section(section, title=section.title, is_hidden=True, by=sites.editor_a)

    home = client.get(reverse("portal:home", args=[sites.school_a.unit.slug]))
    page = client.get(reverse("portal:section", args=[sites.school_a.unit.slug, section.slug]))

    assert section not in home.context["sections"]
    assert page.status_code == 404
    assert client.get(live.get_absolute_url()).status_code == 200


def test_sections_move_up_and_down(sites):
    last = sites.school_a.sections.get(slug="van-ban-thong-tin-doi-ngoai")

    services.move_section(last, by=sites.editor_a, step=-1)
    services.move_section(sites.school_a.sections.first(), by=sites.editor_a, step=-1)

    assert titles(sites.school_a) == [
        "Giới thiệu",
        "Thông báo",
        "Lịch công tác",
        "Công khai",
        "Tin tức – hoạt động",
        "Thư viện ảnh – video",
        "Thành tích nổi bật",
        "Gương điển hình tiên tiến",
        "Văn bản về thông tin đối ngoại",
        "Hội nhập quốc tế",
        "Văn bản",
        "Tuyển sinh",
    ]


def test_section_holding_articles_cannot_be_deleted(sites):
    section = sites.school_a.sections.get(slug="thanh-tich-noi-bat")
    article(sites.school_a, section=section)

    with pytest.raises(ValidationError) as error:
        services.delete_section(section, by=sites.editor_a)

    assert error.value.messages == [
        "The section “Thành tích nổi bật” holds 1 article: move it to another section, "
        "or hide the section instead."
    ]
    assert Section.objects.filter(pk=section.pk).exists()


def test_empty_section_is_deleted(sites):
    section = sites.school_a.sections.get(slug="hoi-nhap-quoc-te")

    services.delete_section(section, by=sites.editor_a)

    assert Section.objects.filter(pk=section.pk).exists() is False


def test_a_teacher_of_another_school_cannot_change_the_sections(sites, cast):
    section = sites.school_a.sections.first()

    with pytest.raises(PermissionDenied):
        services.update_section(section, title="Tin", by=cast.teacher_b)

    section.refresh_from_db()
    assert section.title == "Giới thiệu"


def test_screen_lists_sections_and_refuses_deleting_a_full_one_with_a_message(client, sites):
    section = sites.school_a.sections.get(slug="thanh-tich-noi-bat")
    article(sites.school_a, section=section)
    client.force_login(sites.editor_a)

    response = client.post(reverse("content:section_delete", args=[section.pk]), follow=True)

    assert (
        [s.title for s in response.context["sections"]][5:7],
        [str(m) for m in get_messages(response.wsgi_request)],
    ) == (
        ["Thư viện ảnh – video", "Thành tích nổi bật"],
        [
            "The section “Thành tích nổi bật” holds 1 article: move it to another section, "
            "or hide the section instead."
        ],
    )


def test_screen_adds_a_section(client, sites):
    client.force_login(sites.editor_a)

    client.post(
        reverse("content:section_list", args=[sites.school_a.unit.code]),
        {"title": "Câu lạc bộ tiếng Anh", "slug": "", "kind": "other"},
    )

    assert sites.school_a.sections.last().slug == "cau-lac-bo-tieng-anh"


def test_outsider_sees_no_section_screen(client, sites, cast):
    client.force_login(cast.outsider)

    listing = client.get(reverse("content:section_list", args=[sites.school_a.unit.code]))
    edit = client.get(reverse("content:section_edit", args=[sites.school_a.sections.first().pk]))

    assert (listing.status_code, edit.status_code) == (404, 404)


@pytest.mark.parametrize("item_count", [1, 3])
def test_section_screen_queries_do_not_grow(client, sites, item_count, django_assert_num_queries):
    for n in range(item_count):
        services.create_section(sites.school_a, title=f"Mục {n}", by=sites.editor_a)
    client.force_login(sites.editor_a)
    url = reverse("content:section_list", args=[sites.school_a.unit.code])
    client.get(url)

    with django_assert_num_queries(6):
        response = client.get(url)

    assert len(response.context["sections"]) == 12 + item_count
