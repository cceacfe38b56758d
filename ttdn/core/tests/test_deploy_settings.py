"""`ttdn check --deploy` passes, without a warning, with the production environment that
docs/deploy.md documents: the test reads that block from the document, so the two cannot drift."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
DEPLOY = REPO / "docs" / "deploy.md"


def documented_environment(tmp_path: Path) -> dict[str, str]:
    """The `KEY=value` lines of the Environment section's first sh block; the machine's paths
    (/srv, /run, /etc) moved under tmp_path, and a file the settings read written there."""
    section = DEPLOY.read_text().split("## 2. Environment", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    found = {}
    for line in block.group(1).splitlines():
        if match := re.match(r"(TTDN_\w+)=(\S+)", line):
            name, value = match.groups()
            if value.startswith(("/srv/", "/run/", "/etc/")):
                value = str(tmp_path / value.lstrip("/"))
            found[name] = value
    token = Path(found["TTDN_METRICS_TOKEN_FILE"])
    token.parent.mkdir(parents=True, exist_ok=True)
    token.write_text("a-long-random-token-for-prometheus\n")
    return found


def run(argv: list[str], environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Only the system's variables, none of this machine's TTDN_* or test settings.
    base = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR"}}
    return subprocess.run(
        [sys.executable, "-m", "ttdn.manage", *argv],
        env={**base, **environment},
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def test_deploy_check_is_clean_with_the_documented_production_settings(tmp_path):
    environment = documented_environment(tmp_path)

    done = run(["check", "--deploy", "--fail-level", "WARNING"], environment)

    assert environment["TTDN_DATABASE_URL"].startswith("postgres://")
    assert (done.returncode, done.stderr) == (0, "")
    assert "System check identified no issues" in done.stdout


def test_a_replica_url_adds_the_alias_and_its_router_and_nothing_else_does(tmp_path):
    environment = documented_environment(tmp_path)
    show = ["shell", "-c", "from django.conf import settings as s; print(sorted(s.DATABASES), s.DATABASE_ROUTERS)"]  # fmt: skip
    replica = "postgres://ttdn_reader:secret@10.0.0.12:5432/ttdn"

    without = run(show, environment)
    with_replica = run(show, {**environment, "TTDN_REPLICA_DATABASE_URL": replica})

    assert without.stdout.splitlines()[-1] == "['default'] []"
    assert (
        with_replica.stdout.splitlines()[-1]
        == "['default', 'replica'] ['ttdn.core.replica.ReplicaRouter']"
    )


def test_a_shared_cache_url_gives_every_machine_the_same_generations(tmp_path):
    """With TTDN_SHARED_CACHE_URL the caches machines must share live in Redis: a table written
    through one machine is seen as changed by another (here: two processes without a common
    var/ directory)."""
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/5"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()
    except redis.ConnectionError:
        if os.environ.get("TTDN_CI") == "1":
            pytest.fail("Redis is not reachable at 127.0.0.1:6379 (.ci/run starts it)")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    environment = {**documented_environment(tmp_path), "TTDN_SHARED_CACHE_URL": url}
    read = "from ttdn.core import changes; print(changes.generations(['plans_plan']))"
    before = run(["shell", "-c", read], {**environment, "TTDN_VAR_DIR": str(tmp_path / "a")})

    run(["shell", "-c", "from ttdn.core import changes; changes.renew(['plans_plan'])"],
        {**environment, "TTDN_VAR_DIR": str(tmp_path / "b")})  # fmt: skip
    after = run(["shell", "-c", read], {**environment, "TTDN_VAR_DIR": str(tmp_path / "c")})

    assert (before.returncode, before.stderr) == (0, "")
    assert before.stdout.splitlines()[-1].startswith("{'plans_plan': '")  # a first generation
    assert after.stdout.splitlines()[-1] not in ("", before.stdout.splitlines()[-1])
