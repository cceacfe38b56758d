"""What makes a school's site look and work like one: its sections, weekly schedule, menu,
colours, footer, 404 page, robots.txt and icon."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ttdn.content import colours, services
from ttdn.content.enums import PALETTE_HEX, HomeBlock
from ttdn.content.forms import SiteForm
from ttdn.content.models import ScheduleEntry
from ttdn.content.tests.factories import article

MONDAY = datetime.date(2025, 9, 8)


def slugs(site):
    return list(site.sections.values_list("slug", flat=True))


def test_a_school_site_starts_with_a_schools_sections_and_an_office_without_disclosure(sites):
    school, office = slugs(sites.school_a), slugs(sites.phong)

    assert school[:4] == ["gioi-thieu", "thong-bao", "lich-cong-tac", "cong-khai"]
    assert ("tuyen-sinh" in school, "cong-khai" in office, "tuyen-sinh" in office) == (
        True,
        False,
        False,
    )


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    # Known WCAG ratios: black on white, the W3C example grey, white on white.
    [("#000000", "#ffffff", 21.0), ("#777777", "#ffffff", 4.48), ("#ffffff", "#ffffff", 1.0)],
)
def test_contrast_follows_the_wcag_formula(first, second, ratio):
    assert round(colours.contrast(first, second), 2) == ratio


@pytest.mark.parametrize("colour", list(PALETTE_HEX))
def test_every_preset_passes_both_checks(colour):
    colours.check_header(PALETTE_HEX[colour])
    colours.check_accent(PALETTE_HEX[colour])


@pytest.mark.parametrize(
    ("colour", "accent", "errors"),
    [
        ("#7a4b00", "#c2410c", {}),  # any colour that passes, not only the presets
        ("#3B82F6", "#9b1c1c", {"colour": "contrast of 3.7:1"}),  # too light under white text
        ("#0b4f8a", "#fbbf24", {"accent": "contrast of 1.7:1"}),  # a line too pale on white
        ("navy", "#9b1c1c", {"colour": "six hexadecimal digits"}),
    ],
)
def test_site_colours_are_free_but_checked_for_contrast(client, sites, colour, accent, errors):
    site = sites.school_a
    client.force_login(sites.leader_a)
    url = reverse("content:site_settings", args=[site.unit.code])

    page = client.post(url, {"colour": colour, "accent": accent})

    site.refresh_from_db()
    form = page.context["form"] if page.status_code == 200 else None
    found = {name: " ".join(form.errors[name]) for name in errors} if form else {}
    assert all(text in found[name] for name, text in errors.items())
    assert (site.colour, site.accent) == (
        (colour.lower(), accent) if not errors else ("#0b4f8a", "#9b1c1c")
    )


def test_site_stylesheet_carries_its_colours_and_pages_link_it(client, sites):
    site = sites.school_a
    services.update_site(site, by=sites.leader_a, colour="#7a4b00", accent="#c2410c")

    css = client.get(reverse("portal:stylesheet", args=[site.unit.slug]))
    home = client.get(reverse("portal:home", args=[site.unit.slug])).content.decode()

    assert css.content.decode() == "body.portal { --brand: #7a4b00; --accent: #c2410c; }\n"
    assert css["Content-Type"].startswith("text/css")
    assert "giao-dien.css?v=7a4b00c2410c" in home


def test_week_is_saved_as_a_table_and_shown_by_week(client, sites):
    services.save_week(
        sites.school_a, monday=MONDAY, by=sites.editor_a,
        rows=[
            {"day": MONDAY, "time": datetime.time(7, 30), "content": "Chào cờ", "place": "Sân"},
            {"day": MONDAY + datetime.timedelta(days=2), "content": "Họp hội đồng"},
            {"day": MONDAY, "content": "  "},  # an empty row is dropped
        ],
    )  # fmt: skip
    url = reverse("portal:schedule_week", args=[sites.school_a.unit.slug, "lich-cong-tac", MONDAY])

    page = client.get(url)

    week = page.context["week"]
    assert [(d, [e.content for e in rows]) for d, rows in week.days if rows] == [
        (MONDAY, ["Chào cờ"]),
        (MONDAY + datetime.timedelta(days=2), ["Họp hội đồng"]),
    ]
    assert (week.previous, week.next) == (datetime.date(2025, 9, 1), datetime.date(2025, 9, 15))


@pytest.mark.parametrize(
    ("monday", "day", "message"),
    [
        (MONDAY + datetime.timedelta(days=1), MONDAY, "A week starts on a Monday."),
        (MONDAY, MONDAY + datetime.timedelta(days=7),
         "Each day must be in the week from 08/09/2025 to 14/09/2025."),
    ],
)  # fmt: skip
def test_a_bad_week_is_refused_and_nothing_is_saved(sites, monday, day, message):
    with pytest.raises(ValidationError) as error:
        services.save_week(
            sites.school_a, monday=monday, by=sites.editor_a, rows=[{"day": day, "content": "X"}]
        )

    assert (error.value.messages, ScheduleEntry.objects.count()) == ([message], 0)


def test_schedule_belongs_to_the_schools_writers(client, sites, cast):
    with pytest.raises(PermissionDenied):
        services.save_week(sites.school_a, monday=MONDAY, by=cast.teacher_b, rows=[])
    client.force_login(cast.outsider)

    response = client.get(reverse("content:schedule_edit", args=[cast.school_a.code]))

    assert response.status_code == 404


def test_schedule_week_address_must_be_a_monday(client, sites):
    slug = sites.school_a.unit.slug
    tuesday = reverse("portal:schedule_week", args=[slug, "lich-cong-tac", "2025-09-09"])
    nonsense = reverse("portal:schedule_week", args=[slug, "lich-cong-tac", "tuan-sau"])
    not_schedule = reverse("portal:schedule_week", args=[slug, "thong-bao", "2025-09-08"])

    assert [client.get(u).status_code for u in (tuesday, nonsense, not_schedule)] == [404] * 3


def test_a_missing_page_of_a_site_is_answered_in_the_sites_look(client, sites):
    """Issue 15 point 13: a public 404 under a school's address used the internal header."""
    response = client.get(f"/{sites.school_a.unit.slug}/khong-co-trang-nay/")

    text = response.content.decode()
    assert (response.status_code, "portal-header" in text, "Trường THCS Hồng Bàng" in text) == (
        404,
        True,
        True,
    )
    assert "site-header" not in text


