"""Lenient parsing of queue entries and visits: missing or wrongly typed fields become defaults."""

from __future__ import annotations

from datetime import UTC, datetime

from booking_portal.omneo.resources import QueueEntry, QueueEntryInput, Visit, VisitInput


def test_a_bare_queue_entry_is_an_open_anonymous_wait():
    entry = QueueEntry.from_json({"id": "5", "meta": ["not", "an", "object"], "profile": "x"})

    assert (entry.id, entry.status, entry.is_open, entry.is_anonymous) == (5, "waiting", True, True)
    assert entry.meta == {}
    assert entry.profile is None


def test_a_queue_input_leaves_out_what_was_not_given():
    assert QueueEntryInput(appointment_definition_id=4, location_id=13, notes="").to_json() == {
        "appointment_definition_id": 4,
        "location_id": 13,
    }


def test_a_visit_prefers_visited_at_and_reads_utc_times():
    visit = Visit.from_json(
        {
            "id": 1,
            "visited_at": "2026-05-11T00:30:00Z",
            "occurred_at": "2020-01-01T00:00:00Z",
            "tags": "not-a-list",
        }
    )

    assert visit.visited_at == datetime(2026, 5, 11, 0, 30, tzinfo=UTC)
    assert visit.tags == ()


def test_a_visit_without_a_time_parses():
    assert Visit.from_json({"id": 2, "profile_id": "p-1"}).visited_at is None


def test_a_visit_input_always_sends_visited_at_with_its_zone():
    body = VisitInput(visited_at="2026-05-11 10:30:00", timezone="Australia/Sydney").to_json()

    assert body == {"visited_at": "2026-05-11 10:30:00", "timezone": "Australia/Sydney"}
