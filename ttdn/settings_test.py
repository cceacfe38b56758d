"""Test settings: the real settings, with fast hashing and a throw-away var/ directory."""

import os
import tempfile

os.environ.setdefault("TTDN_VAR_DIR", tempfile.mkdtemp(prefix="ttdn-test-"))
os.environ.setdefault("TTDN_SECRET_KEY", "test-only-secret-key-that-is-long-enough-for-checks")
os.environ.setdefault("TTDN_EMAIL_URL", "locmem://")

from ttdn.settings import *  # noqa: F403

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise looks for it)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# xdist workers inherit the controller's TTDN_VAR_DIR: give each its own page cache, or one
# worker's `cache.clear()` empties the pages (and editing marks) another worker's test just set.
CACHES["portal"]["LOCATION"] = "-".join(  # type: ignore[index]  # noqa: F405
    [CACHES["portal"]["LOCATION"], os.environ.get("PYTEST_XDIST_WORKER", "main")]  # type: ignore[index]  # noqa: F405
)
