"""Benchmark of the reports app's consolidation and completeness over a generated sector, beside
a plain SQL sum over the raw values of the same data.

    .venv/bin/python bench/reports.py                           # 50,000 units, SQLite
    .venv/bin/python bench/reports.py --units 2000              # a quick run
    .venv/bin/python bench/reports.py --engine postgres         # a fresh database on 127.0.0.1

It sets Django up on a throw-away database (a SQLite file in a temporary TTDN_VAR_DIR, or a new
PostgreSQL database on 127.0.0.1:5432 as user postgres, dropped at the end), migrates it, and
generates a sector: one ministry over 34 provinces, ≈3,300 communes and ≈47,000 schools for
50,000 units (the same shares for another --units). Units are written with bulk_create, their
materialized path and depth set as ttdn.org.services.create_unit sets them.

A form of 40 indicators (sums, averages, minimums, maximums, yes/no counts, a choice and a
narrative) is built through ttdn.reports.services; the ministry opens four quarterly rounds
through services.open_round, every school expected (so each school's report counts in its
commune's, its province's and the country's consolidation). The schools' values are
bulk-loaded, their statuses set (most approved, some late, submitted, returned or still in
draft), and the roll-ups rebuilt with rollups.rebuild, the app's own code for bulk-loaded data.

Then it times, medians of 5 after a warm-up, on one of the rounds:

- province: queries.consolidation of one province (approved reports);
- country: queries.consolidation of the ministry, the whole country;
- completeness: queries.completeness of the ministry, broken down per province;

each beside its reference timed in the same run on the same data: a plain SQL sum of the raw
approved values per indicator over the province's (or the country's) subtree, and a plain SQL
count of expected / submitted / on time / approved / returned per province. The parts of a
consolidation are timed too, to show where the time goes. On PostgreSQL, the plan of each SQL
query of a province's consolidation is printed (EXPLAIN ANALYZE), with whether it uses an index.

The last line printed is one JSON object:
{"engine", "units", "province_ms", "country_ms", "completeness_ms"}.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
RUNS = 5
PROVINCES = 34
COMMUNE_SHARE = 3300 / 50_000
PERIODS = 4  # the quarters of 2026
BATCH = 10_000
WRITES = 30  # reports put through each write, with and without the roll-up work
WRITE_KEYS = {  # the writes timed, and their keys in the JSON line
    "save_values": "save_values",
    "submit": "submit",
    "return": "return",
    "approve": "approve",
    "save_values (approved, window open)": "save_values_approved",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--units", type=int, default=50_000, help="units in the sector (default 50,000)"
    )
    parser.add_argument("--engine", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--database", default="", help="PostgreSQL database to create (ttdn_bench_reports_<pid>)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (and the database)"
    )
    args = parser.parse_args()
    if args.units < 1 + PROVINCES * 3:
        parser.error(f"--units must be at least {1 + PROVINCES * 3}")
    work = Path(tempfile.mkdtemp(prefix="ttdn-bench-reports-"))
    database = ""
    try:
        if args.engine == "postgres":
            database = args.database or f"ttdn_bench_reports_{os.getpid()}"
            pg_admin(f'CREATE DATABASE "{database}"')
        run(args, work, f"{PG_SERVER}/{database}" if database else "")
    finally:
        if database and not args.keep:
            if "django" in sys.modules:
                from django.db import connections

                connections.close_all()
            pg_admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(sql)


def setup_django(work: Path, database_url: str) -> None:
    os.environ["TTDN_VAR_DIR"] = str(work)
    os.environ["TTDN_DATABASE_URL"] = database_url or f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ["TTDN_SECRET_KEY"] = "bench-only-secret-key-that-is-long-enough-for-checks"
    os.environ["DJANGO_SETTINGS_MODULE"] = "ttdn.settings"
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def run(args: argparse.Namespace, work: Path, database_url: str) -> None:
    setup_django(work, database_url)

    from django.db import connection

    from ttdn.reports import queries

    rng = random.Random(args.seed)
    engine = connection.vendor
    print(f"database: {engine}, in {database_url or work}", file=sys.stderr)

    started = time.perf_counter()
    root, provinces, counts = create_sector(args.units)
    log(
        f"units: 1 ministry, {counts['province']} provinces, {counts['commune']:,} communes, "
        f"{counts['school']:,} schools ({args.units:,}) in {time.perf_counter() - started:.1f} s"
    )
    user = create_user()
    form = create_form(root, user)
    rounds = []
    for number in range(1, PERIODS + 1):
        step = time.perf_counter()
        round_ = open_round(root, user, form, number)
        values = load_values(round_, rng)
        set_statuses(round_, rng)
        opened = time.perf_counter()
        rebuild_rows = rebuild(round_)
        log(
            f"round {round_.period_key}: {values:,} values loaded in {opened - step:.1f} s, "
            f"{rebuild_rows:,} roll-ups rebuilt in {time.perf_counter() - opened:.1f} s"
        )
        rounds.append(round_)
    analyze(connection)
    generation_s = time.perf_counter() - started
    log(f"generated in {generation_s:.1f} s")

    round_ = rounds[-1]
    province = provinces[len(provinces) // 2]
    check_same_totals(round_, province, root)

    province_ms, province_ref_ms = paired(
        lambda: queries.consolidation(round_, province),
        lambda: plain_sum(connection, round_, province.path),
    )
    country_ms, country_ref_ms = paired(
        lambda: queries.consolidation(round_, root),
        lambda: plain_sum(connection, round_, root.path),
    )
    completeness_ms, completeness_ref_ms = paired(
        lambda: queries.completeness(round_, root),
        lambda: plain_completeness(connection, round_, root),
    )
    province_completeness_ms, _ = paired(lambda: queries.completeness(round_, province), None)
    writes = time_writes(round_, user, rng)

    beats = province_ms < province_ref_ms and country_ms < country_ref_ms
    figures = {
        "engine": engine,
        "units": args.units,
        "province_ms": round(province_ms, 2),
        "country_ms": round(country_ms, 2),
        "completeness_ms": round(completeness_ms, 2),
        "plain_province_ms": round(province_ref_ms, 2),
        "plain_country_ms": round(country_ref_ms, 2),
        "plain_completeness_ms": round(completeness_ref_ms, 2),
        "province_ratio": round(province_ms / province_ref_ms, 2),
        "country_ratio": round(country_ms / country_ref_ms, 2),
        **{
            f"{WRITE_KEYS[name]}_{kind}_ms": round(value, 2)
            for name, (ours, reference) in writes.items()
            for kind, value in (
                ("p50", percentile(ours, 50)),
                ("p95", percentile(ours, 95)),
                ("reference_p50", percentile(reference, 50)),
                ("reference_p95", percentile(reference, 95)),
            )
        },
        "target": "MET" if beats else "MISSED",
    }
    print(
        f"\n{args.units:,} units ({counts['school']:,} schools reporting) × 40 indicators × "
        f"{PERIODS} periods on {engine}; generated in {generation_s:.1f} s; "
        f"medians of {RUNS} after a warm-up, one round ({round_.period_key}), approved reports"
    )
    print(f"{'':<36}{'app (ms)':>12}{'plain SQL (ms)':>16}{'ratio':>26}")
    rows = [
        ("province consolidation", province_ms, province_ref_ms),
        ("country consolidation", country_ms, country_ref_ms),
        ("completeness per province", completeness_ms, completeness_ref_ms),
    ]
    for label, ours, reference in rows:
        print(
            f"{label:<36}{ours:>12.2f}{reference:>16.2f}{ours / reference:>11.2f} x the reference"
        )
    print(f"{'one province completeness':<36}{province_completeness_ms:>12.2f}")
    print(
        f"target: the pre-computed consolidation faster than the plain SQL sum over the same "
        f"byte range, for a province and the country: {figures['target']}"
    )
    print(
        f"\nwrites on round {round_.period_key}, {WRITES} reports each, ms per call "
        "(reference: the same call with the roll-up and tally work switched off)"
    )
    print(f"{'':<36}{'p50':>10}{'p95':>10}{'ref p50':>10}{'ref p95':>10}")
    for name, (ours, reference) in writes.items():
        print(
            f"{name:<36}{percentile(ours, 50):>10.2f}{percentile(ours, 95):>10.2f}"
            f"{percentile(reference, 50):>10.2f}{percentile(reference, 95):>10.2f}"
        )

    where_the_time_goes(round_, province, "province")
    where_the_time_goes(round_, root, "country")
    if engine == "postgresql":
        explain(round_, province)
    from dashboard import measure as measure_dashboards  # bench/dashboard.py (issue 19)

    figures.update(measure_dashboards(rounds, root, province, connection))
    print(json.dumps(figures))


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --- Generation -------------------------------------------------------------------------------


def create_sector(units: int):
    """One ministry, PROVINCES provinces, communes and schools: `units` in all. Paths and
    depths are set as ttdn.org.services.create_unit sets them (from the parent's, with the pk)."""
    from ttdn.org.enums import UnitKind, UnitLevel
    from ttdn.org.models import Unit

    communes = max(PROVINCES, round(units * COMMUNE_SHARE))
    schools = units - 1 - PROVINCES - communes
    root = make_units(Unit, None, [("BO", "Bộ Giáo dục và Đào tạo", UnitKind.MINISTRY)])[0]
    provinces = make_units(
        Unit,
        [root] * PROVINCES,
        [
            (f"S{n:02}", f"Sở Giáo dục và Đào tạo tỉnh {n:02}", UnitKind.DEPARTMENT)
            for n in range(1, PROVINCES + 1)
        ],
    )
    commune_parents = [provinces[n % PROVINCES] for n in range(communes)]
    commune_units = make_units(
        Unit,
        commune_parents,
        [
            (f"X{n:05}", f"UBND xã {n:05}", UnitKind.COMMUNE_COMMITTEE)
            for n in range(1, communes + 1)
        ],
    )
    school_kinds = [UnitKind.PRESCHOOL, UnitKind.PRIMARY, UnitKind.LOWER_SECONDARY]
    school_parents = [commune_units[n % communes] for n in range(schools)]
    make_units(
        Unit,
        school_parents,
        [
            (f"T{n:06}", f"Trường {n:06}", school_kinds[n % len(school_kinds)])
            for n in range(1, schools + 1)
        ],
        level=UnitLevel.SCHOOL,
    )
    return root, provinces, {"province": PROVINCES, "commune": communes, "school": schools}


def make_units(model, parents, specs, *, level: str = ""):
    """bulk_create units under `parents` (None: roots), then give them their path and depth."""
    from django.db import connection, transaction

    from ttdn.org.enums import level_for

    made = []
    for start in range(0, len(specs), BATCH):
        chunk = specs[start : start + BATCH]
        owners = parents[start : start + BATCH] if parents else [None] * len(chunk)
        units = model.objects.bulk_create(
            [
                model(
                    code=code,
                    name=name,
                    slug=code.lower(),
                    kind=kind,
                    level=level or level_for(kind),
                    parent=parent,
                )
                for (code, name, kind), parent in zip(chunk, owners, strict=True)
            ]
        )
        if units[0].pk is None:  # a backend that does not return keys
            by_code = dict(
                model.objects.filter(code__in=[u.code for u in units]).values_list("code", "pk")
            )
            for unit in units:
                unit.pk = by_code[unit.code]
        for unit, parent in zip(units, owners, strict=True):
            unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
            unit.depth = parent.depth + 1 if parent else 0
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {model._meta.db_table} SET path = %s, depth = %s WHERE id = %s",
                [(unit.path, unit.depth, unit.pk) for unit in units],
            )
        made.extend(units)
    return made


