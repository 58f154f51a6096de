"""The only settings module of SINTREN. Every deployment difference is an environment
variable (see the configuration table in README.md); the embedded default needs none.

``SINTREN_ENV=production`` switches to the production configuration, which refuses to
start with the demo secret, DEBUG, or without ``ALLOWED_HOSTS``/``DATABASE_URL``.
"""

from __future__ import annotations

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

DEMO_SECRET_KEY = "sintren-demo-secret-key-not-for-production-use-0123456789abcdef"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", "" if PRODUCTION else DEMO_SECRET_KEY)
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
    "sintren.notifications",
    "sintren.backoffice",
    "sintren.public",
]

MIDDLEWARE = [
    "sintren.core.middleware.HealthCheckMiddleware",
    "sintren.public.middleware.AnonymousHomeMiddleware",  # docs/public-site.md
    "django.middleware.security.SecurityMiddleware",
    "sintren.core.middleware.ContentSecurityPolicyMiddleware",
    "sintren.core.middleware.MethodNotAllowedPageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files come pre-compressed); compresses the HTML pages.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
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
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=FULL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, tasks ---------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "sintren"),
        }
    }
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

# --- Auth, sessions ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
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
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

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
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "sintren.notifications.email_backend.DevOutboxEmailBackend"
    if NOTIFICATION_BACKEND == "dev"
    else "django.core.mail.backends.smtp.EmailBackend",
)

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
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.server": {"level": "WARNING"}},
}