def test_a_missing_page_elsewhere_keeps_the_product_look(client, db):
    response = client.get("/khong-co-don-vi-nay/")

    assert (response.status_code, "portal-header" in response.content.decode()) == (404, False)


def test_robots_txt_points_to_the_sitemap_and_keeps_search_out(client, sites):
    slug = sites.school_a.unit.slug

    body = client.get(f"/{slug}/robots.txt").content.decode()

    assert body == (
        f"User-agent: *\nDisallow: /{slug}/tim-kiem/\n"
        f"Sitemap: http://testserver/{slug}/sitemap.xml\n"
    )


def test_favicon_without_a_logo_is_the_products(client, sites):
    response = client.get(f"/{sites.school_a.unit.slug}/favicon.ico")

    assert (response.status_code, response["Location"].endswith("favicon.svg")) == (302, True)


def test_menu_nests_one_level_only(client, sites):
    site = sites.school_a
    about, notices, news = (
        site.sections.get(slug=s) for s in ("gioi-thieu", "thong-bao", "tin-tuc-hoat-dong")
    )
    services.update_section(notices, title=notices.title, parent=about, by=sites.editor_a)

    with pytest.raises(ValidationError) as error:
        services.update_section(news, title=news.title, parent=notices, by=sites.editor_a)
    menu = client.get(reverse("portal:home", args=[site.unit.slug])).context["menu"]

    assert error.value.messages == ["The menu has one level under a section: this would make two."]
    assert [(s.slug, [c.slug for c in children]) for s, children in menu][:2] == [
        ("gioi-thieu", ["thong-bao"]),
        ("lich-cong-tac", []),
    ]