def create_user():
    from ttdn.org.models import User

    return User.objects.create_user(username="bench", email="bench@example.invalid")


def create_form(owner, by):
    """40 indicators: 30 sums, 2 averages, 2 minimums, 2 maximums, 2 yes/no, a choice and a
    narrative, built as people build them (services.add_indicator)."""
    from ttdn.reports import services
    from ttdn.reports.enums import Aggregation, IndicatorKind

    k, a = IndicatorKind, Aggregation
    form = services.create_form(owner, code="bench-quy", name="Báo cáo TTĐN hằng quý", by=by)
    kinds = (
        [(k.INTEGER, a.SUM)] * 30
        + [(k.PERCENTAGE, a.AVERAGE)] * 2
        + [(k.DECIMAL, a.MIN)] * 2
        + [(k.INTEGER, a.MAX)] * 2
        + [(k.YES_NO, a.COUNT_YES)] * 2
        + [(k.CHOICE, a.NONE), (k.NARRATIVE, a.NONE)]
    )
    for n, (kind, aggregation) in enumerate(kinds, start=1):
        extra = {"choices": ["Tốt", "Khá", "Đạt"]} if kind == k.CHOICE else {}
        services.add_indicator(
            form,
            section="I. Số liệu" if n <= 38 else "II. Đánh giá",
            code=f"C{n:02}",
            name=f"Chỉ tiêu {n:02}",
            kind=kind,
            aggregation=aggregation,
            by=by,
            **extra,
        )
    return form


