"""All configuration, read from the environment in one place; unset values give the demo."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from booking_portal.environment import (
    DEMO_SECRET_KEY,
    cache_from_url,
    default_cache_url,
    env_bool,
    env_float,
    env_int,
    env_list,
    refuse,
    secret_key_problem,
    session_engine,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEMO_OMNEO_TOKEN = "demo-sandbox-token"  # noqa: S105
ONE_YEAR = 365 * 24 * 60 * 60


DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default="127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default="")

# Omneo: a tenant's URL, or (opt-in outside the demo) the built-in sandbox over HTTP.
OMNEO_BASE_URL = os.environ.get("OMNEO_BASE_URL", "").strip().rstrip("/")
OMNEO_SANDBOX_ENABLED = env_bool("OMNEO_SANDBOX", default=DEBUG and not OMNEO_BASE_URL)
PORTAL_ORIGIN = os.environ.get("PORTAL_ORIGIN", "http://127.0.0.1:8000").rstrip("/")
OMNEO_API_TOKEN = os.environ.get("OMNEO_API_TOKEN", "")
OMNEO_CONNECT_TIMEOUT = env_float("OMNEO_CONNECT_TIMEOUT", default=3.05)
OMNEO_READ_TIMEOUT = env_float("OMNEO_READ_TIMEOUT", default=10)
OMNEO_READ_RETRIES = env_int("OMNEO_READ_RETRIES", default=2)
# A look-up (never the create) gives up after this many seconds, retries included.
OMNEO_LOOKUP_BUDGET = env_float("OMNEO_LOOKUP_BUDGET", default=4)
# The token the sandbox accepts: the configured one, else the demo token.
OMNEO_SANDBOX_TOKEN = OMNEO_API_TOKEN or DEMO_OMNEO_TOKEN
# Tests arm latency, 429, 500, timeouts and malformed bodies in the sandbox; off by default.
OMNEO_SANDBOX_FAULTS = env_bool("OMNEO_SANDBOX_FAULTS", default=False)
# Inside Omneo Clienteling: the origins allowed to frame the embed pages and to send the context
# (in the demo, the sandbox's stand-in on the portal's other loopback name, e.g.
# http://localhost:8000), and the longest embed session.
_STANDIN_ORIGIN = PORTAL_ORIGIN.replace("//127.0.0.1", "//localhost", 1)
CLIENTELING_ORIGINS = [
    origin.rstrip("/")
    for origin in env_list(
        "CLIENTELING_ORIGINS", default=_STANDIN_ORIGIN if OMNEO_SANDBOX_ENABLED else ""
    )
]
CLIENTELING_SESSION_SECONDS = env_int("CLIENTELING_SESSION_SECONDS", default=30 * 60)
# Registering the Clienteling app (manage.py clienteling_register) only; never on a command line.
OMNEO_ADMIN_TOKEN = os.environ.get("OMNEO_ADMIN_TOKEN", "")
# Used where a location has no time zone of its own.
PORTAL_DEFAULT_TIMEZONE = os.environ.get("PORTAL_DEFAULT_TIMEZONE", "Australia/Sydney")
# Store staff may book a customer into a store they do not work at (where the service is offered).
PORTAL_BOOK_OTHER_STORES = env_bool("PORTAL_BOOK_OTHER_STORES", default=True)


def configuration_problems() -> list[str]:
    """Everything that stops this configuration from starting, each as one sentence."""
    problems = []
    if OMNEO_SANDBOX_ENABLED and OMNEO_BASE_URL:
        problems.append("OMNEO_SANDBOX=1 and OMNEO_BASE_URL are both set: choose one.")
    if not OMNEO_SANDBOX_ENABLED and not OMNEO_BASE_URL:
        problems.append(
            "OMNEO_BASE_URL must be set (or OMNEO_SANDBOX=1 for a trial against the sandbox)."
        )
    if not DEBUG:
        problems.append(secret_key_problem(SECRET_KEY) or "")
        if not OMNEO_API_TOKEN:
            problems.append("OMNEO_API_TOKEN must be set when DEBUG is off.")
    return [problem for problem in problems if problem]


if configuration_problems():
    refuse(" ".join(configuration_problems()))
if OMNEO_SANDBOX_ENABLED:
    OMNEO_BASE_URL = f"{PORTAL_ORIGIN}/sandbox/api"
SECRET_KEY = SECRET_KEY or DEMO_SECRET_KEY
OMNEO_API_TOKEN = OMNEO_API_TOKEN or (DEMO_OMNEO_TOKEN if OMNEO_SANDBOX_ENABLED else "")
OMNEO_ADMIN_TOKEN = OMNEO_ADMIN_TOKEN or (DEMO_OMNEO_TOKEN if OMNEO_SANDBOX_ENABLED else "")

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
    "axes",
    "booking_portal.common",
    "booking_portal.staff",
    "booking_portal.bookings",
    "booking_portal.writes",
    "booking_portal.appointments",
    "booking_portal.clienteling",
]
if OMNEO_SANDBOX_ENABLED:
    INSTALLED_APPS.append("booking_portal.sandbox")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # answers static requests before anything below
    # Compresses pages and htmx fragments; above every middleware that reads or changes the body.
    # (Django adds random padding to each gzip body against BREACH.)
    "django.middleware.gzip.GZipMiddleware",
    # Below WhiteNoise, so static files stay cacheable; every page the portal renders is not.
    "booking_portal.headers.PrivatePagesMiddleware",
    "booking_portal.request_guard.NulCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "django.template.context_processors.csp",
                "booking_portal.headers.sandbox_banner",
            ],
        },
    },
]

# Each server thread keeps its connection between requests (checked before reuse), SQLite's too:
# opening one costs more than most of a page's queries.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", default=60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions and WAL: concurrent requests queue for the write lock, never fail.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so a live test server's threads each get a real connection;
    # one per process, so parallel runs never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")}

try:
    # With no CACHE_URL, files beside the database: every gunicorn worker reads what another
    # read from Omneo (a local-memory cache per worker would read it again).
    CACHE_URL = os.environ.get("CACHE_URL") or default_cache_url(DATABASES["default"], BASE_DIR)
    CACHES = {"default": cache_from_url(CACHE_URL)}
    # Sessions live in the database; SESSION_STORE=cached_db reads them from a shared cache.
    SESSION_ENGINE = session_engine(os.environ.get("SESSION_STORE", ""), CACHES["default"])
except ImproperlyConfigured as exc:
    refuse(str(exc))

# Settling bookings whose outcome is unknown (seconds): a pending attempt older than the first is
# looked up; an unknown one counts as not booked once the grace has passed with nothing found.
BOOKING_PENDING_CHECK_SECONDS = env_float("BOOKING_PENDING_CHECK_SECONDS", default=60)
BOOKING_SETTLE_GRACE_SECONDS = env_float("BOOKING_SETTLE_GRACE_SECONDS", default=20)
BOOKING_SETTLE_MAX_BACKOFF_SECONDS = env_float("BOOKING_SETTLE_MAX_BACKOFF_SECONDS", default=60)
# Background work (settling unknown bookings) is queued in the database; `db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes checks every sign-in first, so a locked-out user never reaches the password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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

# HTTPS: on by default with DEBUG off; the proxy in front says which requests came over HTTPS.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
_proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https") if _proxy_header else None
)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=ONE_YEAR if SECURE_SSL_REDIRECT else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", default=12 * 60 * 60)
# Shared tablets: the session ends when the browser closes.
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=False)

# Scripts and styles come from the portal's own files; anything inline needs the request's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],  # Bootstrap draws checkboxes and selects as data: SVGs
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# Staff pages need none of these browser features.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# Sign-in lockout (django-axes): failures counted per user and address together, in the
# database, so every app server sees the same count; an admin unlocks under Axes.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "booking_portal.staff.signin.locked_out"
AXES_CLIENT_IP_CALLABLE = "booking_portal.staff.signin.client_address"
AXES_USERNAME_CALLABLE = "booking_portal.staff.signin.lockout_username"
# How many proxies in front of gunicorn append to X-Forwarded-For (0: trust REMOTE_ADDR only).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", default=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # urllib3 logs request lines only; never headers, so the token stays out of logs.
    "loggers": {"urllib3": {"level": "WARNING"}},
}
