"""Health probes: /healthz says the process is up; /readyz whether it can serve, and why not."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings

from booking_portal.environment import cache_from_url
from tests.backends import free_port

DEFINITIONS_PAGE = {"data": [], "meta": {"current_page": 1, "last_page": 1}}


@pytest.fixture
def omneo_answers(settings, mocked_omneo):
    """Omneo answers the probe's one-page read of the definitions."""
    mocked_omneo.get(f"{settings.OMNEO_BASE_URL}/v3/appointment-definitions", json=DEFINITIONS_PAGE)
    return mocked_omneo


@pytest.fixture
def omneo_down(mocked_omneo):
    """Nothing is registered, so every Omneo request fails as unreachable."""
    return mocked_omneo


def test_healthz_says_ok_without_touching_the_database(client):
    # No django_db mark: any database access here would raise.
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_ok_when_database_cache_migrations_and_omneo_answer(client, omneo_answers):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok", "omneo": "ok"},
    }


@pytest.mark.django_db
def test_readyz_asks_omneo_with_short_timeouts_and_no_retries(client, omneo_answers):
    client.get("/readyz")

    (call,) = omneo_answers.calls
    assert call.request.req_kwargs["timeout"] == (1.0, 2.0)


@pytest.mark.django_db
def test_omneo_down_is_degraded_but_still_ready(client, omneo_down):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["omneo"] == "degraded"


@pytest.mark.django_db
def test_an_unreachable_database_makes_the_portal_unready(client, omneo_answers, monkeypatch):
    def refuse() -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "ensure_connection", refuse)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
    assert response.json()["checks"]["database"] == "failed"
    assert response.json()["checks"]["migrations"] == "unknown"


@pytest.mark.django_db
def test_a_pending_migration_makes_the_portal_unready(client, omneo_answers):
    latest = MigrationLoader(connections["default"]).graph.leaf_nodes("bookings")[0]
    MigrationRecorder(connections["default"]).record_unapplied(*latest)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["migrations"]
    assert response.json()["checks"]["migrations"] == "pending"


@pytest.mark.django_db
def test_an_unreachable_cache_makes_the_portal_unready(client, omneo_answers):
    # A loopback port nothing listens on: the connection is refused at once. The override ends
    # inside the test, so the autouse cache clearing afterwards talks to the real cache.
    unreachable = {"default": cache_from_url(f"redis://127.0.0.1:{free_port()}/0")}
    with override_settings(CACHES=unreachable):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]
    assert response.json()["checks"]["cache"] == "failed"


@pytest.mark.django_db
def test_a_dummy_cache_is_reported_disabled_not_failed(client, omneo_answers):
    with override_settings(CACHES={"default": cache_from_url("dummy://")}):
        response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == "disabled"


@pytest.mark.django_db
def test_probes_need_no_sign_in_even_when_every_page_requires_one(client, omneo_answers, settings):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
    ]

    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_readyz_reveals_no_configuration(client, omneo_down, settings):
    body = client.get("/readyz").content.decode()

    for secret in (settings.OMNEO_API_TOKEN, settings.OMNEO_BASE_URL, settings.SECRET_KEY):
        assert secret not in body
    assert str(settings.DATABASES["default"]["NAME"]) not in body
