"""Benchmark of the press monitoring pipeline beside its two libraries alone, on the same pages.

    .venv/bin/python bench/monitoring.py                           # 200 feeds × 50 items
    .venv/bin/python bench/monitoring.py --feeds 20 --items 25     # a quick run

It sets Django up on a throw-away directory (SQLite there), starts a web server on 127.0.0.1 (in
another process, as a real site is, serving bytes rendered beforehand) with generated feeds and
article pages (about 40 kB of HTML each, with the menus, related
links and scripts of a real outlet's page), 10 % of the articles near-duplicates of an article
of another feed (new title and lead, a paragraph dropped, a few words changed), in Vietnamese
with tones, Vietnamese without tones, English and French. It creates 1,000 watches (saved
searches with words, phrases, OR and NOT, and unit names), then runs the whole pipeline on one
worker, in this process: `pipeline.fetch_source` for every feed, `pipeline.process_items` for
each feed's new items (fetch, extraction, language, exact and near duplicates, matching, storage).

The references run in the same run on the same bytes, fetched once beforehand:
- `feedparser_items_per_s`: feedparser alone parsing the feeds;
- `trafilatura_pages_per_s`: trafilatura alone extracting the pages, with the options the
  pipeline uses (the least the product needs: text, title and date; no comments, no tables,
  fast mode). Extraction is the bound of the pipeline; the verdict is the ratio
  `items_per_s / trafilatura_pages_per_s` (target ≥ 0.8). trafilatura alone and the pipeline
  take turns a feed at a time, so that the load of a shared machine weighs on both alike; the
  ratio of their CPU times (this process's) is printed beside it.

The press site keeps connections alive, as news sites do; py3langid's model is loaded before
the timing, as a worker loads it once for days of work.

`dedupe_precision` and `dedupe_recall` count pairs of items: a pair put in one story is right
when it was planted as a near-duplicate pair. `watch_match_ms_per_item` is the CPU time (of this
process: on a shared machine the wall time counts the other processes too, and is printed
beside it) to read an item's tokens and match them against the 1,000 watches (target under 1 ms).

The last line printed is one JSON object:
{"items", "items_per_s", "feedparser_items_per_s", "trafilatura_pages_per_s",
 "dedupe_precision", "dedupe_recall", "watch_match_ms_per_item"}.
"""

from __future__ import annotations

import argparse
import cProfile
import html
import itertools
import json
import multiprocessing
import os
import pstats
import random
import shutil
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

_VI_TEXT = (
    "giáo dục đào tạo học sinh giáo viên nhà trường phụ huynh năm học mới khai giảng chương trình "
    "sách giáo khoa kỳ thi tốt nghiệp tuyển sinh lớp mười học phí khoản thu minh bạch chất lượng "
    "đổi mới sáng tạo chuyển đổi số thành phố quận huyện sở phòng ban hội nghị tổng kết báo cáo "
    "đánh giá kiểm tra thanh tra kỷ luật khen thưởng thi đua cơ sở vật chất phòng học bàn ghế "
    "thư viện sân chơi an toàn trường học bạo lực học đường tâm lý tư vấn hướng nghiệp ngoại ngữ "
    "tiếng anh tin học toán văn lịch sử địa lý giáo dục thể chất nghệ thuật kỹ năng sống hoạt động "
    "trải nghiệm câu lạc bộ đội tuyển học sinh giỏi giải nhất giải nhì huy chương quốc tế hợp tác "
    "hữu nghị dân tộc miền núi vùng cao biên giới biển đảo học bổng hỗ trợ khó khăn bữa trưa bán "
    "trú nội trú xe đưa đón mưa bão thiên tai lũ lụt khắc phục hậu quả và của các cho với trong "
    "được đã đang sẽ này theo từ khi tại về những một có không là người cũng như để"
)
VI = _VI_TEXT.split()
_EN_TEXT = (
    "education school students teachers parents year new curriculum exam graduation enrolment fees "
    "quality reform innovation digital city district department ministry report review inspection "
    "award scholarship support safety violence counselling language english mathematics history "
    "sports arts skills club team international cooperation province mountain border rain storm "
    "the of and to in a for on with as by at from that is are was were will be this which"
)
EN = _EN_TEXT.split()
_FR_TEXT = (
    "éducation école élèves enseignants parents année nouvelle programme examen diplôme frais "
    "qualité réforme innovation numérique ville district ministère rapport inspection prix bourse "
    "soutien sécurité violence langue français mathématiques histoire sport arts coopération "
    "province montagne frontière le la les de des du et à en pour sur avec par dans que qui est sont"
)
FR = _FR_TEXT.split()


