"""The only settings module of SINTREN. Every deployment difference is an environment
variable (see the configuration table in README.md); the embedded default needs none.

``SINTREN_ENV=production`` switches to the production configuration, which refuses to
start with the demo secret, DEBUG, or without ``ALLOWED_HOSTS``/``DATABASE_URL``.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from sintren.core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
SINTREN_ENV = env_str("SINTREN_ENV", "development")
if SINTREN_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("SINTREN_ENV must be 'development' or 'production'.")
PRODUCTION = SINTREN_ENV == "production"

DATA_DIR = Path(env_str("SINTREN_DATA_DIR", str(BASE_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

# Refused in production; accepted elsewhere only when set explicitly.
DEMO_SECRET_KEY = "sintren-demo-secret-key-not-for-production-use-0123456789abcdef"  # noqa: S105


def _local_secret_key(path: Path) -> str:
    """The embedded default's own key: random, made on first start, kept in ``path``.

    Every process of ``make run`` starts at once: the key is written to a private
    temporary file (mode 0600) and hard-linked into place, which never overwrites, so
    the first process wins and the others read its key.
    """
    if not path.exists():
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as tmp_file:
                tmp_file.write(secrets.token_urlsafe(64))
                tmp_file.flush()
                os.fsync(tmp_file.fileno())
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # another process was first
            except OSError:
                os.replace(tmp, path)  # a file system without hard links
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < 50:
        raise ImproperlyConfigured(f"{path} holds no usable key: delete it to get a new one.")
    return key


SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY and not PRODUCTION:
    SECRET_KEY = _local_secret_key(DATA_DIR / "secret_key")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The embedded default: SQLite, local files, development outbox, demo data.
EMBEDDED_DEFAULT = env_bool("SINTREN_EMBEDDED", default=not PRODUCTION)

if PRODUCTION:
    _problems = []
    if not SECRET_KEY or SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 50:
        _problems.append("SECRET_KEY must be set to a random value of at least 50 characters")
    if DEBUG:
        _problems.append("DEBUG must be off")
    if not ALLOWED_HOSTS:
        _problems.append("ALLOWED_HOSTS must list the site's host names")
    if not env_str("DATABASE_URL", ""):
        _problems.append("DATABASE_URL must point to the production database")
    if EMBEDDED_DEFAULT:
        _problems.append("SINTREN_EMBEDDED (demo data, development outbox) must be off")
    if _problems:
        raise ImproperlyConfigured("Production settings refused: " + "; ".join(_problems) + ".")

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "sintren.core",
    "sintren.regions",
    "sintren.accounts",
    "sintren.catalog",
    "sintren.informasi",
    "sintren.pengajuan",
    "sintren.chat",
    "sintren.documents",
    "sintren.keluaran",
    "sintren.notifications",
    "sintren.kependudukan",
    "sintren.backoffice",
    "sintren.public",
    "sintren.ops",
]

MIDDLEWARE = [
    # Before anything can read a body: refuses one over REQUEST_BODY_LIMITS with 413.
    "sintren.core.middleware.RequestBodyLimitMiddleware",
    # Any Host, plain HTTP: the load balancer's check (docs/operations.md, Health).
    "sintren.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # After SecurityMiddleware (HTTPS redirect, HSTS); validates the Host itself.
    "sintren.public.middleware.AnonymousPageMiddleware",  # docs/adr/0006-public-page-cache.md
    "sintren.core.middleware.ContentSecurityPolicyMiddleware",
    "sintren.core.middleware.MethodNotAllowedPageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files come pre-compressed); compresses the HTML pages.
    "django.middleware.gzip.GZipMiddleware",
    # After WhiteNoise (static files stay cacheable), before the session and the user.
    "sintren.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "sintren.core.context.RequestContextMiddleware",  # current_request(); after CSRF
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sintren.core.sessions.SessionPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sintren.core.context_processors.site",
            ],
        },
    },
]

# Django's form templates for common fields rendered in Python (same HTML, ~3x faster).
FORM_RENDERER = "sintren.core.formrender.FormRenderer"

# --- Database ------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": env_int("DATABASE_POOL_SIZE", 8),
        }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "sintren.sqlite3"),
            # Keep each thread's connection (the PRAGMAs below run once per connection,
            # not per request); a broken one is noticed and replaced before use.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                # Writers queue for SQLite's single write lock: a burst of registrations
                # waits its turn rather than failing with "database is locked".
                "timeout": 60,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=FULL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=60000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# PostgreSQL: the logged-in user's query is a prepared statement per server session
# (sintren/accounts/backends.py). Off behind a pooler that shares server sessions
# between clients (PgBouncer in transaction mode).
PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", default=True)

# --- Cache, tasks ---------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "sintren.core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "sintren"),
        }
    }
    # Sessions read from Redis, written through to the database: no session query on a
    # page behind a login (with the database cache a cache read would be a query too);
    # each written once per request (sintren/core/session_engines).
    SESSION_ENGINE = "sintren.core.session_engines.cached_db"
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 300}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    INSTALLED_APPS += ["django_rq"]
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "sintren_cache",
        }
    }
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # Sessions in the database, each written once per request (sintren/core/session_engines).
    SESSION_ENGINE = "sintren.core.session_engines.db"

# --- Auth, sessions ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Argon2id sized for a 2-core host, with a per-process limit on concurrent hashes
# (sintren/core/hashers.py, docs/adr/0004-password-hashing.md).
PASSWORD_HASH_CONCURRENCY = env_int("PASSWORD_HASH_CONCURRENCY", 2)
PASSWORD_HASHERS = [
    "sintren.core.hashers.SintrenArgon2Hasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Django's ModelBackend, reading the applicant profile with the user (accounts/backends.py).
AUTHENTICATION_BACKENDS = ["sintren.accounts.backends.SintrenBackend"]
LOGIN_URL = "accounts:login"
STAFF_LOGIN_URL = "backoffice:login"  # where expired staff sessions go
SESSION_COOKIE_AGE = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 3600)
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "sintren.core.views.csrf_failure"  # Indonesian 403 page, with the layout

# Client addresses are taken from X-Forwarded-For only when the direct peer is one of
# these proxies (comma-separated IPs); otherwise REMOTE_ADDR is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])

# --- Security ---------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("BEHIND_TLS_PROXY", default=True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# --- Internationalisation ---------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and private files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    # Private files: never served from a public URL, only through permission checks.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000
# --- Request bodies (docs/operations.md, "Request size") ---------------------------------------
# The largest body, in bytes, per path prefix (the longest matching prefix wins), refused
# with 413 before anything reads it (RequestBodyLimitMiddleware). The reverse proxy's
# client_max_body_size should match.
REQUEST_BODY_LIMITS = {
    "/": 64 * 1024,  # every form of the site
    "/admin/": 20 * 1024 * 1024,  # catalogue files: blank forms, example images
    "/pemohon/pengajuan/": 12 * 1024 * 1024,  # the applications' uploads (to come)
    # Output PDFs (KELUARAN_UKURAN_MAKS plus the form around it): the staff's upload on
    # a request's page, and the public verification's upload.
    "/backoffice/pengajuan/": 12 * 1024 * 1024,
    "/verifikasi/": 12 * 1024 * 1024,
}
# Form fields besides files, once a body is read (Django answers 400 beyond it).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# Uploaded files larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# --- Email -------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "SINTREN <no-reply@localhost>")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)

# --- Notifications (docs/notifications.md) ---------------------------------------------------
# "dev": messages stay in the development outbox (/dev/outbox/); "live": really sent.
NOTIFICATION_BACKEND = env_str("NOTIFICATION_BACKEND", "dev" if EMBEDDED_DEFAULT else "live")
if NOTIFICATION_BACKEND not in {"dev", "live"} or (PRODUCTION and NOTIFICATION_BACKEND != "live"):
    raise ImproperlyConfigured(
        "NOTIFICATION_BACKEND must be 'dev' or 'live' ('live' in production)."
    )
WHATSAPP_API_URL = env_str("WHATSAPP_API_URL", "")
WHATSAPP_API_TOKEN = env_str("WHATSAPP_API_TOKEN", "")
WHATSAPP_TIMEOUT = env_int("WHATSAPP_TIMEOUT", 15)
# At most this many messages to one phone number or email address per 24 hours.
SINTREN_PESAN_PER_TUJUAN_PER_HARI = env_int("SINTREN_PESAN_PER_TUJUAN_PER_HARI", 10)
if SINTREN_PESAN_PER_TUJUAN_PER_HARI < 1:
    raise ImproperlyConfigured("SINTREN_PESAN_PER_TUJUAN_PER_HARI must be at least 1.")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "sintren.notifications.email_backend.DevOutboxEmailBackend"
    if NOTIFICATION_BACKEND == "dev"
    else "django.core.mail.backends.smtp.EmailBackend",
)

# --- Population register cross-check (X-10, docs/kependudukan.md) ---------------------------
# "demo": the local demo register (embedded default); "http": the Dinas's own web service.
POPULATION_REGISTER = env_str("POPULATION_REGISTER", "demo")
POPULATION_REGISTER_URL = env_str("POPULATION_REGISTER_URL", "")
POPULATION_REGISTER_TOKEN = env_str("POPULATION_REGISTER_TOKEN", "")
POPULATION_REGISTER_TIMEOUT = env_int("POPULATION_REGISTER_TIMEOUT", 5)
if POPULATION_REGISTER not in {"demo", "http"}:
    raise ImproperlyConfigured("POPULATION_REGISTER must be 'demo' or 'http'.")
if POPULATION_REGISTER == "http" and not POPULATION_REGISTER_URL.startswith(
    ("http://", "https://")
):
    raise ImproperlyConfigured("POPULATION_REGISTER=http needs POPULATION_REGISTER_URL (http(s)).")
if POPULATION_REGISTER_TIMEOUT < 1:
    raise ImproperlyConfigured("POPULATION_REGISTER_TIMEOUT must be at least 1 second.")

# --- Issued documents and signing (OUT-1…OUT-4, docs/keluaran.md) --------------------------------
# The office's certificate and key (PKCS#12). Empty: the demo CA and certificate that
# `manage.py sertifikat_demo` (run by sintren_setup) makes in DATA_DIR/tte.
SIGNING_PKCS12_PATH = env_str("SIGNING_PKCS12_PATH", "")
SIGNING_PKCS12_PASSWORD = env_str("SIGNING_PKCS12_PASSWORD", "")
# CA certificates (PEM/DER files, comma-separated) signatures are checked against.
SIGNING_TRUST_ROOTS = env_list("SIGNING_TRUST_ROOTS", [])
SIGNING_DEMO_DIR = DATA_DIR / "tte"
KELUARAN_UKURAN_MAKS = env_int("KELUARAN_UKURAN_MAKS", 10 * 1024 * 1024)
KELUARAN_BERLAKU_HARI = 7  # Tabel 3 of the manual: one download within one week
# Days the file of an expired document is kept before housekeeping removes it.
KELUARAN_SIMPAN_HARI = env_int("KELUARAN_SIMPAN_HARI", 30)
# Email attachments by reference (sintren/notifications/lampiran.py).
NOTIFICATION_LAMPIRAN = {"keluaran": "sintren.keluaran.storage.lampiran_baca"}

# --- The office (another regency sets its own) ----------------------------------------------
SINTREN = {
    "APP_NAME": env_str("SINTREN_APP_NAME", "SINTREN"),
    "APP_LONG_NAME": env_str(
        "SINTREN_APP_LONG_NAME", "Sistem Informasi Pelayanan Online Administrasi Kependudukan"
    ),
    "OFFICE_NAME": env_str(
        "SINTREN_OFFICE_NAME", "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Pekalongan"
    ),
    "REGION_NAME": env_str("SINTREN_REGION_NAME", "Kabupaten Pekalongan"),
    "REGENCY_CODE": env_str("SINTREN_REGENCY_CODE", "33.26"),
    "WORKING_HOURS": env_str(
        "SINTREN_WORKING_HOURS",
        "Senin s.d. Kamis 07.30–16.00 WIB; Jumat 07.30–11.00 WIB",
    ),
    "CALL_CENTER_WA": env_str("SINTREN_CALL_CENTER_WA", "6285293499722"),
    # Applicant accounts (docs/accounts.md): email optional only if the office allows it.
    "EMAIL_REQUIRED": env_bool("SINTREN_EMAIL_REQUIRED", default=True),
    "ACTIVATION_DAYS": env_int("SINTREN_ACTIVATION_DAYS", 7),
}

# --- Logging: no personal data in log lines (SEC-3) ------------------------------------------
# Activation and reset links are redacted (sintren.core.logging): on the loggers that
# write request paths, so every handler gets the redacted record, and on the console
# handler for their child loggers. gunicorn's loggers get the filter from
# gunicorn.conf.py: listing them here would drop gunicorn's own handlers.
_REDACT = ["redact_tokens"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "sintren.core.logging.RedactTokensFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": _REDACT}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"filters": _REDACT},
        "django.server": {"level": "WARNING", "filters": _REDACT},
        "django.security": {"filters": _REDACT},
        "django.security.csrf": {"filters": _REDACT},
    },
}
