"""Production start-up: one-line refusals, the sandbox only on request, and check --deploy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_settings import CLEAN_ENV, REPO, STRONG_SECRET, run_django

TENANT = "https://api.acme.getomneo.com/api"
# The production environment README.md documents for gunicorn behind an HTTPS proxy.
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": STRONG_SECRET,
    "OMNEO_BASE_URL": TENANT,
    "OMNEO_API_TOKEN": "tenant-token",
    "ALLOWED_HOSTS": "booking.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://booking.example.com",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "TRUSTED_PROXY_COUNT": "1",
    "DATABASE_URL": "postgres://booking:secret@db.internal:5432/portal",
    "CACHE_URL": "redis://cache.internal:6379/0",
}
# The browser tests allow async-unsafe ORM calls for Playwright; a deployment never does.
DEPLOYED = {key: value for key, value in CLEAN_ENV.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
SHOW = "from django.conf import settings as s; print({names})"


def show(*names: str) -> str:
    return SHOW.format(names=", ".join(f"s.{name}" for name in names))


def assert_refused_in_one_line(result: subprocess.CompletedProcess[str], reason: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert reason in result.stderr


@pytest.mark.parametrize(
    ("env", "reason"),
    [
        ({"OMNEO_API_TOKEN": "t", "OMNEO_SANDBOX": "1"}, "SECRET_KEY must be set"),
        (
            {"SECRET_KEY": "s" * 60, "OMNEO_API_TOKEN": "t", "OMNEO_SANDBOX": "1"},
            "SECRET_KEY is too weak",
        ),
        (
            {"SECRET_KEY": "django-insecure-" + STRONG_SECRET, "OMNEO_BASE_URL": TENANT},
            "SECRET_KEY is too weak",
        ),
        ({"SECRET_KEY": STRONG_SECRET, "OMNEO_BASE_URL": TENANT}, "OMNEO_API_TOKEN must be set"),
        ({"SECRET_KEY": STRONG_SECRET, "OMNEO_API_TOKEN": "t"}, "OMNEO_BASE_URL must be set"),
        (
            {"SECRET_KEY": STRONG_SECRET, "OMNEO_API_TOKEN": "t", "OMNEO_SANDBOX_FAULTS": "1"},
            "OMNEO_BASE_URL must be set",
        ),
        (
            {**PRODUCTION_ENV, "OMNEO_SANDBOX": "1"},
            "OMNEO_SANDBOX=1 and OMNEO_BASE_URL are both set",
        ),
        ({**PRODUCTION_ENV, "SESSION_COOKIE_AGE": "twelve hours"}, "SESSION_COOKIE_AGE"),
        ({**PRODUCTION_ENV, "CACHE_URL": "memcached://x"}, "CACHE_URL"),
        (
            {**PRODUCTION_ENV, "CACHE_URL": "locmem://", "SESSION_STORE": "cached_db"},
            "SESSION_STORE=cached_db needs a cache every app server shares",
        ),
        ({**PRODUCTION_ENV, "SESSION_STORE": "signed_cookies"}, "SESSION_STORE must be"),
        ({**PRODUCTION_ENV, "DATABASE_CONN_MAX_AGE": "a minute"}, "DATABASE_CONN_MAX_AGE"),
    ],
)
def test_production_refuses_to_start_with_one_line_and_no_traceback(env, reason):
    result = run_django("", **{"DEBUG": "0", **env})

    assert_refused_in_one_line(result, reason)


def test_manage_py_refuses_in_one_line_too():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=REPO,
        env={**CLEAN_ENV, "DEBUG": "0", "OMNEO_API_TOKEN": "t", "SECRET_KEY": STRONG_SECRET},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert_refused_in_one_line(result, "OMNEO_BASE_URL must be set")


def test_a_sandbox_trial_is_said_out_loud_and_mounts_the_sandbox():
    code = (
        "from django.urls import resolve; "
        "print(resolve('/sandbox/api/v3/locations').url_name is not None)"
    )
    env = {"DEBUG": "0", "SECRET_KEY": STRONG_SECRET, "OMNEO_API_TOKEN": "t"}
    result = run_django(code, OMNEO_SANDBOX="1", **env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True"]


def test_production_defaults_to_https_hsts_and_secure_cookies():
    names = (
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
    )
    result = run_django(show(*names), **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    expected = "True 31536000 True True ('HTTP_X_FORWARDED_PROTO', 'https')"
    assert result.stdout.strip() == expected


def test_hsts_is_configurable():
    result = run_django(show("SECURE_HSTS_SECONDS"), **PRODUCTION_ENV, SECURE_HSTS_SECONDS="600")

    assert result.stdout.strip() == "600"


def test_the_demo_keeps_plain_http():
    names = ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE")
    result = run_django(show(*names), DEBUG="1")

    assert result.stdout.strip() == "False 0 False"


def test_sessions_last_twelve_hours_unless_told_otherwise():
    names = ("SESSION_COOKIE_AGE", "SESSION_EXPIRE_AT_BROWSER_CLOSE")
    default = run_django(show(*names), **PRODUCTION_ENV)
    shared_tablet = run_django(
        show(*names),
        **PRODUCTION_ENV,
        SESSION_COOKIE_AGE="3600",
        SESSION_EXPIRE_AT_BROWSER_CLOSE="1",
    )

    assert default.stdout.strip() == "43200 False"
    assert shared_tablet.stdout.strip() == "3600 True"


def test_check_deploy_is_clean_under_the_documented_production_environment():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env={**DEPLOYED, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_gunicorn_stops_on_a_refusal_instead_of_respawning_workers():
    gunicorn = Path(sys.executable).with_name("gunicorn")
    result = subprocess.run(  # noqa: S603 - the project's own gunicorn
        [str(gunicorn), "booking_portal.wsgi", "--bind", "127.0.0.1:0", "--no-control-socket"],
        cwd=REPO,
        env={**CLEAN_ENV, "DEBUG": "0", "SECRET_KEY": STRONG_SECRET, "OMNEO_API_TOKEN": "t"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 3  # gunicorn's "worker failed to boot"
    assert "OMNEO_BASE_URL must be set" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_renders_templates_through_the_cached_loader():
    # The booking page's crispy fields and partials are parsed once per process, not per request.
    code = (
        "from django.template import engines; "
        "print([type(loader).__module__ for loader in engines['django'].engine.template_loaders])"
    )
    result = run_django(code, **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['django.template.loaders.cached']"
