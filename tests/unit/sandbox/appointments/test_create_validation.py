"""POST /v3/appointments: the contract's shape rules, then business rules, as Laravel 422s."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from django.utils import timezone

from booking_portal.sandbox import data
from booking_portal.sandbox.models import SandboxAppointment
from tests.unit.sandbox.conftest import MELBOURNE, STYLING, fitting_body, tomorrow_at


def errors_of(response) -> dict[str, list[str]]:
    assert response.status_code == 422, response.content
    return response.json()["errors"]


def test_a_valid_create_answers_201_with_the_appointment(sandbox):
    response = sandbox.post("/v3/appointments", fitting_body(notes="Bring jacket", meta=["vip"]))

    assert response.status_code == 201
    data = response.json()["data"]
    assert data["status"] == "confirmed"  # instant service
    assert data["confirmed_at"] is not None
    assert data["cancelled_at"] is None
    start_utc = tomorrow_at(10).astimezone(UTC)
    assert data["scheduled_start_at"] == start_utc.strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    assert data["answers"][0]["question_label"] == "Which garment?"
    assert SandboxAppointment.objects.count() == 1


def test_missing_required_fields_use_laravels_messages(sandbox):
    response = sandbox.post("/v3/appointments", {"profile_id": "x"})

    errors = errors_of(response)
    assert errors["scheduled_start_at"] == ["The scheduled start at field is required."]
    assert set(errors) == {
        "appointment_definition_id",
        "location_id",
        "scheduled_start_at",
        "scheduled_end_at",
        "timezone",
    }
    assert response.json()["message"].endswith("(and 4 more errors)")


@pytest.mark.parametrize(
    ("overrides", "key", "message"),
    [
        ({"location_id": "13"}, "location_id", "The location id field must be an integer."),
        ({"status": "booked"}, "status", "The selected status is invalid."),
        (
            {"transaction": {"id": "T1"}},
            "transaction.id",
            "The transaction.id field must be an integer.",
        ),
        (
            {"order": {"order_number": 7}},
            "order.order_number",
            "The order.order_number field must be a string.",
        ),
        ({"meta": ["ok", 3]}, "meta.1", "The meta.1 field must be a string."),
        (
            {"answers": [{"questionnaire_question_id": 21, "value": "suit"}, {"value": ""}]},
            "answers.1.value",
            "The answers.1.value field is required.",
        ),
        (
            {"answers": [{"questionnaire_question_id": "21", "value": "suit"}]},
            "answers.0.questionnaire_question_id",
            "The answers.0.questionnaire_question_id field must be an integer.",
        ),
    ],
)
def test_shape_errors_land_on_dotted_keys(sandbox, overrides, key, message):
    errors = errors_of(sandbox.post("/v3/appointments", fitting_body(**overrides)))

    assert errors[key] == [message]


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        ({"appointment_definition_id": 5}, "appointment_definition_id"),  # archived
        ({"appointment_definition_id": 6}, "appointment_definition_id"),  # unpublished
        ({"profile_id": "no-such-profile"}, "profile_id"),
        ({"location_id": 99}, "location_id"),
        ({"transaction": {"id": 999}}, "transaction.id"),
        ({"order": {"order_number": "SO-1"}}, "order.order_number"),
        ({"timezone": "Australia/Perth"}, "timezone"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
    ],
)
def test_business_rules_name_the_field(sandbox, overrides, key):
    errors = errors_of(sandbox.post("/v3/appointments", fitting_body(**overrides)))

    assert key in errors


def test_known_transaction_and_order_are_linked(sandbox):
    body = fitting_body(transaction={"id": 1001}, order={"order_number": "SO-2001"})

    data = sandbox.post("/v3/appointments", body).json()["data"]

    assert data["transaction"]["receipt_ref"] == "R-1001"
    assert data["order_id"] == 2001


def test_end_must_be_start_plus_duration(sandbox):
    start = tomorrow_at(10)
    body = fitting_body(
        scheduled_end_at=(start + timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M:%S")
    )

    assert "45 minutes" in errors_of(sandbox.post("/v3/appointments", body))["scheduled_end_at"][0]


def test_outside_hours_is_refused(sandbox):
    start = tomorrow_at(23)
    body = fitting_body(
        scheduled_start_at=start.strftime("%Y-%m-%d %H:%M:%S"),
        scheduled_end_at=(start + timedelta(minutes=45)).strftime("%Y-%m-%d %H:%M:%S"),
    )

    errors = errors_of(sandbox.post("/v3/appointments", body))
    assert errors["scheduled_start_at"] == [
        "The scheduled start at is outside the service's hours."
    ]


def test_bad_time_format_is_refused(sandbox):
    body = fitting_body(scheduled_start_at="tomorrow at ten")

    errors = errors_of(sandbox.post("/v3/appointments", body))
    assert "format" in errors["scheduled_start_at"][0]


def test_a_full_slot_is_refused_and_no_longer_offered(sandbox):
    # Given the fitting takes two bookings per slot, and two are made
    assert sandbox.post("/v3/appointments", fitting_body()).status_code == 201
    assert sandbox.post("/v3/appointments", fitting_body()).status_code == 201

    # When a third asks for the same time
    errors = errors_of(sandbox.post("/v3/appointments", fitting_body()))

    # Then it is refused, and the slot is gone from availability
    assert errors["scheduled_start_at"] == ["That time is no longer available."]
    day = tomorrow_at(10).date().isoformat()
    slots = sandbox.post(
        "/v3/appointment-definitions/1/available-slots", {"location_id": 13, "date": day}
    ).json()["data"]["slots"]
    assert tomorrow_at(10).strftime("%Y-%m-%d %H:%M:%S") not in [s["start_at"] for s in slots]


def test_lead_time_is_enforced(sandbox):
    # The next quarter hour is on the fitting's 15-minute grid but inside its 30-minute lead.
    now = timezone.now().astimezone(MELBOURNE)
    start = (now + timedelta(minutes=15 - now.minute % 15)).replace(second=0, microsecond=0)
    body = fitting_body(
        scheduled_start_at=start.strftime("%Y-%m-%d %H:%M:%S"),
        scheduled_end_at=(start + timedelta(minutes=45)).strftime("%Y-%m-%d %H:%M:%S"),
    )

    errors = errors_of(sandbox.post("/v3/appointments", body))

    # Late at night the same time is also outside hours, which is checked first.
    assert errors["scheduled_start_at"][0] in {
        "The scheduled start at must be at least 30 minutes away.",
        "The scheduled start at is outside the service's hours.",
    }


def test_staff_services_need_a_staff_member_from_the_pool(sandbox):
    start = tomorrow_at(11)
    body = fitting_body(
        appointment_definition_id=STYLING,
        scheduled_start_at=start.strftime("%Y-%m-%d %H:%M:%S"),
        scheduled_end_at=(start + timedelta(minutes=60)).strftime("%Y-%m-%d %H:%M:%S"),
        answers=[{"questionnaire_question_id": 31, "value": "Wedding"}],
    )

    missing = errors_of(sandbox.post("/v3/appointments", body))
    stranger = errors_of(sandbox.post("/v3/appointments", {**body, "assigned_staff_id": "x"}))

    assert missing["assigned_staff_id"] == ["The assigned staff id field is required."]
    assert stranger["assigned_staff_id"] == ["The selected assigned staff id is invalid."]


def test_answers_must_belong_to_the_service_and_fit_the_question(sandbox):
    answers = [
        {"questionnaire_question_id": 21, "value": "kilt"},
        {"questionnaire_question_id": 999, "value": "x"},
        {"questionnaire_question_id": 27, "value": "broad"},
        {"questionnaire_question_id": 26, "value": "2001-01-01"},
        {"questionnaire_question_id": 25, "value": '["waist", "cape"]'},
    ]

    errors = errors_of(sandbox.post("/v3/appointments", fitting_body(answers=answers)))

    assert errors["answers.0.value"] == ["The selected answers.0.value is invalid."]
    assert errors["answers.1.questionnaire_question_id"] == [
        "The selected answers.1.questionnaire_question_id is invalid."
    ]
    assert errors["answers.2.value"] == ["The answers.2.value field must be a number."]
    assert errors["answers.3.value"] == [
        "The answers.3.value field must be a date after or equal to today."
    ]
    assert errors["answers.4.value"] == ["The selected answers.4.value is invalid."]


def test_required_visible_questions_must_be_answered(sandbox):
    # The alterations question is required only once "needs alterations" is answered yes.
    yes = [
        {"questionnaire_question_id": 21, "value": "suit"},
        {"questionnaire_question_id": 23, "value": "true"},
    ]
    no = [yes[0], {"questionnaire_question_id": 23, "value": "false"}]

    errors = errors_of(sandbox.post("/v3/appointments", fitting_body(answers=yes)))
    created = sandbox.post("/v3/appointments", fitting_body(answers=no))

    assert errors["answers"] == ['An answer to "What needs altering?" is required.']
    assert created.status_code == 201


def test_bookings_past_the_advance_limit_are_refused(sandbox):
    start = tomorrow_at(10) + timedelta(days=data.DEFINITIONS[1]["max_advance_days"])
    body = fitting_body(
        scheduled_start_at=start.strftime("%Y-%m-%d %H:%M:%S"),
        scheduled_end_at=(start + timedelta(minutes=45)).strftime("%Y-%m-%d %H:%M:%S"),
    )

    errors = errors_of(sandbox.post("/v3/appointments", body))

    assert errors["scheduled_start_at"] == ["The scheduled start at must be within 60 days."]


def test_a_staff_member_cannot_be_booked_outside_their_own_hours(sandbox):
    # Noah works office hours; 07:00 is inside the consultation's hours but before his day starts.
    start = tomorrow_at(7)
    body = fitting_body(
        appointment_definition_id=STYLING,
        assigned_staff_id=data.demo_uuid("staff:Noah.Walker"),
        scheduled_start_at=start.strftime("%Y-%m-%d %H:%M:%S"),
        scheduled_end_at=(start + timedelta(minutes=60)).strftime("%Y-%m-%d %H:%M:%S"),
        answers=[{"questionnaire_question_id": 31, "value": "Wedding"}],
    )

    errors = errors_of(sandbox.post("/v3/appointments", body))
    with_mia = sandbox.post(
        "/v3/appointments", {**body, "assigned_staff_id": data.demo_uuid("staff:Mia.Chen")}
    )

    assert errors["scheduled_start_at"] == [
        "The scheduled start at is outside the staff member's hours."
    ]
    assert with_mia.status_code == 201


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("20300601", "The answers.1.value field must match the format Y-m-d."),
        ("2030-6-1", "The answers.1.value field must match the format Y-m-d."),
    ],
)
def test_date_answers_must_be_year_month_day(sandbox, value, message):
    answers = [
        {"questionnaire_question_id": 21, "value": "suit"},
        {"questionnaire_question_id": 26, "value": value},
    ]

    errors = errors_of(sandbox.post("/v3/appointments", fitting_body(answers=answers)))

    assert errors == {"answers.1.value": [message]}


@pytest.mark.parametrize("value", ["nan", "1e3", "12,5", "inf"])
def test_number_answers_must_be_decimal_numbers(sandbox, value):
    answers = [
        {"questionnaire_question_id": 21, "value": "suit"},
        {"questionnaire_question_id": 27, "value": value},
    ]

    errors = errors_of(sandbox.post("/v3/appointments", fitting_body(answers=answers)))

    assert errors == {"answers.1.value": ["The answers.1.value field must be a number."]}


def test_a_definitions_own_staff_rows_are_its_pool(sandbox):
    # The bespoke service lists Mia (Melbourne) and Leo (Brisbane); Noah works at Melbourne too.
    start = tomorrow_at(12) + timedelta(days=1)
    body = fitting_body(
        appointment_definition_id=7,
        scheduled_start_at=start.strftime("%Y-%m-%d %H:%M:%S"),
        scheduled_end_at=(start + timedelta(minutes=90)).strftime("%Y-%m-%d %H:%M:%S"),
        answers=[],
    )

    noah = sandbox.post(
        "/v3/appointments", {**body, "assigned_staff_id": data.demo_uuid("staff:Noah.Walker")}
    )
    mia = sandbox.post(
        "/v3/appointments", {**body, "assigned_staff_id": data.demo_uuid("staff:Mia.Chen")}
    )

    assert errors_of(noah) == {"assigned_staff_id": ["The selected assigned staff id is invalid."]}
    assert mia.status_code == 201
    assert mia.json()["data"]["assigned_staff"]["first_name"] == "Mia"
