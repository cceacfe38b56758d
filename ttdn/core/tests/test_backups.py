"""`ttdn backup` and `ttdn restore`: an archive of this test database restores, in a separate
process, into a new SQLite file and a new PostgreSQL database with every row and file; the audit
log stays append-only there; damaged archives and other schemas are refused."""

from __future__ import annotations

import datetime
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ttdn.content import services as content
from ttdn.content.enums import Check
from ttdn.content.tests.factories import jpeg_with_gps
from ttdn.core import backups
from ttdn.org.models import Unit
from ttdn.plans.tests.factories import printable_plan

TTDN = str(Path(sys.executable).with_name("ttdn"))
POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
def installation(transactional_db, cast, settings, tmp_path):
    """Units, people, a plan, a published article with a picture (files under media/), and the
    audit entries all of that wrote. One unit is stamped 400 microseconds past a whole second,
    which a millisecond-precision archive would bring back as another row."""
    settings.MEDIA_ROOT = tmp_path / "media"
    Unit.objects.filter(pk=cast.school_a.pk).update(
        created_at=datetime.datetime(2026, 9, 5, 1, 2, 3, 400, tzinfo=datetime.UTC)
    )
    printable_plan(cast.phong)
    site = content.open_site(cast.school_a)
    article = content.create_article(
        site, by=cast.teacher_a, title="Lễ khai giảng", summary="Tóm tắt.", body="<p>Nội dung.</p>"
    )
    content.add_to_gallery(article, upload=jpeg_with_gps(), alt="Học sinh", by=cast.teacher_a)
    content.submit_article(article, by=cast.teacher_a)
    content.approve_article(article, by=cast.so_leader, checklist=Check.values)
    return settings.MEDIA_ROOT


def _restore(archive: Path, database_url: str, media: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TTDN_DATABASE_URL": database_url, "TTDN_MEDIA_ROOT": str(media)}
    return subprocess.run(
        [TTDN, "restore", str(archive)], env=env, capture_output=True, text=True, timeout=600
    )


def _rows(archive: Path) -> set[str]:
    """Every serialised row of the archive, with its JSON keys in one order."""
    with tarfile.open(archive) as opened:
        lines = opened.extractfile(backups.DATA).read().decode().splitlines()  # type: ignore[union-attr]
    return {json.dumps(json.loads(line), sort_keys=True) for line in lines}


def _media(root: Path) -> dict[str, bytes]:
    return {name: path.read_bytes() for path, name in backups._media_files(root)}


def _postgres_database() -> str:
    psycopg = pytest.importorskip("psycopg")
    name = f"ttdn_restore_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=3) as connection:
            connection.execute(f"CREATE DATABASE {name}")
    except psycopg.OperationalError as error:
        if os.environ.get("TTDN_CI") == "1":
            pytest.fail(f"PostgreSQL at 127.0.0.1:5432 is needed: {error}")
        pytest.skip(f"no PostgreSQL at 127.0.0.1:5432: {error}")
    return name


def _drop_postgres(name: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.mark.parametrize("target", ["sqlite", "postgresql"])
def test_backup_restores_every_row_and_file_into_a_new_database(installation, tmp_path, target):
    archive = tmp_path / "ttdn.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    restored_media = tmp_path / "restored-media"
    if target == "sqlite":
        database = tmp_path / "restored.sqlite3"
        url, name = f"sqlite:///{database}", ""
    else:
        name = _postgres_database()
        url = f"postgres://postgres@127.0.0.1:5432/{name}"
    try:
        restored = _restore(archive, url, restored_media)
        again = tmp_path / "again.tar.gz"
        env = {**os.environ, "TTDN_DATABASE_URL": url, "TTDN_MEDIA_ROOT": str(restored_media)}
        subprocess.run([TTDN, "backup", str(again)], env=env, check=True, timeout=600)
        refused = _update_audit_entry(url)
    finally:
        if name:
            _drop_postgres(name)

    assert restored.returncode == 0, restored.stderr
    assert _rows(again) == _rows(archive)
    assert any('"created_at": "2026-09-05T01:02:03.000400Z"' in row for row in _rows(again))
    assert _media(restored_media) == _media(installation)
    assert len(_media(installation)) > 0
    assert "append-only" in refused


def _update_audit_entry(url: str) -> str:
    """The error an UPDATE of the audit log meets in the restored database."""
    sql = "UPDATE core_auditentry SET object_repr = 'changed'"
    try:
        if url.startswith("sqlite"):
            with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
                connection.execute(sql)
        else:
            import psycopg

            with psycopg.connect(url.replace("postgres://", "postgresql://")) as connection:
                connection.execute(sql)
    except Exception as error:
        return str(error)
    return "the update went through"


def _rewritten(archive: Path, out: Path, *, manifest=None, data: bytes | None = None) -> Path:
    """A copy of `archive` with another manifest or database member."""
    with tarfile.open(archive) as source, tarfile.open(out, "w:gz") as target:
        for member in source.getmembers():
            content_ = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == backups.MANIFEST and manifest is not None:
                content_ = json.dumps(manifest(json.loads(content_))).encode()
            if member.name == backups.DATA and data is not None:
                content_ = data
            member.size = len(content_)
            target.addfile(member, io.BytesIO(content_))
    return out


def test_restore_refuses_a_damaged_archive_and_writes_nothing(installation, tmp_path):
    archive = tmp_path / "ttdn.tar.gz"
    backups.take(archive)
    damaged = _rewritten(archive, tmp_path / "damaged.tar.gz", data=b'{"model": "org.unit"}\n')
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])

    with pytest.raises(CommandError) as changed:
        call_command("restore", str(damaged))
    with pytest.raises(CommandError) as cut:
        call_command("restore", str(truncated))

    assert str(changed.value) == "Bản sao lưu bị hỏng: data.jsonl không khớp với mã kiểm tra."
    assert str(cut.value).startswith("Bản sao lưu bị hỏng")


def test_restore_refuses_an_archive_of_a_newer_schema(installation, tmp_path):
    archive = tmp_path / "ttdn.tar.gz"
    backups.take(archive)

    def newer(manifest):
        manifest["schema"]["core"].append("9999_from_the_future")
        return manifest

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(_rewritten(archive, tmp_path / "newer.tar.gz", manifest=newer)))

    assert "core.9999_from_the_future" in str(refused.value)
    assert str(refused.value).startswith("Bản sao lưu được tạo bởi một phiên bản mới hơn")


def test_restore_refuses_a_database_that_is_not_empty(installation, tmp_path):
    archive = tmp_path / "ttdn.tar.gz"
    backups.take(archive)

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))

    assert str(refused.value) == (
        "Cơ sở dữ liệu không trống (core.AuditEntry đã có dữ liệu): chỉ khôi phục vào một cơ sở dữ liệu mới."
    )
