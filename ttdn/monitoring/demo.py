"""Demo data of press monitoring: sources on the local press site, watches, a press request.

The sources point at the demo press site (`press_site.py`), which `ttdn run` serves on
127.0.0.1 in demo mode; the worker fetches them like any other source, so the desk fills up
within minutes of starting, with no internet.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from ttdn.monitoring import press_site, services, watching
from ttdn.monitoring.enums import SourceFormat, SourceKind, WatchKind
from ttdn.monitoring.models import PressRequest, Source, Watch
from ttdn.org.models import Unit


def load() -> list[str]:
    so = Unit.objects.filter(code="SGDDT-HP").first()
    if so is None:
        return ["the demo units are missing (load org's demo first)"]
    base = settings.MONITORING_DEMO_PRESS_URL.rstrip("/")
    created = 0
    for outlet in press_site.OUTLETS:
        _source, new = Source.objects.update_or_create(
            unit=so,
            url=f"{base}/{outlet.slug}/{outlet.feed_path}",
            defaults={
                "name": outlet.name,
                "format": outlet.format,
                "kind": outlet.kind,
                "language": outlet.language,
                "country": outlet.country,
                "weight": outlet.weight,
                "interval_minutes": 10,
            },
        )
        created += new
    Source.objects.get_or_create(
        unit=so, format=SourceFormat.MANUAL, name="Mạng xã hội (dán nội dung)",
        defaults={"kind": SourceKind.SOCIAL},
    )  # fmt: skip
    watching.sync_entity_watches()
    if not Watch.objects.filter(unit=so, kind=WatchKind.TOPIC).exists():
        services.add_topic_watches(so, by=None)
    Watch.objects.get_or_create(
        unit=so,
        name="Học phí, khoản thu",
        defaults={"query": 'học phí OR "lạm thu" OR "khoản thu"'},
    )
    _press_request(so)
    return [f"{len(press_site.OUTLETS)} sources on {base} ({created} new)"]


def _press_request(unit: Unit) -> None:
    if PressRequest.objects.filter(unit=unit).exists():
        return
    services.record_press_request(
        unit,
        by=None,
        journalist="Nguyễn Thu Hà",
        outlet="Báo Giáo dục Hải Phòng (demo)",
        contact="thuha@baogiaoduc.example.vn",
        question="Đề nghị Sở cho biết số trường đã triển khai dạy học 2 buổi/ngày trong năm học này.",
        deadline=timezone.now() + datetime.timedelta(days=2),
    )
