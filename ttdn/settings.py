"""The one settings file. Everything that differs between machines comes from the environment.

Variables (all optional on a developer machine):
  TTDN_DATABASE_URL   database URL; default sqlite:///var/ttdn.sqlite3
  TTDN_SECRET_KEY     secret key (or TTDN_SECRET_KEY_FILE); default: generated into var/secret_key
  TTDN_DEBUG          "true" shows tracebacks; default false
  TTDN_HTTPS          "true" marks cookies Secure and sends HSTS; default: the opposite of TTDN_DEBUG
  TTDN_ALLOWED_HOSTS  comma-separated host names; default localhost,127.0.0.1
  TTDN_EMAIL_URL      smtp://user:pass@host:port, or console:// (default)
  TTDN_MEDIA_ROOT     where uploaded files live; default var/media
  TTDN_VAR_DIR        the directory for the SQLite file, the secret key and static files; default ./var
  TTDN_REQUIRE_2FA    "true" makes leaders and operators set up TOTP before they can work
  TTDN_EVEN_YEAR_RULE which anniversaries count as "năm chẵn": round_and_half (default) or round
  TTDN_ANNIVERSARY_LEAD_DAYS  days before a năm chẵn anniversary its reminder appears; default 60
  TTDN_ANNIVERSARY_PREPARE_DAYS  days before the anniversary its to-do is due; default 14
  TTDN_PRODUCT_HOSTS  the product's own host names (others may be units' public sites); default localhost,127.0.0.1,[::1],testserver
  TTDN_PORTAL_CACHE_DIR  where the public portal's page cache lives; default var/cache/portal
  TTDN_KEPT_CACHE_DIR  where results kept for every process of the machine live (consolidations);
                      default var/cache/kept
  TTDN_ATTACHMENT_MAX_MB  the largest file an article may attach, in MB; default 20 (keep nginx's
                      client_max_body_size above it)
  TTDN_AGREEMENT_RENEWAL_DAYS  days before a cooperation agreement expires its renewal reminder
                      appears; default 90
  TTDN_UPLOAD_MAX_UNZIPPED_MB  a .docx/.xlsx that would unpack to more is refused; default 50
  TTDN_UPLOAD_MAX_ZIP_RATIO    a part compressed more than this many times is refused; default 150
  TTDN_UPLOAD_MAX_PDF_PAGES    a PDF of more pages is refused; default 2000
  TTDN_UPLOAD_MAX_TEXT_CHARS   text read from a file, as pasted text; default 500000
  TTDN_UPLOAD_MAX_SECONDS      reading a file in a web request stops after this; default 20
  TTDN_UPLOAD_WORKER_SECONDS   the same, for a file read by the worker; default 300
  TTDN_UPLOAD_MAX_ROWS         a spreadsheet of more rows is refused; default 20000
  TTDN_UPLOAD_MAX_MEGAPIXELS   a bigger picture is refused from its header; default 25
  TTDN_UPLOAD_BACKGROUND_PAGES a PDF of more pages is read by the worker; default 40
  TTDN_UPLOAD_BACKGROUND_MB    a file larger than this is read by the worker; default 2
  TTDN_REPLICA_DATABASE_URL  a read replica for consolidation and statistics pages; default none
  TTDN_LOG_FORMAT     "json" writes one JSON object per log line with the request id; default text
  TTDN_LOG_LEVEL      the lowest level logged; default INFO
  TTDN_METRICS_TOKEN  the bearer token Prometheus sends to /metrics (or TTDN_METRICS_TOKEN_FILE);
                      unset: /metrics answers 404
  TTDN_METRICS_DIR    a directory the web processes share their request counts in (emptied when
                      the web service starts); needed with more than one web process
  TTDN_PUBLIC_URL     the public sites' address (https://…), for links posted to social channels
  TTDN_FACEBOOK_PAGE_ID  switches on posting to this Facebook page; its Page access token in
                      TTDN_FACEBOOK_TOKEN or the file TTDN_FACEBOOK_TOKEN_FILE (read at each post)
  TTDN_ZALO_OA_TOKEN  (or TTDN_ZALO_OA_TOKEN_FILE) switches on posting to a Zalo official account;
                      TTDN_ZALO_OA_AUTHOR the author shown on its articles
  TTDN_TASKS_BACKEND  where background tasks wait: db (default, the database) or redis
  TTDN_REDIS_URL      the Redis of the task queue, e.g. redis://10.0.0.5:6379/0 (backend redis)
  TTDN_SHARED_CACHE_URL  a Redis (redis://…) holding the caches every machine must share: the
                      portal's pages, the sign-in and search counters, the tables' generations
                      (several web machines); default files under TTDN_VAR_DIR/cache
  TTDN_WORKER_HEARTBEAT_SECONDS  how often a Redis worker says it is alive; a task whose worker
                      fell silent for this plus 60 s runs again elsewhere; default 10
  TTDN_MEDIA_STORAGE  where uploaded files live: local (default, TTDN_MEDIA_ROOT) or s3
  TTDN_S3_BUCKET, TTDN_S3_ENDPOINT_URL, TTDN_S3_REGION, TTDN_S3_ACCESS_KEY_ID,
  TTDN_S3_SECRET_ACCESS_KEY (or TTDN_S3_SECRET_ACCESS_KEY_FILE)  the bucket (storage s3)
  TTDN_S3_PUBLIC_URL  the address the bucket's public pictures are read from, ending in "/"
                      (a CDN, or the endpoint and bucket); default <endpoint>/<bucket>/
  TTDN_S3_PUBLIC_ACL  the ACL given to public pictures (under content/); default public-read,
                      empty for a bucket without ACLs whose policy makes content/* public
"""

