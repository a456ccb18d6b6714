"""Django settings for the Docket web workspace, all read from the environment.

See ``docs/web.md`` for every variable. Debug is off unless ``DOCKET_DEBUG=1``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url

from docket.web import environment

_ENV = os.environ
BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = environment.data_dir(_ENV)

DEBUG = environment.flag(_ENV, "DOCKET_DEBUG")
SECRET_KEY = environment.secret_key(_ENV, DATA_DIR)
ALLOWED_HOSTS = environment.allowed_hosts(_ENV)
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in _ENV.get("DOCKET_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

# Anonymous visitors may read the list and the RFC pages only when this is on.
DOCKET_PUBLIC_READ = environment.flag(_ENV, "DOCKET_PUBLIC_READ")
# Path to an RFC template; empty means the template Docket ships.
DOCKET_TEMPLATE = _ENV.get("DOCKET_TEMPLATE", "")
# Sign-in throttling: this many failures per username and address within the window.
DOCKET_LOGIN_FAILURE_LIMIT = environment.integer(_ENV, "DOCKET_LOGIN_FAILURE_LIMIT", 5)
DOCKET_LOGIN_FAILURE_WINDOW = environment.integer(_ENV, "DOCKET_LOGIN_FAILURE_WINDOW", 900)
# The largest RFC text accepted, in characters.
DOCKET_MAX_RFC_CHARS = 1_000_000
# Search answers each worker process keeps, dropped when the index changes (0: none); see
# docket/web/search/cache.py.
DOCKET_SEARCH_CACHE_SIZE = environment.integer(_ENV, "DOCKET_SEARCH_CACHE_SIZE", 256)
# Megabytes of compressed RFC pages each worker process keeps for readers who are not
# signed in, on PostgreSQL (0: none); see docket/web/proposals/page_cache.py.
DOCKET_PAGE_CACHE_MB = environment.integer(_ENV, "DOCKET_PAGE_CACHE_MB", 128)
# PostgreSQL is reached through a transaction-mode pooler: no prepared statements, no LISTEN.
DOCKET_DB_POOLER = environment.flag(_ENV, "DOCKET_DB_POOLER")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "docket.web.ops",
    "docket.web.accounts",
    "docket.web.proposals",
    "docket.web.search",
    "ninja",
]

MIDDLEWARE = [
    "docket.web.ops.middleware.RequestIdMiddleware",
    "docket.web.ops.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "docket.web.accounts.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "docket.web.urls"
WSGI_APPLICATION = "docket.web.wsgi.application"

TEMPLATES = [
    {
        # Pages are Jinja2; it comes first so our registration/* pages win over admin's.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "docket.web.jinja2_env.environment",
            "context_processors": [
                "docket.web.jinja2_env.csrf_once",
                "docket.web.jinja2_env.request_url",
            ],
        },
    },
    {
        # Django admin and the password-reset e-mails keep their own DTL templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        environment.database_url(_ENV, DATA_DIR), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, with the health check skipped for a connection used moments ago.
    DATABASES["default"]["ENGINE"] = "docket.web.db.postgresql"
    # Options named in the URL (sslmode=...) stay.
    DATABASES["default"].setdefault("OPTIONS", {}).update(environment.postgres_options(_ENV))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait instead of
    # failing half-way; WAL lets readers carry on while one writes. Connections persist
    # like PostgreSQL's: Django keeps one per thread, and reopening one per request cost a
    # connect, the PRAGMAs below and a cold page cache every time (about a third of the RFC
    # page's service time). Reads go through a memory map of the file (up to 1 GiB) rather
    # than a read() call per page: an RFC page's row spans a dozen overflow pages, and
    # mapped they cost a quarter less to read.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=1073741824;"
        ),
    }
    # Tests use a file, not memory, so threads can race for real; one per process so
    # parallel runs never share it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"docket-test-{os.getpid()}.sqlite3")
    }
    DATA_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every worker, so login throttling holds across gunicorn processes.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "docket_cache",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "proposals:list"
LOGOUT_REDIRECT_URL = "login"

EMAIL_BACKEND = _ENV.get("DOCKET_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = _ENV.get("DOCKET_EMAIL_HOST", "localhost")
EMAIL_PORT = environment.integer(_ENV, "DOCKET_EMAIL_PORT", 25)
EMAIL_HOST_USER = _ENV.get("DOCKET_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = _ENV.get("DOCKET_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = environment.flag(_ENV, "DOCKET_EMAIL_TLS")
DEFAULT_FROM_EMAIL = _ENV.get("DOCKET_FROM_EMAIL", "docket@localhost")

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve straight from the installed packages: no collectstatic step before `docket serve`.
WHITENOISE_USE_FINDERS = True

# An RFC is text: 2 MB of form data is far more than any real one and stops a 50 MB body
# before it is read into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Django's model backend and database sessions, each loading in one plain query.
AUTHENTICATION_BACKENDS = ["docket.web.accounts.backends.AccountBackend"]
SESSION_ENGINE = "docket.web.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = environment.flag(_ENV, "DOCKET_HTTPS")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_FAILURE_VIEW = "docket.web.ops.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "docket.web.ops.logging.RequestIdFilter"}},
    "formatters": {"json": {"()": "docket.web.ops.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": _ENV.get("DOCKET_LOG_LEVEL", "INFO")},
    "loggers": {
        # The request middleware writes one line per request; Django's own would repeat it.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "ERROR"},
    },
}
