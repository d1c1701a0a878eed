"""The day's walk-in rows, who is here now, and the signed snapshot each row's actions carry."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import responses

from booking_portal.appointments import messages
from booking_portal.appointments.walkins import (
    here_now,
    walk_in_open,
    walk_in_rows,
    walk_in_seal,
    walk_in_services,
    walk_ins_read,
)
from booking_portal.omneo.errors import OmneoServerError
from booking_portal.omneo.reads.queues import queue_open
from booking_portal.omneo.resources import Appointment, Definition, QueueEntry
from booking_portal.writes.models import AppointmentWrite
from tests.unit.appointments.omneo_bodies import PAGE, V3, appointment_json

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 5, 11, 1, 0, tzinfo=UTC)
ALTERATIONS = Definition(id=4, name="Walk-in alterations", booking_type="walk_in_only")
FITTING = Definition(id=1, name="Suit fitting", allow_walk_in=True)
STYLING = Definition(id=2, name="Styling consultation")


def entry(entry_id: int, *, status: str = "waiting", minutes_ago: int = 10, **extra) -> QueueEntry:
    created = (NOW - timedelta(minutes=minutes_ago)).isoformat()
    return QueueEntry.from_json(
        {
            "id": entry_id,
            "status": status,
            "appointment_definition_id": 4,
            "location_id": 13,
            "created_at": created,
            **extra,
        }
    )


def test_rows_keep_arrival_order_and_say_how_long_each_has_waited():
    rows = walk_in_rows(
        [entry(1, minutes_ago=25), entry(2, minutes_ago=5)], definitions=[ALTERATIONS], now=NOW
    )

    assert [row.entry.id for row in rows] == [1, 2]
    assert [row.waited for row in rows] == ["25 minutes", "5 minutes"]
    assert rows[0].name == messages.WALK_IN_ANONYMOUS
    assert rows[0].service == "Walk-in alterations"
    assert not rows[0].bookable


def test_a_called_walk_in_waited_until_called():
    called_at = (NOW - timedelta(minutes=15)).isoformat()
    (row,) = walk_in_rows(
        [entry(1, status="called", minutes_ago=40, meta={"called_at": called_at})],
        definitions=[],
        now=NOW,
    )

    assert row.waited == "25 minutes"
    assert row.status_words == "Called"
    assert row.service == "Service 4"  # the catalogue was not read


def test_each_status_offers_its_own_actions():
    waiting, called = walk_in_rows(
        [entry(1), entry(2, status="called")], definitions=[ALTERATIONS], now=NOW
    )

    assert [kind for kind, _ in waiting.buttons] == ["queue_call", "queue_serve", "queue_remove"]
    assert [kind for kind, _ in called.buttons] == ["queue_serve", "queue_remove"]


def test_a_walk_in_with_a_write_in_doubt_offers_no_action(staff_user):
    AppointmentWrite.objects.create(
        action_token=uuid.uuid4(),
        written_by=staff_user,
        kind="queue_call",
        target="queue-entry:1",
        queue_entry_id=1,
        body={"status": "called"},
        outcome="unknown",
    )

    doubtful, clear = walk_in_rows([entry(1), entry(2)], definitions=[], now=NOW)

    assert doubtful.buttons == ()
    assert doubtful.unsettled_text == messages.WRITE_UNSETTLED.format(kind="Call walk-in")
    assert clear.unsettled is None
    assert len(clear.buttons) == 3


def test_the_seal_carries_what_the_page_showed_and_refuses_another_entry_or_a_forgery():
    shown = entry(1, meta={"demo": "x"}, profile_id="p-1")
    seal = walk_in_seal(shown, bookable=True, now=NOW)

    seen = walk_in_open(seal, entry_id=1)

    assert (seen.status, seen.profile_id, seen.meta, seen.bookable) == (
        "waiting",
        "p-1",
        {"demo": "x"},
        True,
    )
    assert seen.shown == NOW
    assert walk_in_open(seal, entry_id=2) is None
    assert walk_in_open(seal[:-2], entry_id=1) is None


def test_who_is_here_now_merges_arrivals_and_open_walk_ins_by_arrival():
    arrived = Appointment.from_json(
        appointment_json(501, status="arrived", arrived_at="2026-05-11T00:40:00Z")
    )
    confirmed = Appointment.from_json(appointment_json(502, status="confirmed"))
    rows = walk_in_rows(
        [entry(1, minutes_ago=30), entry(2, minutes_ago=10)], definitions=[], now=NOW
    )

    people = here_now(appointments=[arrived, confirmed], rows=rows)

    assert [person.key for person in people] == ["walk-in-1", "appointment-501", "walk-in-2"]
    assert people[1].status_words == "Booked · arrived"


def test_walk_in_services_only_those_taking_walk_ins_walk_in_only_first():
    assert walk_in_services([STYLING, FITTING, ALTERATIONS]) == [
        (4, "Walk-in alterations"),
        (1, "Suit fitting"),
    ]


def test_a_queue_omneo_could_not_read_is_said_and_arrivals_still_shown():
    arrived = Appointment.from_json(appointment_json(501, status="arrived"))

    part = walk_ins_read(
        queue=OmneoServerError("down", status=500), definitions=[], appointments=[arrived]
    )

    assert part.problem == messages.WALK_INS_UNAVAILABLE
    assert [person.key for person in part.here] == ["appointment-501"]


def test_the_queue_read_asks_for_open_entries_only_and_sorts_by_arrival(omneo_client, mocked_omneo):
    later = {"id": 2, "status": "called", "created_at": "2026-05-11T00:50:00Z"}
    earlier = {"id": 1, "status": "waiting", "created_at": "2026-05-11T00:10:00Z"}
    mocked_omneo.get(
        f"{V3}/appointment-queues",
        json={"data": [later, earlier], **PAGE},
        match=[
            responses.matchers.query_param_matcher(
                {"filter[location_id]": "13", "filter[status][in]": "waiting,called"},
                strict_match=False,
            )
        ],
    )

    entries = queue_open(location_id=13, client=omneo_client)

    assert [item.id for item in entries] == [1, 2]
