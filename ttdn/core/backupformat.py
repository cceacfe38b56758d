"""The rows of a backup archive: Django's JSON-lines serialisation with times to the microsecond.

Django's JSON encoder cuts datetimes and times to the millisecond (an ECMA-262 habit), so a row
stamped 10:00:00.000400 would come back from a restore as 10:00:00 and no longer be the row that
was saved. Archives keep the full value; the standard `jsonl` deserialiser reads it as it is.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder


class LosslessEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time) and o.utcoffset() is None:
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self) -> None:
        self.options.setdefault("cls", LosslessEncoder)
        super()._init_options()  # type: ignore[misc]


Deserializer = jsonl.Deserializer
