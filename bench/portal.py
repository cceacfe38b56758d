"""Benchmark of the public portal beside a Wagtail site of the same shape, both served by
gunicorn in the same run.

    .venv/bin/python bench/portal.py                          # 2,000 articles, 9 rounds of 5 s
    .venv/bin/python bench/portal.py --articles 200 --rounds 3 --seconds 3
    .venv/bin/python bench/portal.py --serve 8100             # build, then leave the site running

It sets Django up on a throw-away directory (TTDN_VAR_DIR, a SQLite database there), builds a
Sở → Phòng → school tree, opens the school's site and fills it with N published articles of
1,500 words, each with a picture stored by the portal (EXIF stripped, renditions made), spread
over four sections, one in five with an attachment, one in seven with a gallery of three
pictures and one in ten translated into English, so the slower paths are measured too.

The reference is built in the same run: a Wagtail site of the same shape (bench/wagtail_site.py:
a news index with the same N articles of 1,500 words and a picture each, a 20-item list and an
RSS feed of 30, as many as the product's), in its own virtual environment under var/bench/wagtail-venv, made on first
use from the package index with the product's own versions of Django, gunicorn and Pillow.
Both are served at once by gunicorn with the same settings (2 workers, 127.0.0.1), the
product with its page cache replaced by a dummy one (every request renders; Wagtail has no
page cache by default), and loaded with wrk (2 threads, 8 connections) in turns: each round
runs every page on the product then on Wagtail, so a busy moment of the shared machine falls
on both. Rates are medians over the rounds; single-request latencies are the medians of 30
sequential requests, in turns too; the CPU time the two workers of each server spent per
request is read from Linux /proc (other processes change it far less than the rates).

Then the cached page: the product as configured (whole pages cached, ttdn.content.cache)
beside two bare Django views behind the product's settings: one answered by a middleware at
the place of the portal's cache middleware (the same early exit a cached page gets: the
reference), and one behind the full middleware stack (for information).

The last line printed is one JSON object with the product's figures ("article_rps",
"random_article_rps", "listing_rps", "rss_rps", "cached_article_rps", "hello_rps",
"article_ms_single", "listing_ms_single"), Wagtail's ("wagtail_article_rps", …,
"wagtail_article_ms_single", "wagtail_listing_ms_single"), the early-exit reference
("early_exit_rps"), the ratios, and "target": MET when article, list and RSS are each at least
3 times Wagtail's rate in this run, else MISSED; "cached_target" compares the cached article
with the early-exit view (at least 60 % of its rate).
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BENCH_DIR = ROOT / "var" / "bench"
WAGTAIL_VENV = BENCH_DIR / "wagtail-venv"
WAGTAIL_VERSION = "8.0.1"
SECTIONS = 4
RATIO_TARGET = 3.0
CACHED_TARGET = 0.6
WORDS_TEXT = (
    "trường học sinh giáo viên hoạt động chuyên đề đổi mới phương pháp dạy học thành tích nổi "
    "bật gương điển hình tiên tiến thi đua khen thưởng năm học kế hoạch thông tin đối ngoại hội "
    "nhập quốc tế giao lưu văn hóa thể thao trải nghiệm sáng tạo chuyển đổi số cơ sở dữ liệu "
    "đào tạo bồi dưỡng nghiệp vụ phong trào dạy tốt học tốt kỷ niệm ngày thành lập"
)
WORDS = WORDS_TEXT.split()


# --- The servers' WSGI applications (gunicorn imports this file as the module "portal") -------


def hello(request: Any) -> Any:
    from django.http import HttpResponse

    return HttpResponse("hello")


urlpatterns: list[Any] = []


class EarlyExit:
    """Answers /hello where the portal's cache middleware answers a cached page: the
    middleware after it (sessions' use, CSRF, sign-in, messages …) never runs."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        if request.path == "/hello":
            return hello(request)
        return self.get_response(request)


def early_exit_wsgi() -> Any:
    """The product's settings and middleware, with EarlyExit in the place of the portal cache."""
    import django
    from django.conf import settings

    django.setup()
    settings.MIDDLEWARE = [
        "portal.EarlyExit" if name.endswith("PortalCacheMiddleware") else name
        for name in settings.MIDDLEWARE
    ]
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def site_wsgi(cached: bool = True) -> Any:
    """The product; without the portal's cache when `cached` is false."""
    import django
    from django.conf import settings

    django.setup()
    if not cached:
        settings.CACHES["portal"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def hello_wsgi() -> Any:
    """A bare Django view behind the product's settings and middleware."""
    import django
    from django.conf import settings
    from django.urls import path

    django.setup()
    urlpatterns.append(path("hello", hello))
    settings.ROOT_URLCONF = "portal"
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


# --- Building the site -------------------------------------------------------------------------


def environment(var_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TTDN_VAR_DIR": str(var_dir),
        "TTDN_SECRET_KEY": "bench-only-secret-key-that-is-long-enough-for-django-checks",
        "TTDN_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TTDN_HTTPS": "false",
        "TTDN_LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "ttdn.settings",
    }


def picture(n: int) -> bytes:
    from PIL import Image as Pillow

    out = io.BytesIO()
    Pillow.new("RGB", (640, 400), (n * 37 % 255, n * 91 % 255, 160)).save(out, format="JPEG")
    return out.getvalue()


def build(count: int) -> dict[str, Any]:
    """Migrate, make the unit tree and the school's site with `count` published articles."""
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.utils import timezone

    from ttdn.content import services, storage
    from ttdn.content.enums import ArticleStatus
    from ttdn.content.models import Article, Image
    from ttdn.core import search
    from ttdn.org import services as org
    from ttdn.org.enums import Role, UnitKind
    from ttdn.org.models import Membership, User

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    so = org.create_unit(code="SGD", name="Sở GDĐT Bench", kind=UnitKind.DEPARTMENT, by=None)
    phong = org.create_unit(
        code="PGD", name="Phòng GDĐT Bench", kind=UnitKind.DISTRICT_OFFICE, parent=so, by=None
    )
    school = org.create_unit(
        code="THCS", name="Trường THCS Bench", kind=UnitKind.LOWER_SECONDARY, parent=phong, by=None
    )
    editor = User.objects.create(username="bench-editor")
    Membership.objects.create(user=editor, unit=school, role=Role.EDITOR)
    site = services.open_site(school)
    site.languages = ["en"]
    site.save(update_fields=["languages"])
    section = site.sections.get(slug="tin-tuc-hoat-dong")
    titles = ("Thông báo", "Gương điển hình", "Hợp tác quốc tế")[: SECTIONS - 1]
    sections = [section, *(services.create_section(site, title=t, by=editor) for t in titles)]
    rng = random.Random(9)
    now = timezone.now()
    articles = []
    for n in range(count):
        image = services.add_image(
            site,
            upload=SimpleUploadedFile(f"a{n}.jpg", picture(n)),
            alt=f"Ảnh hoạt động {n}",
            by=editor,
        )
        paragraphs = [" ".join(rng.choices(WORDS, k=150)).capitalize() + "." for _ in range(10)]
        articles.append(
            Article(
                site=site,
                section=sections[n % len(sections)],
                title=f"Hoạt động chuyên môn số {n} của nhà trường",
                slug=f"hoat-dong-chuyen-mon-so-{n}",
                summary=paragraphs[0][:300],
                body="".join(f"<p>{p}</p>" for p in paragraphs),
                cover=image,
                author=editor,
                status=ArticleStatus.DRAFT,  # published below, once its media are on
                published_at=now - datetime.timedelta(minutes=n),
            )
        )
    Article.objects.bulk_create(articles, batch_size=500)
    articles = list(Article.objects.filter(site=site).order_by("pk"))
    translations = [
        Article(
            site=site,
            section=source.section,
            language="en",
            translation_of=source,
            title=f"School activity number {n}",
            slug=f"school-activity-{n}",
            summary=source.summary,
            body=source.body,
            cover=source.cover,
            author=editor,
            status=ArticleStatus.DRAFT,  # published below, once its media are on
            published_at=source.published_at,
        )
        for n, source in enumerate(articles)
        if n % 10 == 0
    ]
    Article.objects.bulk_create(translations, batch_size=500)
    for n, article in enumerate(articles):
        if n % 5 == 0:
            services.attach_file(
                article,
                upload=SimpleUploadedFile(f"ke-hoach-{n}.pdf", b"%PDF-1.7\n" + b"0" * 20_000),
                by=editor,
            )
        if n % 7 == 0:
            for m in range(3):
                services.add_to_gallery(
                    article,
                    upload=SimpleUploadedFile(f"g{n}-{m}.jpg", picture(n + m + 1)),
                    alt=f"Ảnh {m + 1} của hoạt động {n}",
                    by=editor,
                )
    Article.objects.filter(site=site).update(status=ArticleStatus.PUBLISHED)
    storage.sync(Image.objects.filter(site=site))  # covers of published articles get renditions
    search.rebuild(Article)
    live = list(Article.objects.live().filter(site=site).select_related("site__unit"))
    plain = count // 2  # the "article" figure: one without attachment, gallery or translation
    while plain % 5 == 0 or plain % 7 == 0:
        plain += 1
    return {
        "article": articles[min(plain, count - 1)].get_absolute_url(),
        "articles": [a.get_absolute_url() for a in live],
        "listing": f"/{school.slug}/chuyen-muc/{section.slug}/",
        "rss": f"/{school.slug}/rss.xml",
    }


# --- Serving and measuring ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(
    app: str, port: int, env: dict[str, str], probe: str = "/healthz"
) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), app, "--chdir", str(Path(__file__).parent), "--pythonpath", str(ROOT),
         "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    return wait_up(process, port, probe, app)


