"""Load on PostgreSQL: a mixed workload against gunicorn, with the task worker running, for a
fixed time; throughput, p50/p95/p99 and errors per kind of request.

    .venv/bin/python bench/load.py                         # 60 s, 20,000 units, 8 clients
    .venv/bin/python bench/load.py --seconds 30 --units 5000
    .venv/bin/python bench/load.py --rate 100               # 100 requests a second, on schedule

It creates a fresh PostgreSQL database on 127.0.0.1:5432 (user postgres) named
ttdn_bench_load_<pid>, dropped at the end (--keep keeps it), migrates it and fills it with the
data builders of bench/reports.py: one ministry, 34 provinces, communes and schools (--units in
all), a 40-indicator form and two quarterly rounds with every school's values, most approved,
the roll-ups rebuilt; and with bench/portal.py's school site (--articles published articles).
One province's officer has an issued plan that asks the province's communes for theirs (the
plan board), and an API token.

Then it serves the product as `ttdn run` does (gunicorn, 2 workers × 4 threads, and
`db_worker`), and --clients threads, each on its own keep-alive connection, send for --seconds:

- public: the school site's articles (at random), its section listing and RSS feed;
- signed_in: the officer's home page ("Việc cần làm"), the plan board, the province's
  consolidation (as the officer, with a session cookie);
- api: the province's consolidation and completeness, one report (as the officer, with a token);
- save: a school's officer storing its report's values through the API (three numbers
  changed; a quarter of them on approved reports in an open window, which move the roll-ups).

Any answer other than 200 is an error (a redirect to the sign-in page is one). It prints the CPU
the server side took per request (gunicorn and the database's PostgreSQL backends, read from
/proc: steadier than the times on a shared machine) and the clients' own, a table per kind and,
last, one JSON line
{"requests", "errors", "rps", "p95_ms_public", "p95_ms_signed_in", "p95_ms_api", "p95_ms_save",
 "server_cpu_ms_per_request", …, "target"}; target MET means no error and the signed-in p95 under 200 ms.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import portal
import reports

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
SIGNED_IN_TARGET_MS = 200.0
ROUNDS = 2
SAVERS = 40  # schools whose reports the "save" requests store
# Share of each kind in the mix (per request drawn).
MIX = {"public": 0.40, "signed_in": 0.35, "api": 0.15, "save": 0.10}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to drive (60)")
    parser.add_argument("--units", type=int, default=20_000, help="units in the sector (20,000)")
    parser.add_argument("--articles", type=int, default=60, help="articles of the site (60)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument(
        "--rate",
        type=float,
        default=0.0,
        help="requests per second offered, all kinds together, on a fixed schedule (0: each "
        "client sends its next request as soon as the last is answered)",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the database and directory")
    parser.add_argument(
        "--reuse",
        type=Path,
        help="the directory a run with --keep left (its database and data): drive again",
    )
    args = parser.parse_args()
    if args.reuse:
        work, saved = args.reuse, json.loads((args.reuse / "plan.json").read_text())
        database, args.units = saved.pop("database"), saved.pop("units")
        args.keep = True
    else:
        work = Path(tempfile.mkdtemp(prefix="ttdn-bench-load-"))
        database = f"ttdn_bench_load_{os.getpid()}"
        reports.pg_admin(f'CREATE DATABASE "{database}"')
    processes: list[subprocess.Popen[bytes]] = []
    try:
        env = environment(work, f"{PG_SERVER}/{database}")
        os.environ.update(env)
        if args.reuse:
            # The code may have moved on since the data was built: migrate, as a deployment does.
            subprocess.run(
                [sys.executable, "-m", "ttdn.manage", "migrate", "--noinput", "--verbosity", "0"],
                env=env, cwd=ROOT, check=True,
            )  # fmt: skip
            plan = Plan(**saved)
        else:
            plan = build(args)
            data = {"database": database, "units": args.units, **plan.__dict__}
            (work / "plan.json").write_text(json.dumps(data))
        port = portal.free_port()
        processes = serve(env, port)
        results = drive(port, plan, args, lambda: server_cpu_seconds(processes[0].pid, database))
        figures = summarise(results, args)
        print(json.dumps(figures))
    finally:
        if processes:
            portal.stop(processes[0])  # gunicorn
            processes[1].kill()  # the task worker: nothing of it is measured
            processes[1].wait()
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if args.keep:
            log(f"kept: the database {database} and {work} (drive again with --reuse {work})")
        else:
            reports.pg_admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            shutil.rmtree(work, ignore_errors=True)


def environment(work: Path, database_url: str) -> dict[str, str]:
    return {
        **portal.environment(work),
        "TTDN_DATABASE_URL": database_url,
        "TTDN_DEBUG": "false",
    }


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --- Building the data -----------------------------------------------------------------------


@dataclass
class Plan:
    """What the clients request: paths, cookies and tokens, and the bodies of the saves."""

    public: list[str]
    signed_in: list[str]
    api: list[str]
    session: str
    token: str
    saves: list[tuple[int, str, dict[str, Any], list[str]]]  # pk, token, values, numeric codes


def build(args: argparse.Namespace) -> Plan:
    started = time.perf_counter()
    site = portal.build(args.articles)  # migrates, collects static files, sets Django up
    log(f"school site with {args.articles} articles in {time.perf_counter() - started:.1f} s")
    from django.db import connection

    rng = random.Random(args.seed)
    step = time.perf_counter()
    root, provinces, counts = reports.create_sector(args.units)
    user = reports.create_user()
    form = reports.create_form(root, user)
    rounds = []
    for number in range(1, ROUNDS + 1):
        round_ = reports.open_round(root, user, form, number)
        reports.load_values(round_, rng)
        reports.set_statuses(round_, rng)
        reports.rebuild(round_)
        rounds.append(round_)
    reports.analyze(connection)
    log(
        f"sector of {args.units:,} units ({counts['school']:,} schools), {ROUNDS} rounds, in "
        f"{time.perf_counter() - step:.1f} s"
    )
    round_ = rounds[-1]
    province = provinces[len(provinces) // 2]
    officer, session, token = officer_of(province)
    plan = issue_plan(province, officer)
    saves = savers(round_, province, rng)
    consolidation = f"/reports/rounds/{round_.pk}/consolidation/?unit={province.code}"
    submission = saves[0][0]
    return Plan(
        public=[*site["articles"], site["listing"], site["rss"]],
        signed_in=["/", f"/plans/{plan.pk}/board/", consolidation],
        api=[
            f"/api/v1/reports/rounds/{round_.pk}/consolidation?unit={province.code}",
            f"/api/v1/reports/rounds/{round_.pk}/completeness?unit={province.code}",
            f"/api/v1/reports/submissions/{submission}",
        ],
        session=session,
        token=token,
        saves=saves,
    )


def officer_of(unit: Any) -> tuple[Any, str, str]:
    """An officer of `unit`, signed in (the session cookie's value) and with an API token."""
    from django.test import Client

    from ttdn.core import services
    from ttdn.org.enums import Role
    from ttdn.org.models import Membership, User

    officer = User.objects.create_user(username=f"officer-{unit.code}".lower())
    Membership.objects.create(user=officer, unit=unit, role=Role.OFFICER)
    client = Client()
    client.force_login(officer)
    _token, key = services.create_token(officer, name="bench", by=officer)
    return officer, client.cookies["sessionid"].value, key


def issue_plan(province: Any, officer: Any) -> Any:
    """The province's issued plan for the year, asking each of its communes for theirs; a third
    of them handed in. Written as plans.services.issue_plan writes it, without the numbered
    document (not what the board reads)."""
    from django.utils import timezone

    from ttdn.org.models import Unit
    from ttdn.plans.enums import PlanStatus, SubmissionStatus
    from ttdn.plans.models import Plan as PlanModel
    from ttdn.plans.models import PlanSubmission

    today = timezone.localdate()
    plan = PlanModel.objects.create(
        unit=province,
        year=today.year,
        title="Kế hoạch công tác thông tin đối ngoại năm học",
        status=PlanStatus.ISSUED,
        issued_on=today,
        submissions_due=today + datetime.timedelta(days=20),
        created_by=officer,
    )
    communes = list(Unit.objects.filter(parent=province).order_by("pk"))
    PlanSubmission.objects.bulk_create(
        PlanSubmission(
            requesting_plan=plan,
            unit=unit,
            unit_name=unit.name,
            unit_level=unit.level,
            parent_name=province.name,
            due=plan.submissions_due,
            status=SubmissionStatus.SUBMITTED if n % 3 == 0 else SubmissionStatus.NOT_STARTED,
        )
        for n, unit in enumerate(communes)
    )
    return plan


def savers(round_: Any, province: Any, rng: random.Random) -> list[tuple[int, str, dict, list]]:
    """SAVERS schools of the province, each with an officer and an API token, and its report
    open until tomorrow: three in four drafts, the rest approved (their saves move the
    roll-ups). With the values each will send (three numbers changed per save)."""
    from django.utils import timezone

    from ttdn.reports import services
    from ttdn.reports.enums import IndicatorKind, SubmissionStatus
    from ttdn.reports.models import Submission

    picked = []
    for status, share in ((SubmissionStatus.DRAFT, 3), (SubmissionStatus.APPROVED, 1)):
        found = Submission.objects.filter(
            round=round_, status=status, path__startswith=province.path
        ).order_by("pk")[: SAVERS * share // 4]
        picked.extend(found)
    Submission.objects.filter(pk__in=[s.pk for s in picked]).update(
        unlocked_until=timezone.now() + datetime.timedelta(days=1)
    )
    indicators = list(round_.form_version.indicators.all())
    yes_no = {i.code for i in indicators if i.kind == IndicatorKind.YES_NO}
    numeric = [i.code for i in indicators if i.kind == IndicatorKind.INTEGER and i.rolls_up]
    found = []
    for submission in picked:
        _officer, _session, token = officer_of(submission.unit)
        values = {
            code: clean.text
            if clean.number is None
            else bool(clean.number)
            if code in yes_no
            else str(clean.number)
            for code, clean in services.current_values(submission).items()
        }
        found.append((submission.pk, token, values, numeric))
    rng.shuffle(found)
    return found


# --- Serving ---------------------------------------------------------------------------------


def serve(env: dict[str, str], port: int) -> list[subprocess.Popen[bytes]]:
    """gunicorn with `ttdn run`'s settings, and the task worker."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "ttdn.manage", "db_worker", "--interval", "1"], env=env, cwd=ROOT
    )
    web = subprocess.Popen(
        [str(BIN / "gunicorn"), "ttdn.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--threads", "4", "--timeout", "60", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 300  # a busy machine takes its time to import Django
    while time.monotonic() < deadline:
        if web.poll() is not None:
            worker.kill()
            raise SystemExit("gunicorn stopped: see its messages above")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            connection.getresponse().read()
            connection.close()
            return [web, worker]
        except OSError:
            time.sleep(0.5)
    for process in (web, worker):
        process.kill()
    raise SystemExit("gunicorn did not start")


# --- Driving ---------------------------------------------------------------------------------


@dataclass
class Results:
    times: dict[str, list[float]] = field(default_factory=dict)  # kind → ms of each success
    errors: dict[str, list[str]] = field(default_factory=dict)  # kind → what went wrong
    by_path: dict[str, list[float]] = field(default_factory=dict)
    seconds: float = 0.0
    client_cpu_s: float = 0.0  # CPU the clients themselves took, on the same machine
    server_cpu_s: float = 0.0  # CPU of gunicorn and of the database's backends
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, label: str, ms: float, error: str) -> None:
        with self.lock:
            self.times.setdefault(kind, [])
            self.errors.setdefault(kind, [])
            if error:
                self.errors[kind].append(error)
            else:
                self.times[kind].append(ms)
                self.by_path.setdefault(label, []).append(ms)


def server_cpu_seconds(web: int, database: str) -> float:
    """CPU the server side has used: gunicorn and its workers, and the PostgreSQL backends of the
    bench's database (kept open between requests: CONN_MAX_AGE). Less sensitive than the times
    to what else the machine runs."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:  # gone meanwhile
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(entry.name) == web or int(fields[1]) == web or f" {database} ".encode() in command:
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def drive(
    port: int, plan: Plan, args: argparse.Namespace, server_cpu: Any = lambda: 0.0
) -> Results:
    results = Results()
    # Warm each path once (imports, caches), outside the measure.
    warm = Client(port, plan, random.Random(0))
    for kind in MIX:
        for _ in range(3):
            warm.request(kind)
    warm.close()
    stop_at = time.perf_counter() + args.seconds
    saves = iter(range(10**9))
    saves_lock = threading.Lock()

    def run(n: int) -> None:
        client = Client(port, plan, random.Random(args.seed + n), saves, saves_lock)
        kinds, weights = list(MIX), list(MIX.values())
        # With --rate, each client's requests are due on a fixed schedule, and a request's time
        # counts from when it was due: a client held up by a slow answer sends late, and that
        # lateness is the waiting a user would have had (no coordinated omission).
        interval = args.clients / args.rate if args.rate else 0.0
        due = time.perf_counter() + interval * n / args.clients
        while (now := time.perf_counter()) < stop_at:
            kind = client.rng.choices(kinds, weights)[0]
            if interval:
                if due > now:
                    time.sleep(due - now)
                results.add(kind, *client.request(kind, due=due))
                due += interval
            else:
                results.add(kind, *client.request(kind))
        client.close()

    log(f"driving {args.clients} clients for {args.seconds:.0f} s")
    started, started_cpu, started_server = time.perf_counter(), time.process_time(), server_cpu()
    threads = [threading.Thread(target=run, args=(n,)) for n in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.seconds = time.perf_counter() - started
    results.client_cpu_s = time.process_time() - started_cpu
    results.server_cpu_s = server_cpu() - started_server
    return results


class Client:
    """One keep-alive connection; requests of each kind as Plan describes them."""

    def __init__(
        self,
        port: int,
        plan: Plan,
        rng: random.Random,
        saves: Any = None,
        saves_lock: threading.Lock | None = None,
    ) -> None:
        self.port, self.plan, self.rng = port, plan, rng
        self.saves = saves or iter(range(10**9))
        self.saves_lock = saves_lock or threading.Lock()
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def close(self) -> None:
        self.connection.close()

    def request(self, kind: str, due: float | None = None) -> tuple[str, float, str]:
        """(label, ms, error) of one request of `kind`; error is "" on a 200. With `due`, the
        time counts from then rather than from sending."""
        headers = {"Host": "127.0.0.1", "Accept-Language": "vi"}
        body = None
        method = "GET"
        if kind == "public":
            path = self.rng.choice(self.plan.public)
            label = "public " + (path if path in self.plan.public[-2:] else "article")
        elif kind == "signed_in":
            path = self.rng.choice(self.plan.signed_in)
            headers["Cookie"] = f"sessionid={self.plan.session}"
            label = "signed_in " + path.split("?")[0]
        elif kind == "api":
            path = self.rng.choice(self.plan.api)
            headers["Authorization"] = f"Bearer {self.plan.token}"
            label = "api " + path.split("?")[0]
        else:
            with self.saves_lock:
                n = next(self.saves)
            pk, token, values, numeric = self.plan.saves[n % len(self.plan.saves)]
            changed = dict(values)
            for code in self.rng.sample(numeric, 3):
                changed[code] = str(self.rng.randint(0, 40))
            path, method = f"/api/v1/reports/submissions/{pk}/values", "PUT"
            body = json.dumps({"values": changed}).encode()
            headers.update({"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            label = "save PUT /api/v1/reports/submissions/…/values"
        started = time.perf_counter() if due is None else due
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            return label, 0.0, f"{type(error).__name__} on {path}"
        ms = (time.perf_counter() - started) * 1000
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return label, ms, "" if status == 200 else f"{status} on {method} {path}"


# --- Reporting -------------------------------------------------------------------------------


def percentile(values: list[float], p: int) -> float:
    return reports.percentile(sorted(values), p) if values else float("nan")


def summarise(results: Results, args: argparse.Namespace) -> dict[str, Any]:
    requests = sum(len(t) for t in results.times.values()) + sum(
        len(e) for e in results.errors.values()
    )
    errors = sum(len(e) for e in results.errors.values())
    print(
        f"\n{requests:,} requests in {results.seconds:.1f} s ({requests / results.seconds:.1f}/s), "
        f"{args.clients} clients{f' offering {args.rate:g}/s' if args.rate else ''}, "
        f"{args.units:,} units, gunicorn 2 workers × 4 threads on PostgreSQL, task worker running; "
        f"the server took {1000 * results.server_cpu_s / max(requests, 1):.1f} ms of CPU a request "
        f"(gunicorn and PostgreSQL), the clients {1000 * results.client_cpu_s / max(requests, 1):.2f}"
    )
    print(f"{'kind':<12}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
          f"{'errors':>8}")  # fmt: skip
    figures: dict[str, Any] = {
        "requests": requests,
        "errors": errors,
        "seconds": round(results.seconds, 1),
        "rps": round(requests / results.seconds, 1),
        "units": args.units,
        "clients": args.clients,
        "offered_rps": args.rate or None,
        "server_cpu_ms_per_request": round(1000 * results.server_cpu_s / max(requests, 1), 2),
        "client_cpu_ms_per_request": round(1000 * results.client_cpu_s / max(requests, 1), 2),
    }
    for kind in MIX:
        times, failed = results.times.get(kind, []), results.errors.get(kind, [])
        rate = (len(times) + len(failed)) / results.seconds
        p50, p95, p99 = (percentile(times, p) for p in (50, 95, 99))
        print(
            f"{kind:<12}{len(times) + len(failed):>10,}{rate:>9.1f}{p50:>9.1f}{p95:>9.1f}"
            f"{p99:>9.1f}{len(failed):>8}"
        )
        figures.update(
            {
                f"rps_{kind}": round(rate, 1),
                f"p50_ms_{kind}": round(p50, 1),
                f"p95_ms_{kind}": round(p95, 1),
                f"p99_ms_{kind}": round(p99, 1),
                f"errors_{kind}": len(failed),
            }
        )
    print("\nby page (p50 / p95 ms, requests):")
    for label, times in sorted(results.by_path.items()):
        print(
            f"  {label:<60}{percentile(times, 50):>8.1f}{percentile(times, 95):>8.1f}"
            f"{len(times):>7}"
        )
    for kind, failed in results.errors.items():
        for error in sorted(set(failed))[:5]:
            print(f"error ({kind}): {error} ×{failed.count(error)}")
    met = errors == 0 and figures["p95_ms_signed_in"] < SIGNED_IN_TARGET_MS
    figures["target"] = "MET" if met else "MISSED"
    print(
        f"target: no error and the signed-in p95 under {SIGNED_IN_TARGET_MS:.0f} ms: "
        f"{figures['target']}"
    )
    return figures


if __name__ == "__main__":
    main()
