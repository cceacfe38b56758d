"""Issue 15, point 6: a cover picture chosen before a validation error is kept for the next
submit, for this session only, and an error summary at the top links to each field."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse

from ttdn.content.models import Article
from ttdn.content.tests.factories import jpeg_with_gps
from ttdn.content.tests.test_views import form_data
from ttdn.core import pending
from ttdn.core.models import PendingUpload


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def kept_token(response):
    return re.search(
        r'name="cover_upload__pending" value="([0-9a-f]{32})"', response.content.decode()
    )[1]


def test_a_cover_chosen_before_an_error_is_kept_and_used_on_the_next_submit(client, sites):
    client.force_login(sites.editor_a)
    url = reverse("content:article_create", args=[sites.school_a.unit.code])
    failed = client.post(url, form_data(sites.school_a, title="", cover_upload=jpeg_with_gps(),
                                        cover_alt="Cô Minh trên bục giảng"))  # fmt: skip
    token = kept_token(failed)

    saved = client.post(url, form_data(sites.school_a, cover_alt="Cô Minh trên bục giảng",
                                       cover_upload__pending=token))  # fmt: skip

    article = Article.objects.get()
    assert (failed.status_code, saved.status_code, article.cover.alt) == (
        200,
        302,
        "Cô Minh trên bục giảng",
    )
    assert PendingUpload.objects.count() == 0


def test_the_error_summary_links_to_each_field_in_error(client, sites):
    client.force_login(sites.editor_a)
    url = reverse("content:article_create", args=[sites.school_a.unit.code])

    failed = client.post(url, form_data(sites.school_a, title=""))

    page = failed.content.decode()
    summary = re.search(r'<div class="error-summary" role="alert"[^>]*>(.*?)</div>', page, re.S)[1]
    assert re.findall(r'href="#(id_[a-z_]+)"', summary) == ["id_title"]


def test_another_session_cannot_use_a_kept_file(client, sites, django_user_model):
    client.force_login(sites.editor_a)
    url = reverse("content:article_create", args=[sites.school_a.unit.code])
    token = kept_token(client.post(url, form_data(sites.school_a, title="", cover_upload=jpeg_with_gps(), cover_alt="Ảnh")))  # fmt: skip
    client.logout()
    client.force_login(sites.editor_a)  # a new session

    client.post(url, form_data(sites.school_a, cover_alt="Ảnh", cover_upload__pending=token))

    assert (Article.objects.get().cover, PendingUpload.objects.count()) == (None, 1)


def test_prune_deletes_kept_files_whose_time_is_up(client, sites):
    client.force_login(sites.editor_a)
    url = reverse("content:article_create", args=[sites.school_a.unit.code])
    client.post(url, form_data(sites.school_a, title="", cover_upload=jpeg_with_gps(), cover_alt="Ảnh"))  # fmt: skip
    kept = PendingUpload.objects.get()

    early = pending.prune(now=kept.expires_at - pending.KEEP / 2)
    late = pending.prune(now=kept.expires_at + datetime.timedelta(seconds=1))

    assert (early, late, PendingUpload.objects.count()) == (0, 1, 0)


def test_a_logo_chosen_before_an_error_on_the_site_settings_is_kept(client, sites):
    client.force_login(sites.leader_a)
    url = reverse("content:site_settings", args=[sites.school_a.unit.code])
    data = {
        "colour": "#1d5e2a",
        "accent": "#9b1c1c",
        "languages": ["en"],
        "contact": "0225 3842 000",
    }

    failed = client.post(url, {**data, "colour": "not-a-colour", "logo_upload": jpeg_with_gps()})
    token = re.search(
        r'name="logo_upload__pending" value="([0-9a-f]{32})"', failed.content.decode()
    )[1]
    saved = client.post(url, {**data, "logo_upload__pending": token})

    site = type(sites.school_a).objects.get(pk=sites.school_a.pk)
    assert (failed.status_code, saved.status_code) == (200, 302)
    assert site.logo.alt == "Trường THCS Hồng Bàng"
    assert PendingUpload.objects.count() == 0


# Forms that hold only a file (imports, a library file, an activity's photo sent from its page)
# lose nothing worth keeping when they fail: the file itself is what was refused.
SINGLE_FILE_FORMS = {
    "plans/views.py",
    "registries/views/partners.py",
    "activities/views/activities.py",
    "reports/views/excel.py",
    "documents/views/library.py",
    "content/views/media.py",
}


def test_every_form_with_other_fields_keeps_its_files_across_a_failed_submit():
    root = Path(__file__).resolve().parents[2]
    binding = {
        str(path.relative_to(root))
        for path in root.glob("*/views/*.py")
        if "request.FILES" in path.read_text()
    } | {
        str(path.relative_to(root))
        for path in root.glob("*/views.py")
        if "request.FILES" in path.read_text()
    }

    assert sorted(binding - SINGLE_FILE_FORMS) == []
