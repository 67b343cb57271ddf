"""Settings, read from environment variables (see README, "Cấu hình")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from cchc.lib.env import env_bool, env_int, env_list, env_secret, env_str

django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
# Behind HTTPS in production: secure cookies, HSTS and the redirect to https.
HTTPS = env_bool("CCHC_HTTPS", False)

# The public development key: the test suite uses it; the servers refuse to start with it
# while DEBUG is off (cchc.checks: manage.py's commands, gunicorn through cchc.wsgi).
DEVELOPMENT_SECRET_KEY = "cchc-dev-only-secret-key-do-not-use-in-production-0123456789"
SECRET_KEY = env_secret("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
if not DEBUG and HTTPS and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set in production")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "cchc.apps.CchcAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "huey.contrib.djhuey",
    "cchc.accounts",
    "cchc.audit",
    "cchc.orgs",
    "cchc.notifications",
    "cchc.documents",
    "cchc.tasks",
    "cchc.reporting",
    "cchc.scoring",
    "cchc.compiling",
    "cchc.demo",
]

MIDDLEWARE = [
    "cchc.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app itself, before anything that needs the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Every page needs a signed-in user, except those marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "cchc.middleware.SecurityHeadersMiddleware",
    "cchc.middleware.RequestLimitsMiddleware",
    "cchc.middleware.DownloadAuditMiddleware",
    "cchc.middleware.MethodNotAllowedPageMiddleware",
]
CSRF_FAILURE_VIEW = "cchc.views.csrf_failure"

ROOT_URLCONF = "cchc.urls"
WSGI_APPLICATION = "cchc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cchc" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cchc.access.context",
                "cchc.orgs.context.province",
            ],
            # The components' tags (status badges, form fields, breadcrumbs) in every template.
            "builtins": ["cchc.ui.tags"],
        },
    },
]


def _database(url: str) -> dict[str, Any]:
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Many focal officers saving at once: WAL lets readers run beside the writer, IMMEDIATE
        # takes the write lock up front (no deadlocked upgrades), the timeout waits for it.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    return config


_DEFAULT_DB_URL = f"sqlite:///{BASE_DIR / 'data' / 'cchc.sqlite3'}"
DATABASES = {"default": _database(env_str("DATABASE_URL", _DEFAULT_DB_URL))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:index"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed logins allowed for a user name from one address within the window, before refusing
# (cchc.accounts.throttle: the name from all addresses, and one address, get more).
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("LOGIN_FAILURE_WINDOW_MINUTES", 15)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "cchc" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["cchc.formats"]

STATIC_URL = "static/"
# The project-wide stylesheet lives in cchc/static (cchc itself is not an installed app).
STATICFILES_DIRS = [BASE_DIR / "cchc" / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "data" / "static")))
# WhiteNoise serves the collected files (manage.py collectstatic) with far-future caching of
# compressed copies; without a collection (the tests, a fresh checkout) it serves them from the
# apps' folders, as runserver does.
WHITENOISE_USE_FINDERS = not (STATIC_ROOT / "cchc").is_dir()
STORAGES = {
    # Stored under a name the server chooses (any length or script of the user's name).
    "default": {"BACKEND": "cchc.lib.storage.SafeNameStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "data" / "media")))
# Uploads larger than this are refused before they are read (bytes).
MAX_UPLOAD_SIZE = env_int("MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
# One request: at most this many files and bytes (cchc.middleware.RequestLimitsMiddleware;
# nginx's client_max_body_size in deploy/ matches); one user: files per hour.
MAX_FILES_PER_REQUEST = env_int("MAX_FILES_PER_REQUEST", 5)
MAX_REQUEST_UPLOAD_SIZE = env_int("MAX_REQUEST_UPLOAD_SIZE", 50 * 1024 * 1024)
MAX_UPLOAD_FILES_PER_HOUR = env_int("MAX_UPLOAD_FILES_PER_HOUR", 100)
DATA_UPLOAD_MAX_NUMBER_FILES = MAX_FILES_PER_REQUEST * 4
# A plan file larger than this (about 2.000 rows) is imported in the background, with its
# progress on a page of its own (cchc.tasks.jobs).
PLAN_IMPORT_INLINE_BYTES = env_int("PLAN_IMPORT_INLINE_BYTES", 256 * 1024)
# Every text field: a report's narrative section is some thousands of words.
MAX_TEXT_FIELD_CHARS = env_int("MAX_TEXT_FIELD_CHARS", 100_000)
# The fields of one form together (files aside).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "cchc@localhost")
# Where django.core.mail.backends.filebased.EmailBackend writes the e-mails (one file a run).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "data" / "mail"))
# The address users open the site at, for links in e-mails sent by commands.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background jobs (huey): a SQLite queue file beside the database by default; JOBS_REDIS_URL
# moves the queue to Redis so that several job runners on several servers share it.
# JOBS_IMMEDIATE runs each job inside the call that enqueues it (the test suite does).
_JOBS_REDIS_URL = env_str("JOBS_REDIS_URL", "")
HUEY: dict[str, Any] = {
    "name": "cchc",
    "immediate": env_bool("JOBS_IMMEDIATE", False),
    "utc": True,
    "consumer": {"workers": env_int("JOBS_WORKERS", 2), "worker_type": "thread"},
}
if _JOBS_REDIS_URL:
    HUEY |= {"huey_class": "huey.RedisHuey", "url": _JOBS_REDIS_URL}
else:
    _JOBS_DB = Path(env_str("JOBS_DB", str(BASE_DIR / "data" / "jobs.sqlite3")))
    # huey opens its queue file as soon as it is imported; its folder must exist by then.
    _JOBS_DB.parent.mkdir(parents=True, exist_ok=True)
    HUEY |= {"huey_class": "huey.SqliteHuey", "filename": str(_JOBS_DB)}

# Behind this many reverse proxies (nginx in deploy/: 1), the client's address is read from
# X-Forwarded-For (cchc.audit.log.client_ip); 0 trusts only the connection's address.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)

# Logs to stderr (systemd's journal, docker logs) and, with LOG_FILE, to a rotating file: every
# request (cchc.request, with the server's timing), errors with their tracebacks
# (django.request), security events (django.security, cchc.security: refused sign-ins and
# uploads), each line with the request's id that the 500 page shows.
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOG_FILE = env_str("LOG_FILE", "")
_LOG_HANDLERS = ["console", "file"] if LOG_FILE else ["console"]
# Backups (manage.py backup, and every night by the job runner at BACKUP_HOUR, Vietnam time is
# the huey schedule's UTC + 7): archives in BACKUP_DIR, kept BACKUP_KEEP_DAYS days. An empty
# BACKUP_DIR turns the nightly backup off.
BACKUP_DIR = env_str("BACKUP_DIR", str(BASE_DIR / "data" / "backups"))
BACKUP_HOUR = env_int("BACKUP_HOUR", 19)  # 19:15 UTC = 02:15 in Vietnam
BACKUP_KEEP_DAYS = env_int("BACKUP_KEEP_DAYS", 14)

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cchc.lib.requestid.RequestIdFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "line",
        },
    },
    "root": {"handlers": _LOG_HANDLERS, "level": "WARNING"},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django.security": {"level": "WARNING"},
        "cchc": {"level": LOG_LEVEL},
    },
}
if LOG_FILE:
    LOGGING["handlers"]["file"] = {
        "class": "logging.handlers.RotatingFileHandler",
        "filename": LOG_FILE,
        "maxBytes": 20 * 1024 * 1024,
        "backupCount": 10,
        "encoding": "utf-8",
        "filters": ["request_id"],
        "formatter": "line",
    }
