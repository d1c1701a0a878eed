"""Walk-in queue writes: one POST or PUT per token, lost answers settled by reading the queue."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

import pytest
import requests
from django.utils import timezone
from responses import matchers

from booking_portal.omneo.resources import QueueEntryInput
from booking_portal.writes.models import AppointmentWrite
from booking_portal.writes.queues import (
    TAG_KEY,
    queue_entry_moved_since,
    queue_write_add,
    queue_write_link,
    queue_write_status,
    write_tag,
)
from booking_portal.writes.records import AlreadySent, StillUnsettled
from booking_portal.writes.sending import WriteFailed
from booking_portal.writes.settling import write_check
from tests.unit.appointments.omneo_bodies import PAGE, V3

pytestmark = pytest.mark.django_db
Outcome = AppointmentWrite.Outcome
QUEUE = f"{V3}/appointment-queues"
ENTRY = f"{QUEUE}/71"


def entry_json(entry_id: int = 71, *, status: str = "waiting", **extra: Any) -> dict[str, Any]:
    return {
        "id": entry_id,
        "status": status,
        "appointment_definition_id": 4,
        "location_id": 13,
        "profile_id": None,
        "profile": None,
        "meta": {},
        "created_at": "2026-05-11T00:00:00Z",
        **extra,
    }


def _walk_in(profile_id: str | None = None) -> QueueEntryInput:
    return QueueEntryInput(
        appointment_definition_id=4, location_id=13, profile_id=profile_id, notes="Hem"
    )


def _add(user, client, token=None, profile_id=None) -> AppointmentWrite:
    return queue_write_add(
        written_by=user,
        action_token=token or uuid.uuid4(),
        entry=_walk_in(profile_id),
        client=client,
    )


def _call(user, client, token=None, meta=None) -> AppointmentWrite:
    return queue_write_status(
        written_by=user,
        action_token=token or uuid.uuid4(),
        kind="queue_call",
        entry_id=71,
        status_before="waiting",
        meta=meta,
        client=client,
    )


def _sent(mocked_omneo, method: str) -> list[dict[str, Any]]:
    return [json.loads(c.request.body) for c in mocked_omneo.calls if c.request.method == method]


def test_an_add_is_sent_once_tagged_and_recorded_with_its_entry(
    staff_user, omneo_client, mocked_omneo
):
    token = uuid.uuid4()
    mocked_omneo.post(QUEUE, status=201, json={"data": entry_json(72)})

    write = _add(staff_user, omneo_client, token)
    with pytest.raises(AlreadySent):
        _add(staff_user, omneo_client, token)

    (body,) = _sent(mocked_omneo, "POST")
    assert "profile_id" not in body  # an anonymous walk-in
    assert body["meta"] == {TAG_KEY: write_tag(token)}
    assert (write.kind, write.outcome, write.queue_entry_id) == ("queue_add", Outcome.DONE, 72)
    assert write.target == "queue:13:4:anonymous"


def test_a_second_add_of_the_same_walk_in_waits_while_the_first_is_unsettled(
    staff_user, omneo_client, mocked_omneo
):
    mocked_omneo.post(QUEUE, body=requests.exceptions.ReadTimeout("slow"))
    mocked_omneo.get(QUEUE, body=requests.exceptions.ConnectionError("down"))
    with pytest.raises(WriteFailed):
        _add(staff_user, omneo_client, profile_id="p-1")

    with pytest.raises(StillUnsettled):
        _add(staff_user, omneo_client, profile_id="p-1")

    assert len(_sent(mocked_omneo, "POST")) == 1
    assert AppointmentWrite.objects.get().outcome == Outcome.UNKNOWN


def test_an_add_whose_answer_is_lost_is_found_by_its_tag(staff_user, omneo_client, mocked_omneo):
    token = uuid.uuid4()
    mocked_omneo.post(QUEUE, status=500, body="<html>oops</html>")
    others = [entry_json(70, meta={TAG_KEY: write_tag(uuid.uuid4())}), entry_json(72, meta={})]
    ours = entry_json(73, meta={TAG_KEY: write_tag(token)})
    mocked_omneo.get(
        QUEUE,
        json={"data": [*others, ours], **PAGE},
        match=[matchers.query_param_matcher({"filter[location_id]": "13"}, strict_match=False)],
    )

    write = _add(staff_user, omneo_client, token)

    assert (write.outcome, write.recovered, write.queue_entry_id) == (Outcome.DONE, True, 73)
    assert len(_sent(mocked_omneo, "POST")) == 1


def test_an_add_omneo_refuses_keeps_its_field_errors(staff_user, omneo_client, mocked_omneo):
    errors = {"appointment_definition_id": ["This service does not take walk-ins."]}
    mocked_omneo.post(QUEUE, status=422, json={"message": "Refused", "errors": errors})

    with pytest.raises(WriteFailed):
        _add(staff_user, omneo_client)

    write = AppointmentWrite.objects.get()
    assert (write.outcome, write.field_errors) == (Outcome.REJECTED, errors)


def test_a_call_keeps_the_entry_meta_and_adds_the_time_and_tag(
    staff_user, omneo_client, mocked_omneo
):
    token = uuid.uuid4()
    mocked_omneo.put(ENTRY, json={"data": entry_json(status="called")})

    write = _call(staff_user, omneo_client, token, meta={"source": "door"})

    (body,) = _sent(mocked_omneo, "PUT")
    assert body["status"] == "called"
    assert body["meta"]["source"] == "door"
    assert body["meta"][TAG_KEY] == write_tag(token)
    assert "called_at" in body["meta"]
    assert (write.outcome, write.status_before, write.status_after) == ("done", "waiting", "called")
    assert (write.target, write.queue_entry_id) == ("queue-entry:71", 71)


@pytest.mark.parametrize(
    ("read_back", "outcome", "recovered"),
    [("called", Outcome.DONE, True), ("waiting", Outcome.UNKNOWN, False)],
)
def test_a_call_whose_answer_is_lost_is_settled_by_reading_the_entry(
    staff_user, omneo_client, mocked_omneo, read_back, outcome, recovered
):
    mocked_omneo.put(ENTRY, body=requests.exceptions.ConnectionError("reset"))
    mocked_omneo.get(ENTRY, json={"data": entry_json(status=read_back)})

    with pytest.raises(WriteFailed) if outcome != Outcome.DONE else _no_error():
        _call(staff_user, omneo_client)

    write = AppointmentWrite.objects.get()
    assert (write.outcome, write.recovered) == (outcome, recovered)
    assert len(_sent(mocked_omneo, "PUT")) == 1


def test_a_link_is_settled_only_when_the_entry_carries_the_appointment(
    staff_user, omneo_client, mocked_omneo
):
    mocked_omneo.put(ENTRY, status=502, body="<html>Bad gateway</html>")
    mocked_omneo.get(ENTRY, json={"data": entry_json(status="served", appointment_id=None)})
    with pytest.raises(WriteFailed):
        queue_write_link(
            written_by=staff_user,
            action_token=uuid.uuid4(),
            entry_id=71,
            appointment_id=900,
            client=omneo_client,
        )
    write = AppointmentWrite.objects.get()
    assert (write.body, write.outcome) == ({"appointment_id": 900}, Outcome.UNKNOWN)

    mocked_omneo.replace(
        "GET", ENTRY, json={"data": entry_json(status="served", appointment_id=900)}
    )
    write_check(record=write, client=omneo_client)

    write.refresh_from_db()
    assert (write.outcome, write.recovered) == (Outcome.DONE, True)
    assert len(_sent(mocked_omneo, "PUT")) == 1


def test_a_change_made_since_the_page_was_shown_is_found_but_not_the_presser_own(
    staff_user, omneo_client, mocked_omneo
):
    shown = timezone.now() - timedelta(seconds=1)
    mocked_omneo.put(ENTRY, json={"data": entry_json(status="called")})
    token = uuid.uuid4()
    write = _call(staff_user, omneo_client, token)

    assert queue_entry_moved_since(entry_id=71, since=shown) == write
    assert queue_entry_moved_since(entry_id=71, since=shown, other_than=token) is None
    assert queue_entry_moved_since(entry_id=71, since=timezone.now()) is None


class _no_error:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False
