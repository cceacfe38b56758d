from __future__ import annotations

from typing import Any

import factory

from ttdn.monitoring.enums import SourceFormat, WatchKind
from ttdn.monitoring.models import Item, Source, Watch
from ttdn.org.tests.factories import UnitFactory


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"Báo số {n}")
    url = factory.Sequence(lambda n: f"http://127.0.0.1:9/feed-{n}.xml")
    format = SourceFormat.FEED


class WatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Watch

    unit = factory.SubFactory(UnitFactory)
    kind = WatchKind.QUERY
    name = factory.Sequence(lambda n: f"Theo dõi {n}")
    query = "học phí"


def rss(base: str, entries: list[tuple[str, str]]) -> bytes:
    """A minimal RSS 2.0 feed of (path, title) entries under `base`."""
    items = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link></item>" for path, title in entries
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()


def article(title: str, *paragraphs: str, charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><nav><a href='/'>Trang chủ</a></nav><article><h1>{title}</h1>{body}</article>"
        f"<footer>© Báo</footer></body></html>"
    )


def pasted(source: Source, text: str, **kwargs: Any) -> Item:
    from ttdn.monitoring import pipeline

    return pipeline.paste_item(source, title=kwargs.get("title", text[:40]), text=text)


def mention_of(
    unit, *, title: str = "Phụ huynh tố lạm thu", source: Source | None = None, **fields: Any
):
    """A mention of `unit` in a pasted item of its own story, as the pipeline records it."""
    from ttdn.monitoring.enums import Tone
    from ttdn.monitoring.models import Mention, Story

    source = source or SourceFactory(unit=unit, format=SourceFormat.MANUAL, url="")
    item = pasted(source, f"{title}. Nội dung bài viết về {unit.name}.", title=title)
    item.story = Story.objects.create(title=title)
    item.save(update_fields=["story"])
    watch = WatchFactory(unit=unit, query=unit.name)
    fields.setdefault("tone", Tone.NEGATIVE)
    fields.setdefault("snippet", title)
    return Mention.objects.create(item=item, watch=watch, unit=unit, **fields)
