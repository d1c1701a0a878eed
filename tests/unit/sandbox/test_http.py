"""The sandbox's HTTP plumbing: the bearer token, unknown paths, faults through the endpoints."""

from __future__ import annotations

import pytest

from booking_portal.sandbox import data, faults


def test_every_endpoint_needs_the_bearer_token(client, db):
    response = client.get("/sandbox/api/v3/locations", headers={"Authorization": "Bearer wrong"})

    assert response.status_code == 401
    assert response.json() == {"message": "Unauthenticated."}


def test_unknown_paths_answer_json_404(sandbox):
    response = sandbox.get("/v3/nothing-here")

    assert response.status_code == 404
    assert "message" in response.json()


def test_faults_do_nothing_unless_enabled(sandbox, settings):
    settings.OMNEO_SANDBOX_FAULTS = False
    faults.arm(kind="server_error", method="GET", path_suffix="/v3/locations")

    assert sandbox.get("/v3/locations").status_code == 200
    assert sandbox.post("/_faults", {"kind": "server_error"}).status_code == 404


@pytest.mark.parametrize(
    ("kind", "status"),
    [("rate_limit", 429), ("server_error", 500), ("unauthorized", 401), ("forbidden", 403)],
)
def test_armed_faults_answer_once(sandbox, settings, kind, status):
    settings.OMNEO_SANDBOX_FAULTS = True
    faults.arm(kind=kind, method="GET", path_suffix="/v3/locations", seconds=7)

    failed = sandbox.get("/v3/locations")
    recovered = sandbox.get("/v3/locations")

    assert failed.status_code == status
    assert recovered.status_code == 200
    if kind == "rate_limit":
        assert failed["Retry-After"] == "7"


def test_a_malformed_create_still_creates(sandbox, settings):
    from booking_portal.sandbox.models import SandboxAppointment
    from tests.unit.sandbox.conftest import fitting_body

    settings.OMNEO_SANDBOX_FAULTS = True
    armed = sandbox.post("/_faults", {"kind": "malformed"})

    response = sandbox.post("/v3/appointments", fitting_body())

    assert armed.status_code == 201
    assert response.status_code == 201
    assert response.content == b"<html>oops"
    assert SandboxAppointment.objects.count() == 1


def test_latency_delays_then_answers_normally(sandbox, settings):
    import time

    settings.OMNEO_SANDBOX_FAULTS = True
    faults.arm(kind="latency", method="GET", path_suffix="/v3/locations", seconds=0.3)

    started = time.monotonic()
    response = sandbox.get("/v3/locations")
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert elapsed >= 0.3
    assert [item["id"] for item in response.json()["data"]] == list(data.LOCATIONS)
