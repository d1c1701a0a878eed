"""Fault injection: arming, matching, counting down, each kind's answer, the control endpoint."""

from __future__ import annotations

import json

import pytest

from booking_portal.sandbox import faults
from booking_portal.sandbox.models import SandboxAppointment, SandboxFault
from tests.unit.sandbox.conftest import fitting_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def faults_on(settings):
    settings.OMNEO_SANDBOX_FAULTS = True


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="Unknown fault"):
        faults.arm(kind="gremlins")


@pytest.mark.parametrize(("times", "seconds"), [(0, 0), (-1, 0), ("2", 0), (1, -1), (1, "5")])
def test_a_count_or_delay_out_of_range_is_refused(times, seconds):
    with pytest.raises(ValueError, match=r"^(times|seconds) must be"):
        faults.arm(kind="latency", times=times, seconds=seconds)

    assert SandboxFault.objects.count() == 0


def test_an_armed_fault_is_a_database_row_until_used_up(sandbox, faults_on):
    faults.arm(kind="server_error", method="get", path_suffix="/v3/locations", times=2)

    stored = SandboxFault.objects.get()
    sandbox.get("/v3/locations")
    left_after_one = SandboxFault.objects.get().times
    sandbox.get("/v3/locations")

    assert (stored.kind, stored.method, stored.times) == ("server_error", "GET", 2)
    assert left_after_one == 1
    assert SandboxFault.objects.count() == 0


def test_clear_disarms_every_fault(faults_on):
    faults.arm(kind="server_error")
    faults.arm(kind="latency", method="GET", path_suffix="/v3/locations")

    faults.clear()

    assert SandboxFault.objects.count() == 0


def test_a_fault_answers_only_its_method_and_path_for_its_count(sandbox, faults_on):
    faults.arm(kind="server_error", method="GET", path_suffix="/v3/locations", times=2)

    other_path = sandbox.get("/v3/profiles", search="ava")
    answers = [sandbox.get("/v3/locations").status_code for _ in range(3)]

    assert other_path.status_code == 200
    assert answers == [500, 500, 200]


def test_faults_are_used_in_the_order_they_were_armed(sandbox, faults_on):
    faults.arm(kind="forbidden", method="GET", path_suffix="/v3/locations")
    faults.arm(kind="unavailable", method="GET", path_suffix="/v3/locations")

    answers = [sandbox.get("/v3/locations").status_code for _ in range(3)]

    assert answers == [403, 503, 200]


@pytest.mark.parametrize(
    ("kind", "status", "content_type"),
    [
        ("server_error", 500, "text/html"),
        ("bad_gateway", 502, "text/html"),
        ("unavailable", 503, "text/html"),
    ],
)
def test_gateway_and_server_errors_answer_html_without_creating(
    sandbox, faults_on, kind, status, content_type
):
    faults.arm(kind=kind)

    response = sandbox.post("/v3/appointments", fitting_body())

    assert response.status_code == status
    assert response["Content-Type"].startswith(content_type)
    assert response.content.lstrip().startswith(b"<")
    assert SandboxAppointment.objects.count() == 0  # refused before the create ran


@pytest.mark.parametrize(
    ("kind", "status", "message"),
    [
        ("unauthorized", 401, "Unauthenticated."),
        ("forbidden", 403, "Invalid scope(s) provided."),
        ("not_found", 404, "No query results for model [Appointment]."),
        ("rate_limit", 429, "Too Many Attempts."),
    ],
)
def test_json_refusals_answer_laravels_message_without_creating(
    sandbox, faults_on, kind, status, message
):
    faults.arm(kind=kind)

    response = sandbox.post("/v3/appointments", fitting_body())

    assert response.status_code == status
    assert response.json() == {"message": message}
    assert SandboxAppointment.objects.count() == 0


def test_not_found_names_the_model_of_the_path(sandbox, faults_on):
    faults.arm(kind="not_found", method="GET", path_suffix="/v3/locations/15")

    response = sandbox.get("/v3/locations/15")

    assert response.json() == {"message": "No query results for model [Location]."}


@pytest.mark.parametrize(("seconds", "retry_after"), [(7, "7"), (2.9, "2"), (0, "30")])
def test_a_rate_limit_says_when_to_retry(sandbox, faults_on, seconds, retry_after):
    faults.arm(kind="rate_limit", seconds=seconds)

    response = sandbox.post("/v3/appointments", fitting_body())

    assert response["Retry-After"] == retry_after


def test_a_timed_out_create_still_creates(sandbox, faults_on):
    faults.arm(kind="timeout", seconds=0.1)

    response = sandbox.post("/v3/appointments", fitting_body())

    assert response.status_code == 201
    assert SandboxAppointment.objects.count() == 1


def test_a_malformed_create_answers_a_non_json_body_and_still_creates(sandbox, faults_on):
    faults.arm(kind="malformed")

    response = sandbox.post("/v3/appointments", fitting_body())

    assert response.status_code == 201
    assert response.content == faults.MALFORMED_BODY.encode()
    with pytest.raises(json.JSONDecodeError, match="Expecting value"):
        json.loads(response.content)
    assert SandboxAppointment.objects.count() == 1


def test_a_create_answered_without_data_still_creates(sandbox, faults_on):
    faults.arm(kind="no_data")

    response = sandbox.post("/v3/appointments", fitting_body())

    created = SandboxAppointment.objects.get()
    assert response.status_code == 201
    assert "data" not in response.json()
    assert response.json()["appointment"]["id"] == created.pk


def test_no_data_passes_a_refused_create_through(sandbox, faults_on):
    faults.arm(kind="no_data")

    response = sandbox.post("/v3/appointments", fitting_body(profile_id="nobody"))

    assert response.status_code == 422
    assert "profile_id" in response.json()["errors"]


def test_the_control_endpoint_arms_and_clears(sandbox, faults_on):
    armed = sandbox.post(
        "/_faults", {"kind": "forbidden", "method": "GET", "path_suffix": "/v3/locations"}
    )
    bad = sandbox.post("/_faults", {"kind": "gremlins"})
    cleared = sandbox.delete("/_faults")

    assert armed.status_code == 201
    assert bad.status_code == 422
    assert cleared.status_code == 204
    assert sandbox.get("/v3/locations").status_code == 200


@pytest.mark.parametrize("authorization", [None, "Bearer not-the-token", "not-the-token"])
def test_the_control_endpoint_requires_the_sandbox_token(client, faults_on, authorization):
    headers = {"Authorization": authorization} if authorization else {}

    armed = client.post(
        "/sandbox/api/_faults",
        json.dumps({"kind": "server_error"}),
        content_type="application/json",
        headers=headers,
    )
    cleared = client.delete("/sandbox/api/_faults", headers=headers)

    assert armed.status_code == 401
    assert armed.json() == {"message": "Unauthenticated."}
    assert cleared.status_code == 401
    assert SandboxFault.objects.count() == 0


def test_the_control_endpoint_is_absent_unless_faults_are_on(sandbox, settings):
    settings.OMNEO_SANDBOX_FAULTS = False

    armed = sandbox.post("/_faults", {"kind": "server_error"})
    cleared = sandbox.delete("/_faults")

    assert armed.status_code == 404
    assert cleared.status_code == 404
    assert SandboxFault.objects.count() == 0


def test_the_fault_is_checked_after_the_token(client, faults_on):
    faults.arm(kind="server_error", method="GET", path_suffix="/v3/locations")

    response = client.get("/sandbox/api/v3/locations")

    assert response.status_code == 401
    assert response.json() == {"message": "Unauthenticated."}
    assert SandboxFault.objects.get().times == 1  # not used up by a refused request
