"""All configuration, read from the environment in one place; unset values give the demo."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

DEMO_SECRET_KEY = "demo-only-insecure-secret-key-never-use-in-production"  # noqa: S105
DEMO_OMNEO_TOKEN = "demo-sandbox-token"  # noqa: S105


def env_bool(name: str, *, default: bool) -> bool:
    """Read a yes/no variable ("1", "true", "yes", "on" are yes)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, *, default: str) -> list[str]:
    """Read a comma-separated variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def cache_from_url(url: str) -> dict[str, object]:
    """Turn CACHE_URL (locmem://, redis://, rediss://, dummy://) into a CACHES entry."""
    if url.startswith(("redis://", "rediss://")):
        # Short socket timeouts: a hung cache slows a request by a second, never stalls it.
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if url.startswith("locmem://"):
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": url.removeprefix("locmem://") or "booking-portal",
        }
    raise ImproperlyConfigured(f"CACHE_URL must start with locmem://, redis:// or dummy://: {url}")


DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default="127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default="")

# Omneo: with OMNEO_BASE_URL unset the portal talks to its own built-in sandbox over HTTP.
OMNEO_BASE_URL = os.environ.get("OMNEO_BASE_URL", "").strip().rstrip("/")
OMNEO_SANDBOX_ENABLED = not OMNEO_BASE_URL
PORTAL_ORIGIN = os.environ.get("PORTAL_ORIGIN", "http://127.0.0.1:8000").rstrip("/")
if OMNEO_SANDBOX_ENABLED:
    OMNEO_BASE_URL = f"{PORTAL_ORIGIN}/sandbox/api"
OMNEO_API_TOKEN = os.environ.get("OMNEO_API_TOKEN", "")
OMNEO_CONNECT_TIMEOUT = float(os.environ.get("OMNEO_CONNECT_TIMEOUT", "3.05"))
OMNEO_READ_TIMEOUT = float(os.environ.get("OMNEO_READ_TIMEOUT", "10"))
OMNEO_READ_RETRIES = int(os.environ.get("OMNEO_READ_RETRIES", "2"))
# The token the sandbox accepts: the configured one, else the demo token.
OMNEO_SANDBOX_TOKEN = OMNEO_API_TOKEN or DEMO_OMNEO_TOKEN
# Tests arm latency, 429, 500, timeouts and malformed bodies in the sandbox; off by default.
OMNEO_SANDBOX_FAULTS = env_bool("OMNEO_SANDBOX_FAULTS", default=False)
# Used where a location has no time zone of its own.
PORTAL_DEFAULT_TIMEZONE = os.environ.get("PORTAL_DEFAULT_TIMEZONE", "Australia/Sydney")

if not DEBUG:
    if not SECRET_KEY or SECRET_KEY == DEMO_SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    if not OMNEO_API_TOKEN:
        raise ImproperlyConfigured("OMNEO_API_TOKEN must be set when DEBUG is off.")
SECRET_KEY = SECRET_KEY or DEMO_SECRET_KEY
OMNEO_API_TOKEN = OMNEO_API_TOKEN or (DEMO_OMNEO_TOKEN if OMNEO_SANDBOX_ENABLED else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_tasks_db",
    "booking_portal.bookings",
]
if OMNEO_SANDBOX_ENABLED:
    INSTALLED_APPS.append("booking_portal.sandbox")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # answers static requests before anything below
    # Compresses pages and htmx fragments; above every middleware that reads or changes the body.
    # (Django adds random padding to each gzip body against BREACH.)
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "booking_portal.urls"
WSGI_APPLICATION = "booking_portal.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions and WAL: concurrent requests queue for the write lock, never fail.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so a live test server's threads each get a real connection;
    # one per process, so parallel runs never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")}

CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "locmem://"))}

# Background work (settling unknown bookings) is queued in the database; `db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "bookings:book"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-au"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# `collectstatic` writes content-hashed names plus gzip and brotli copies; WhiteNoise serves the
# hashed ones with "max-age=315360000, public, immutable", so repeat visits request no static file.
# Unhashed names (nothing links to them) keep WhiteNoise's short default max-age.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # urllib3 logs request lines only; never headers, so the token stays out of logs.
    "loggers": {"urllib3": {"level": "WARNING"}},
}
