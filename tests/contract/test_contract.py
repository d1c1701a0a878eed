"""Every body the client sends, and every sandbox answer, against the contract's schemas."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from booking_portal.omneo.resources import (
    AnswerInput,
    OrderLink,
    StoreAppointment,
    TransactionLink,
)
from tests.unit.sandbox.conftest import fitting_body, tomorrow_at

SPEC_PATH = (
    Path(__file__).resolve().parents[2].parent / "shared/omneo/store-appointment.openapi.yaml"
)
SPEC = yaml.safe_load(SPEC_PATH.read_text())
# API-NOTES: real Omneo returns null for unset status timestamps that the contract types as strings.
# The one documented deviation the sandbox copies; every other field is checked as written.
UNSET_TIMESTAMPS = (
    "approved_at",
    "confirmed_at",
    "cancelled_at",
    "arrived_at",
    "completed_at",
    "no_show_at",
    "rejected_at",
)
for _name in UNSET_TIMESTAMPS:
    SPEC["components"]["schemas"]["Appointment"]["properties"][_name]["type"] = ["string", "null"]
SPEC_URI = "urn:omneo:store-appointment"
REGISTRY = Registry().with_resource(SPEC_URI, DRAFT202012.create_resource(SPEC))
RESPONSES = SPEC["paths"]["/v3/appointments"]["post"]["responses"]


def schema_errors(pointer: str, instance: object) -> list[str]:
    """Validate against the schema at a JSON pointer into the spec, its $refs resolved there."""
    checker = Draft202012Validator({"$ref": f"{SPEC_URI}#{pointer}"}, registry=REGISTRY)
    return [f"{list(e.absolute_path)}: {e.message}" for e in checker.iter_errors(instance)]


def response_schema(status: str) -> str:
    """The pointer to the JSON schema of the create's response with this status."""
    response = RESPONSES[status]
    if "$ref" in response:
        name = response["$ref"].rsplit("/", 1)[1]
        return f"/components/responses/{name}/content/application~1json/schema"
    return f"/paths/~1v3~1appointments/post/responses/{status}/content/application~1json/schema"


STORE_APPOINTMENT = "/components/schemas/StoreAppointment"
BASE = {
    "appointment_definition_id": 1,
    "profile_id": "p-1",
    "location_id": 13,
    "scheduled_start_at": "2026-05-11 10:00:00",
    "scheduled_end_at": "2026-05-11 10:45:00",
    "timezone": "Australia/Melbourne",
}


@pytest.mark.parametrize(
    "appointment",
    [
        StoreAppointment(**BASE),
        StoreAppointment(**BASE, transaction=TransactionLink(id=1001, receipt_ref="R-1")),
        StoreAppointment(**BASE, order=OrderLink(order_number="SO-2001", external_id="W-1")),
        StoreAppointment(
            **BASE,
            status="requested",
            assigned_staff_id="s-1",
            notes="n",
            meta=("vip", "walk-by"),
            confirmed_at="2026-05-11 09:00:00",
            answers=(AnswerInput(questionnaire_question_id=21, value="suit"),),
        ),
    ],
    ids=["minimal", "transaction", "order", "everything"],
)
def test_request_bodies_match_store_appointment(appointment):
    assert schema_errors(STORE_APPOINTMENT, appointment.to_json()) == []


def test_the_schema_check_would_catch_a_bad_body():
    bad = {**BASE, "location_id": "13", "status": "booked"}

    assert len(schema_errors(STORE_APPOINTMENT, bad)) == 2


@pytest.mark.django_db
def test_sandbox_201_matches_the_contract(sandbox):
    body = fitting_body(
        transaction={"id": 1001},
        order={"order_number": "SO-2001"},
        notes="x",
        meta=["vip"],
        answers=[
            {"questionnaire_question_id": 21, "value": "suit"},
            {"questionnaire_question_id": 25, "value": json.dumps(["waist"])},
        ],
    )

    response = sandbox.post("/v3/appointments", body)

    assert response.status_code == 201
    assert schema_errors(response_schema("201"), response.json()) == []


@pytest.mark.django_db
def test_staff_appointment_201_matches_the_contract(sandbox):
    from booking_portal.sandbox import data

    start = tomorrow_at(12)
    staff_id = next(sid for sid, s in data.STAFF.items() if s["location_id"] == 13)
    body = fitting_body(
        appointment_definition_id=2,
        assigned_staff_id=staff_id,
        scheduled_start_at=start.strftime("%Y-%m-%d %H:%M:%S"),
        scheduled_end_at=(start + timedelta(minutes=60)).strftime("%Y-%m-%d %H:%M:%S"),
        answers=[{"questionnaire_question_id": 31, "value": "Wedding"}],
    )

    response = sandbox.post("/v3/appointments", body)

    assert response.status_code == 201
    assert schema_errors(response_schema("201"), response.json()) == []


@pytest.mark.django_db
def test_sandbox_422_matches_the_contract_with_every_kind_of_key(sandbox):
    body = fitting_body(
        timezone=None,
        transaction={"id": "x"},
        answers=[{"questionnaire_question_id": 21, "value": "suit"}, {"value": ""}],
    )

    response = sandbox.post("/v3/appointments", body)

    assert response.status_code == 422
    assert schema_errors(response_schema("422"), response.json()) == []
    assert {"timezone", "transaction.id", "answers.1.value"} <= set(response.json()["errors"])


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "status"), [("unauthorized", "401"), ("forbidden", "403")])
def test_sandbox_401_and_403_match_the_contract(sandbox, settings, kind, status):
    from booking_portal.sandbox import faults

    settings.OMNEO_SANDBOX_FAULTS = True
    faults.arm(kind=kind)

    response = sandbox.post("/v3/appointments", fitting_body())

    assert response.status_code == int(status)
    assert schema_errors(response_schema(status), response.json()) == []


def test_the_booking_pages_payload_matches_store_appointment():
    """Everything the page can set, built by the payload builder, is a valid StoreAppointment."""
    from booking_portal.bookings.payload import store_appointment_from_forms
    from tests.unit.bookings.booking_data import KIM, bound_forms, choices, submitted

    form, answer_forms = bound_forms(
        submitted(
            status="requested",
            confirmed_at="2026-05-10T09:30",
            notes="Bring the jacket",
            meta="vip\nwalk-by",
            transaction_id="1001",
            transaction_external_id="POS-1001",
            transaction_receipt_ref="R-1001",
            order_id="2001",
            order_external_id="WEB-2001",
            order_receipt_ref="W-2001",
            order_number="SO-2001",
            **{
                "answers-1-value": "true",
                "answers-2-value": "Sleeves",
                "answers-3-value": ["waist"],
                "answers-4-value": "2026-12-01",
                "answers-5-value": "101",
            },
        )
    )
    assert form.is_valid(), form.errors
    assert all(answer_form.is_valid() for answer_form in answer_forms)

    appointment, _, _ = store_appointment_from_forms(
        form=form, answer_forms=answer_forms, choices=choices(KIM)
    )

    body = appointment.to_json()
    assert set(body) == set(SPEC["components"]["schemas"]["StoreAppointment"]["properties"])
    assert schema_errors(STORE_APPOINTMENT, body) == []
