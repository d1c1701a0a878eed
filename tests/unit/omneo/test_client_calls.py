"""Each Omneo call: what the client sends (path, params, body, headers, timeouts), and returns."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from responses import matchers

from booking_portal import __version__
from booking_portal.omneo.resources import (
    AnswerInput,
    StoreAppointment,
    TransactionLink,
)
from tests.conftest import MOCK_BASE_URL, MOCK_TOKEN

V3 = f"{MOCK_BASE_URL}/v3"


def paginated(items, *, page, last_page):
    return {
        "data": items,
        "meta": {"current_page": page, "last_page": last_page, "per_page": len(items)},
        "links": {"next": None if page == last_page else f"{V3}/x?page[number]={page + 1}"},
    }


def test_every_call_sends_auth_accept_user_agent_and_both_timeouts(mocked_omneo, omneo_client):
    mocked_omneo.get(f"{V3}/locations/13", json={"data": {"id": 13, "name": "Melbourne"}})

    omneo_client.location_get(13)

    request = mocked_omneo.calls[0].request
    assert request.headers["Authorization"] == f"Bearer {MOCK_TOKEN}"
    assert request.headers["Accept"] == "application/json"
    assert request.headers["User-Agent"].startswith(f"BookingPortal/{__version__}")
    assert request.req_kwargs["timeout"] == (1, 2)


def test_create_posts_the_contract_body_and_parses_the_appointment(
    mocked_omneo, omneo_client, omneo_fixture
):
    booking = StoreAppointment(
        appointment_definition_id=1,
        profile_id="9b1d2c64-0c39-4f3e-9d53-2f2a4c1f0a01",
        location_id=13,
        scheduled_start_at="2026-05-11 10:00:00",
        scheduled_end_at="2026-05-11 10:30:00",
        timezone="Australia/Melbourne",
        status="confirmed",
        notes="Bring the jacket",
        meta=("walk-by",),
        transaction=TransactionLink(id=1001, receipt_ref="R-1001"),
        answers=(AnswerInput(questionnaire_question_id=21, value="slim"),),
    )
    mocked_omneo.post(
        f"{V3}/appointments",
        json=omneo_fixture("created_201.json"),
        status=201,
        match=[matchers.json_params_matcher(booking.to_json())],
    )

    appointment = omneo_client.appointment_create(booking)

    sent = json.loads(mocked_omneo.calls[0].request.body)
    assert sent["transaction"] == {"id": 1001, "receipt_ref": "R-1001"}
    assert "order" not in sent
    assert mocked_omneo.calls[0].request.headers["Content-Type"] == "application/json"
    assert appointment.id == 5012
    assert appointment.scheduled_start_at == datetime(2026, 5, 11, 0, 0, tzinfo=UTC)
    assert appointment.location.timezone == "Australia/Melbourne"
    assert appointment.transaction.receipt_ref == "R-1001"
    assert appointment.answers[0].value == "slim"
    assert appointment.raw["id"] == 5012


def test_definition_list_asks_for_published_and_follows_pages(mocked_omneo, omneo_client):
    first = [{"id": 1, "name": "Fitting", "is_published": True, "is_archived": False}]
    second = [
        {"id": 2, "name": "Repair", "is_published": True, "is_archived": False},
        {"id": 3, "name": "Old", "is_published": True, "is_archived": True},
    ]
    base = {"filter[is_published]": "1", "filter[is_archived]": "0", "page[size]": "100"}
    mocked_omneo.get(
        f"{V3}/appointment-definitions",
        json=paginated(first, page=1, last_page=2),
        match=[matchers.query_param_matcher({**base, "page[number]": "1"})],
    )
    mocked_omneo.get(
        f"{V3}/appointment-definitions",
        json=paginated(second, page=2, last_page=2),
        match=[matchers.query_param_matcher({**base, "page[number]": "2"})],
    )

    definitions = omneo_client.definition_list()

    assert [d.id for d in definitions] == [1, 2]


def test_page_following_stops_at_the_bound(mocked_omneo, omneo_client):
    mocked_omneo.get(
        f"{V3}/locations", json=paginated([{"id": 1, "name": "A"}], page=1, last_page=99)
    )

    locations = omneo_client.location_list(max_pages=3)

    assert len(mocked_omneo.calls) == 3
    assert len(locations) == 3


def test_questions_accept_versioned_and_flat_shapes(mocked_omneo, omneo_client, omneo_fixture):
    mocked_omneo.get(
        f"{V3}/appointment-definitions/1/questions", json=omneo_fixture("questions_versioned.json")
    )
    mocked_omneo.get(
        f"{V3}/appointment-definitions/2/questions", json=omneo_fixture("questions_flat.json")
    )

    versioned = omneo_client.definition_questions(1)
    flat = omneo_client.definition_questions(2)

    assert [q.questionnaire_question_id for q in versioned] == [21, 22]  # sorted, inactive dropped
    assert versioned[0].options[0].label == "Slim"
    assert versioned[1].visibility_condition == {"==": [{"var": "has_alterations"}, True]}
    assert flat[0].label == "Budget"
    assert flat[0].type == "number"
    assert flat[0].is_required is True


def test_available_slots_accepts_string_and_object_slots(mocked_omneo, omneo_client):
    url = f"{V3}/appointment-definitions/1/available-slots"
    body = {
        "data": {
            "date": "2026-05-11",
            "timezone": "Australia/Melbourne",
            "slots": [
                {
                    "start_at": "2026-05-11 10:30:00",
                    "end_at": "2026-05-11 11:00:00",
                    "label": "10:30",
                },
                "2026-05-11 10:00:00",
                "2026-05-11T00:00:00+00:00",
            ],
        },
        "meta": {"slot_interval_minutes": 30},
    }
    mocked_omneo.post(
        url,
        json=body,
        match=[
            matchers.json_params_matcher(
                {"location_id": 13, "date": "2026-05-11", "staff_id": None}
            )
        ],
    )

    day = omneo_client.available_slots(1, location_id=13, on=date(2026, 5, 11))

    starts = [slot.start_at.astimezone(UTC).strftime("%H:%M") for slot in day.slots]
    assert starts == ["00:00", "00:00", "00:30"]  # 10:00 Melbourne is 00:00 UTC in May
    assert day.timezone == "Australia/Melbourne"
    assert day.slots[2].label == "10:30"


def test_available_slots_range_refuses_more_than_31_days(omneo_client, mocked_omneo):
    with pytest.raises(ValueError, match="31"):
        omneo_client.available_slots_range(
            1, location_id=13, start=date(2026, 5, 1), end=date(2026, 6, 1)
        )
    assert len(mocked_omneo.calls) == 0


def test_available_slots_range_reads_a_list(mocked_omneo, omneo_client):
    mocked_omneo.post(
        f"{V3}/appointment-definitions/1/available-slots-range",
        json={
            "data": ["2026-05-12 09:00:00", "2026-05-11 09:00:00"],
            "meta": {"timezone": "Australia/Perth", "total": 2},
        },
    )

    window = omneo_client.available_slots_range(
        1, location_id=13, start=date(2026, 5, 11), end=date(2026, 5, 31), staff_id="s-1"
    )

    sent = json.loads(mocked_omneo.calls[0].request.body)
    assert sent == {
        "location_id": 13,
        "start_date": "2026-05-11",
        "end_date": "2026-05-31",
        "sort": "asc",
        "staff_id": "s-1",
    }
    assert [s.start_at.day for s in window.slots] == [11, 12]
    assert window.slots[0].start_at.utcoffset().total_seconds() == 8 * 3600


def test_available_staff_reads_profiles(mocked_omneo, omneo_client):
    mocked_omneo.post(
        f"{V3}/appointment-definitions/2/available-staff",
        json={
            "data": [
                {"id": "s-1", "first_name": "Kim", "last_name": "Lee", "has_available_slots": 1}
            ]
        },
    )

    staff = omneo_client.available_staff(2, location_id=13, on=date(2026, 5, 11))

    assert staff[0].id == "s-1"
    assert staff[0].display_name == "Kim Lee"
    assert staff[0].has_available_slots is True


def test_profile_search_sends_both_documented_spellings(mocked_omneo, omneo_client):
    mocked_omneo.get(
        f"{V3}/profiles",
        json={"data": [{"id": "p-1", "first_name": "Ava", "last_name": None, "email": "a@x.io"}]},
        match=[
            matchers.query_param_matcher(
                {"search": "ava", "filter[search]": "ava", "page[size]": "20"}
            )
        ],
    )

    found = omneo_client.profile_search("ava")

    assert found[0].display_name == "Ava"


def test_definition_locations_and_profile_get(mocked_omneo, omneo_client):
    mocked_omneo.get(
        f"{V3}/appointment-definitions/1/locations",
        json={"data": [{"id": 13, "name": "Melbourne", "timezone": None}]},
    )
    mocked_omneo.get(f"{V3}/profiles/p-1", json={"data": {"id": "p-1", "full_name": "Ava N"}})

    locations = omneo_client.definition_locations(1)
    profile = omneo_client.profile_get("p-1")

    assert locations[0].timezone is None
    assert profile.display_name == "Ava N"


def test_appointment_list_filters_and_sorts(mocked_omneo, omneo_client, omneo_fixture):
    created = omneo_fixture("created_201.json")["data"]
    mocked_omneo.get(
        f"{V3}/appointments",
        json={"data": [created], "meta": {"current_page": 1, "last_page": 1}},
        match=[
            matchers.query_param_matcher(
                {
                    "filter[profile_id]": "p-1",
                    "sort": "-scheduled_start_at",
                    "page[size]": "50",
                    "page[number]": "1",
                }
            )
        ],
    )

    found = omneo_client.appointment_list(filters={"profile_id": "p-1"})

    assert [a.id for a in found] == [5012]
