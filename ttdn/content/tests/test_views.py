import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from ttdn.content import rules, services
from ttdn.content.enums import ArticleStatus, Check, Classification
from ttdn.content.models import Article, Image
from ttdn.content.tests.factories import article, jpeg_with_gps, published
from ttdn.content.todo import items as todo_items

S = ArticleStatus


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def signed_in(client, user):
    client.force_login(user)
    return client


def said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def form_data(site, **extra):
    return {
        "title": "Cô giáo Minh – tấm gương tận tụy",
        "section": site.sections.get(slug="guong-dien-hinh-tien-tien").pk,
        "summary": "Hơn 20 năm đứng lớp.",
        "body": "<p>Cô luôn đồng hành cùng học sinh.</p><script>alert(1)</script>",
        "language": "vi",
        "classification": Classification.PUBLIC,
        **extra,
    }


def test_editor_writes_an_article_with_a_cover_picture_stripped_of_exif(client, sites):
    url = reverse("content:article_create", args=[sites.school_a.unit.code])
    data = form_data(
        sites.school_a, cover_upload=jpeg_with_gps(), cover_alt="Cô Minh trên bục giảng"
    )

    response = signed_in(client, sites.editor_a).post(url, data)

    created = Article.objects.get()
    assert (
        response.status_code,
        created.status,
        created.body,
        created.cover.alt,
        dict(__import__("PIL.Image", fromlist=["Image"]).open(created.cover.file.path).getexif()),
    ) == (302, S.DRAFT, "<p>Cô luôn đồng hành cùng học sinh.</p>", "Cô Minh trên bục giảng", {})


def test_a_pupil_cover_without_consent_is_refused_by_the_form(client, sites):
    url = reverse("content:article_create", args=[sites.school_a.unit.code])
    data = form_data(
        sites.school_a, cover_upload=jpeg_with_gps(), cover_alt="Học sinh", cover_shows_pupils="on"
    )

    response = signed_in(client, sites.editor_a).post(url, data)

    assert (
        response.status_code,
        response.context["form"].errors["cover_consent"],
        Article.objects.count(),
        Image.objects.count(),
    ) == (200, ["A picture of pupils needs a guardian's consent on record."], 0, 0)


def test_outsider_cannot_write_for_a_school_of_another_province(client, sites, cast):
    url = reverse("content:article_create", args=[sites.school_a.unit.code])

    response = signed_in(client, cast.outsider).post(url, form_data(sites.school_a))

    assert (response.status_code, Article.objects.count()) == (404, 0)


def test_leader_reviews_the_checklist_and_publishes(client, sites):
    draft = article(sites.school_a, by=sites.editor_a)
    services.submit_article(draft, by=sites.editor_a)

    response = signed_in(client, sites.leader_a).post(
        reverse("content:article_review", args=[draft.pk]),
        {"checklist": Check.values, "approve": "1"},
    )

    assert (said(response), Article.objects.get().status) == (["Approved."], S.PUBLISHED)


def test_review_without_the_whole_checklist_changes_nothing(client, sites):
    draft = article(sites.school_a, by=sites.editor_a)
    services.submit_article(draft, by=sites.editor_a)

    response = signed_in(client, sites.leader_a).post(
        reverse("content:article_review", args=[draft.pk]),
        {"checklist": [Check.NO_SECRETS], "approve": "1"},
    )

    assert (said(response), Article.objects.get().status) == (
        ["Confirm every point of the checklist."],
        S.IN_REVIEW,
    )


def test_editor_cannot_publish_through_the_review_screen(client, sites):
    draft = article(sites.school_a, by=sites.editor_a)
    services.submit_article(draft, by=sites.editor_a)

    response = signed_in(client, sites.editor_a).post(
        reverse("content:article_review", args=[draft.pk]),
        {"checklist": Check.values, "approve": "1"},
    )

    assert (said(response), Article.objects.get().status) == (
        ["Only a leader of the unit or of a unit above it may do this."],
        S.IN_REVIEW,
    )


