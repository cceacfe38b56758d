"""One-file backups of an installation, and restoring them into an empty one.

An archive is a tar file (gzip-compressed) of:

- `manifest.json`: the format, when and from which database engine it was taken, the schema
  (every applied migration, by app), the number of rows of each model, and the SHA-256 and
  size of every other member;
- `data.jsonl`: every row of every model in Django's portable JSON-lines serialisation (times
  kept to the microsecond, `ttdn.core.backupformat`), with natural keys for content types and
  permissions, so it loads into SQLite or PostgreSQL alike;
- `media/…`: every file under MEDIA_ROOT, under its path there.

Restoring checks every member against the manifest before it writes anything, refuses an
archive whose schema this release does not have (a newer one) or has moved past (an older one:
restore it with the release that took it, then upgrade), and writes only into an empty database
and an empty media folder. The audit log's rows are inserted, never updated, so its append-only
triggers stay in place throughout (ADR 0003). Search indexes are rebuilt afterwards.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from ttdn.core import search

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.jsonl"
MEDIA = "media"
# Rebuilt by `migrate` on the target (content types, permissions) or worthless elsewhere.
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "admin.logentry")
_CHUNK = 1 << 20


class BackupError(Exception):
    """Why an archive cannot be restored: the text is the message for the operator."""


@dataclass(frozen=True)
class Summary:
    rows: int
    files: int


def schema(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """The applied migrations of the database, by app, in name order."""
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def known_migrations() -> set[tuple[str, str]]:
    """Every migration this release ships."""
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def _digest(stream: IO[bytes]) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    while chunk := stream.read(_CHUNK):
        sha.update(chunk)
        size += len(chunk)
    return sha.hexdigest(), size


def _media_files(root: Path) -> Iterator[tuple[Path, str]]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path, path.relative_to(root).as_posix()


def _counts(using: str) -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.using(using).count() for model in _dumped_models()
    }


def _dumped_models() -> list[Any]:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in EXCLUDED
        and model._meta.label_lower not in EXCLUDED
        and model._meta.managed
        and not model._meta.proxy
    ]


def take(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Write the archive of the database and the media folder to `path` (a new file)."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="ttdn-backup-") as work:
        data = Path(work) / DATA
        # One repeatable-read view on PostgreSQL, so rows and counts agree with each other.
        with transaction.atomic(using=using):
            if connections[using].vendor == "postgresql":
                with connections[using].cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            call_command(
                "dumpdata",
                *(f"--exclude={label}" for label in EXCLUDED),
                format="ttdn-jsonl",
                natural_foreign=True,
                database=using,
                output=str(data),
                verbosity=0,
            )
            counts = _counts(using)
            applied = schema(using)
        members: dict[str, dict[str, Any]] = {}
        with data.open("rb") as stream:
            sha, size = _digest(stream)
        members[DATA] = {"sha256": sha, "size": size}
        files = list(_media_files(media_root))
        for file, name in files:
            with file.open("rb") as stream:
                sha, size = _digest(stream)
            members[f"{MEDIA}/{name}"] = {"sha256": sha, "size": size}
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "engine": connections[using].vendor,
            "schema": applied,
            "rows": counts,
            "members": members,
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            encoded = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(encoded)
            info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
            archive.addfile(info, io.BytesIO(encoded))
            archive.add(data, arcname=DATA)
            for file, name in files:
                archive.add(file, arcname=f"{MEDIA}/{name}")
        os.replace(partial, path)
    return Summary(rows=sum(counts.values()), files=len(files))


def read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.getmember(MANIFEST)
        stream = archive.extractfile(member)
        manifest = json.load(stream) if stream else None
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise BackupError(_("The archive is damaged: %s") % error) from error
    except (KeyError, ValueError) as error:
        raise BackupError(_("The archive has no readable manifest: %s") % error) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("This is not a TTĐN backup archive this release can read."))
    return manifest


def verify(archive: tarfile.TarFile, manifest: dict[str, Any]) -> None:
    """Every member is listed with its checksum, and every listed one is there and intact."""
    listed: dict[str, Any] = manifest.get("members") or {}
    if DATA not in listed:
        raise BackupError(_("The archive's manifest lists no database."))
    seen = set()
    try:
        for member in archive:
            if member.name == MANIFEST:
                continue
            if member.name not in listed or not member.isfile() or not _safe(member.name):
                raise BackupError(_("The archive holds an unexpected entry: %s") % member.name)
            stream = archive.extractfile(member)
            sha, size = _digest(stream) if stream else ("", -1)
            wanted = listed[member.name]
            if (sha, size) != (wanted.get("sha256"), wanted.get("size")):
                raise BackupError(
                    _("The archive is damaged: %s does not match its checksum.") % member.name
                )
            seen.add(member.name)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise BackupError(_("The archive is damaged: %s") % error) from error
    missing = sorted(set(listed) - seen)
    if missing:
        raise BackupError(_("The archive is damaged: %s is missing.") % missing[0])


def _safe(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and ".." not in path.parts
        and (name == DATA or (path.parts[0] == MEDIA and len(path.parts) > 1))
    )


def check_schema(manifest: dict[str, Any]) -> None:
    """Refuse an archive taken at another schema than this release's."""
    taken = {(app, name) for app, names in (manifest.get("schema") or {}).items() for name in names}
    unknown = sorted(taken - known_migrations())
    if unknown:
        app, name = unknown[0]
        raise BackupError(
            _(
                "The archive comes from a newer release (its database has migration %(name)s, "
                "which this release does not know). Restore it with that release or a later one."
            )
            % {"name": f"{app}.{name}"}
        )
    missing = sorted(known_migrations() - taken - _replaced())
    if missing:
        app, name = missing[0]
        raise BackupError(
            _(
                "The archive comes from an older release (its database lacks migration "
                "%(name)s). Restore it with the release that took it, then upgrade with "
                "`ttdn migrate`."
            )
            % {"name": f"{app}.{name}"}
        )


