"""Settling an unknown attempt: its own appointment found by its tag, never a guess."""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests
from django.utils import timezone

from booking_portal.writes.lookups import attempt_lookup
from booking_portal.writes.models import BookingAttempt, CheckResult
from booking_portal.writes.settling import write_check
from tests.conftest import MOCK_BASE_URL
from tests.factories import BookingAttemptFactory

pytestmark = pytest.mark.django_db
LIST = f"{MOCK_BASE_URL}/v3/appointments"
Outcome = BookingAttempt.Outcome


def listing(*appointments):
    return {"data": list(appointments), "meta": {"current_page": 1, "last_page": 1}}


def held(omneo_fixture, attempt_id=5012, **changes):
    """An appointment Omneo holds at the attempt's customer, service, store and start."""
    made = omneo_fixture("created_201.json")["data"]
    return made | {"id": attempt_id, "scheduled_start_at": "2026-05-11T00:00:00Z"} | changes


@pytest.fixture
def unknown(staff_user):
    return BookingAttemptFactory(
        booked_by=staff_user,
        outcome=Outcome.UNKNOWN,
        omneo_appointment_id=None,
        response_body=None,
        profile_id="9b1d2c64-0c39-4f3e-9d53-2f2a4c1f0a01",
        answered_at=timezone.now(),
    )


def test_the_attempts_own_tag_finds_its_appointment(
    unknown, omneo_client, mocked_omneo, omneo_fixture
):
    other = held(omneo_fixture, 5011, meta=["booking-portal:someone-else"])
    mine = held(omneo_fixture, 5012, meta=["vip", unknown.omneo_tag])
    mocked_omneo.get(LIST, json=listing(other, mine))

    lookup = attempt_lookup(attempt=unknown, client=omneo_client)

    assert (lookup.result, lookup.found.id) == (CheckResult.FOUND, 5012)


def test_a_tag_echoed_as_an_object_is_recognised(
    unknown, omneo_client, mocked_omneo, omneo_fixture
):
    meta = {"booking-portal": str(unknown.form_token)}
    mocked_omneo.get(LIST, json=listing(held(omneo_fixture, meta=meta)))

    lookup = attempt_lookup(attempt=unknown, client=omneo_client)

    assert lookup.result == CheckResult.FOUND


def test_an_appointment_linked_to_another_attempt_is_never_claimed(
    unknown, staff_user, omneo_client, mocked_omneo, omneo_fixture
):
    BookingAttemptFactory(booked_by=staff_user, omneo_appointment_id=5012)
    mocked_omneo.get(LIST, json=listing(held(omneo_fixture, meta=[unknown.omneo_tag])))

    check = write_check(record=unknown, client=omneo_client)

    unknown.refresh_from_db()
    assert check.result == CheckResult.AMBIGUOUS
    assert (unknown.outcome, unknown.omneo_appointment_id) == (Outcome.REVIEW, None)


def test_an_untagged_appointment_at_the_same_time_goes_to_an_admin(
    unknown, omneo_client, mocked_omneo, omneo_fixture
):
    mocked_omneo.get(LIST, json=listing(held(omneo_fixture, meta=None)))

    write_check(record=unknown, client=omneo_client)

    unknown.refresh_from_db()
    assert (unknown.outcome, unknown.candidate_ids) == (Outcome.REVIEW, [5012])


def test_other_attempts_tagged_appointments_are_not_candidates(
    unknown, omneo_client, mocked_omneo, omneo_fixture
):
    theirs = held(omneo_fixture, meta=["booking-portal:00000000-0000-0000-0000-000000000000"])
    mocked_omneo.get(LIST, json=listing(theirs))

    lookup = attempt_lookup(attempt=unknown, client=omneo_client)

    assert lookup.result == CheckResult.ABSENT


def test_nothing_found_within_the_grace_is_not_yet_settled(unknown, omneo_client, mocked_omneo):
    mocked_omneo.get(LIST, json=listing())

    check = write_check(record=unknown, client=omneo_client)

    unknown.refresh_from_db()
    assert check.result == CheckResult.NOT_YET
    assert (unknown.outcome, unknown.check_count) == (Outcome.UNKNOWN, 1)


def test_nothing_found_after_the_grace_is_settled_as_not_booked(
    unknown, omneo_client, mocked_omneo, settings
):
    settings.BOOKING_SETTLE_GRACE_SECONDS = 20
    BookingAttempt.objects.filter(pk=unknown.pk).update(
        answered_at=timezone.now() - timedelta(seconds=21)
    )
    mocked_omneo.get(LIST, json=listing())

    write_check(record=unknown, client=omneo_client)

    unknown.refresh_from_db()
    assert (unknown.outcome, unknown.check_result) == (Outcome.FAILED, CheckResult.ABSENT)


def test_omneo_not_answering_the_check_leaves_the_outcome_unknown(
    unknown, omneo_client, mocked_omneo
):
    mocked_omneo.get(LIST, body=requests.ConnectionError("down"))

    check = write_check(record=unknown, client=omneo_client)

    unknown.refresh_from_db()
    assert check.result == CheckResult.UNREACHABLE
    assert (unknown.outcome, unknown.check_result) == (Outcome.UNKNOWN, CheckResult.UNREACHABLE)


def test_a_rate_limited_check_carries_omneos_wait(unknown, omneo_client, mocked_omneo):
    mocked_omneo.get(LIST, json={"message": "slow down"}, status=429, headers={"Retry-After": "90"})

    check = write_check(record=unknown, client=omneo_client)

    assert (check.result, check.retry_after) == (CheckResult.UNREACHABLE, 90.0)


def test_a_young_pending_attempt_is_in_flight_and_left_alone(
    staff_user, omneo_client, mocked_omneo
):
    pending = BookingAttemptFactory(booked_by=staff_user, outcome=Outcome.PENDING)

    check = write_check(record=pending, client=omneo_client)

    assert check.result == CheckResult.NOT_YET
    assert len(mocked_omneo.calls) == 0


def test_an_old_pending_attempt_is_looked_up_and_settled(
    staff_user, omneo_client, mocked_omneo, omneo_fixture
):
    pending = BookingAttemptFactory(
        booked_by=staff_user,
        outcome=Outcome.PENDING,
        omneo_appointment_id=None,
        profile_id="9b1d2c64-0c39-4f3e-9d53-2f2a4c1f0a01",
    )
    BookingAttempt.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - timedelta(minutes=2)
    )
    mocked_omneo.get(LIST, json=listing(held(omneo_fixture, meta=[pending.omneo_tag])))

    write_check(record=pending, client=omneo_client)

    pending.refresh_from_db()
    assert (pending.outcome, pending.omneo_appointment_id, pending.recovered) == (
        Outcome.CREATED,
        5012,
        True,
    )


def test_a_settled_attempt_is_not_looked_up_again(staff_user, omneo_client, mocked_omneo):
    created = BookingAttemptFactory(booked_by=staff_user)

    write_check(record=created, client=omneo_client)

    assert len(mocked_omneo.calls) == 0
