"""The database worker's task: settle, else check again later with backoff and Retry-After."""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from booking_portal.writes.models import BookingAttempt
from booking_portal.writes.tasks import backoff_seconds, settle_attempt
from tests.conftest import MOCK_BASE_URL, MOCK_TOKEN
from tests.factories import BookingAttemptFactory

pytestmark = pytest.mark.django_db
LIST = f"{MOCK_BASE_URL}/v3/appointments"
Outcome = BookingAttempt.Outcome


@pytest.fixture
def omneo(settings, mocked_omneo):
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_API_TOKEN = MOCK_TOKEN
    settings.OMNEO_READ_RETRIES = 0
    return mocked_omneo


@pytest.fixture
def unknown(staff_user):
    return BookingAttemptFactory(
        booked_by=staff_user,
        outcome=Outcome.UNKNOWN,
        omneo_appointment_id=None,
        answered_at=timezone.now() - timedelta(minutes=5),
    )


def queued_after(attempt):
    """Seconds from now to the next queued check of the attempt."""
    task = DBTaskResult.objects.filter(args_kwargs__args__0=attempt.pk).latest("enqueued_at")
    return (task.run_after - timezone.now()).total_seconds()


@pytest.mark.parametrize(
    ("round_number", "retry_after", "expected"),
    [(0, None, 5), (1, None, 10), (3, None, 40), (9, None, 60), (0, 120.0, 120)],
)
def test_backoff_doubles_to_a_cap_and_never_undercuts_retry_after(
    round_number, retry_after, expected, settings
):
    settings.BOOKING_SETTLE_MAX_BACKOFF_SECONDS = 60

    assert backoff_seconds(round_number, retry_after=retry_after) == expected


def test_the_task_settles_an_attempt_omneo_has(unknown, omneo, omneo_fixture):
    made = omneo_fixture("created_201.json")["data"] | {"meta": [unknown.omneo_tag]}
    omneo.get(LIST, json={"data": [made], "meta": {"current_page": 1, "last_page": 1}})

    result = settle_attempt.call(unknown.pk, 0)

    unknown.refresh_from_db()
    assert (result, unknown.outcome) == ("found", Outcome.CREATED)
    assert not DBTaskResult.objects.exists()  # settled: nothing more queued


def test_while_omneo_is_down_the_task_checks_again_after_the_backoff(unknown, omneo):
    omneo.get(LIST, body=requests.ConnectionError("down"))

    settle_attempt.call(unknown.pk, 2)

    unknown.refresh_from_db()
    assert unknown.outcome == Outcome.UNKNOWN
    assert 39 <= queued_after(unknown) <= 41  # the next round, 3: 5 s doubled thrice


def test_a_rate_limited_check_waits_as_long_as_omneo_asks(unknown, omneo):
    omneo.get(LIST, json={"message": "slow"}, status=429, headers={"Retry-After": "45"})

    settle_attempt.call(unknown.pk, 0)

    assert 44 <= queued_after(unknown) <= 46


def test_a_deleted_attempt_ends_the_task(omneo):
    assert settle_attempt.call(999_999, 0) == "gone"
