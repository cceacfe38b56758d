"""Issue 19's dashboards at the reports bench's size: a province's and the country's statistics
dashboard (`ttdn.stats.queries.dashboard`, the real page's reads: key figures with the previous
period, trends, the children ranked with their median, completeness from the tallies), timed
beside a plain SQL aggregation of the same figures from the approved report values, over the
same path range of the submissions index the reports app uses.

`measure(rounds, root, province, connection)` takes what `bench/reports.py` built and returns
its figures as a dict; the reports bench merges them into its JSON line. Setting up (the values
frozen at approval, which the reports bench writes straight to the tables, and bringing the
statistics up to date from the last two rounds) is not timed, but its duration is reported."""

from __future__ import annotations

import statistics
import sys
import time
from decimal import Decimal

CODES = ("C01", "C02", "C03")  # three summed indicators of the bench's form become datasets
RUNS = 5
TARGETS_MS = {"province": 100, "country": 1000}


def measure(rounds, root, province, connection) -> dict:
    """Figures of the dashboards of `province` and `root` over the last two of `rounds`."""
    from ttdn.stats import queries, services

    recent = list(rounds)[-2:]
    started = time.perf_counter()
    _datasets(recent[-1].form_version.form.code)
    for round_ in recent:
        _freeze_approved_values(connection, round_)
    refreshed = services.refresh_from_reports(recent)
    refresh_s = time.perf_counter() - started
    print(f"stats: {refreshed.created:,} figures made in {refresh_s:.1f} s", file=sys.stderr)

    _check_same(queries.dashboard(province), plain_by_child(connection, recent[-1], province))
    _check_same(queries.dashboard(root), plain_by_child(connection, recent[-1], root))
    province_ms, province_ref_ms = _paired(
        lambda: queries.dashboard(province),
        lambda: plain_by_child(connection, recent[-1], province),
    )
    country_ms, country_ref_ms = _paired(
        lambda: queries.dashboard(root), lambda: plain_by_child(connection, recent[-1], root)
    )
    rows = [
        ("province dashboard", province_ms, province_ref_ms, TARGETS_MS["province"]),
        ("country dashboard", country_ms, country_ref_ms, TARGETS_MS["country"]),
    ]
    for label, ours, reference, target in rows:
        verdict = f"{'<' if ours < target else '≥'} {target} ms"
        print(
            f"{label:<36}{ours:>12.2f}{reference:>16.2f}"
            f"{ours / reference:>11.2f} x the reference{verdict:>12}"
        )
    return {
        "dashboard_province_ms": round(province_ms, 2),
        "dashboard_province_ref_ms": round(province_ref_ms, 2),
        "dashboard_province_ratio": round(province_ms / province_ref_ms, 3),
        "dashboard_country_ms": round(country_ms, 2),
        "dashboard_country_ref_ms": round(country_ref_ms, 2),
        "dashboard_country_ratio": round(country_ms / country_ref_ms, 3),
        "stats_figures": refreshed.created,
        "stats_refresh_s": round(refresh_s, 1),
    }


def _datasets(form_code: str) -> None:
    from ttdn.stats.models import Dataset

    for n, code in enumerate(CODES):
        Dataset.objects.get_or_create(
            code=f"bench-{code.lower()}",
            defaults={
                "name": f"Chỉ tiêu {code}", "name_en": f"Indicator {code}", "measure": "lượt",
                "measure_en": "times", "form_code": form_code, "indicator_code": code,
                "key_figure": True, "order": n,
            },
        )  # fmt: skip


def _freeze_approved_values(connection, round_) -> None:
    """What `approve_submission` stores, for the approved reports the bench wrote directly."""
    codes = ", ".join(f"'{code}'" for code in CODES)
    if connection.vendor == "postgresql":
        agg = "json_object_agg(i.code, v.number::text)::jsonb"
    else:
        agg = "json_group_object(i.code, CAST(v.number AS TEXT))"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE reports_submission SET approved_values = (SELECT {agg} FROM reports_value v "
            "JOIN reports_indicator i ON i.id = v.indicator_id "
            f"WHERE v.submission_id = reports_submission.id AND i.code IN ({codes}) "
            "AND v.number IS NOT NULL) WHERE round_id = %s AND status = 'approved'",
            [round_.pk],
        )


def plain_by_child(connection, round_, unit) -> dict[tuple[str, str], Decimal]:
    """The reference: the approved numbers of the subtree summed per child unit and indicator in
    SQL, over the same path range of the (round, path) index the app's subtree reads use."""
    upper = unit.path[:-1] + chr(ord("/") + 1)
    if connection.vendor == "postgresql":
        child = f"split_part(s.path, '/', {unit.path.count('/') + 1})"
    else:
        rest = f"substr(s.path, {len(unit.path) + 1})"
        child = f"substr({rest}, 1, instr({rest}, '/') - 1)"
    codes = ", ".join(f"'{code}'" for code in CODES)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {child}, i.code, SUM(v.number) FROM reports_value v "
            "JOIN reports_submission s ON s.id = v.submission_id "
            "JOIN reports_indicator i ON i.id = v.indicator_id "
            "WHERE s.round_id = %s AND s.status = 'approved' AND s.path >= %s AND s.path < %s "
            f"AND s.unit_id <> %s AND i.code IN ({codes}) AND v.number IS NOT NULL "
            f"GROUP BY {child}, i.code",
            [round_.pk, unit.path, upper, unit.pk],
        )
        return {(str(c), code): Decimal(str(total)) for c, code, total in cursor.fetchall()}


def _check_same(board, reference: dict[tuple[str, str], Decimal]) -> None:
    """The dashboard's children agree with the plain SQL sums (wrong answers are not timed)."""
    ours = {
        (str(f.unit_id), ranking.dataset.indicator_code): f.value
        for ranking in board.rankings
        for f in ranking.figures
    }
    if ours != reference:
        wrong = sorted(k for k in ours.keys() | reference.keys() if ours.get(k) != reference.get(k))
        raise SystemExit(f"the dashboard disagrees with the plain SQL sums: {wrong[:5]}")


def _paired(ours, reference) -> tuple[float, float]:
    """Medians (ms) of RUNS runs of each after a warm-up, one after the other."""
    ours()
    reference()
    mine, theirs = [], []
    for _ in range(RUNS):
        mine.append(_timed(ours))
        theirs.append(_timed(reference))
    return statistics.median(mine), statistics.median(theirs)


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000