import contextlib
import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("TTDN_VAR_DIR", BASE_DIR.parent / "var")).resolve()


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, *, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_key() -> str:
    """The key from the environment, a file it names, or one generated once into var/."""
    if key := os.environ.get("TTDN_SECRET_KEY"):
        return key
    path = Path(os.environ.get("TTDN_SECRET_KEY_FILE", VAR_DIR / "secret_key"))
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def secret_from_env(name: str) -> str:
    """The value of `name`, or the contents of the file `name`_FILE names ("" if neither)."""
    if value := os.environ.get(name):
        return value
    path = os.environ.get(f"{name}_FILE")
    return Path(path).read_text().strip() if path else ""


def email_settings(url: str) -> dict[str, object]:
    """Translate TTDN_EMAIL_URL (smtp://, smtps://, console://) into Django's settings."""
    parts = urlsplit(url)
    if parts.scheme in {"smtp", "smtps"}:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname or "localhost",
            "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_SSL": parts.scheme == "smtps",
            "EMAIL_USE_TLS": "tls=true" in parts.query,
        }
    if parts.scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}


DEBUG = env_bool("TTDN_DEBUG", default=False)
HTTPS = env_bool("TTDN_HTTPS", default=not DEBUG)
SECRET_KEY = secret_key()
ALLOWED_HOSTS = env_list("TTDN_ALLOWED_HOSTS", default="localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("TTDN_CSRF_TRUSTED_ORIGINS", default="")
REQUIRE_2FA = env_bool("TTDN_REQUIRE_2FA", default=False)

INSTALLED_APPS = [
    "ttdn.core",
    "ttdn.org",
    "ttdn.documents",
    "ttdn.events",
    "ttdn.content",
    "ttdn.registries",
    "ttdn.monitoring",
    "ttdn.plans",
    "ttdn.activities",
    "ttdn.reports",
    "ttdn.stats",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "ninja",
]

MIDDLEWARE = [
    "ttdn.core.middleware.RequestIdMiddleware",  # first: every later log line carries the id
    "ttdn.core.middleware.RequestMetricsMiddleware",  # counts every answer, cached ones too
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",  # outside the portal's cache
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ttdn.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "ttdn.content.middleware.SiteHostMiddleware",  # a unit's own host name serves its site
    "ttdn.content.middleware.PortalCacheMiddleware",  # cached public pages, before sign-in
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ttdn.core.middleware.RequestContextMiddleware",
    "ttdn.core.middleware.PrivateCacheMiddleware",
    "ttdn.core.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ttdn.urls"
WSGI_APPLICATION = "ttdn.wsgi.application"
AUTH_USER_MODEL = "org.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ttdn.core.context_processors.layout",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("TTDN_DATABASE_URL", f"sqlite:///{VAR_DIR / 'ttdn.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server, the worker and the scheduler share one file;
    # IMMEDIATE transactions take the write lock up front instead of failing midway.
    # Connections are kept like PostgreSQL's: opening one (and registering Django's SQL
    # functions on it) costs about a millisecond, as much as rendering a cached page.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# A read replica (PostgreSQL streaming replication) serves the pages that only read large
# aggregates: consolidation, completeness and the statistics dashboards (ttdn/core/replica.py).
# Every write, and every other read, goes to "default". No URL: no router, one database.
if replica_url := os.environ.get("TTDN_REPLICA_DATABASE_URL"):
    DATABASES["replica"] = dj_database_url.parse(replica_url, conn_max_age=60)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["ttdn.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "ttdn.org.backends.UsernameOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "ttdn.core.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock an account out after 5 failed sign-ins for 15 minutes. Counting per user name,
# not per address: a whole school shares one address behind its router.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "ttdn.org.backends.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "ttdn.core.middleware.client_ip"  # the audit log's address
# And per address, with a higher bar (a school's wrong passwords add up behind one address):
# this many failed sign-ins from one address in 15 minutes refuse its sign-ins for the rest of
# the quarter hour, so spraying many accounts from one address stops too (core/ratelimit.py).
SIGN_IN_ADDRESS_FAILURES = int(os.environ.get("TTDN_SIGN_IN_ADDRESS_FAILURES", "30"))
# Searches of the public portal one address may make per minute.
PORTAL_SEARCH_PER_MINUTE = int(os.environ.get("TTDN_PORTAL_SEARCH_PER_MINUTE", "30"))

OTP_TOTP_ISSUER = "TTĐN"

# Anniversaries (ttdn.events). Nghị định 145/2013/NĐ-CP defines năm tròn (the count ends in 0) and
# năm lẻ 5 (ends in 5); no law defines "năm chẵn", so each deployment says which it plans for:
# "round_and_half" (năm tròn and năm lẻ 5, the default) or "round" (năm tròn only).
EVEN_YEAR_RULE = os.environ.get("TTDN_EVEN_YEAR_RULE", "round_and_half")
# A năm chẵn anniversary appears in "Việc cần làm" this many days ahead, to plan its communication.
ANNIVERSARY_LEAD_DAYS = int(os.environ.get("TTDN_ANNIVERSARY_LEAD_DAYS", "60"))
ANNIVERSARY_PREPARE_DAYS = int(os.environ.get("TTDN_ANNIVERSARY_PREPARE_DAYS", "14"))
# A signed cooperation agreement appears in "Việc cần làm" this many days before it expires.
AGREEMENT_RENEWAL_DAYS = int(os.environ.get("TTDN_AGREEMENT_RENEWAL_DAYS", "90"))
# The portal refuses attachments larger than this (ttdn.content.files), with a clear message.
CONTENT_ATTACHMENT_MAX_MB = int(os.environ.get("TTDN_ATTACHMENT_MAX_MB", "20"))
# Bounds on reading uploaded files (ttdn.core.extract), and when the worker reads them instead of
# the web request (ttdn.core.uploads).
UPLOAD_MAX_UNZIPPED_MB = int(os.environ.get("TTDN_UPLOAD_MAX_UNZIPPED_MB", "50"))
UPLOAD_MAX_ZIP_RATIO = int(os.environ.get("TTDN_UPLOAD_MAX_ZIP_RATIO", "150"))
UPLOAD_MAX_PDF_PAGES = int(os.environ.get("TTDN_UPLOAD_MAX_PDF_PAGES", "2000"))
UPLOAD_MAX_TEXT_CHARS = int(os.environ.get("TTDN_UPLOAD_MAX_TEXT_CHARS", "500000"))
UPLOAD_MAX_SECONDS = float(os.environ.get("TTDN_UPLOAD_MAX_SECONDS", "20"))
UPLOAD_WORKER_SECONDS = float(os.environ.get("TTDN_UPLOAD_WORKER_SECONDS", "300"))
UPLOAD_MAX_ROWS = int(os.environ.get("TTDN_UPLOAD_MAX_ROWS", "20000"))
UPLOAD_MAX_MEGAPIXELS = int(os.environ.get("TTDN_UPLOAD_MAX_MEGAPIXELS", "25"))
UPLOAD_BACKGROUND_PAGES = int(os.environ.get("TTDN_UPLOAD_BACKGROUND_PAGES", "40"))
UPLOAD_BACKGROUND_MB = float(os.environ.get("TTDN_UPLOAD_BACKGROUND_MB", "2"))

# Press monitoring (ttdn.monitoring.fetching): timeouts in seconds, the largest page kept (after
# decompression), seconds between two requests to one host, and failed fetches in a row after
# which a source is paused and its owner told.
MONITORING_CONNECT_TIMEOUT = float(os.environ.get("TTDN_MONITORING_CONNECT_TIMEOUT", "10"))
MONITORING_READ_TIMEOUT = float(os.environ.get("TTDN_MONITORING_READ_TIMEOUT", "30"))
MONITORING_MAX_BYTES = int(os.environ.get("TTDN_MONITORING_MAX_MB", "5")) * 1_000_000
MONITORING_HOST_INTERVAL = float(os.environ.get("TTDN_MONITORING_HOST_INTERVAL", "2"))
MONITORING_PAUSE_AFTER = int(os.environ.get("TTDN_MONITORING_PAUSE_AFTER", "5"))
# Where `ttdn run` serves the demo press site (demo mode only) and the demo's sources point.
MONITORING_DEMO_PRESS_URL = os.environ.get(
    "TTDN_MONITORING_DEMO_PRESS_URL", "http://127.0.0.1:8765/"
)

SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("TTDN_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies we run in front of the application each append the address they saw to
# X-Forwarded-For; the client's address is the one the outermost of them appended (counted from
# the right). 0: no proxy, REMOTE_ADDR is the client. What a client writes itself is never used.
TRUSTED_PROXY_HOPS = int(os.environ.get("TTDN_TRUSTED_PROXY_HOPS", "0"))
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

# Backups serialise rows with times to the microsecond (ttdn.core.backupformat).
SERIALIZATION_MODULES = {"ttdn-jsonl": "ttdn.core.backupformat"}

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("TTDN_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_STORAGE = os.environ.get("TTDN_MEDIA_STORAGE", "local").strip().lower() or "local"
if MEDIA_STORAGE == "s3":
    # Uploaded files in an S3-compatible bucket (ttdn.core.objectstorage.ObjectStorage): everything
    # private, except the public pictures under content/, which the pages link to directly.
    _s3_endpoint = os.environ.get("TTDN_S3_ENDPOINT_URL", "").rstrip("/")
    _s3_bucket = os.environ["TTDN_S3_BUCKET"]
    STORAGES["default"] = {
        "BACKEND": "ttdn.core.objectstorage.ObjectStorage",
        "OPTIONS": {
            "bucket_name": _s3_bucket,
            "endpoint_url": _s3_endpoint or None,
            "region_name": os.environ.get("TTDN_S3_REGION") or None,
            "access_key": os.environ.get("TTDN_S3_ACCESS_KEY_ID") or None,
            "secret_key": secret_from_env("TTDN_S3_SECRET_ACCESS_KEY") or None,
            "public_acl": os.environ.get("TTDN_S3_PUBLIC_ACL", "public-read"),
            # Paths (endpoint/bucket/name) rather than bucket host names: what MinIO and
            # other self-hosted servers answer.
            "addressing_style": "path" if _s3_endpoint else None,
            "signature_version": "s3v4",
        },
    }
    MEDIA_URL = os.environ.get("TTDN_S3_PUBLIC_URL") or f"{_s3_endpoint}/{_s3_bucket}/"
    # The pages show the public pictures from there: the CSP lets images come from its origin.
    _media = urlsplit(MEDIA_URL)
    if _media.scheme and _media.netloc:
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(
            f"{_media.scheme}://{_media.netloc}"
        )
elif MEDIA_STORAGE != "local":
    raise ValueError(f"TTDN_MEDIA_STORAGE must be local or s3, not {MEDIA_STORAGE!r}")

# The product's own host names. Any other allowed host name is looked up among the units' public
# host names (ttdn.content.middleware): thcs-hongbang.example.vn/ serves that school's site.
PRODUCT_HOSTS = frozenset(
    env_list("TTDN_PRODUCT_HOSTS", default="localhost,127.0.0.1,[::1],testserver")
)

# The public portal caches whole pages (ttdn.content.cache). Its cache lives in files under var/
# so that every server process sees the same pages and the same invalidations, with no extra
# service to run; "default" stays Django's per-process memory cache.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "portal": {
        "BACKEND": "ttdn.core.filecache.FileCache",
        "LOCATION": os.environ.get("TTDN_PORTAL_CACHE_DIR", str(VAR_DIR / "cache" / "portal")),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
    # "Việc cần làm" lists kept by each process (ttdn/core/todo.py)…
    "todo": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "todo",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    # …until a table they were read from is written: the tables' generations (core/changes.py),
    # shared by the server processes and the worker of the machine.
    "generations": {
        "BACKEND": "ttdn.core.filecache.FileCache",
        "LOCATION": os.environ.get(
            "TTDN_GENERATIONS_CACHE_DIR", str(VAR_DIR / "cache" / "generations")
        ),
        "OPTIONS": {"MAX_ENTRIES": 10000},
    },
    # Results that cost more to compute than to read, kept while their generations are unchanged
    # (core/changes.py Keeper(shared=…)): a province's consolidation.
    "kept": {
        "BACKEND": "ttdn.core.filecache.FileCache",
        "LOCATION": os.environ.get("TTDN_KEPT_CACHE_DIR", str(VAR_DIR / "cache" / "kept")),
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
    # Counters of core/ratelimit.py, shared by the server processes of the machine.
    "ratelimit": {
        "BACKEND": "ttdn.core.filecache.FileCache",
        "LOCATION": os.environ.get(
            "TTDN_RATELIMIT_CACHE_DIR", str(VAR_DIR / "cache" / "ratelimit")
        ),
        "OPTIONS": {"MAX_ENTRIES": 50000},
    },
}
# Data read on nearly every request and seldom written (a public site with its unit and
# pictures) is kept by each process while its tables' generations are unchanged (core/changes.py).
KEEP_READS = True

# Several machines share these three through one Redis, each under its own key prefix.
if SHARED_CACHE_URL := os.environ.get("TTDN_SHARED_CACHE_URL", "").strip():
    for _alias in ("portal", "generations", "kept", "ratelimit"):
        CACHES[_alias] = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": SHARED_CACHE_URL,
            "KEY_PREFIX": f"ttdn-{_alias}",
        }

# Background tasks (ttdn.core.taskqueue): in the database by default, or in Redis when the
# work outgrows one machine. `ttdn worker` runs the worker of whichever is configured.
TASKS_BACKEND = os.environ.get("TTDN_TASKS_BACKEND", "db").strip().lower() or "db"
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
TASK_WORKER_HEARTBEAT_SECONDS = int(os.environ.get("TTDN_WORKER_HEARTBEAT_SECONDS", "10"))
if TASKS_BACKEND == "redis":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {
        # A task may run this long before its worker stops it (an upload read is 300 s at most).
        "default": {"URL": os.environ["TTDN_REDIS_URL"], "DEFAULT_TIMEOUT": 900}
    }
    RQ = {"QUEUE_CLASS": "ttdn.core.taskqueue.RetryingQueue", "JOB_CLASS": "django_tasks_rq.Job"}
elif TASKS_BACKEND != "db":
    raise ValueError(f"TTDN_TASKS_BACKEND must be db or redis, not {TASKS_BACKEND!r}")

# Social channels the portal's outbox posts published articles to (ttdn/content/channels.py).
# The local channel appends each post to a file; a real one (a Facebook page, a Zalo OA) is added
# here with its token read from the environment (or an _FILE variable), never from the database.
SOCIAL_CHANNELS = {
    "local": {
        "BACKEND": "ttdn.content.channels.LocalChannel",
        "LABEL": _("Test channel (a file on the server)"),
        "OPTIONS": {"path": str(VAR_DIR / "social-outbox.jsonl")},
    }
}
# Real channels (ttdn/content/social.py), each switched on by its environment. The settings hold
# only the variable's name or the token file's path; the channel reads the token at each post.
PUBLIC_BASE_URL = os.environ.get("TTDN_PUBLIC_URL", "")
if os.environ.get("TTDN_FACEBOOK_PAGE_ID"):
    SOCIAL_CHANNELS["facebook"] = {
        "BACKEND": "ttdn.content.social.FacebookPageChannel",
        "LABEL": _("Facebook page"),
        "OPTIONS": {
            "page_id": os.environ["TTDN_FACEBOOK_PAGE_ID"],
            "base_url": PUBLIC_BASE_URL,
            "token_env": "TTDN_FACEBOOK_TOKEN",  # the variable's name  # nosec B105
            "token_file": os.environ.get("TTDN_FACEBOOK_TOKEN_FILE", ""),
        },
    }
if os.environ.get("TTDN_ZALO_OA_TOKEN") or os.environ.get("TTDN_ZALO_OA_TOKEN_FILE"):
    SOCIAL_CHANNELS["zalo"] = {
        "BACKEND": "ttdn.content.social.ZaloOAChannel",
        "LABEL": _("Zalo official account"),
        "OPTIONS": {
            "base_url": PUBLIC_BASE_URL,
            "author": os.environ.get("TTDN_ZALO_OA_AUTHOR", ""),
            "token_env": "TTDN_ZALO_OA_TOKEN",  # the variable's name  # nosec B105
            "token_file": os.environ.get("TTDN_ZALO_OA_TOKEN_FILE", ""),
        },
    }

vars().update(email_settings(os.environ.get("TTDN_EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = os.environ.get("TTDN_DEFAULT_FROM_EMAIL", "TTĐN <no-reply@localhost>")

# Logs go to standard error, human-readable by default. TTDN_LOG_FORMAT=json writes one JSON
# object per line for a log collector, each with the id of the request it belongs to
# (ttdn/core/logs.py; the id is also the X-Request-ID response header).
LOG_FORMAT = os.environ.get("TTDN_LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ttdn.core.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "ttdn.core.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("TTDN_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# /metrics (ttdn/core/metrics.py) answers Prometheus only with this bearer token; without one it
# does not exist (404). Request counts live in each web process; with several (gunicorn
# --workers), TTDN_METRICS_DIR is where they share them (prometheus_client's multiprocess mode),
# a directory emptied when the web service starts. ADR 0015.
METRICS_TOKEN = os.environ.get("TTDN_METRICS_TOKEN", "")
if not METRICS_TOKEN and os.environ.get("TTDN_METRICS_TOKEN_FILE"):
    METRICS_TOKEN = Path(os.environ["TTDN_METRICS_TOKEN_FILE"]).read_text().strip()
METRICS_DIR = os.environ.get("TTDN_METRICS_DIR", "")
if METRICS_DIR:
    # Created here for `ttdn run`; under systemd the web service's RuntimeDirectory is. A task
    # worker sharing the environment never writes there and may not be able to create it.
    with contextlib.suppress(OSError):
        Path(METRICS_DIR).mkdir(parents=True, exist_ok=True)
    # prometheus_client chooses its storage when first imported, from this variable.
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = METRICS_DIR
CSRF_FAILURE_VIEW = "ttdn.core.errors.csrf_failure"
SILENCED_SYSTEM_CHECKS = [
    "axes.W006",  # lock-out counts per account on purpose: a whole school shares one address
    "security.W008",  # nginx redirects HTTP to HTTPS (docs/deploy.md); `make run` serves plain HTTP on loopback
    "security.W021",  # HSTS preload is a decision for each deployment's domain owner
]
