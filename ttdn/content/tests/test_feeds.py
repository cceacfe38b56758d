import datetime
import io

import pytest
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.xmlutils import UnserializableContentError

from ttdn.content.feeds import RssFeed


def written(kind, items, **feed):
    generator = kind(
        title=feed.get("title", 'Trường <THCS> & "Hồng Bàng"'),
        link="http://example.test/hb/",
        description=feed.get("description", "Tin tức"),
        language="vi",
        feed_url='http://example.test/hb/rss.xml?a=1&b="2"',
        **{k: v for k, v in feed.items() if k not in {"title", "description"}},
    )
    for item in items:
        generator.add_item(**item)
    out = io.StringIO()
    generator.write(out, "utf-8")
    return out.getvalue()


def entry(n, **fields):
    when = timezone.make_aware(datetime.datetime(2025, 9, 5, 7, 30 + n))
    return {
        "title": f"Khai giảng <năm học> & {n}",
        "link": f"http://example.test/hb/bai-viet/{n}/khai-giang/",
        "description": "Tóm tắt “đẹp” <b>không</b> phải HTML",
        "unique_id": f"http://example.test/hb/bai-viet/{n}/khai-giang/",
        "pubdate": when,
        "updateddate": when + datetime.timedelta(hours=1),
        "author_name": "Nguyễn Văn A",
        "categories": ["Tin tức – hoạt động", "thi đua"],
        **fields,
    }


@pytest.mark.parametrize(
    "items",
    [
        [],
        [entry(1), entry(2)],
        [entry(1, author_name="", categories=[]), entry(2, description="")],
    ],
)
def test_rss_is_written_byte_for_byte_as_djangos(items):
    assert written(RssFeed, items) == written(Rss201rev2Feed, items)


def test_rss_with_what_the_portal_never_sets_is_left_to_django():
    items = [entry(1, comments="http://example.test/c", author_email="a@example.test")]

    assert written(RssFeed, items, ttl="60") == written(Rss201rev2Feed, items, ttl="60")


def test_rss_with_control_characters_is_refused_like_djangos():
    with pytest.raises(UnserializableContentError):
        written(RssFeed, [entry(1, title="Bell \x07")])
