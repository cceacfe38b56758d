"""Benchmark of the public portal: a school site of many long articles served by gunicorn.

    .venv/bin/python bench/portal.py                          # 2,000 articles, 10 s per figure
    .venv/bin/python bench/portal.py --articles 200 --seconds 3
    .venv/bin/python bench/portal.py --serve 8100             # build, then leave the site running

It sets Django up on a throw-away directory (TTDN_VAR_DIR, a SQLite database there), builds a
Sở → Phòng → school tree, opens the school's site and fills it with N published articles of
1,500 words, each with a picture stored by the portal (EXIF stripped, renditions made). Then it
starts gunicorn (2 workers) on 127.0.0.1 three times, one after the other:

- the product with the portal's page cache replaced by a dummy one (every request renders);
- the product as configured (whole pages cached, ttdn.content.cache);
- a bare Django "hello" view with the same settings and middleware: the reference for caching.

and loads each with wrk (Debian's `wrk`: apt-get install wrk), 2 threads and 8 connections:
an article page, a random article (a wrk Lua script picks one of all the articles), a section
list of 20 items, the site's RSS, the cached article and hello. Single-request latencies are the
median of 30 sequential requests to the uncached server. Each figure is printed with its
ratio to the reference (the Wagtail site measured on this machine, issue 9; the hello view for
the cached page), the target (3× Wagtail; 60 % of hello) and whether it is met, and with the
CPU time the two workers spent per request (Linux): other processes on the machine lower the
requests per second far more than they change that.

The last line printed is one JSON object:
{"article_rps", "random_article_rps", "listing_rps", "rss_rps", "cached_article_rps",
 "hello_rps", "article_ms_single", "listing_ms_single"}.
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
WAGTAIL = {
    "article_rps": 121,
    "listing_rps": 57,
    "rss_rps": 196,
    "article_ms": 22,
    "listing_ms": 40,
}
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
    section = site.sections.get(slug="tin-tuc-hoat-dong")
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
                section=section,
                title=f"Hoạt động chuyên môn số {n} của nhà trường",
                slug=f"hoat-dong-chuyen-mon-so-{n}",
                summary=paragraphs[0][:300],
                body="".join(f"<p>{p}</p>" for p in paragraphs),
                cover=image,
                author=editor,
                status=ArticleStatus.PUBLISHED,
                published_at=now - datetime.timedelta(minutes=n),
            )
        )
    Article.objects.bulk_create(articles, batch_size=500)
    storage.sync(Image.objects.filter(site=site))  # covers of published articles get renditions
    search.rebuild(Article)
    live = list(Article.objects.live().filter(site=site).select_related("site__unit"))
    return {
        "article": live[len(live) // 2].get_absolute_url(),
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


def random_script(directory: Path, paths: list[str]) -> Path:
    script = directory / "random.lua"
    quoted = ",".join(json.dumps(p) for p in paths)
    script.write_text(
        f"local paths = {{{quoted}}}\n"
        "request = function() return wrk.format('GET', paths[math.random(#paths)]) end\n"
    )
    return script


def measure(
    urls: dict[str, Any], env: dict[str, str], seconds: int, var_dir: Path
) -> dict[str, float]:
    port = free_port()
    plain = serve("portal:site_wsgi(False)", port, env)
    try:
        for path in (urls["article"], urls["listing"], urls["rss"]):
            single_ms(port, path, times=3)  # warm both workers
        script = random_script(var_dir, urls["articles"])
        figures = {
            "article_rps": wrk(port, urls["article"], seconds, server=plain, name="article_rps"),
            "random_article_rps": wrk(
                port, "/", seconds, script, server=plain, name="random_article_rps"
            ),
            "listing_rps": wrk(port, urls["listing"], seconds, server=plain, name="listing_rps"),
            "rss_rps": wrk(port, urls["rss"], seconds, server=plain, name="rss_rps"),
            "article_ms_single": single_ms(port, urls["article"]),
            "listing_ms_single": single_ms(port, urls["listing"]),
        }
    finally:
        stop(plain)
    cached = serve("portal:site_wsgi(True)", port, env)
    try:
        single_ms(port, urls["article"], times=3)
        figures["cached_article_rps"] = wrk(
            port, urls["article"], seconds, server=cached, name="cached_article_rps"
        )
    finally:
        stop(cached)
    bare = serve("portal:hello_wsgi()", port, env, probe="/hello")
    try:
        single_ms(port, "/hello", times=3)
        figures["hello_rps"] = wrk(port, "/hello", seconds, server=bare, name="hello_rps")
    finally:
        stop(bare)
    return figures


def report(figures: dict[str, float]) -> None:
    """Each figure beside its reference and target (issue 9): 3× Wagtail, 60 % of hello."""
    rows = [
        ("article_rps", "uncached article", "req/s", WAGTAIL["article_rps"], "Wagtail"),
        ("random_article_rps", "random article", "req/s", WAGTAIL["article_rps"], "Wagtail"),
        ("listing_rps", "20-item section list", "req/s", WAGTAIL["listing_rps"], "Wagtail"),
        ("rss_rps", "RSS", "req/s", WAGTAIL["rss_rps"], "Wagtail"),
        ("article_ms_single", "one article request", "ms", WAGTAIL["article_ms"], "Wagtail"),
        ("listing_ms_single", "one list request", "ms", WAGTAIL["listing_ms"], "Wagtail"),
        ("cached_article_rps", "cached article", "req/s", figures["hello_rps"], "hello"),
    ]
    for name, label, unit, reference, of in rows:
        value = figures[name]
        if unit == "ms":  # lower is better: how many times faster
            ratio, target = (reference / value if value else 0.0), 3.0
            goal = f"≤ {reference / target:.1f} ms"
        else:
            target = 0.6 if of == "hello" else 3.0
            ratio, goal = value / reference, f"≥ {reference * target:.0f} req/s"
        verdict = "met" if ratio >= target else "MISSED"
        cpu = f"  [workers' CPU {CPU_MS[name]} ms/request]" if name in CPU_MS else ""
        print(
            f"{label:>22} {value:>9} {unit:<5} {ratio:5.2f}× {of} (target {target:g}×, {goal})"
            f"  {verdict}{cpu}"
        )
    cpu = f"  [workers' CPU {CPU_MS['hello_rps']} ms/request]" if "hello_rps" in CPU_MS else ""
    print(
        f"{'bare hello view':>22} {figures['hello_rps']:>9} req/s (same settings, middleware){cpu}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=10)
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
        figures = measure(urls, env, args.seconds, var_dir)
        report(figures)
        print(json.dumps({key: figures[key] for key in (
            "article_rps", "random_article_rps", "listing_rps", "rss_rps", "cached_article_rps",
            "hello_rps", "article_ms_single", "listing_ms_single",
        )}))  # fmt: skip
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