def _replaced() -> set[tuple[str, str]]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {key for migration in loader.disk_migrations.values() for key in migration.replaces}


def check_empty(using: str = DEFAULT_DB_ALIAS) -> None:
    """The target is a fresh installation: no rows (beyond what migrations create) and no media."""
    filled = sorted(
        label for label, count in _counts(using).items() if count and label in _USER_DATA
    )
    if filled:
        raise BackupError(
            _("The database is not empty (%(what)s has rows): restore only into a new database.")
            % {"what": filled[0]}
        )
    media_root = Path(settings.MEDIA_ROOT)
    if next(_media_files(media_root), None) is not None:
        raise BackupError(
            _("The media folder %(path)s is not empty: restore only into an empty one.")
            % {"path": media_root}
        )


# Rows a fresh installation never has until someone uses it.
_USER_DATA = {"org.User", "org.Unit", "core.AuditEntry"}


def restore(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Recreate the installation of the archive at `path` in the configured database and media
    folder. Raises BackupError (having written nothing) for a damaged archive, another schema or
    a target that is not empty."""
    try:
        archive = tarfile.open(path, "r:*")  # noqa: SIM115  (closed by the `with` below)
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(_("The archive cannot be read: %s") % error) from error
    with archive:
        manifest = read_manifest(archive)
        verify(archive, manifest)
        check_schema(manifest)
        call_command("migrate", database=using, interactive=False, verbosity=0)
        check_empty(using)
        with tempfile.TemporaryDirectory(prefix="ttdn-restore-") as work:
            archive.extractall(work, members=_members(archive, DATA), filter="data")
            with transaction.atomic(using=using):
                call_command("loaddata", str(Path(work) / DATA), database=using, verbosity=0)
                _check_rows(manifest, using)
                for model in search.registered_models():
                    search.rebuild(model)
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="ttdn-restore-", dir=media_root.parent) as work:
            archive.extractall(work, members=_members(archive, f"{MEDIA}/"), filter="data")
            unpacked = Path(work) / MEDIA
            files = list(_media_files(unpacked))
            for file, name in files:
                target = media_root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(file, target)
    rows = manifest.get("rows") or {}
    return Summary(rows=sum(rows.values()), files=len(files))


def _members(archive: tarfile.TarFile, prefix: str) -> list[tarfile.TarInfo]:
    return [m for m in archive.getmembers() if m.name == prefix or m.name.startswith(prefix)]


def _check_rows(manifest: dict[str, Any], using: str) -> None:
    """Every model has as many rows as when the archive was taken."""
    counts = _counts(using)
    for label, wanted in sorted((manifest.get("rows") or {}).items()):
        if counts.get(label) != wanted:
            raise BackupError(
                _(
                    "Restoring gave %(got)s rows of %(what)s instead of %(wanted)s; nothing was kept."
                )
                % {"got": counts.get(label), "what": label, "wanted": wanted}
            )
