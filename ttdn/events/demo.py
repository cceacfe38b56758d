"""Demo commemorations: the reference files, and the local days the seed plans celebrate."""

from __future__ import annotations

from typing import Any

from ttdn.events import importers, services
from ttdn.events.enums import Category, Scope, Verification
from ttdn.org.models import Unit

# (owning unit code, key, name, day, month, origin year, source): seed 000 (Hải Phòng, 2022) and
# seed 001 (Quảng Ninh, 2023).
LOCAL = [
    (
        "SGDDT-HP",
        "hai-phong-giai-phong",
        "Ngày giải phóng Hải Phòng",
        13,
        5,
        1955,
        "Kế hoạch công tác TTĐN năm 2022, Phòng GDĐT quận Hồng Bàng",
    ),
    (
        "SGDDT-QN",
        "quang-ninh-thanh-lap",
        "Ngày thành lập tỉnh Quảng Ninh",
        30,
        10,
        1963,
        "Kế hoạch công tác TTĐN năm 2023, Phòng GDĐT thành phố Cẩm Phả",
    ),
]


def load() -> list[str]:
    """Load the reference files, then the seeds' local commemorations of the demo units (idempotent)."""
    rows = importers.read_commemorations() + importers.read_relations() + local_rows()
    result = services.load_reference(rows)
    return [
        f"{result.created} commemorations created, {result.updated} updated, {result.unchanged} unchanged"
    ]


def local_rows() -> list[dict[str, Any]]:
    units = Unit.objects.in_bulk([row[0] for row in LOCAL], field_name="code")
    return [
        {
            "key": key,
            "name": name,
            "day": day,
            "month": month,
            "origin_year": year,
            "scope": Scope.PROVINCE,
            "category": Category.HISTORY,
            "unit": units[code],
            "verification": Verification.VERIFIED,
            "source": source,
        }
        for code, key, name, day, month, year, source in LOCAL
        if code in units
    ]
