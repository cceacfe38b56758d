"""Files a form received before it failed to validate, kept for the next submit.

When a form with a file field fails on another field, the browser forgets the chosen file
and the person has to find it again (or, worse, does not notice it is gone). The view keeps
each file the form received, privately under a random name, tied to the sign-in session for
`KEEP` (a hidden field carries its random token), and offers it again:

    files = pending.restore(request)          # the upload or the kept file, per field
    form = ArticleForm(request.POST or None, files or None, ...)
    if request.method == "POST" and not form.is_valid():
        pending.keep(request, form)           # the page then names the kept files
    ...
    pending.discard(request)                  # after a successful save

Only the session that sent a file can use it; an expired or foreign token is ignored. A
newly chosen file replaces the kept one; ticking "remove" drops it (`<name>__pending_clear`).
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django import forms
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from ttdn.core.models import PendingUpload

KEEP = timedelta(hours=6)
SUFFIX = "__pending"


def _session_key(request: HttpRequest) -> str:
    if not request.session.session_key:
        request.session.save()
    return str(request.session.session_key)


def _live(request: HttpRequest) -> Any:
    return PendingUpload.objects.filter(
        session_key=_session_key(request), expires_at__gt=timezone.now()
    )


def restore(request: HttpRequest) -> MultiValueDict[str, UploadedFile]:
    """The request's files, with each field the person did not choose again filled from the
    file kept for it (when the hidden token is this session's and has not expired)."""
    files: MultiValueDict[str, UploadedFile] = request.FILES.copy()
    if request.method != "POST":
        return files
    for key, token in request.POST.items():
        name = key.removesuffix(SUFFIX)
        if not key.endswith(SUFFIX) or name in files or f"{name}{SUFFIX}_clear" in request.POST:
            continue
        kept = _live(request).filter(token=token).first()
        if kept is not None:
            with kept.file.open("rb") as stored:
                restored = SimpleUploadedFile(kept.filename, stored.read())
            restored.pending_token = kept.token  # type: ignore[attr-defined]
            files[name] = restored
    return files


def keep(request: HttpRequest, form: forms.BaseForm) -> list[PendingUpload]:
    """Keep every file the failed form received (restored ones keep their token) and mark
    its field, so that `_form_fields.html` names the file and carries the token."""
    kept = []
    for name, field in form.fields.items():
        upload = form.files.get(form.add_prefix(name))
        if not isinstance(field, forms.FileField) or upload is None:
            continue
        token = getattr(upload, "pending_token", None)
        row = _live(request).filter(token=token).first() if token else None
        if row is None:
            upload.seek(0)
            row = PendingUpload(
                token=secrets.token_hex(16),
                session_key=_session_key(request),
                filename=upload.name or "file",
                expires_at=timezone.now() + KEEP,
            )
            row.file.save(upload.name or "file", upload, save=False)
            row.save()
        field.pending_upload = row  # type: ignore[attr-defined]
        field.pending_name = form.add_prefix(name) + SUFFIX  # type: ignore[attr-defined]
        kept.append(row)
    return kept


def discard(request: HttpRequest) -> int:
    """Delete the files this session sent back with the successful submit."""
    tokens = [v for k, v in request.POST.items() if k.endswith(SUFFIX)]
    return _delete(_live(request).filter(token__in=tokens))


def prune(*, now: Any = None) -> int:
    """Delete every kept file whose time is up. Returns how many."""
    return _delete(PendingUpload.objects.filter(expires_at__lte=now or timezone.now()))


def _delete(rows: Any) -> int:
    names = [name for name in rows.values_list("file", flat=True) if name]
    count, _by_model = rows.delete()
    transaction.on_commit(lambda: _delete_files(names))
    return count


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
