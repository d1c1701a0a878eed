"""Writes beyond create: one PUT per token, unknown outcomes read back, 422s kept per field."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import requests
from django_tasks_db.models import DBTaskResult

from booking_portal.omneo.resources import Appointment, AppointmentChanges, WaitlistEntryInput
from booking_portal.writes.changes import (
    appointment_write,
    waitlist_write_add,
    waitlist_write_fulfil,
)
from booking_portal.writes.models import AppointmentWrite
from booking_portal.writes.records import AlreadySent, StillUnsettled
from booking_portal.writes.sending import WriteFailed
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

    with pytest.raises(AlreadySent) as duplicate:
        _arrive(staff_user, omneo_client, token)

    assert duplicate.value.record.outcome == Outcome.DONE
    assert len(mocked_omneo.calls) == 1


def test_an_unknown_outcome_is_read_back_and_found_done(staff_user, omneo_client, mocked_omneo):
    mocked_omneo.put(URL, status=502, body="<html>Bad gateway</html>")
    mocked_omneo.get(URL, json={"data": appointment_json(status="arrived")})

    write = _arrive(staff_user, omneo_client)

    assert (write.outcome, write.recovered, write.check_result) == (Outcome.DONE, True, "found")
    assert [call.request.method for call in mocked_omneo.calls] == ["PUT", "GET"]


def test_an_unknown_outcome_not_shown_yet_stays_unknown_and_is_queued(
    staff_user, omneo_client, mocked_omneo
):
    mocked_omneo.put(URL, body=requests.exceptions.ReadTimeout("slow"))
    mocked_omneo.get(URL, json={"data": appointment_json(status="confirmed")})

    with pytest.raises(WriteFailed) as failure:
        _arrive(staff_user, omneo_client)

    write = failure.value.record
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

    with pytest.raises(WriteFailed) as failure:
        _arrive(staff_user, omneo_client)

    write = failure.value.record
    assert write.outcome == Outcome.REJECTED
    assert write.field_errors == {"status": [body["errors"]["status"][0]]}
    assert len(mocked_omneo.calls) == 1  # a refusal is never read back


def test_a_refusal_before_acting_is_failed_without_a_read_back(
    staff_user, omneo_client, mocked_omneo
):
    mocked_omneo.put(URL, status=429, json={"message": "Too many"}, headers={"Retry-After": "3"})

    with pytest.raises(WriteFailed) as failure:
        _arrive(staff_user, omneo_client)

    assert failure.value.record.outcome == Outcome.FAILED
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
    assert (result, write.outcome, write.check_result) == ("absent", "failed", "absent")


class ProcessDied(Exception):
    pass


def _unknown_put(mocked_omneo, url=URL):
    mocked_omneo.put(url, body=requests.exceptions.ConnectionError("reset"))
    mocked_omneo.get(url, body=requests.exceptions.ConnectionError("down"))


def test_a_second_write_to_an_appointment_in_doubt_sends_nothing(
    staff_user, omneo_client, mocked_omneo
):
    _unknown_put(mocked_omneo)
    with pytest.raises(WriteFailed) as first:
        _arrive(staff_user, omneo_client)
    sent = len(mocked_omneo.calls)

    with pytest.raises(StillUnsettled) as second:  # another tab, a fresh token, another change
        appointment_write(
            written_by=staff_user,
            action_token=uuid.uuid4(),
            kind="cancel",
            appointment=_confirmed(),
            changes=AppointmentChanges(status="cancelled"),
            client=omneo_client,
        )

    assert second.value.record == first.value.record
    assert len(mocked_omneo.calls) == sent
    assert AppointmentWrite.objects.count() == 1


def test_a_second_fulfil_of_an_entry_in_doubt_sends_nothing(staff_user, omneo_client, mocked_omneo):
    _unknown_put(mocked_omneo, f"{V3}/appointment-waitlists/77")

    def fulfil():
        return waitlist_write_fulfil(
            written_by=staff_user,
            action_token=uuid.uuid4(),
            entry_id=77,
            appointment_id=501,
            client=omneo_client,
        )

    with pytest.raises(WriteFailed):
        fulfil()
    with pytest.raises(StillUnsettled):
        fulfil()

    assert [call.request.method for call in mocked_omneo.calls].count("PUT") == 1


def test_a_second_add_of_the_same_customer_to_a_waitlist_in_doubt_sends_nothing(
    staff_user, omneo_client, mocked_omneo
):
    mocked_omneo.post(f"{V3}/appointment-waitlists", status=500, body="<html>oops</html>")
    mocked_omneo.get(f"{V3}/appointment-waitlists", body=requests.exceptions.ConnectionError("x"))
    entry = WaitlistEntryInput(appointment_definition_id=1, profile_id="p-1", location_id=13)

    def add(wanted: WaitlistEntryInput):
        return waitlist_write_add(
            written_by=staff_user, action_token=uuid.uuid4(), entry=wanted, client=omneo_client
        )

    with pytest.raises(WriteFailed):
        add(entry)
    with pytest.raises(StillUnsettled):
        add(entry)
    mocked_omneo.post(f"{V3}/appointment-waitlists", json={"data": {"id": 78, "status": "active"}})
    other = add(WaitlistEntryInput(appointment_definition_id=2, profile_id="p-1", location_id=13))

    assert other.outcome == Outcome.DONE  # another service is another place on the waitlist
    assert [call.request.method for call in mocked_omneo.calls].count("POST") == 2


def test_a_settled_write_leaves_the_appointment_free_for_the_next(
    staff_user, omneo_client, mocked_omneo
):
    mocked_omneo.put(URL, status=422, json={"message": "No", "errors": {"status": ["No."]}})
    with pytest.raises(WriteFailed):
        _arrive(staff_user, omneo_client)
    mocked_omneo.put(URL, json={"data": appointment_json(status="arrived")})

    write = _arrive(staff_user, omneo_client)

    assert write.outcome == Outcome.DONE


def test_a_crash_before_a_puts_check_is_queued_leaves_no_claim(staff_user, monkeypatch):
    from booking_portal.writes import records

    class SentAnyway:
        def appointment_update(self, appointment_id, changes):
            pytest.fail("nothing may be sent without a check queued")

    def dies(*args, **kwargs):
        raise ProcessDied

    monkeypatch.setattr(records, "check_later", dies)

    with pytest.raises(ProcessDied):
        _arrive(staff_user, SentAnyway())

    assert not AppointmentWrite.objects.exists()  # no pending row holding the appointment
    assert not DBTaskResult.objects.exists()