def open_round(owner, by, form, number: int):
    """The ministry asks every school for quarter `number` of 2026 (services.open_round)."""
    from ttdn.org.enums import UnitLevel
    from ttdn.reports import services
    from ttdn.reports.enums import PeriodKind
    from ttdn.reports.periods import Period

    period = Period(PeriodKind.QUARTER, 2026, number)
    return services.open_round(
        owner,
        form_version=services.latest_version(form),
        period=period,
        window=period.default_submission_window(),
        by=by,
        levels=[UnitLevel.SCHOOL],
    )


def load_values(round_, rng: random.Random) -> int:
    """Every school's 40 values, written straight to the table (COPY on PostgreSQL,
    executemany on SQLite): the ORM would spend minutes building objects for 1.9 million rows."""
    from django.db import connection, transaction

    from ttdn.reports.enums import IndicatorKind
    from ttdn.reports.models import Submission

    indicators = [(i.pk, i.kind) for i in round_.form_version.indicators.all()]
    # Read before writing: the COPY holds the connection until it ends.
    submissions = list(Submission.objects.filter(round=round_).values_list("pk", flat=True))

    def number(kind: str) -> str:
        if kind == IndicatorKind.YES_NO:
            return str(int(rng.random() < 0.6))
        if kind == IndicatorKind.PERCENTAGE:
            return str(rng.randint(0, 100))
        if kind == IndicatorKind.DECIMAL:
            return str(Decimal(rng.randint(0, 100)) / 10)
        return str(rng.randint(0, 40))

    def rows():
        for submission_id in submissions:
            for pk, kind in indicators:
                if kind == IndicatorKind.CHOICE:
                    yield (submission_id, pk, None, "Khá", "")
                elif kind == IndicatorKind.NARRATIVE:
                    text = f"Đã đăng tin bài và tổ chức tập huấn (đơn vị {submission_id})."
                    yield (submission_id, pk, None, text, "")
                else:
                    yield (submission_id, pk, number(kind), "", "")

    columns = "submission_id, indicator_id, number, text, override_reason"
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY reports_value ({columns}) FROM STDIN") as copy:
                for row in rows():
                    copy.write_row(row)
                    written += 1
            return written
        batch: list[tuple] = []
        insert = f"INSERT INTO reports_value ({columns}) VALUES (%s, %s, %s, %s, %s)"
        for row in rows():
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(insert, batch)
                written, batch = written + len(batch), []
        cursor.executemany(insert, batch)
    return written + len(batch)