def test_classified_article_cannot_be_published_without_review_even_by_the_sos_leader(
    client, sites, cast
):
    draft = article(sites.school_a, classification=Classification.CONFIDENTIAL)

    response = signed_in(client, cast.so_leader).post(
        reverse("content:article_publish_now", args=[draft.pk]), {"reason": "Khẩn"}
    )

    assert (said(response), Article.objects.get().status) == (
        ["Classified or internal content can never be published."],
        S.DRAFT,
    )


def test_outsider_cannot_see_or_move_an_article_of_another_province(client, sites, cast):
    draft = article(sites.school_a)
    services.submit_article(draft, by=draft.author)
    client = signed_in(client, cast.outsider)

    detail = client.get(reverse("content:article_detail", args=[draft.pk]))
    review = client.post(
        reverse("content:article_review", args=[draft.pk]), {"checklist": Check.values}
    )

    assert (detail.status_code, review.status_code, Article.objects.get().status) == (
        404,
        404,
        S.IN_REVIEW,
    )


def test_stale_edit_is_refused_with_a_warning(client, sites):
    draft = article(sites.school_a, by=sites.editor_a, title="Bản đầu")
    services.update_article(draft, by=sites.leader_a, title="Hiệu trưởng sửa")

    response = signed_in(client, sites.editor_a).post(
        reverse("content:article_update", args=[draft.pk]),
        form_data(sites.school_a, title="Biên tập sửa", version=1),
    )

    assert response.context["form"].non_field_errors()[0].startswith("Someone else saved")
    assert Article.objects.get().title == "Hiệu trưởng sửa"


def test_revision_compare_shows_what_changed(client, sites):
    draft = article(sites.school_a, by=sites.editor_a, title="Bản đầu")
    services.update_article(draft, by=sites.editor_a, title="Bản hai")

    response = signed_in(client, sites.editor_a).get(
        reverse("content:revision_compare", args=[draft.pk, 1])
    )

    assert [(c.field, c.before, c.after) for c in response.context["changes"]] == [
        ("title", "Bản đầu", "Bản hai")
    ]


@pytest.mark.parametrize("item_count", [1, 3])
def test_dashboard_queries_do_not_grow_with_items(
    client, sites, cast, item_count, django_assert_num_queries
):
    for _ in range(item_count):
        article(sites.school_a)
    article(sites.outsider_school, by=cast.outsider)
    client = signed_in(client, cast.phong_leader)

    with django_assert_num_queries(8):
        response = client.get(reverse("content:dashboard"))

    assert len(response.context["page"]) == item_count


def test_dashboard_of_the_outsider_shows_only_their_province(client, sites, cast):
    article(sites.school_a)
    theirs = article(sites.outsider_school, by=cast.outsider)

    response = signed_in(client, cast.outsider).get(reverse("content:dashboard"))

    assert list(response.context["page"]) == [theirs]


def test_published_article_public_page_and_detail_link(client, sites):
    live = published(sites.school_a, reviewer=sites.leader_a)

    response = signed_in(client, sites.editor_a).get(
        reverse("content:article_detail", args=[live.pk])
    )

    assert response.status_code == 200
    assert live.get_absolute_url() in response.content.decode()


def test_consent_is_recorded_and_a_pupil_profile_then_accepted(client, sites):
    client = signed_in(client, sites.editor_a)
    code = sites.school_a.unit.code
    client.post(
        reverse("content:consent_list", args=[code]),
        {
            "pupil": "Trần Minh An",
            "given_by": "Trần Văn Bình",
            "given_on": "2026-09-01",
            "valid_until": "2099-06-30",
        },
    )
    consent = sites.school_a.consents.get()

    client.post(
        reverse("content:exemplar_list", args=[code]),
        {
            "name": "Trần Minh An",
            "role": "pupil",
            "achievements": "Giải Nhất",
            "consent": consent.pk,
        },
    )

    assert list(sites.school_a.exemplars.values_list("name", "consent__pupil")) == [
        ("Trần Minh An", "Trần Minh An")
    ]