def test_home_blocks_follow_the_editors_order(client, sites):
    services.update_site(
        sites.school_a, by=sites.leader_a, home_blocks=[HomeBlock.FIGURES, HomeBlock.NEWS],
        key_figures=[["Học sinh", "1.250"]],
    )  # fmt: skip

    text = client.get(reverse("portal:home", args=[sites.school_a.unit.slug])).content.decode()

    assert text.index("1.250") < text.index('id="latest"')
    assert 'id="week"' not in text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("facebook_url", "https://example.com/thcshongbang"),
        ("videos", "Khai giảng | https://example.com/video.mp4"),
        ("key_figures", "Học sinh 1.250"),
        ("home_blocks", "Trang trí"),
    ],
)
def test_site_settings_refuse_links_elsewhere_and_malformed_lines(field, value):
    data = {"colour": "#0b4f8a", "accent": "#9b1c1c", field: value}

    form = SiteForm(data)

    assert (form.is_valid(), list(form.errors)) == (False, [field])


def test_footer_shows_contacts_the_responsible_person_and_official_pages(client, sites):
    services.update_site(
        sites.school_a, by=sites.leader_a, phone="0225 3842 123", email="c2hb@hp.edu.vn",
        responsible="Hiệu trưởng Trần Văn An", zalo_url="https://zalo.me/123",
    )  # fmt: skip

    text = client.get(reverse("portal:home", args=[sites.school_a.unit.slug])).content.decode()

    assert [
        s in text
        for s in ("tel:02253842123", "mailto:c2hb@hp.edu.vn", "Trần Văn An", "https://zalo.me/123")
    ] == [True] * 4


def test_this_weeks_schedule_is_on_the_home_page(client, sites):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    services.save_week(
        sites.school_a, monday=monday, by=sites.editor_a, rows=[{"day": today, "content": "Dự giờ"}]
    )

    home = client.get(reverse("portal:home", args=[sites.school_a.unit.slug])).context["home"]

    assert [e.content for _d, rows in home.week.days for e in rows] == ["Dự giờ"]


def test_articles_never_go_into_the_schedule_or_disclosure_sections(sites):
    schedule = sites.school_a.sections.get(slug="lich-cong-tac")

    with pytest.raises(ValidationError) as error:
        article(sites.school_a, section=schedule)
    default = article(sites.school_a)

    assert (error.value.messages, default.section.slug) == (
        ["This section shows a page of its own, not articles."],
        "tin-tuc-hoat-dong",
    )


def _public_documents(cast):
    """A decree the school publishes, a circular only the other school publishes, and an
    internal plan of the school put past the service (never public)."""
    from ttdn.documents import services as library
    from ttdn.documents.enums import DocumentType
    from ttdn.documents.tests.factories import DocumentFactory, PublicationFactory

    decree = DocumentFactory(
        type=DocumentType.DECREE, number_symbol="72/2015/NĐ-CP", issuer="Chính phủ",
        title="Về quản lý hoạt động thông tin đối ngoại", issued_on=datetime.date(2015, 9, 7),
        full_text="Điều 1. Phạm vi điều chỉnh",
    )  # fmt: skip
    circular = DocumentFactory(type=DocumentType.CIRCULAR, number_symbol="22/2016/TT-BTTTT")
    internal = DocumentFactory(number_symbol="1/KH-THCS", classification="internal")
    library.publish_document(decree, unit=cast.school_a, by=None)
    library.publish_document(circular, unit=cast.school_b, by=None)
    PublicationFactory(unit=cast.school_a, document=internal)
    return decree, circular, internal


def test_documents_section_lists_the_units_public_documents_in_the_sites_look(client, sites, cast):
    decree, circular, internal = _public_documents(cast)
    slug = sites.school_a.unit.slug

    menu = client.get(reverse("portal:section", args=[slug, "van-ban"]))
    page = client.get(menu["Location"])
    found = client.get(reverse("portal:documents", args=[slug]), {"q": "thong tin doi ngoai"})
    detail = client.get(reverse("portal:document", args=[slug, decree.pk]))

    text = page.content.decode()
    assert (menu.status_code, page.status_code) == (302, 200)
    assert 'class="portal"' in text and "giao-dien.css" in text  # the site's frame and colours
    assert ("72/2015/NĐ-CP" in text, "22/2016/TT-BTTTT" in text, "1/KH-THCS" in text) == (
        True, False, False,
    )  # fmt: skip
    assert [row.document for row in found.context["library"].rows] == [decree]
    assert "Điều 1. Phạm vi điều chỉnh" in detail.content.decode()
    assert [
        client.get(reverse("portal:document", args=[slug, other.pk])).status_code
        for other in (circular, internal)
    ] == [404, 404]