def set_statuses(round_, rng: random.Random) -> None:
    """Most schools approved (some of them late), some submitted and waiting, some returned,
    some still in draft."""
    from django.utils import timezone

    from ttdn.reports.enums import SubmissionStatus
    from ttdn.reports.models import Submission

    due = timezone.make_aware(datetime.datetime.combine(round_.due_on, datetime.time(9)))
    early, late = due - datetime.timedelta(days=2), due + datetime.timedelta(days=3)
    groups: dict[str, list[int]] = {}
    for pk in Submission.objects.filter(round=round_).values_list("pk", flat=True):
        draw = rng.random()
        kind = (
            "approved"
            if draw < 0.75
            else "approved_late"
            if draw < 0.85
            else "submitted"
            if draw < 0.90
            else "returned"
            if draw < 0.93
            else "draft"
        )
        groups.setdefault(kind, []).append(pk)
    changes = {
        "approved": {
            "status": SubmissionStatus.APPROVED,
            "first_submitted_at": early,
            "submitted_at": early,
            "approved_at": due,
        },
        "approved_late": {
            "status": SubmissionStatus.APPROVED,
            "first_submitted_at": late,
            "submitted_at": late,
            "approved_at": late,
        },
        "submitted": {
            "status": SubmissionStatus.SUBMITTED,
            "first_submitted_at": early,
            "submitted_at": early,
        },
        "returned": {
            "status": SubmissionStatus.RETURNED,
            "first_submitted_at": early,
            "submitted_at": early,
            "return_message": "Đề nghị bổ sung số liệu.",
        },
    }
    for kind, fields in changes.items():
        pks = groups.get(kind, [])
        for start in range(0, len(pks), 5000):
            Submission.objects.filter(pk__in=pks[start : start + 5000]).update(**fields)