def test_consent_ending_before_it_starts_is_refused(client, sites):
    response = signed_in(client, sites.editor_a).post(
        reverse("content:consent_list", args=[sites.school_a.unit.code]),
        {"pupil": "An", "given_by": "Bình", "given_on": "2026-09-01", "valid_until": "2026-01-01"},
    )

    assert (said(response), sites.school_a.consents.count()) == (
        ["Consent cannot end before it is given."],
        0,
    )


def test_leader_sets_the_sites_colour_languages_and_logo(client, sites):
    url = reverse("content:site_settings", args=[sites.school_a.unit.code])
    data = {
        "colour": "#1D5E2A",
        "accent": "#9b1c1c",
        "languages": ["en", "fr"],
        "contact": "0225 3842 000",
        "logo_upload": jpeg_with_gps(),
    }

    signed_in(client, sites.leader_a).post(url, data)

    site = type(sites.school_a).objects.get(pk=sites.school_a.pk)
    assert (site.colour, site.accent, site.offered, site.contact, site.logo.alt) == (
        "#1d5e2a",
        "#9b1c1c",
        ["vi", "en", "fr"],
        "0225 3842 000",
        "Trường THCS Hồng Bàng",
    )


@pytest.mark.parametrize("who", ["editor_a", "teacher_a", "outsider"])
def test_site_settings_are_for_leaders_only(client, sites, cast, who):
    person = getattr(sites, who, None) or getattr(cast, who)

    response = signed_in(client, person).post(
        reverse("content:site_settings", args=[sites.school_a.unit.code]), {"colour": "#9b1c1c"}
    )

    assert (
        response.status_code,
        type(sites.school_a).objects.get(pk=sites.school_a.pk).colour,
    ) == (404, "#0b4f8a")


def test_exemplary_teacher_with_a_photo_has_a_public_page(client, sites):
    client = signed_in(client, sites.editor_a)
    client.post(
        reverse("content:exemplar_list", args=[sites.school_a.unit.code]),
        {
            "name": "Nguyễn Thị Lan",
            "role": "teacher",
            "achievements": "Chiến sĩ thi đua",
            "photo_upload": jpeg_with_gps(),
            "photo_alt": "Cô Lan",
        },
    )
    figure = sites.school_a.exemplars.get()

    response = client.get(figure.get_absolute_url())

    assert response.status_code == 200
    assert figure.photo.alt == "Cô Lan"
    assert 'alt="Cô Lan"' in response.content.decode()


def test_a_pupil_profile_with_a_photo_but_no_consent_leaves_nothing_behind(client, sites):
    response = signed_in(client, sites.editor_a).post(
        reverse("content:exemplar_list", args=[sites.school_a.unit.code]),
        {
            "name": "Trần Minh An",
            "role": "pupil",
            "achievements": "Giải Nhất",
            "photo_upload": jpeg_with_gps(),
        },
    )

    assert (said(response), sites.school_a.exemplars.count(), Image.objects.count()) == (
        ["A picture or profile of a pupil needs a guardian's consent on record."],
        0,
        0,
    )


def test_opening_an_article_someone_else_is_editing_warns(client, sites):
    draft = article(sites.school_a, by=sites.editor_a)
    url = reverse("content:article_update", args=[draft.pk])
    first = signed_in(client, sites.editor_a).get(url)

    second = signed_in(client, sites.leader_a).get(url)

    assert (first.context["others"], second.context["others"]) == ([], [str(sites.editor_a)])


