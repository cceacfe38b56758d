"""A press photo's copies go with it, however it goes: taken out of the press kit, or deleted
with its picture (a gallery picture removed from its article cascades to it)."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction

from ttdn.stats.models import PressPhoto


def delete_press_copies(sender: type[PressPhoto], instance: PressPhoto, **kwargs: Any) -> None:
    names = [str(name) for name in (instance.file.name, instance.preview.name) if name]
    transaction.on_commit(lambda: _delete(names))


def _delete(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