def wait_up(
    process: subprocess.Popen[bytes], port: int, probe: str, app: str
) -> subprocess.Popen[bytes]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{probe}", timeout=2)
            return process
        except urllib.error.HTTPError:  # it answers: it is up
            return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit(f"gunicorn {app} did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


# What the two workers spent per request (Linux /proc): a figure that other processes sharing
# the machine's two cores change far less than requests per second.
CPU_MS: dict[str, float] = {}


def workers_cpu(server: subprocess.Popen[bytes]) -> float:
    """User and system CPU seconds of the gunicorn server's workers so far (0 off Linux)."""
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        ticks = 0
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    except OSError:
        return 0.0
    return ticks / os.sysconf("SC_CLK_TCK")


def wrk(
    port: int,
    path: str,
    seconds: int,
    script: Path | None = None,
    *,
    server: subprocess.Popen[bytes] | None = None,
    name: str = "",
) -> float:
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s"]
    if script:
        command += ["-s", str(script)]
    before = workers_cpu(server) if server else 0.0
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    spent = workers_cpu(server) - before if server else 0.0
    line = next(line for line in out.splitlines() if line.startswith("Requests/sec:"))
    done = next((int(x.split()[0]) for x in out.splitlines() if " requests in " in x), 0)
    if name and done and spent:
        CPU_MS[name] = round(spent * 1000 / done, 2)
    return round(float(line.split()[1]), 1)


def single_ms(port: int, path: str, times: int = 30) -> float:
    spent = []
    for _ in range(times):
        start = time.perf_counter()
        urllib.request.urlopen(f"http://127.0.0.1:{port}{path}").read()
        spent.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(spent), 1)


