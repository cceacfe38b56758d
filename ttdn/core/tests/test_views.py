import re

import pytest
from django.test import override_settings

from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.services import create_token


def test_home_requires_sign_in(db, client):
    response = client.get("/")

    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/")


def test_home_shows_empty_state_for_officer(cast, client):
    client.force_login(cast.teacher_a)

    response = client.get("/")

    assert response.context["items"] == []
    assert "Hiện chưa có việc nào chờ bạn." in response.content.decode()


def test_home_asks_leaders_to_set_up_two_factor(cast, client):
    client.force_login(cast.phong_leader)

    response = client.get("/")

    assert [item.title for item in response.context["items"]] == ["Thiết lập xác thực hai lớp"]


def test_home_in_english_after_switching_language(cast, client):
    client.force_login(cast.teacher_a)

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert "<h1>To do</h1>" in client.get("/").content.decode()


def test_unit_switcher_lists_memberships_and_switches(cast, client):
    from ttdn.org.enums import Role
    from ttdn.org.tests.factories import MembershipFactory

    MembershipFactory(user=cast.teacher_a, unit=cast.school_b, role=Role.EDITOR)
    client.force_login(cast.teacher_a)

    client.post("/units/switch/", {"unit": cast.school_b.pk, "next": "/"})

    assert client.get("/").context["active_membership"].unit == cast.school_b


def test_unit_switcher_refuses_a_unit_without_membership(cast, client):
    client.force_login(cast.teacher_a)

    response = client.post("/units/switch/", {"unit": cast.outsider_so.pk, "next": "/"})

    assert response.status_code == 400


def test_audit_log_leader_sees_own_subtree_only(cast, client):
    audit.record(AuditAction.UPDATE, cast.school_a, by=cast.teacher_a)
    audit.record(AuditAction.UPDATE, cast.outsider_school, by=cast.outsider)
    client.force_login(cast.phong_leader)

    response = client.get("/audit/")

    assert [e.unit_id for e in response.context["page"] if e.action == AuditAction.UPDATE] == [
        cast.school_a.pk
    ]


def test_audit_log_outsider_leader_sees_nothing_of_this_province(cast, client):
    from ttdn.org.enums import Role
    from ttdn.org.tests.factories import member

    outsider_leader = member("outsider-leader", cast.outsider_so, Role.LEADER)
    audit.record(AuditAction.UPDATE, cast.school_a, by=cast.teacher_a)
    audit.record(AuditAction.UPDATE, cast.outsider_school, by=cast.outsider)
    client.force_login(outsider_leader)

    response = client.get("/audit/", {"action": "update"})

    assert [e.unit_id for e in response.context["page"]] == [cast.outsider_school.pk]


def test_audit_log_filters_by_action_and_unit(cast, client):
    audit.record(AuditAction.UPDATE, cast.school_a, by=cast.teacher_a)
    audit.record(AuditAction.CLOSE, cast.school_b, by=cast.teacher_a)
    client.force_login(cast.so_leader)

    response = client.get("/audit/", {"action": "close", "unit": "HB-B"})

    assert [(e.action, e.unit_id) for e in response.context["page"]] == [
        ("close", cast.school_b.pk)
    ]


def test_audit_log_is_closed_to_officers(cast, client):
    client.force_login(cast.phong_officer)

    assert client.get("/audit/").status_code == 403


@pytest.mark.parametrize("item_count", [1, 3])
def test_audit_log_query_count(cast, client, django_assert_num_queries, item_count):
    for _ in range(item_count):
        audit.record(AuditAction.UPDATE, cast.school_a, by=cast.teacher_a)
    client.force_login(cast.phong_leader)

    # …and one for the names of the units the cast's own entries changed (their parents).
    with django_assert_num_queries(7):
        client.get("/audit/")


def test_token_page_shows_new_key_once(cast, client):
    client.force_login(cast.teacher_a)

    created = client.post("/account/tokens/", {"name": "website"})
    listed = client.get("/account/tokens/")

    assert created.context["new_key"].startswith("ttdn_")
    assert listed.context["new_key"] is None


def test_token_page_lists_only_own_tokens(cast, client):
    create_token(cast.teacher_b, name="other", by=cast.teacher_b)
    create_token(cast.teacher_a, name="mine", by=cast.teacher_a)
    client.force_login(cast.teacher_a)

    assert [t.name for t in client.get("/account/tokens/").context["tokens"]] == ["mine"]


def test_token_revoke_of_someone_elses_token_is_not_found(cast, client):
    token, _key = create_token(cast.teacher_b, name="other", by=cast.teacher_b)
    client.force_login(cast.teacher_a)

    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404


@pytest.mark.parametrize("item_count", [1, 3])
def test_token_list_query_count(cast, client, django_assert_num_queries, item_count):
    for n in range(item_count):
        create_token(cast.teacher_a, name=f"t{n}", by=cast.teacher_a)
    client.force_login(cast.teacher_a)

    with django_assert_num_queries(5):
        client.get("/account/tokens/")


def test_not_found_page_has_the_product_look(cast, client):
    client.force_login(cast.teacher_a)

    response = client.get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html
    assert 'class="skip-link"' in html


@override_settings(DEBUG=False)
def test_server_error_page_is_bilingual(cast, client):
    from django.template import loader

    html = loader.get_template("500.html").render()

    assert "Đã có lỗi xảy ra" in html
    assert "Something went wrong" in html


def test_ui_stays_vietnamese_whatever_the_browser_asks(cast, client):
    client.force_login(cast.teacher_a)

    html = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()

    assert "<h1>Việc cần làm</h1>" in html
    assert '<html lang="vi">' in html


def test_media_serves_portal_images_but_never_library_files(db, client, settings):
    from pathlib import Path

    root = Path(settings.MEDIA_ROOT)
    for name in ("content/public.txt", "documents/internal.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x")

    statuses = [
        client.get(f"/media/{name}").status_code
        for name in ("content/public.txt", "documents/internal.txt")
    ]

    assert statuses == [200, 404]


# --- Basics: forgotten password, robots.txt, favicon ------------------------------------------


def test_forgotten_password_mails_a_link_that_sets_a_new_password(cast, client, mailoutbox):
    cast.teacher_a.email = "thcs.hongbang@example.edu.vn"
    cast.teacher_a.save(update_fields=["email"])

    login_page = client.get("/accounts/login/").content.decode()
    client.post("/accounts/password/reset/", {"email": "thcs.hongbang@example.edu.vn"})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mailoutbox[0].body)
    form = client.get(link.group(1), follow=True)
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
    )

    cast.teacher_a.refresh_from_db()
    assert 'href="/accounts/password/reset/"' in login_page
    assert mailoutbox[0].to == ["thcs.hongbang@example.edu.vn"]
    assert done.url == "/accounts/password/reset/done/"
    assert cast.teacher_a.check_password("Mat-khau-moi-2026")


def test_forgotten_password_for_an_unknown_address_sends_nothing_and_says_the_same(
    db, client, mailoutbox
):
    response = client.post("/accounts/password/reset/", {"email": "ai-do@example.com"})

    assert (response.url, mailoutbox) == ("/accounts/password/reset/sent/", [])


def test_robots_txt_keeps_crawlers_off_the_signed_in_product(db, client):
    response = client.get("/robots.txt")

    lines = response.content.decode().splitlines()
    assert response.status_code == 200
    assert lines[0] == "User-agent: *"
    assert "Disallow: /plans/" in lines
    assert "Disallow: /" not in lines


def test_favicon_ico_leads_to_the_icon(db, client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response.url.endswith("ttdn/favicon.svg")