def rebuild(round_) -> int:
    from django.db import transaction

    from ttdn.reports import rollups

    with transaction.atomic():
        return rollups.rebuild(round_)


def analyze(connection) -> None:
    """Statistics for the planner, as autovacuum (or a routine ANALYZE) would leave them."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- Measuring --------------------------------------------------------------------------------


def paired(ours, reference) -> tuple[float, float]:
    """Medians (ms) of RUNS runs of `ours` and of `reference` after a warm-up of each, run one
    after the other so that a busy moment of the machine falls on both."""
    ours()
    if reference:
        reference()
    mine, theirs = [], []
    for _ in range(RUNS):
        mine.append(timed(ours))
        if reference:
            theirs.append(timed(reference))
    return statistics.median(mine), statistics.median(theirs) if theirs else float("nan")


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def byte_range(path: str) -> tuple[str, str]:
    """The subtree of `path` as the range of paths compared byte by byte, as `path__under`
    (ttdn/core/lookups.py) gives it to the app: ["/1/5/", "/1/50")."""
    return path, path[:-1] + chr(ord("/") + 1)


def percentile(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def plain_sum(connection, round_, path: str) -> list:
    """The reference: the approved numbers of the subtree, summed per indicator in SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT v.indicator_id, SUM(v.number), COUNT(*) FROM reports_value v "
            "JOIN reports_submission s ON s.id = v.submission_id "
            "WHERE s.round_id = %s AND s.status = 'approved' AND s.path >= %s AND s.path < %s "
            "AND v.number IS NOT NULL GROUP BY v.indicator_id",
            [round_.pk, *byte_range(path)],
        )
        return cursor.fetchall()