# Proper names (schools, communes): what watches look for. Each article names one or two.
_SYLLABLES_TEXT = (
    "Phú Lâm Tân Sơn Hòa Bình An Khánh Lạc Hồng Minh Đức Thịnh Vĩnh Phước Long Hải Nam Bắc Trung "
    "Đông Tây Hưng Yên Quang Thành Mỹ Xuân Thu Hạ Ngọc Kim Bảo Gia Thái Cẩm Sa Định Thạnh Lộc Tiến "
    "Hiệp Nghĩa Phong Quý Lợi Hạnh Tâm Trà Vân Lĩnh Cát Hà Giang"
)
SYLLABLES = _SYLLABLES_TEXT.split()
NAMES = [
    f"{kind} {a} {b}"
    for kind in ("Trường", "xã", "phường")
    for a in SYLLABLES
    for b in SYLLABLES
    if a != b
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50, help="items per feed")
    parser.add_argument("--watches", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N",
        help="profile the pipeline (cProfile) and print its N costliest functions",
    )  # fmt: skip
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ttdn-bench-monitoring-"))
    try:
        run(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def setup_django(work: Path) -> None:
    os.environ["TTDN_VAR_DIR"] = str(work)
    os.environ["TTDN_DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ["TTDN_SECRET_KEY"] = "bench-only-secret-key-that-is-long-enough-for-checks"
    os.environ["TTDN_EMAIL_URL"] = "locmem://"
    # One host serves every feed here: the per-host pause would measure the pause.
    os.environ["TTDN_MONITORING_HOST_INTERVAL"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "ttdn.settings"
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


# --- The corpus ----------------------------------------------------------------


class Corpus:
    """Feeds and pages, generated once; `group[(feed, n)]` names the near-duplicate group."""

    def __init__(self, feeds: int, items: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.feeds, self.items = feeds, items
        self.languages = [self._language(f) for f in range(feeds)]
        self.articles: dict[tuple[int, int], tuple[str, list[str]]] = {}
        self.group: dict[tuple[int, int], int] = {}
        keys = [(f, n) for f in range(feeds) for n in range(items)]
        for key in keys:
            self.articles[key] = self._article(self.languages[key[0]])
        copies = self.rng.sample(keys, len(keys) // 10)
        originals = [k for k in keys if k not in set(copies)]
        for group_id, copy in enumerate(copies):
            source = self.rng.choice(
                [k for k in self.rng.sample(originals, min(20, len(originals))) if k[0] != copy[0]]
            )
            self.group.setdefault(source, group_id)
            self.group[copy] = self.group[source]
            self.articles[copy] = self._edit(*self.articles[source], self.languages[copy[0]])

    def _language(self, feed: int) -> str:
        return ["vi", "vi", "vi", "vi", "vi-notone", "vi-notone", "en", "en", "fr", "vi"][feed % 10]

    def _words(self, language: str) -> list[str]:
        return {"en": EN, "fr": FR}.get(language, VI)

    def _sentence(self, language: str) -> str:
        words = self._words(language)
        weights = [1 / (i + 1) ** 0.8 for i in range(len(words))]
        text = " ".join(self.rng.choices(words, weights, k=self.rng.randint(12, 26)))
        return text[0].upper() + text[1:] + "."

    def _article(self, language: str) -> tuple[str, list[str]]:
        title = self._sentence(language)[:-1]
        paragraphs = [
            " ".join(self._sentence(language) for _ in range(self.rng.randint(4, 8)))
            for _ in range(self.rng.randint(6, 10))
        ]
        for name in self.rng.sample(NAMES, self.rng.randint(1, 2)):
            at = self.rng.randrange(len(paragraphs))
            paragraphs[at] = f"{paragraphs[at]} {name} {self._sentence(language)}"
        return self._tones(title, language), [self._tones(p, language) for p in paragraphs]

    def _edit(self, title: str, paragraphs: list[str], language: str) -> tuple[str, list[str]]:
        kept = list(paragraphs)
        del kept[self.rng.randrange(1, len(kept))]
        kept[0] = self._tones(self._sentence("vi"), language) + " " + kept[0]
        words = kept[-1].split()
        for i in self.rng.sample(range(len(words)), min(5, len(words))):
            words[i] = self.rng.choice(VI)
        kept[-1] = " ".join(words)
        return self._tones(self._sentence("vi")[:-1], language) + " — " + title, kept

    @staticmethod
    def _tones(text: str, language: str) -> str:
        if language != "vi-notone":
            return text
        from ttdn.core.text import strip_tones

        return strip_tones(text).replace("đ", "d").replace("Đ", "D")

    def page(self, feed: int, n: int) -> bytes:
        title, paragraphs = self.articles[(feed, n)]
        e = html.escape
        menu = "".join(f'<li><a href="/muc/{i}/">Chuyên mục {i}</a></li>' for i in range(40))
        related = "".join(
            f'<li><a href="/f{feed}/{(n + i) % self.items}.html">{e(self.articles[(feed, (n + i) % self.items)][0])}</a></li>'
            for i in range(1, 15)
        )
        script = "<script>window.ads=" + json.dumps({"slots": list(range(400))}) + ";</script>"
        body = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
        return (
            f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{e(title)}</title>'
            f'<meta property="article:published_time" content="2026-11-{1 + n % 28:02d}T08:00:00+07:00">'
            f"{script}</head><body><header><nav><ul>{menu}</ul></nav></header><main><article>"
            f"<h1>{e(title)}</h1>{body}</article><aside><h2>Tin liên quan</h2><ul>{related}</ul>"
            f"</aside></main><footer>{'<p>Giấy phép hoạt động báo chí số 123/GP-BTTTT.</p>' * 20}"
            f"</footer></body></html>"
        ).encode()

    def feed(self, feed: int, base: str) -> bytes:
        e = html.escape
        items = "".join(
            f"<item><title>{e(self.articles[(feed, n)][0])}</title><link>{base}/f{feed}/{n}.html</link>"
            f"<guid>{base}/f{feed}/{n}.html</guid><pubDate>Mon, 02 Nov 2026 08:00:00 +0700</pubDate>"
            f"<description>{e(self.articles[(feed, n)][1][0][:200])}</description></item>"
            for n in range(self.items)
        )
        return (
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo {feed}'
            f"</title><link>{base}/f{feed}/</link>{items}</channel></rss>"
        ).encode()


def serve(corpus: Corpus) -> tuple[str, multiprocessing.Process]:
    """The press site: another process, as a real site is, serving bytes rendered beforehand, so
    that the pipeline's timing is the pipeline's and not the site's. Returns its base address."""
    ready = multiprocessing.get_context("fork").Queue()
    process = multiprocessing.get_context("fork").Process(
        target=_site, args=(corpus, ready), daemon=True
    )
    process.start()
    return ready.get(timeout=600), process


def _site(corpus: Corpus, ready: Any) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    base = "http://{}:{}".format(*server.server_address[:2])
    pages = {f"/f{f}/{n}.html": corpus.page(f, n) for f, n in corpus.articles}
    pages |= {f"/f{f}/rss.xml": corpus.feed(f, base) for f in range(corpus.feeds)}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as every news site's server does
        disable_nagle_algorithm = True  # headers and body are two writes

        def do_GET(self) -> None:
            body = pages.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server.RequestHandlerClass = Handler
    server.daemon_threads = True
    ready.put(base)
    server.serve_forever()


# --- The run ---------------------------------------------------------------------


def watches(unit: Any, count: int, rng: random.Random) -> None:
    from ttdn.monitoring.enums import WatchKind
    from ttdn.monitoring.models import Watch

    made = []
    for i, name in enumerate(rng.sample(NAMES, count)):
        other = rng.choice(NAMES)
        word = rng.choice(VI)
        query = [
            f'"{name}"',
            name,
            f'"{name}" OR "{other}"',
            f"{name} NOT {word}",
            f"{name} {word}",
        ][i % 5]
        made.append(Watch(unit=unit, kind=WatchKind.QUERY, name=f"Theo dõi {i}", query=query))
    Watch.objects.bulk_create(made)


def run(args: argparse.Namespace, work: Path) -> None:
    setup_django(work)
    from ttdn.monitoring import matching, parsing, pipeline, watching
    from ttdn.monitoring.models import Item, Source
    from ttdn.org.models import Unit

    corpus = Corpus(args.feeds, args.items, args.seed)
    base, site = serve(corpus)
    unit = Unit.objects.create(
        code="BENCH", name="Sở Giáo dục và Đào tạo Bench", slug="bench", path="/1/"
    )
    watches(unit, args.watches, random.Random(args.seed))
    watching.sync_entity_watches()
    sources = Source.objects.bulk_create(
        Source(
            unit=unit, name=f"Báo {f}", url=f"{base}/f{f}/rss.xml", language=corpus.languages[f][:2]
        )
        for f in range(args.feeds)
    )
    # The references, on the same bytes (fetched once, outside the timings).
    import urllib.request

    feeds = [urllib.request.urlopen(s.url).read() for s in sources]
    pages = [corpus.page(f, n) for f in range(args.feeds) for n in range(args.items)]
    started = time.perf_counter()
    parsed = sum(len(parsing.feed_entries(body)) for body in feeds)
    feedparser_s = time.perf_counter() - started
    # A worker loads py3langid's model once, on its first item, then runs for days: loaded here,
    # outside the timing, as trafilatura's first call below loads what it needs inside its own.
    parsing.language(_EN_TEXT, "en")

    # trafilatura alone and the pipeline take turns, a feed at a time, so that the changing load
    # of a shared machine weighs on both alike.
    profiler = cProfile.Profile() if args.profile else None
    trafilatura_s = trafilatura_cpu_s = pipeline_s = pipeline_cpu_s = 0.0
    for f, source in enumerate(sources):
        started, started_cpu = time.perf_counter(), time.process_time()
        for body in pages[f * args.items : (f + 1) * args.items]:
            parsing.trafilatura.bare_extraction(
                body.decode(), with_metadata=True, include_comments=False, include_tables=False,
                deduplicate=False, fast=True,
            )  # fmt: skip
        trafilatura_s += time.perf_counter() - started
        trafilatura_cpu_s += time.process_time() - started_cpu
        started, started_cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        pipeline.process_items(pipeline.fetch_source(source).new_items)
        if profiler:
            profiler.disable()
        pipeline_s += time.perf_counter() - started
        pipeline_cpu_s += time.process_time() - started_cpu
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)
    site.terminate()

    items = list(Item.objects.only("url", "story_id", "title", "text"))
    precision, recall = dedupe_scores(corpus, items, base)
    compiled = watching.matcher()
    started, started_cpu = time.perf_counter(), time.process_time()
    for item in items:
        compiled.matcher.matches(matching.Text.of(f"{item.title}\n{item.text}"))
    match_s, match_cpu_s = time.perf_counter() - started, time.process_time() - started_cpu
    figures = {
        "items": len(items),
        "items_per_s": round(len(items) / pipeline_s, 1),
        "feedparser_items_per_s": round(parsed / feedparser_s, 1),
        "trafilatura_pages_per_s": round(len(pages) / trafilatura_s, 1),
        "dedupe_precision": round(precision, 3),
        "dedupe_recall": round(recall, 3),
        "watch_match_ms_per_item": round(1000 * match_cpu_s / len(items), 3),
    }
    ratio = figures["items_per_s"] / figures["trafilatura_pages_per_s"]
    print(
        f"end to end / trafilatura alone: {ratio:.2f} (target ≥ 0.80) — {'met' if ratio >= 0.8 else 'NOT met'}"
    )
    print(
        f"CPU time of this process: {1000 * pipeline_cpu_s / len(items):.2f} ms an item end to end, "
        f"{1000 * trafilatura_cpu_s / len(pages):.2f} ms a page for trafilatura alone, ratio "
        f"{(trafilatura_cpu_s / len(pages)) / (pipeline_cpu_s / len(items)):.2f} (the press site's "
        "CPU is another process's; on a shared machine this ratio is the steadier one)"
    )
    print(
        f"watch matching: {1000 * match_cpu_s / len(items):.3f} ms of CPU per item, "
        f"{1000 * match_s / len(items):.3f} ms of wall time (the difference is other processes)"
    )
    print(
        f"watches: {len(compiled.watches)}; failed items: {Item.objects.filter(stage='failed').count()}"
    )
    print(json.dumps(figures))


def dedupe_scores(corpus: Corpus, items: list[Any], base: str) -> tuple[float, float]:
    """Pairwise precision and recall of the stories against the planted groups."""
    key_of = {}
    for f, n in corpus.articles:
        key_of[f"{base}/f{f}/{n}.html"] = (f, n)
    story_of = {key_of[i.url]: i.story_id for i in items if i.url in key_of}
    by_story: dict[int, list[tuple[int, int]]] = {}
    for key, story in story_of.items():
        by_story.setdefault(story, []).append(key)
    predicted = {
        frozenset(p) for keys in by_story.values() for p in itertools.combinations(keys, 2)
    }
    by_group: dict[int, list[tuple[int, int]]] = {}
    for key, group in corpus.group.items():
        by_group.setdefault(group, []).append(key)
    planted = {frozenset(p) for keys in by_group.values() for p in itertools.combinations(keys, 2)}
    right = len(predicted & planted)
    return (right / len(predicted) if predicted else 1.0), (
        right / len(planted) if planted else 1.0
    )


if __name__ == "__main__":
    main()
