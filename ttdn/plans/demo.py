"""Demo plans: the two seed plans imported as drafts of the Phòng they come from."""

from __future__ import annotations

from pathlib import Path

from ttdn.org.models import Unit
from ttdn.plans import services
from ttdn.plans.importer import import_file
from ttdn.plans.models import Plan

DATA = Path(__file__).resolve().parent / "data"
SEEDS = [("PGDDT-HB", "plan_hong_bang_2022.txt"), ("PGDDT-CP", "plan_cam_pha_2023.txt")]


def load() -> list[str]:
    """Import each seed as a draft of its unit, unless the unit has a plan of that title."""
    lines = []
    for code, name in SEEDS:
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            lines.append(f"no unit {code}, {name} skipped")
            continue
        parsed = import_file(DATA / name)
        if Plan.objects.filter(unit=unit, title=parsed.title).exists():
            lines.append(f"{code} already has “{parsed.title}”")
            continue
        plan = services.save_imported(parsed, unit=unit, by=None)
        lines.append(f"{code} “{plan.title}” imported as draft #{plan.pk}")
    return lines
