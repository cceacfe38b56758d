"""Uploaded files in an S3-compatible bucket (TTDN_MEDIA_STORAGE=s3), with the split of
`ttdn.core.storage` kept: only `content/` is public.

- Every object is written private (no ACL, so the bucket's default: the owner alone), except
  those under `content/` (the public renditions, already under random names), which are written
  `public-read` (TTDN_S3_PUBLIC_ACL; set it empty for a bucket whose ACLs are turned off and
  give `content/*` to everyone by a bucket policy instead, docs/deploy.md).
- Private files are still served by the views that check who may read them (they read the
  object and stream it); `url()` of a private name is a signed address valid for five minutes,
  never a plain one.
- Public names are linked as MEDIA_URL + name (TTDN_S3_PUBLIC_URL: a CDN or the bucket's
  address), unsigned.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from storages.backends.s3 import S3Storage

from ttdn.core.storage import PUBLIC_FOLDER

SIGNED_URL_SECONDS = 300


def is_public_name(name: str) -> bool:
    return name.startswith(f"{PUBLIC_FOLDER}/")


class ObjectStorage(S3Storage):
    default_acl = None
    querystring_auth = True
    querystring_expire = SIGNED_URL_SECONDS
    file_overwrite = False

    def __init__(self, **settings_: Any) -> None:
        self.public_acl = settings_.pop("public_acl", "public-read")
        super().__init__(**settings_)
        self.default_acl = None  # whatever AWS_DEFAULT_ACL says: private names get no ACL

    def get_object_parameters(self, name: str) -> dict[str, Any]:
        parameters = {k: v for k, v in super().get_object_parameters(name).items() if k != "ACL"}
        if is_public_name(name) and self.public_acl:
            parameters["ACL"] = self.public_acl
        return parameters

    def url(
        self,
        name: str,
        parameters: dict[str, Any] | None = None,
        expire: int | None = None,
        http_method: str | None = None,
    ) -> str:
        if is_public_name(name):
            return f"{settings.MEDIA_URL}{name}"
        return str(super().url(name, parameters, expire, http_method))