@pytest.mark.parametrize("item_count", [1, 3])
def test_consent_and_exemplar_lists_queries_do_not_grow_with_items(
    client, sites, item_count, django_assert_num_queries
):
    for n in range(item_count):
        consent = services.record_consent(
            sites.school_a, pupil=f"Em {n}", given_by="Phụ huynh", given_on=datetime.date(2026, 9, 1),
            valid_until=datetime.date(2099, 1, 1), by=sites.editor_a,
        )  # fmt: skip
        services.create_exemplar(
            sites.school_a,
            name=f"Em {n}",
            role="pupil",
            achievements="Giải Nhì",
            by=sites.editor_a,
            consent=consent,
        )
    client = signed_in(client, sites.editor_a)
    code = sites.school_a.unit.code

    # The consent list also offers the earlier consents a new one may renew (one query).
    with django_assert_num_queries(14):
        consents = client.get(reverse("content:consent_list", args=[code]))
        exemplars = client.get(reverse("content:exemplar_list", args=[code]))

    assert (len(consents.context["consents"]), len(exemplars.context["exemplars"])) == (
        item_count,
        item_count,
    )


# --- Who acts on an article in review --------------------------------------------------------


def test_article_in_review_offers_each_person_exactly_what_they_may_do(client, sites, cast):
    draft = article(sites.school_a, by=sites.editor_a)
    services.submit_article(draft, by=sites.editor_a)
    url = reverse("content:article_detail", args=[draft.pk])
    offered = {}
    for name, person in [
        ("editor", sites.editor_a),
        ("school leader", sites.leader_a),
        ("phong officer", cast.phong_officer),
        ("phong leader", cast.phong_leader),
    ]:
        client.force_login(person)
        actions = client.get(url).context["actions"]
        offered[name] = sorted(k for k, v in vars(actions).items() if v)

    assert offered == {
        "editor": ["reopen", "translate"],
        "school leader": ["edit", "publish_now", "reopen", "review", "translate"],
        "phong officer": ["translate"],
        "phong leader": ["edit", "publish_now", "reopen", "review", "translate"],
    }


def test_article_page_names_who_approves_it(client, sites, cast):
    draft = article(sites.school_a, by=sites.editor_a)
    client.force_login(sites.editor_a)

    response = client.post(reverse("content:article_submit", args=[draft.pk]), follow=True)

    names = [m.user for m in response.context["reviewers"]]
    assert (names, said(response)) == (
        [sites.leader_a, cast.phong_leader, cast.so_leader],
        [
            "Sent for review; it is approved by: "
            f"{sites.leader_a.get_full_name()}, {cast.phong_leader.get_full_name()}, "
            f"{cast.so_leader.get_full_name()}."
        ],
    )


def test_an_office_officer_cannot_take_a_schools_article_out_of_review(client, sites, cast):
    draft = article(sites.school_a, by=sites.editor_a)
    services.submit_article(draft, by=sites.editor_a)

    response = signed_in(client, cast.phong_officer).post(
        reverse("content:article_reopen", args=[draft.pk]), follow=True
    )

    assert (said(response), Article.objects.get().status) == (
        ["Only its own unit's writers or its reviewers take an article out of review."],
        S.IN_REVIEW,
    )


def test_todo_lists_an_article_in_review_for_exactly_its_reviewers(sites, cast):
    draft = article(sites.school_a, by=sites.editor_a, title="Hội thi")
    services.submit_article(draft, by=sites.editor_a)
    people = {
        "editor": sites.editor_a,
        "school leader": sites.leader_a,
        "phong officer": cast.phong_officer,
        "phong leader": cast.phong_leader,
        "so leader": cast.so_leader,
        "teacher b": cast.teacher_b,
        "outsider": cast.outsider,
        "operator": cast.operator,
    }

    listed = sorted(
        name
        for name, person in people.items()
        if any("Hội thi" in item.title for item in todo_items(person))
    )

    assert (
        listed
        == sorted(
            name for name, person in people.items() if rules.article_actions(person, draft).review
        )
        == ["phong leader", "school leader", "so leader"]
    )