def plain_completeness(connection, round_, root) -> list:
    """The reference: expected, submitted, on time, approved and returned per province in SQL."""
    if connection.vendor == "postgresql":
        child = "split_part(s.path, '/', 3)"
    else:
        rest = f"substr(s.path, {len(root.path) + 1})"
        child = f"substr({rest}, 1, instr({rest}, '/') - 1)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {child}, COUNT(*), COUNT(s.first_submitted_at), "
            "SUM(CASE WHEN s.first_submitted_at < %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN s.status = 'approved' THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN s.status = 'returned' THEN 1 ELSE 0 END) "
            "FROM reports_submission s WHERE s.round_id = %s AND s.path >= %s AND s.path < %s "
            f"AND s.unit_id <> %s GROUP BY {child}",
            [
                round_.due_on + datetime.timedelta(days=1),
                round_.pk,
                *byte_range(root.path),
                root.pk,
            ],
        )
        return cursor.fetchall()


def time_writes(round_, by, rng: random.Random) -> dict[str, tuple[list[float], list[float]]]:
    """Milliseconds per call of the writes that keep the pre-computed tables, on WRITES draft
    reports, beside the same calls on other draft reports with the roll-up and tally work
    switched off (rollups.apply and rollups.shift_tallies made no-ops): the reference. Each
    report goes draft → saved → submitted → returned → submitted → approved → saved again in
    a granted window (an approved report's change moves its roll-ups). Runs alternate, so a
    busy moment falls on both. The round's roll-ups are rebuilt afterwards."""
    from unittest import mock

    from django.utils import timezone

    from ttdn.reports import rollups, services
    from ttdn.reports.enums import IndicatorKind, SubmissionStatus
    from ttdn.reports.models import Submission

    drafts = list(
        Submission.objects.filter(round=round_, status=SubmissionStatus.DRAFT)
        .order_by("pk")
        .values_list("pk", flat=True)[: 2 * WRITES]
    )
    if len(drafts) < 2:
        raise SystemExit("too few draft reports to time the writes: give more --units")
    half = len(drafts) // 2
    numeric = [
        i.code
        for i in round_.form_version.indicators.all()
        if i.kind in (IndicatorKind.INTEGER,) and i.rolls_up
    ]
    names = [
        "save_values",
        "submit",
        "return",
        "approve",
        "save_values (approved, window open)",
    ]
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in names}

    yes_no = {
        i.code for i in round_.form_version.indicators.all() if i.kind == IndicatorKind.YES_NO
    }

    def form(submission) -> dict[str, object]:
        """What the form posts: every value as it stands, three numbers changed."""
        values: dict[str, object] = {
            code: clean.text
            if clean.number is None
            else bool(clean.number)
            if code in yes_no
            else str(clean.number)
            for code, clean in services.current_values(submission).items()
        }
        for code in rng.sample(numeric, 3):
            values[code] = str(rng.randint(0, 40))
        return values

    def window(pk: int) -> None:
        Submission.objects.filter(pk=pk).update(
            unlocked_until=timezone.now() + datetime.timedelta(days=1)
        )

    def cycle(pk: int, side: int) -> None:
        def timed_call(name: str, call) -> None:
            started = time.perf_counter()
            call()
            times[name][side].append((time.perf_counter() - started) * 1000)

        window(pk)
        submission = Submission.objects.get(pk=pk)
        raw = form(submission)
        timed_call("save_values", lambda: services.save_values(submission, raw, by=by))
        timed_call("submit", lambda: services.submit_submission(submission, by=by))
        timed_call(
            "return",
            lambda: services.return_submission(submission, message="Bổ sung số liệu.", by=by),
        )
        window(pk)
        services.submit_submission(submission, by=by)
        timed_call("approve", lambda: services.approve_submission(submission, by=by))
        window(pk)
        raw = form(Submission.objects.get(pk=pk))
        timed_call(
            "save_values (approved, window open)",
            lambda: services.save_values(Submission.objects.get(pk=pk), raw, by=by),
        )

    for ours, reference in zip(drafts[:half], drafts[half : 2 * half], strict=True):
        cycle(ours, 0)
        with (
            mock.patch.object(rollups, "apply", lambda *a, **k: None),
            mock.patch.object(rollups, "shift_tallies", lambda *a, **k: None),
        ):
            cycle(reference, 1)
    rebuild(round_)
    return times


