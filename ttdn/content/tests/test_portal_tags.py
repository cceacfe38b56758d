import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from ttdn.content import cache, services
from ttdn.content.models import Image, Site


def rendered(source, **context):
    return Template("{% load portal_tags %}" + source).render(Context(context))


def test_date_filters_print_what_djangos_date_filter_prints_in_local_time():
    moments = [
        timezone.make_aware(datetime.datetime(2025, 1, 2, 23, 59, 1)),
        datetime.datetime(2025, 12, 31, 18, 0, tzinfo=datetime.UTC),  # the next day in Hà Nội
    ]
    source = '{{ m|isoformat }} {{ m|day_month_year }}|{{ m|date:"c" }} {{ m|date:"d/m/Y" }}'

    outputs = [rendered(source, m=m).split("|") for m in moments]

    assert [ours == django for ours, django in outputs] + [outputs[1][0][:10]] == [
        True,
        True,
        "2026-01-01",
    ]


def test_isoformat_stops_at_the_second_as_html_datetime_attributes_want():
    moment = timezone.make_aware(datetime.datetime(2025, 1, 2, 23, 59, 1, 250))

    assert rendered("{{ m|isoformat }}", m=moment) == "2025-01-02T23:59:01+07:00"


def test_picture_escapes_what_it_shows_and_offers_every_rendition():
    image = Image(
        alt='Lễ "khai giảng" <2025>',
        width=640,
        height=400,
        renditions=[
            {"width": 480, "webp": "a-480.webp", "jpeg": "a-480.jpg"},
            {"width": 640, "webp": "a-640.webp", "jpeg": "a-640.jpg"},
        ],
    )

    html = rendered('{% picture image "100vw" %}', image=image)

    assert 'alt="Lễ &quot;khai giảng&quot; &lt;2025&gt;"' in html
    assert 'srcset="/media/a-480.webp 480w, /media/a-640.webp 640w" sizes="100vw"' in html
    assert 'src="/media/a-640.jpg"' in html


# The menu as the public pages' template wrote it before portal_tags.menu: the reference.
MENU_TEMPLATE = """{% load i18n portal_tags %}<nav class="portal-nav" aria-label="{% translate 'Sections' %}">
    <ul>
      {% for s, children in menu %}
      <li><a href="{% portal_url 'portal:section' unit.slug s.slug %}{% if language != 'vi' %}?lang={{ language }}{% endif %}"{% if s == section %} aria-current="page"{% endif %}>{{ s.title }}</a>
        {% if children %}
        <ul class="portal-subnav">
          {% for c in children %}<li><a href="{% portal_url 'portal:section' unit.slug c.slug %}{% if language != 'vi' %}?lang={{ language }}{% endif %}"{% if c == section %} aria-current="page"{% endif %}>{{ c.title }}</a></li>{% endfor %}
        </ul>
        {% endif %}
      </li>
      {% endfor %}
    </ul>
  </nav>"""


@pytest.mark.parametrize(("language", "current"), [("vi", "tin-tuc-hoat-dong"), ("en", "con")])
def test_menu_writes_what_the_template_wrote(sites, language, current):
    site = sites.school_a
    news = site.sections.get(slug="tin-tuc-hoat-dong")
    child = services.create_section(site, title="Tin <con> & ảnh", slug="con", by=sites.editor_a)
    services.update_section(child, by=sites.editor_a, title=child.title, parent=news)
    site = Site.objects.select_related("unit").get(pk=site.pk)
    context = {
        "site": site,
        "unit": site.unit,
        "language": language,
        "menu": cache.menu(site),
        "section": site.sections.get(slug=current),
    }

    with translation.override(language):
        ours = rendered("{% menu %}", **context)
        template = Template(MENU_TEMPLATE).render(Context(context))

    assert (ours, ours.count("portal-subnav"), ours.count('aria-current="page"')) == (
        template,
        1,
        1,
    )