def random_script(script: Path, paths: list[str]) -> Path:
    quoted = ",".join(json.dumps(p) for p in paths)
    script.write_text(
        f"local paths = {{{quoted}}}\n"
        "request = function() return wrk.format('GET', paths[math.random(#paths)]) end\n"
    )
    return script


def wagtail_python() -> Path:
    """The Python of the Wagtail reference's virtual environment (var/bench/wagtail-venv),
    made on first use from the package index, with the product's versions of Django, gunicorn
    and Pillow so that only the application differs."""
    from importlib.metadata import version

    python = WAGTAIL_VENV / "bin" / "python"
    pins = [
        f"wagtail=={WAGTAIL_VERSION}",
        *(f"{name}=={version(name)}" for name in ("Django", "gunicorn", "pillow")),
    ]
    stamp = WAGTAIL_VENV / "bench-pins.txt"
    if python.exists() and stamp.exists() and stamp.read_text() == "\n".join(pins):
        return python
    print(f"installing the Wagtail reference in {WAGTAIL_VENV}: {' '.join(pins)}", file=sys.stderr)
    shutil.rmtree(WAGTAIL_VENV, ignore_errors=True)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(WAGTAIL_VENV)], check=True)
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", *pins], capture_output=True, text=True
    )
    if installed.returncode:
        raise SystemExit(f"installing Wagtail failed:\n{installed.stderr[-3000:]}")
    stamp.write_text("\n".join(pins))
    return python