def check_same_totals(round_, province, root) -> None:
    """The app's sums agree with the plain SQL ones (a benchmark of wrong answers is no use)."""
    from django.db import connection

    from ttdn.reports import queries
    from ttdn.reports.enums import Aggregation

    for unit in (province, root):
        result = queries.consolidation(round_, unit)
        ours = {
            r.indicator.pk: r.total
            for r in result.rows
            if r.indicator.aggregation == Aggregation.SUM
        }
        plain = {pk: total for pk, total, _count in plain_sum(connection, round_, unit.path)}
        wrong = [pk for pk, total in ours.items() if Decimal(str(plain.get(pk, 0))) != total]
        if wrong:
            raise SystemExit(f"{unit}: the consolidation's sums differ from SQL for {wrong}")


def where_the_time_goes(round_, unit, label: str) -> None:
    """The parts of queries.consolidation, each timed alone (medians), and its SQL queries."""
    from django.db import connection
    from django.db.models import Count, Q, Sum
    from django.test.utils import CaptureQueriesContext

    from ttdn.reports import queries
    from ttdn.reports.enums import Basis, SubmissionStatus
    from ttdn.reports.models import ReportCount, RollUp, Submission
    from ttdn.reports.queries import figures

    basis = Basis.APPROVED
    indicators = list(round_.form_version.indicators.select_related("section"))
    numeric = [i for i in indicators if i.rolls_up]
    path, depth = queries.place_in_round(round_, unit)

    def contributing():
        return Submission.objects.filter(
            round=round_, status__in=[SubmissionStatus.APPROVED]
        ).contributing_to(unit.pk, path, depth)

    parts = [
        (
            "own roll-ups (totals, by level)",
            lambda: figures._cells(
                RollUp.objects.filter(round=round_, unit=unit, basis=basis), by_level=True
            ),
        ),
        ("children (reports + roll-ups)", lambda: figures._children(round_, unit, basis, numeric)),
        (
            f"narratives (first {queries.NARRATIVES_SHOWN} of each)",
            lambda: figures._narratives(
                queries.contributing_values(round_, unit, path, depth, basis),
                indicators,
                limit=queries.NARRATIVES_SHOWN,
            ),
        ),
        (
            "reports counted, changed since approval",
            lambda: ReportCount.objects.filter(round=round_, unit=unit, basis=basis).aggregate(
                counted=Sum("reports"), changed=Sum("changed")
            ),
        ),
        (
            "(the same counted from the reports)",
            lambda: contributing().aggregate(
                counted=Count("pk"), changed=Count("pk", filter=Q(changed_after_approval=True))
            ),
        ),
    ]
    with CaptureQueriesContext(connection) as captured:
        queries.consolidation(round_, unit)
    print(f"\nwhere the time of the {label} consolidation goes ({len(captured)} SQL queries):")
    for name, part in parts:
        ms, _ = paired(part, None)
        print(f"  {name:<36}{ms:>12.2f} ms")


def explain(round_, province) -> None:
    """EXPLAIN ANALYZE of each SQL query of a province's consolidation, and whether its plan
    uses an index."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ttdn.reports import queries

    with CaptureQueriesContext(connection) as captured:
        queries.consolidation(round_, province)
    print(f"\nPostgreSQL plans of the {len(captured)} queries of a province's consolidation:")
    indexed = 0
    for n, query in enumerate(captured.captured_queries, start=1):
        sql = query["sql"]
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql)
            plan = [line for (line,) in cursor.fetchall()]
        uses = any("Index" in line for line in plan)
        indexed += uses
        print(f"\n[{n}] {'uses an index' if uses else 'NO INDEX'}, {query['time']} s: {sql[:300]}")
        for line in plan:
            print("    " + line)
    print(f"\n{indexed} of {len(captured)} queries use an index")


if __name__ == "__main__":
    main()
