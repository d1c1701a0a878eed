"""Reading configuration from the environment: typed values, and one-line refusals to start.

Only booking_portal/settings.py calls these; nothing else reads the environment.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

from django.core.exceptions import ImproperlyConfigured

DEMO_SECRET_KEY = "demo-only-insecure-secret-key-never-use-in-production"  # noqa: S105
# Django's own idea of a strong key (check --deploy, security.W009).
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
BOOT_ERROR = 3


def env_bool(name: str, *, default: bool) -> bool:
    """Read a yes/no variable ("1", "true", "yes", "on" are yes)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, *, default: str) -> list[str]:
    """Read a comma-separated variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, *, default: int) -> int:
    """Read a whole number; anything else stops start-up with one line."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        refuse(f"{name} must be a whole number, not {value!r}.")


def env_float(name: str, *, default: float) -> float:
    """Read a number of seconds; anything else stops start-up with one line."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError:
        refuse(f"{name} must be a number, not {value!r}.")


def refuse(reason: str) -> NoReturn:
    """Stop start-up with one line on stderr and no traceback.

    Exit status 3 is gunicorn's "worker failed to boot": it stops, rather than respawning.
    """
    print(f"Booking Portal will not start: {reason}", file=sys.stderr)
    raise SystemExit(BOOT_ERROR)


def secret_key_problem(key: str) -> str | None:
    """Why this SECRET_KEY cannot sign production sessions, or None when it can."""
    if not key:
        return "SECRET_KEY must be set when DEBUG is off."
    weak = (
        key == DEMO_SECRET_KEY
        or key.startswith("django-insecure")
        or len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    )
    if weak:
        return (
            f"SECRET_KEY is too weak: use at least {SECRET_KEY_MIN_LENGTH} random characters "
            "(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    return None


FILE_CACHE_MAX_ENTRIES = 5000  # past this, a third of the entries go (each set counts the files)


def default_cache_url(database: dict[str, object], base_dir: Path) -> str:
    """The cache with no CACHE_URL: files every worker process of this server shares.

    Beside a SQLite database (its name plus "-cache"), so each database has its own; under
    base_dir otherwise.
    """
    name = str(database.get("NAME") or "")
    if database.get("ENGINE") == "django.db.backends.sqlite3" and name and name != ":memory:":
        return f"file://{Path(name).resolve()}-cache"
    return f"file://{base_dir / 'omneo-cache'}"


def cache_from_url(url: str) -> dict[str, object]:
    """Turn CACHE_URL (file://, locmem://, redis://, rediss://, dummy://) into a CACHES entry."""
    if url.startswith("file://"):
        # One directory on this server: every worker process reads what another stored.
        directory = url.removeprefix("file://")
        if not directory.startswith("/"):
            raise ImproperlyConfigured(f"CACHE_URL=file:// needs an absolute directory: {url}")
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": directory,
            "OPTIONS": {"MAX_ENTRIES": FILE_CACHE_MAX_ENTRIES},
        }
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
    raise ImproperlyConfigured(
        f"CACHE_URL must start with file://, locmem://, redis:// or dummy://: {url}"
    )


SESSION_ENGINES = {
    "db": "django.contrib.sessions.backends.db",
    "cached_db": "django.contrib.sessions.backends.cached_db",
}
SHARED_CACHE_BACKENDS = {"django.core.cache.backends.redis.RedisCache"}


def session_engine(store: str, cache: dict[str, object]) -> str:
    """SESSION_STORE (db, the default, or cached_db) as a SESSION_ENGINE.

    cached_db reads a session from the cache and writes it through to the database, saving a
    query per request. It needs a cache every app server shares: with one per process, a session
    signed out (or cycled at sign-in) on one worker would still be found in another's cache.
    """
    store = store.strip().lower() or "db"
    if store not in SESSION_ENGINES:
        raise ImproperlyConfigured(f"SESSION_STORE must be db or cached_db, not {store!r}.")
    if store == "cached_db" and cache["BACKEND"] not in SHARED_CACHE_BACKENDS:
        raise ImproperlyConfigured(
            "SESSION_STORE=cached_db needs a cache every app server shares (CACHE_URL=redis://…)."
        )
    return SESSION_ENGINES[store]
