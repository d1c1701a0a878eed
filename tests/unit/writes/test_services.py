"""Writes beyond create: one PUT per token, unknown outcomes read back, 422s kept per field."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import requests
from django_tasks_db.models import DBTaskResult

from booking_portal.omneo.resources import Appointment, AppointmentChanges, WaitlistEntryInput
from booking_portal.writes.models import AppointmentWrite
from booking_portal.writes.services import (
    DuplicateWrite,
    WriteError,
    appointment_write,
    waitlist_write_add,
    waitlist_write_fulfil,
)
from tests.unit.appointments.omneo_bodies import V3, appointment_json

pytestmark = pytest.mark.django_db
Outcome = AppointmentWrite.Outcome
URL = f"{V3}/appointments/501"


def _confirmed() -> Appointment:
    return Appointment.from_json(appointment_json(status="confirmed"))


def _arrive(user, client, token=None) -> AppointmentWrite:
    return appointment_write(
        written_by=user,
        action_token=token or uuid.uuid4(),
        kind="arrive",
        appointment=_confirmed(),
        changes=AppointmentChanges(status="arrived"),
        client=client,
    )


def test_a_put_is_sent_once_and_recorded_done(staff_user, omneo_client, mocked_omneo):
    mocked_omneo.put(URL, json={"data": appointment_json(status="arrived")})

    write = _arrive(staff_user, omneo_client)

    assert (write.outcome, write.status_before, write.status_after) == (
        Outcome.DONE,
        "confirmed",
        "arrived",
    )
    assert write.body == {"status": "arrived"}
    assert [call.request.method for call in mocked_omneo.calls] == ["PUT"]


def test_the_same_token_never_sends_a_second_put(staff_user, omneo_client, mocked_omneo):
    mocked_omneo.put(URL, json={"data": appointment_json(status="arrived")})
    token = uuid.uuid4()
    _arrive(staff_user, omneo_client, token)

    with pytest.raises(DuplicateWrite) as duplicate:
        _arrive(staff_user, omneo_client, token)

    assert duplicate.value.write.outcome == Outcome.DONE
    assert len(mocked_omneo.calls) == 1


def test_an_unknown_outcome_is_read_back_and_found_done(staff_user, omneo_client, mocked_omneo):
    mocked_omneo.put(URL, status=502, body="<html>Bad gateway</html>")
    mocked_omneo.get(URL, json={"data": appointment_json(status="arrived")})

    write = _arrive(staff_user, omneo_client)

    assert (write.outcome, write.recovered, write.check_result) == (Outcome.DONE, True, "applied")
    assert [call.request.method for call in mocked_omneo.calls] == ["PUT", "GET"]


def test_an_unknown_outcome_not_shown_yet_stays_unknown_and_is_queued(
    staff_user, omneo_client, mocked_omneo
):
    mocked_omneo.put(URL, body=requests.exceptions.ReadTimeout("slow"))
    mocked_omneo.get(URL, json={"data": appointment_json(status="confirmed")})

    with pytest.raises(WriteError) as failure:
        _arrive(staff_user, omneo_client)

    write = failure.value.write
    assert (write.outcome, write.check_result) == (Outcome.UNKNOWN, "not_yet")
    queued = DBTaskResult.objects.filter(task_path="booking_portal.writes.tasks.settle_write")
    assert queued.count() == 2  # the in-flight check on claim, and the read-back after backoff
    assert [call.request.method for call in mocked_omneo.calls] == ["PUT", "GET"]


def test_a_422_is_rejected_with_its_field_errors(staff_user, omneo_client, mocked_omneo):
    body = {
        "message": "The given data was invalid.",
        "errors": {"status": ["An appointment that is arrived cannot become arrived."]},
    }
    mocked_omneo.put(URL, status=422, json=body)

    with pytest.raises(WriteError) as failure:
        _arrive(staff_user, omneo_client)

    write = failure.value.write
    assert write.outcome == Outcome.REJECTED
    assert write.field_errors == {"status": [body["errors"]["status"][0]]}
    assert len(mocked_omneo.calls) == 1  # a refusal is never read back


def test_a_refusal_before_acting_is_failed_without_a_read_back(
    staff_user, omneo_client, mocked_omneo
):
    mocked_omneo.put(URL, status=429, json={"message": "Too many"}, headers={"Retry-After": "3"})

    with pytest.raises(WriteError) as failure:
        _arrive(staff_user, omneo_client)

    assert failure.value.write.outcome == Outcome.FAILED
    assert len(mocked_omneo.calls) == 1


def test_a_reschedule_lost_answer_counts_as_done_when_the_times_moved(
    staff_user, omneo_client, mocked_omneo
):
    zone = ZoneInfo("Australia/Melbourne")
    start = datetime(2026, 5, 12, 14, 0, tzinfo=zone)
    changes = AppointmentChanges.reschedule(
        start=start, end=start.replace(minute=45), timezone=zone.key
    )
    mocked_omneo.put(URL, status=500, body="<html>oops</html>")
    moved = appointment_json(start="2026-05-12T04:00:00Z", end="2026-05-12T04:45:00Z")
    mocked_omneo.get(URL, json={"data": moved})

    write = appointment_write(
        written_by=staff_user,
        action_token=uuid.uuid4(),
        kind="reschedule",
        appointment=_confirmed(),
        changes=changes,
        client=omneo_client,
    )

    assert (write.outcome, write.recovered) == (Outcome.DONE, True)


def test_a_waitlist_entry_is_added_with_the_writes_tag(staff_user, omneo_client, mocked_omneo):
    entry = {"id": 77, "status": "active", "appointment_definition_id": 1, "profile_id": "p-1"}
    mocked_omneo.post(f"{V3}/appointment-waitlists", json={"data": entry | {"location_id": 13}})

    write = waitlist_write_add(
        written_by=staff_user,
        action_token=uuid.uuid4(),
        entry=WaitlistEntryInput(appointment_definition_id=1, profile_id="p-1", location_id=13),
        client=omneo_client,
    )

    assert (write.outcome, write.waitlist_entry_id) == (Outcome.DONE, 77)
    assert write.body["meta"] == [write.tag]


def test_a_waitlist_fulfil_lost_answer_is_read_back(staff_user, omneo_client, mocked_omneo):
    url = f"{V3}/appointment-waitlists/77"
    mocked_omneo.put(url, status=503, body="down")
    fulfilled = {
        "id": 77,
        "status": "fulfilled",
        "appointment_id": 501,
        "appointment_definition_id": 1,
        "profile_id": "p-1",
        "location_id": 13,
    }
    mocked_omneo.get(url, json={"data": fulfilled})

    write = waitlist_write_fulfil(
        written_by=staff_user,
        action_token=uuid.uuid4(),
        entry_id=77,
        appointment_id=501,
        client=omneo_client,
    )

    assert (write.outcome, write.recovered, write.kind) == (Outcome.DONE, True, "waitlist_fulfil")


def test_the_worker_settles_an_unknown_write_as_failed_once_the_grace_has_passed(
    staff_user, omneo_client, mocked_omneo, settings, monkeypatch
):
    from booking_portal.writes import tasks

    settings.BOOKING_SETTLE_GRACE_SECONDS = 0
    write = AppointmentWrite.objects.create(
        action_token=uuid.uuid4(),
        written_by=staff_user,
        kind="arrive",
        appointment_id=501,
        body={"status": "arrived"},
        outcome=Outcome.UNKNOWN,
    )
    mocked_omneo.get(URL, json={"data": appointment_json(status="confirmed")})
    monkeypatch.setattr(tasks, "get_omneo_client", lambda: omneo_client)

    result = tasks.settle_write.call(write.pk)

    write.refresh_from_db()
    assert (result, write.outcome, write.check_result) == ("not_applied", "failed", "not_applied")
