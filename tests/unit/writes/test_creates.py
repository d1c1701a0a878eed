"""appointment_book(): a record before the call, completed after it, for every outcome."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
import requests
from django_tasks_db.models import DBTaskResult

from booking_portal.omneo.errors import (
    OmneoAuthError,
    OmneoServerError,
    OmneoTimeout,
    OmneoValidationError,
)
from booking_portal.omneo.resources import (
    AnswerInput,
    OrderLink,
    StoreAppointment,
    TransactionLink,
)
from booking_portal.writes.creates import (
    appointment_book,
    attempt_resubmit,
    resubmission_token,
    store_appointment_from_payload,
)
from booking_portal.writes.models import BookingAttempt, CheckResult
from booking_portal.writes.outcomes import with_omneo_tag
from booking_portal.writes.records import AlreadySent, StillUnsettled
from booking_portal.writes.sending import WriteFailed
from booking_portal.writes.summary import BookingSummary
from tests.conftest import MOCK_BASE_URL
from tests.factories import BookingAttemptFactory

pytestmark = pytest.mark.django_db
CREATE = f"{MOCK_BASE_URL}/v3/appointments"
Outcome = BookingAttempt.Outcome
START = datetime(2026, 5, 11, 0, 0, tzinfo=UTC)  # 10:00 in Melbourne
APPOINTMENT = StoreAppointment(
    appointment_definition_id=1,
    profile_id="9b1d2c64-0c39-4f3e-9d53-2f2a4c1f0a01",
    location_id=13,
    scheduled_start_at="2026-05-11 10:00:00",
    scheduled_end_at="2026-05-11 10:30:00",
    timezone="Australia/Melbourne",
)
SUMMARY = BookingSummary(
    definition_id=1,
    definition_name="Suit fitting",
    location_id=13,
    location_name="Melbourne Central",
    profile_id=APPOINTMENT.profile_id,
    customer_name="Ava Nguyen",
    customer_email="ava.nguyen@example.com",
    staff_id=None,
    staff_name="",
    start=START,
    end=START.replace(minute=30),
    timezone="Australia/Melbourne",
)


def book(user, client, token=None):
    return appointment_book(
        booked_by=user,
        form_token=token or uuid.uuid4(),
        appointment=APPOINTMENT,
        summary=SUMMARY,
        form_data={"definition": ["1"]},
        client=client,
    )


def listing(*appointments):
    return {"data": list(appointments), "meta": {"current_page": 1, "last_page": 1}}


def made_by(omneo_fixture, token, **changes):
    """The appointment Omneo holds for the attempt with this token (tagged with it)."""
    return (
        omneo_fixture("created_201.json")["data"] | {"meta": [f"booking-portal:{token}"]} | changes
    )


def test_a_created_appointment_is_recorded(staff_user, omneo_client, mocked_omneo, omneo_fixture):
    mocked_omneo.post(CREATE, json=omneo_fixture("created_201.json"), status=201)
    token = uuid.uuid4()

    attempt = book(staff_user, omneo_client, token)

    attempt.refresh_from_db()
    assert attempt.outcome == Outcome.CREATED
    assert attempt.omneo_appointment_id == 5012
    assert attempt.http_status == 201
    assert attempt.payload == with_omneo_tag(APPOINTMENT, token).to_json()
    assert attempt.response_body["data"]["id"] == 5012
    assert attempt.duration_ms is not None
    assert attempt.customer_name == "Ava Nguyen"


def test_every_create_is_tagged_with_its_token(
    staff_user, omneo_client, mocked_omneo, omneo_fixture
):
    mocked_omneo.post(CREATE, json=omneo_fixture("created_201.json"), status=201)
    token = uuid.uuid4()

    book(staff_user, omneo_client, token)

    sent = json.loads(mocked_omneo.calls[0].request.body)
    assert sent["meta"] == [f"booking-portal:{token}"]


def test_a_422_is_recorded_as_rejected_with_its_field_errors(
    staff_user, omneo_client, mocked_omneo, omneo_fixture
):
    mocked_omneo.post(CREATE, json=omneo_fixture("validation_422_nested.json"), status=422)

    with pytest.raises(WriteFailed) as caught:
        book(staff_user, omneo_client)

    attempt = BookingAttempt.objects.get()
    assert isinstance(caught.value.error, OmneoValidationError)
    assert attempt.outcome == Outcome.REJECTED
    assert attempt.http_status == 422
    assert "transaction.id" in attempt.field_errors
    assert "The selected transaction.id is invalid." in attempt.error_messages


def test_a_refused_token_is_recorded_as_failed(staff_user, omneo_client, mocked_omneo):
    mocked_omneo.post(CREATE, json={"message": "Unauthenticated."}, status=401)

    with pytest.raises(WriteFailed) as caught:
        book(staff_user, omneo_client)

    attempt = BookingAttempt.objects.get()
    assert isinstance(caught.value.error, OmneoAuthError)
    assert (attempt.outcome, attempt.error_class) == (Outcome.FAILED, "OmneoAuthError")


def test_a_timeout_looks_the_appointment_up_and_finds_it(
    staff_user, omneo_client, mocked_omneo, omneo_fixture
):
    token = uuid.uuid4()
    mocked_omneo.post(CREATE, body=requests.ReadTimeout("slow"))
    mocked_omneo.get(CREATE, json=listing(made_by(omneo_fixture, token)))

    attempt = book(staff_user, omneo_client, token)

    attempt.refresh_from_db()
    assert attempt.outcome == Outcome.CREATED
    assert attempt.recovered is True
    assert attempt.omneo_appointment_id == 5012
    assert attempt.check_result == CheckResult.FOUND
    assert [c.request.method for c in mocked_omneo.calls] == ["POST", "GET"]


def test_a_timeout_with_nothing_found_yet_stays_unknown_and_is_checked_again(
    staff_user, omneo_client, mocked_omneo
):
    mocked_omneo.post(CREATE, body=requests.ReadTimeout("slow"))
    mocked_omneo.get(CREATE, json=listing())

    with pytest.raises(WriteFailed) as caught:
        book(staff_user, omneo_client)

    attempt = BookingAttempt.objects.get()
    assert isinstance(caught.value.error, OmneoTimeout)
    assert (attempt.outcome, attempt.check_result) == (Outcome.UNKNOWN, CheckResult.NOT_YET)
    # One check queued for a process dying mid-call, one for this unknown outcome.
    assert DBTaskResult.objects.filter(args_kwargs__args=[attempt.pk, 0]).count() == 2


@pytest.mark.parametrize(
    "lookalike",
    [{"location_id": 14}, {"scheduled_start_at": "2026-05-11T00:30:00Z"}],
    ids=["other-store", "other-start"],
)
def test_a_timeout_is_not_matched_to_a_lookalike_appointment(
    staff_user, omneo_client, mocked_omneo, omneo_fixture, lookalike
):
    token = uuid.uuid4()
    mocked_omneo.post(CREATE, body=requests.ReadTimeout("slow"))
    other = made_by(omneo_fixture, token, **lookalike)
    mocked_omneo.get(CREATE, json=listing(other))

    with pytest.raises(WriteFailed):
        book(staff_user, omneo_client, token)

    attempt = BookingAttempt.objects.get()
    assert (attempt.outcome, attempt.omneo_appointment_id) == (Outcome.UNKNOWN, None)


def test_a_server_error_with_a_failed_look_up_stays_unknown(staff_user, omneo_client, mocked_omneo):
    mocked_omneo.post(CREATE, body="<h1>500</h1>", status=500)
    mocked_omneo.get(CREATE, body=requests.ConnectionError("down"))

    with pytest.raises(WriteFailed) as caught:
        book(staff_user, omneo_client)

    assert isinstance(caught.value.error, OmneoServerError)
    attempt = BookingAttempt.objects.get()
    assert (attempt.outcome, attempt.check_result) == (Outcome.UNKNOWN, CheckResult.UNREACHABLE)


def test_a_second_submission_of_a_token_never_calls_omneo(
    staff_user, omneo_client, mocked_omneo, omneo_fixture
):
    mocked_omneo.post(CREATE, json=omneo_fixture("created_201.json"), status=201)
    token = uuid.uuid4()
    first = book(staff_user, omneo_client, token)

    with pytest.raises(AlreadySent) as caught:
        book(staff_user, omneo_client, token)

    assert caught.value.record.pk == first.pk
    assert len(mocked_omneo.calls) == 1
    assert BookingAttempt.objects.count() == 1


@pytest.mark.parametrize("outcome", [Outcome.PENDING, Outcome.UNKNOWN, Outcome.REVIEW])
def test_no_second_create_while_the_same_booking_is_unsettled(
    staff_user, omneo_client, mocked_omneo, outcome
):
    earlier = BookingAttemptFactory(
        booked_by=staff_user,
        outcome=outcome,
        profile_id=SUMMARY.profile_id,
        definition_id=SUMMARY.definition_id,
        location_id=SUMMARY.location_id,
        scheduled_start=SUMMARY.start,
    )

    with pytest.raises(StillUnsettled) as caught:
        book(staff_user, omneo_client)  # a fresh form: a new token

    assert caught.value.record == earlier
    assert len(mocked_omneo.calls) == 0
    assert BookingAttempt.objects.count() == 1


def test_a_first_claim_writes_before_it_reads(
    staff_user, omneo_client, mocked_omneo, omneo_fixture
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    mocked_omneo.post(CREATE, json=omneo_fixture("created_201.json"), status=201)

    with CaptureQueriesContext(connection) as queries:
        book(staff_user, omneo_client)

    statements = [query["sql"].split()[0] for query in queries.captured_queries]
    first_write = next(i for i, verb in enumerate(statements) if verb == "INSERT")
    assert "SELECT" not in statements[:first_write]  # the constraints decide, not a look first


class ProcessDied(Exception):
    """Stands for the process dying between the two writes."""


def test_a_crash_mid_call_leaves_a_pending_record_with_a_check_queued(staff_user):
    class CrashingClient:
        def appointment_create(self, appointment):
            raise ProcessDied

    with pytest.raises(ProcessDied):
        book(staff_user, CrashingClient())

    attempt = BookingAttempt.objects.get()
    assert attempt.outcome == Outcome.PENDING
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["args"] == [attempt.pk, 0]
    assert 59 <= (queued.run_after - attempt.created_at).total_seconds() <= 61


def test_a_crash_before_the_check_is_queued_leaves_no_claim_to_hold_the_booking(
    staff_user, monkeypatch
):
    from booking_portal.writes import records

    class SentAnyway:
        def appointment_create(self, appointment):
            pytest.fail("nothing may be sent without a check queued")

    def dies(*args, **kwargs):
        raise ProcessDied

    monkeypatch.setattr(records, "check_later", dies)

    with pytest.raises(ProcessDied):
        book(staff_user, SentAnyway())

    assert not BookingAttempt.objects.exists()  # no pending row left in doubt for good
    assert not DBTaskResult.objects.exists()


def unknown_attempt(staff_user, omneo_client, mocked_omneo):
    mocked_omneo.post(CREATE, body=requests.ReadTimeout("slow"))
    mocked_omneo.get(CREATE, json=listing())
    with pytest.raises(WriteFailed):
        book(staff_user, omneo_client)
    mocked_omneo.reset()
    return BookingAttempt.objects.get()


def test_resubmit_posts_again_only_when_omneo_has_nothing_after_the_grace(
    staff_user, booking_admin, omneo_client, mocked_omneo, omneo_fixture, settings
):
    unknown = unknown_attempt(staff_user, omneo_client, mocked_omneo)
    settings.BOOKING_SETTLE_GRACE_SECONDS = 0
    mocked_omneo.get(CREATE, json=listing())
    mocked_omneo.post(CREATE, json=omneo_fixture("created_201.json"), status=201)

    retry = attempt_resubmit(attempt=unknown, resubmitted_by=booking_admin, client=omneo_client)

    assert retry.pk != unknown.pk
    assert retry.resubmitted_from == unknown
    assert retry.outcome == Outcome.CREATED
    assert [c.request.method for c in mocked_omneo.calls] == ["GET", "POST"]
    unknown.refresh_from_db()
    assert (unknown.outcome, unknown.check_result) == (Outcome.FAILED, CheckResult.ABSENT)
    sent = json.loads(mocked_omneo.calls[1].request.body)
    assert sent["meta"] == [f"booking-portal:{retry.form_token}"]


def test_resubmit_within_the_grace_posts_nothing(
    staff_user, booking_admin, omneo_client, mocked_omneo
):
    unknown = unknown_attempt(staff_user, omneo_client, mocked_omneo)
    mocked_omneo.get(CREATE, json=listing())

    result = attempt_resubmit(attempt=unknown, resubmitted_by=booking_admin, client=omneo_client)

    assert result.pk == unknown.pk
    assert result.outcome == Outcome.UNKNOWN
    assert [c.request.method for c in mocked_omneo.calls] == ["GET"]


def test_resubmit_finds_the_appointment_instead_of_posting(
    staff_user, booking_admin, omneo_client, mocked_omneo, omneo_fixture
):
    unknown = unknown_attempt(staff_user, omneo_client, mocked_omneo)
    mocked_omneo.get(CREATE, json=listing(made_by(omneo_fixture, unknown.form_token)))

    result = attempt_resubmit(attempt=unknown, resubmitted_by=booking_admin, client=omneo_client)

    assert result.pk == unknown.pk
    assert result.outcome == Outcome.CREATED
    assert [c.request.method for c in mocked_omneo.calls] == ["GET"]


def test_two_admins_resubmitting_at_once_post_only_once(
    staff_user, booking_admin, omneo_client, mocked_omneo, settings
):
    # Given an unknown attempt, and a rival admin whose resubmission is claimed during our look-up
    unknown = unknown_attempt(staff_user, omneo_client, mocked_omneo)
    settings.BOOKING_SETTLE_GRACE_SECONDS = 0

    def rival_claims_first(request):
        BookingAttemptFactory(
            form_token=resubmission_token(attempt=unknown, number=0),
            resubmitted_from=unknown,
            booked_by=booking_admin,
            outcome=Outcome.FAILED,
        )
        return (200, {}, json.dumps(listing()))

    mocked_omneo.add_callback("GET", CREATE, callback=rival_claims_first)

    # When we resubmit too, then our claim collides and nothing is posted
    with pytest.raises(AlreadySent) as caught:
        attempt_resubmit(attempt=unknown, resubmitted_by=booking_admin, client=omneo_client)

    assert caught.value.record.resubmitted_from == unknown
    assert [c.request.method for c in mocked_omneo.calls] == ["GET"]


def test_a_failed_resubmission_is_recorded_on_the_new_attempt(
    staff_user, booking_admin, omneo_client, mocked_omneo
):
    failed = BookingAttemptFactory(
        booked_by=staff_user, outcome=Outcome.FAILED, payload=APPOINTMENT.to_json()
    )
    mocked_omneo.post(CREATE, json={"message": "Unauthenticated."}, status=401)

    retry = attempt_resubmit(attempt=failed, resubmitted_by=booking_admin, client=omneo_client)

    assert (retry.outcome, retry.http_status, retry.booked_by) == (
        Outcome.FAILED,
        401,
        booking_admin,
    )
    sent = json.loads(mocked_omneo.calls[0].request.body)
    assert sent == with_omneo_tag(APPOINTMENT, retry.form_token).to_json()
    failed.refresh_from_db()
    assert failed.outcome == Outcome.FAILED


def test_a_recorded_payload_becomes_the_same_store_appointment_again():
    full = StoreAppointment(
        appointment_definition_id=1,
        profile_id="p-1",
        location_id=13,
        scheduled_start_at="2026-05-11 10:00:00",
        scheduled_end_at="2026-05-11 10:30:00",
        timezone="Australia/Melbourne",
        assigned_staff_id="s-1",
        notes="Bring the jacket",
        meta=("vip",),
        transaction=TransactionLink(id=1003),
        order=OrderLink(order_number="A-1"),
        answers=(AnswerInput(questionnaire_question_id=21, value="suit"),),
    )

    assert store_appointment_from_payload(full.to_json()) == full


def test_resubmit_never_posts_again_after_a_resubmission_booked_it(
    staff_user, booking_admin, omneo_client, mocked_omneo
):
    failed = BookingAttemptFactory(booked_by=staff_user, outcome=Outcome.FAILED)
    booked = BookingAttemptFactory(booked_by=booking_admin, resubmitted_from=failed)

    with pytest.raises(AlreadySent) as caught:
        attempt_resubmit(attempt=failed, resubmitted_by=booking_admin, client=omneo_client)

    assert caught.value.record == booked
    assert len(mocked_omneo.calls) == 0
    assert BookingAttempt.objects.count() == 2


def test_recording_the_create_leaves_a_check_made_meanwhile_alone(staff_user, omneo_fixture):
    from booking_portal.omneo.resources import Appointment
    from booking_portal.writes.settling import record_done

    attempt = BookingAttemptFactory(booked_by=staff_user, outcome=Outcome.PENDING)
    # The worker's check ran while the create was in flight, on its own copy of the row.
    BookingAttempt.objects.filter(pk=attempt.pk).update(check_count=1, check_result="not_yet")
    created = Appointment.from_json(omneo_fixture("created_201.json")["data"])

    record_done(attempt, created, http_status=201, duration_ms=120)

    attempt.refresh_from_db()
    assert (attempt.outcome, attempt.http_status, attempt.duration_ms) == (
        Outcome.CREATED,
        201,
        120,
    )
    assert (attempt.check_count, attempt.check_result) == (1, "not_yet")