def build_wagtail(count: int, directory: Path) -> dict[str, Any]:
    """Write the Wagtail project into `directory` and build its `count` articles there."""
    import wagtail_site

    from ttdn.content.feeds import FEED_SIZE

    assert wagtail_site.FEED_SIZE == FEED_SIZE, "both feeds must list as many articles"
    python = wagtail_python()
    wagtail_site.write(directory)
    out = subprocess.run(
        [str(python), "build.py", str(count), WORDS_TEXT],
        cwd=directory,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "wtsite.settings",
            "PYTHONPATH": str(directory),
        },
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit(f"building the Wagtail site failed:\n{out.stderr[-3000:]}")
    urls: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return urls


def serve_wagtail(directory: Path, port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [str(WAGTAIL_VENV / "bin" / "gunicorn"), "wtsite.wsgi", "--chdir", str(directory),
         "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "wtsite.settings"},
    )  # fmt: skip
    return wait_up(process, port, "/tin-tuc/", "wtsite.wsgi")


PAGES = ("article", "random_article", "listing", "rss")


def measure(
    urls: dict[str, Any],
    wagtail_urls: dict[str, Any],
    wagtail_dir: Path,
    env: dict[str, str],
    rounds: int,
    seconds: int,
    var_dir: Path,
) -> dict[str, Any]:
    product_port, wagtail_port = free_port(), free_port()
    product = serve("portal:site_wsgi(False)", product_port, env)
    try:
        wagtail = serve_wagtail(wagtail_dir, wagtail_port)
    except BaseException:
        stop(product)
        raise
    sides = {
        "": (product, product_port, urls, random_script(var_dir / "product.lua", urls["articles"])),
        "wagtail_": (
            wagtail,
            wagtail_port,
            wagtail_urls,
            random_script(var_dir / "wagtail.lua", wagtail_urls["articles"]),
        ),
    }
    rates: dict[str, list[float]] = {}
    try:
        for _, port, site, _ in sides.values():
            for path in (site["article"], site["listing"], site["rss"]):
                single_ms(port, path, times=3)  # warm both workers
        for _ in range(rounds):
            for page in PAGES:
                for prefix, (server, port, site, script) in sides.items():
                    path = "/" if page == "random_article" else site[page]
                    rate = wrk(
                        port,
                        path,
                        seconds,
                        script if page == "random_article" else None,
                        server=server,
                        name=f"{prefix}{page}_rps",
                    )
                    rates.setdefault(f"{prefix}{page}_rps", []).append(rate)
        figures: dict[str, Any] = {name: statistics.median(r) for name, r in rates.items()}
        for page in ("article", "listing"):
            single: dict[str, list[float]] = {}
            for _ in range(3):
                for prefix, (_, port, site, _) in sides.items():
                    single.setdefault(prefix, []).append(single_ms(port, site[page], times=10))
            for prefix, values in single.items():
                figures[f"{prefix}{page}_ms_single"] = round(statistics.median(values), 1)
    finally:
        stop(product)
        stop(wagtail)
    cached = serve("portal:site_wsgi(True)", product_port, env)
    try:
        single_ms(product_port, urls["article"], times=3)
        figures["cached_article_rps"] = wrk(
            product_port, urls["article"], seconds, server=cached, name="cached_article_rps"
        )
    finally:
        stop(cached)
    for name, app in (
        ("early_exit_rps", "portal:early_exit_wsgi()"),
        ("hello_rps", "portal:hello_wsgi()"),
    ):
        bare = serve(app, product_port, env, probe="/hello")
        try:
            single_ms(product_port, "/hello", times=3)
            figures[name] = wrk(product_port, "/hello", seconds, server=bare, name=name)
        finally:
            stop(bare)
    return figures


def report(figures: dict[str, Any]) -> dict[str, Any]:
    """Each figure beside Wagtail's, measured in this run, with the ratio and its target; the
    verdicts (MET/MISSED) come from these ratios only."""
    verdicts: dict[str, Any] = {}
    print(f"{'':>22} {'TTĐN':>10} {'Wagtail':>10} {'ratio':>7}   workers' CPU ms/request")
    for page, label in (
        ("article", "uncached article"),
        ("random_article", "random article"),
        ("listing", "20-item section list"),
        ("rss", "RSS"),
    ):
        ours, theirs = figures[f"{page}_rps"], figures[f"wagtail_{page}_rps"]
        ratio = ours / theirs if theirs else 0.0
        verdicts[f"{page}_ratio"] = round(ratio, 2)
        cpu = f"{CPU_MS.get(f'{page}_rps', 0):.2f} vs {CPU_MS.get(f'wagtail_{page}_rps', 0):.2f}"
        print(f"{label + ' (req/s)':>22} {ours:>10.1f} {theirs:>10.1f} {ratio:>6.2f}×   {cpu}")
    for page, label in (("article", "one article"), ("listing", "one list")):
        ours, theirs = figures[f"{page}_ms_single"], figures[f"wagtail_{page}_ms_single"]
        ratio = theirs / ours if ours else 0.0
        verdicts[f"{page}_single_ratio"] = round(ratio, 2)
        print(f"{label + ' (ms)':>22} {ours:>10.1f} {theirs:>10.1f} {ratio:>6.2f}×")
    met = all(verdicts[f"{page}_ratio"] >= RATIO_TARGET for page in ("article", "listing", "rss"))
    verdicts["target"] = "MET" if met else "MISSED"
    print(
        f"target: article, list and RSS each at least {RATIO_TARGET:g}× Wagtail's rate: "
        f"{verdicts['target']}"
    )
    cached_ratio = figures["cached_article_rps"] / figures["early_exit_rps"]
    verdicts["cached_ratio"] = round(cached_ratio, 2)
    verdicts["cached_target"] = "MET" if cached_ratio >= CACHED_TARGET else "MISSED"
    print(
        f"{'cached article':>22} {figures['cached_article_rps']:>10.1f} req/s, "
        f"{cached_ratio:.2f}× the early-exit view's {figures['early_exit_rps']:.1f} "
        f"(target {CACHED_TARGET:g}×): {verdicts['cached_target']}"
    )
    print(
        f"{'hello, full stack':>22} {figures['hello_rps']:>10.1f} req/s (for information: every "
        "middleware runs)"
    )
    return verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=9, help="turns of every page on both sites")
    parser.add_argument("--seconds", type=int, default=5, help="seconds of wrk per page and turn")
    parser.add_argument("--serve", type=int, metavar="PORT", help="build, then serve until Ctrl-C")
    args = parser.parse_args()
    if shutil.which("wrk") is None and not args.serve:
        raise SystemExit(
            "bench/portal.py measures with wrk, which is not installed: apt-get install wrk"
        )
    var_dir = Path(tempfile.mkdtemp(prefix="ttdn-bench-portal-"))
    env = environment(var_dir)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(Path(__file__).parent))
    try:
        start = time.monotonic()
        urls = build(args.articles)
        print(
            f"built {args.articles} articles in {time.monotonic() - start:.0f} s", file=sys.stderr
        )
        if args.serve:
            server = serve("portal:site_wsgi(True)", args.serve, env)
            print(
                f"serving http://127.0.0.1:{args.serve}{urls['listing']} — Ctrl-C stops",
                file=sys.stderr,
            )
            try:
                server.wait()
            except KeyboardInterrupt:
                stop(server)
            return
        start = time.monotonic()
        wagtail_dir = var_dir / "wagtail"
        wagtail_urls = build_wagtail(args.articles, wagtail_dir)
        print(f"built the Wagtail site in {time.monotonic() - start:.0f} s", file=sys.stderr)
        figures = measure(urls, wagtail_urls, wagtail_dir, env, args.rounds, args.seconds, var_dir)
        print(
            f"\n{args.articles:,} articles on both sites; rates: medians of {args.rounds} turns "
            f"of {args.seconds} s (wrk, 2 threads, 8 connections)"
        )
        verdicts = report(figures)
        keys = (
            "article_rps", "random_article_rps", "listing_rps", "rss_rps", "cached_article_rps",
            "hello_rps", "article_ms_single", "listing_ms_single", "wagtail_article_rps",
            "wagtail_random_article_rps", "wagtail_listing_rps", "wagtail_rss_rps",
            "wagtail_article_ms_single", "wagtail_listing_ms_single", "early_exit_rps",
        )  # fmt: skip
        print(
            json.dumps(
                {
                    "articles": args.articles,
                    **{key: figures[key] for key in keys},
                    **{f"cpu_ms_{key}": value for key, value in CPU_MS.items()},
                    **verdicts,
                }
            )
        )
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
