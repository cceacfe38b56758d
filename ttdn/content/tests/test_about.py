"""The structured Giới thiệu page: history, organisation, leaders in order with their photos,
contacts (the site's own) and map, shown above the section's articles."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ttdn.content import services
from ttdn.content.models import AboutPage, Leader
from ttdn.content.tests.factories import jpeg_with_gps, published
from ttdn.core.enums import AuditAction
from ttdn.core.models import AuditEntry


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def about_page(client, site, **params):
    return client.get(reverse("portal:section", args=[site.unit.slug, "gioi-thieu"]), params)


def photo(site, by, alt):
    return services.add_image(site, upload=jpeg_with_gps((400, 500)), alt=alt, by=by)


def test_leaders_are_shown_in_order_with_their_photos(client, sites):
    site, by = sites.school_a, sites.leader_a
    principal = services.add_leader(
        site, by=by, name="Đặng Văn Thành", role="Hiệu trưởng",
        photo=photo(site, by, "Thầy Đặng Văn Thành"),
    )  # fmt: skip
    services.add_leader(
        site, by=by, name="Nguyễn Thị Hoa", role="Phó Hiệu trưởng",
        photo=photo(site, by, "Cô Nguyễn Thị Hoa"),
    )  # fmt: skip
    deputy = services.add_leader(site, by=by, name="Lê Văn Nam", role="Phó Hiệu trưởng")

    services.move_leader(deputy, by=by, step=-1)

    html = about_page(client, site).content.decode()
    order = [html.index(name) for name in ("Đặng Văn Thành", "Lê Văn Nam", "Nguyễn Thị Hoa")]
    assert order == sorted(order)
    assert 'alt="Thầy Đặng Văn Thành"' in html and 'alt="Cô Nguyễn Thị Hoa"' in html
    assert Leader.objects.get(pk=principal.pk).photo.renditions  # public copies while listed


def test_a_leaders_telephone_and_email_are_shown_only_when_ticked(client, sites):
    site, by = sites.school_a, sites.leader_a
    services.add_leader(
        site, by=by, name="Đặng Văn Thành", role="Hiệu trưởng", phone="0912 345 678",
        email="thanh@hongbang.edu.vn", show_phone=False, show_email=True,
    )  # fmt: skip
    hidden = about_page(client, site).content.decode()

    services.update_leader(
        Leader.objects.get(), by=by, name="Đặng Văn Thành", role="Hiệu trưởng",
        phone="0912 345 678", email="thanh@hongbang.edu.vn", show_phone=True, show_email=False,
    )  # fmt: skip

    shown = about_page(client, site).content.decode()
    assert ("0912 345 678" in hidden, "thanh@hongbang.edu.vn" in hidden) == (False, True)
    assert ("0912 345 678" in shown, "thanh@hongbang.edu.vn" in shown) == (True, False)


def test_a_removed_leaders_photo_loses_its_public_copies(sites):
    site, by = sites.school_a, sites.leader_a
    leader = services.add_leader(
        site, by=by, name="Lê Văn Nam", role="Phó Hiệu trưởng", photo=photo(site, by, "Thầy Nam")
    )
    image = leader.photo

    services.remove_leader(leader, by=by)

    image.refresh_from_db()
    assert image.renditions == []


def test_the_about_page_comes_first_then_the_sections_articles(client, sites):
    site, by = sites.school_a, sites.leader_a
    published(
        site, reviewer=by, section=site.sections.get(slug="gioi-thieu"), title="Lịch sử 60 năm"
    )
    services.save_about(
        site, by=by, history="<p>Trường thành lập năm 1960.</p><script>alert(1)</script>",
        organisation="Chi bộ, Ban giám hiệu, 6 tổ chuyên môn.", address="Số 1 Hoàng Văn Thụ",
        phone="0225 3842 123", map_url="https://www.openstreetmap.org/#map=18/20.86/106.68",
    )  # fmt: skip

    html = about_page(client, site).content.decode()

    assert html.index("Trường thành lập năm 1960.") < html.index("Lịch sử 60 năm")
    assert "alert(1)" not in html
    assert "Chi bộ, Ban giám hiệu" in html and "Số 1 Hoàng Văn Thụ" in html
    assert 'href="https://www.openstreetmap.org/#map=18/20.86/106.68"' in html
    site.refresh_from_db()
    assert (site.address, site.phone) == ("Số 1 Hoàng Văn Thụ", "0225 3842 123")


def test_the_map_picture_is_shown_with_its_description(client, sites):
    site, by = sites.school_a, sites.leader_a
    services.save_about(site, by=by, map_image=photo(site, by, "Bản đồ đường đến trường"))

    html = about_page(client, site).content.decode()

    assert 'alt="Bản đồ đường đến trường"' in html


def test_saving_the_about_page_is_audited_with_what_changed(sites):
    site, by = sites.school_a, sites.leader_a
    services.save_about(site, by=by, history="<p>Năm 1960.</p>")

    services.save_about(site, by=by, history="<p>Năm 1961.</p>")

    entries = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_repr=str(site))
    assert [e.changes.get("history") for e in entries.order_by("pk")][-1] == [
        "<p>Năm 1960.</p>",
        "<p>Năm 1961.</p>",
    ]


def test_only_those_who_publish_on_the_site_fill_in_the_about_page(client, sites, cast):
    with pytest.raises(PermissionDenied):
        services.save_about(sites.school_a, by=sites.editor_a, history="<p>Sửa.</p>")
    with pytest.raises(PermissionDenied):
        services.add_leader(sites.school_a, by=cast.teacher_b, name="A", role="Hiệu trưởng")
    client.force_login(sites.editor_a)

    response = client.get(reverse("content:about_edit", args=[sites.school_a.unit.code]))

    assert response.status_code == 404
    assert AboutPage.objects.count() == Leader.objects.count() == 0


def test_a_leader_needs_a_name_and_a_position(sites):
    with pytest.raises(ValidationError) as error:
        services.add_leader(sites.school_a, by=sites.leader_a, name="Đặng Văn Thành", role=" ")

    assert error.value.messages == ["Give the person's position, e.g. Hiệu trưởng."]
    assert Leader.objects.count() == 0


def test_the_editor_screen_adds_a_leader_with_a_photo(client, sites):
    client.force_login(sites.leader_a)
    url = reverse("content:about_edit", args=[sites.school_a.unit.code])

    response = client.post(
        url,
        {"form": "leader", "leader-name": "Đặng Văn Thành", "leader-role": "Hiệu trưởng",
         "leader-photo_upload": jpeg_with_gps(), "leader-phone": "0912 345 678"},
    )  # fmt: skip

    leader = Leader.objects.get()
    assert response.status_code == 302
    assert (leader.photo.alt, leader.show_phone) == ("Đặng Văn Thành, Hiệu trưởng", False)
    assert client.get(url).status_code == 200


def test_an_empty_about_page_leaves_the_section_as_it_was(client, sites):
    html = about_page(client, sites.school_a).content.decode()

    assert 'class="about-page"' not in html
