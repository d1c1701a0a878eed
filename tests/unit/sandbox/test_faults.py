"""Fault injection: arming, matching, counting down, and the HTTP control endpoint."""

from __future__ import annotations

import pytest

from booking_portal.sandbox import faults
from booking_portal.sandbox.models import SandboxAppointment
from tests.unit.sandbox.conftest import fitting_body


@pytest.fixture
def faults_on(settings):
    settings.OMNEO_SANDBOX_FAULTS = True


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="Unknown fault"):
        faults.arm(kind="gremlins")


def test_a_fault_answers_only_its_method_and_path_for_its_count(sandbox, faults_on):
    faults.arm(kind="server_error", method="GET", path_suffix="/v3/locations", times=2)

    other_path = sandbox.get("/v3/profiles", search="ava")
    answers = [sandbox.get("/v3/locations").status_code for _ in range(3)]

    assert other_path.status_code == 200
    assert answers == [500, 500, 200]


def test_a_server_error_body_is_html(sandbox, faults_on):
    faults.arm(kind="server_error")

    response = sandbox.post("/v3/appointments", fitting_body())

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert SandboxAppointment.objects.count() == 0  # refused before the create ran


def test_a_timed_out_create_still_creates(sandbox, faults_on):
    faults.arm(kind="timeout", seconds=0.1)

    response = sandbox.post("/v3/appointments", fitting_body())

    assert response.status_code == 201
    assert SandboxAppointment.objects.count() == 1


def test_the_control_endpoint_arms_and_clears(sandbox, faults_on, client):
    armed = sandbox.post(
        "/_faults", {"kind": "forbidden", "method": "GET", "path_suffix": "/v3/locations"}
    )
    bad = sandbox.post("/_faults", {"kind": "gremlins"})
    cleared = client.delete("/sandbox/api/_faults")

    assert armed.status_code == 201
    assert bad.status_code == 422
    assert cleared.status_code == 204
    assert sandbox.get("/v3/locations").status_code == 200


def test_the_fault_is_checked_after_the_token(client, db, faults_on):
    faults.arm(kind="server_error", method="GET", path_suffix="/v3/locations")

    response = client.get("/sandbox/api/v3/locations")

    assert response.status_code == 401
    assert response.json() == {"message": "Unauthenticated."}
