"""The Wagtail reference of bench/portal.py: a news site of the same shape as the product's
school site, written out as a Django project and built in its own virtual environment.

`write(directory)` writes the project (settings, a `news` app with a news index and article
pages, templates for the article, the 20-item list and the RSS feed of FEED_SIZE items); `python -m build COUNT
WORDS_SEED` in that directory, with the virtual environment's Python, migrates a SQLite
database there and creates COUNT published articles of 1,500 words with a picture each (its
renditions made beforehand, as the product makes its own), then prints the URLs as JSON.
Wagtail's page cache is not used (there is none by default) and DEBUG is off: the site as a
Wagtail developer would deploy it from the project template, with the same gunicorn settings
as the product.
"""

from __future__ import annotations

from pathlib import Path

# As many items as the product's feeds (ttdn.content.feeds.FEED_SIZE; bench/portal.py checks).
FEED_SIZE = 30

FILES = {
    "wtsite/__init__.py": "",
    "wtsite/settings.py": """
import os
from pathlib import Path

BASE = Path(__file__).resolve().parents[1]
SECRET_KEY = "bench-only-secret-key-that-is-long-enough-for-django-checks"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "news",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.syndication",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
ROOT_URLCONF = "wtsite.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE / "wagtail.sqlite3"}
}
LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
STATIC_ROOT = BASE / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE / "media"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
WAGTAIL_SITE_NAME = "Trường THCS Bench"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
LOGGING = {"version": 1, "root": {"level": "WARNING"}}
""",
    "wtsite/urls.py": """
from django.urls import include, path
from wagtail import urls as wagtail_urls

from news.feeds import LatestArticles

urlpatterns = [
    path("rss.xml", LatestArticles()),
    path("", include(wagtail_urls)),
]
""",
    "wtsite/wsgi.py": """
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wtsite.settings")
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
""",
    "news/__init__.py": "",
    "news/models.py": """
from django.core.paginator import Paginator
from django.db import models
from wagtail.fields import RichTextField
from wagtail.models import Page


class NewsIndexPage(Page):
    subpage_types = ["news.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            ArticlePage.objects.live().child_of(self).select_related("cover")
            .order_by("-first_published_at")
        )
        context["articles"] = Paginator(articles, 20).get_page(request.GET.get("page"))
        return context


class ArticlePage(Page):
    summary = models.TextField(blank=True)
    body = RichTextField()
    cover = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
""",
    "news/feeds.py": """
from django.contrib.syndication.views import Feed

from news.models import ArticlePage


class LatestArticles(Feed):
    title = "Trường THCS Bench"
    link = "/tin-tuc/"
    description = "Tin tức"

    def items(self):
        return ArticlePage.objects.live().order_by("-first_published_at")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at
""",
    "templates/base.html": """{% load wagtailcore_tags %}<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ page.title }}{% endblock %} · Trường THCS Bench</title></head>
<body><header><a href="/">Trường THCS Bench</a><nav><a href="/tin-tuc/">Tin tức</a></nav></header>
<main>{% block content %}{% endblock %}</main><footer>Trường THCS Bench</footer></body></html>
""",
    "templates/news/article_page.html": """{% extends "base.html" %}{% load wagtailcore_tags wagtailimages_tags %}
{% block content %}<article><h1>{{ page.title }}</h1>
<p><time datetime="{{ page.first_published_at|date:"c" }}">{{ page.first_published_at|date:"d/m/Y H:i" }}</time></p>
{% if page.cover %}<figure>{% image page.cover width-800 loading="lazy" %}</figure>{% endif %}
<p class="lead">{{ page.summary }}</p>{{ page.body|richtext }}</article>{% endblock %}
""",
    "templates/news/news_index_page.html": """{% extends "base.html" %}{% load wagtailcore_tags wagtailimages_tags %}
{% block content %}<h1>{{ page.title }}</h1><ul>
{% for article in articles %}<li><a href="{% pageurl article %}">{% if article.cover %}{% image article.cover fill-320x200 loading="lazy" %}{% endif %}{{ article.title }}</a>
<time>{{ article.first_published_at|date:"d/m/Y" }}</time><p>{{ article.summary|truncatewords:40 }}</p></li>{% endfor %}
</ul>{% if articles.has_next %}<a href="?page={{ articles.next_page_number }}">Trang sau</a>{% endif %}{% endblock %}
""",
    "build.py": """
import datetime
import io
import json
import os
import random
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wtsite.settings")
import django

django.setup()
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image as Pillow
from wagtail.images.models import Image
from wagtail.models import Page, Site

from news.models import ArticlePage, NewsIndexPage

count, words = int(sys.argv[1]), sys.argv[2].split()
call_command("makemigrations", "news", verbosity=0)
call_command("migrate", verbosity=0)
call_command("collectstatic", "--noinput", verbosity=0)
root = Page.objects.get(depth=1)
home = Page.objects.get(depth=2)
index = home.add_child(instance=NewsIndexPage(title="Tin tức hoạt động", slug="tin-tuc"))
rng = random.Random(9)
now = timezone.now()
paths = []
for n in range(count):
    out = io.BytesIO()
    Pillow.new("RGB", (640, 400), (n * 37 % 255, n * 91 % 255, 160)).save(out, format="JPEG")
    image = Image(title=f"Ảnh hoạt động {n}")
    image.file.save(f"a{n}.jpg", ImageFile(io.BytesIO(out.getvalue()), name=f"a{n}.jpg"), save=False)
    image.save()
    image.get_rendition("width-800")
    image.get_rendition("fill-320x200")
    paragraphs = [" ".join(rng.choices(words, k=150)).capitalize() + "." for _ in range(10)]
    when = now - datetime.timedelta(minutes=n)
    page = index.add_child(
        instance=ArticlePage(
            title=f"Hoạt động chuyên môn số {n} của nhà trường",
            slug=f"hoat-dong-chuyen-mon-so-{n}",
            summary=paragraphs[0][:300],
            body="".join(f"<p>{p}</p>" for p in paragraphs),
            cover=image,
            first_published_at=when,
        )
    )
    paths.append(page.url)
print(json.dumps({"article": paths[len(paths) // 2], "articles": paths, "listing": "/tin-tuc/", "rss": "/rss.xml"}))
""",
}


def write(directory: Path) -> None:
    for name, text in FILES.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip("\n").replace("[:FEED_SIZE]", f"[:{FEED_SIZE}]"))
