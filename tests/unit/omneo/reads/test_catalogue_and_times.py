"""Cached Omneo reads: stale-while-revalidate catalogue, short-lived times, versioned keys."""

from __future__ import annotations

import json
import threading
import time
from datetime import date

import pytest
import requests
from django.core.cache import cache

from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.reads import availability, catalogue
from booking_portal.omneo.reads import cache as read_cache
from booking_portal.omneo.resources import Definition, Location
from tests.conftest import MOCK_BASE_URL

V3 = f"{MOCK_BASE_URL}/v3"
DEFINITIONS_URL = f"{V3}/appointment-definitions"
SLOTS_URL = f"{V3}/appointment-definitions/1/available-slots"
FITTING = Definition(id=1, name="Suit fitting")
STORE = Location(id=13, name="Melbourne Central", timezone="Australia/Melbourne")
DAY = date(2026, 5, 11)


def services(*names: str) -> dict:
    data = [{"id": n, "name": name, "booking_type": "instant"} for n, name in enumerate(names, 1)]
    return {"data": data, "meta": {"current_page": 1, "last_page": 1}}


def made_stale(key: str) -> None:
    value, _ = cache.get(key)
    cache.set(key, (value, time.time() - 1), 3600)


def names(definitions: list[Definition]) -> list[str]:
    return [definition.name for definition in definitions]


def test_a_stale_entry_is_served_at_once_and_refreshed_in_the_background(
    omneo_client, mocked_omneo
):
    mocked_omneo.get(DEFINITIONS_URL, json=services("Fitting"))
    catalogue.definition_list(client=omneo_client)
    made_stale(read_cache.cache_key("definitions"))
    gate = threading.Event()

    def slow_answer(request):
        gate.wait(5)
        return 200, {}, json.dumps(services("Fitting", "Hem"))

    mocked_omneo.remove("GET", DEFINITIONS_URL)
    mocked_omneo.add_callback("GET", DEFINITIONS_URL, callback=slow_answer)
    started = time.monotonic()
    served = catalogue.definition_list(client=omneo_client)
    waited = time.monotonic() - started
    gate.set()
    read_cache.refreshes_settled()

    assert names(served) == ["Fitting"]  # the stale entry, without waiting for Omneo
    assert waited < 0.5
    assert names(catalogue.definition_list(client=omneo_client)) == ["Fitting", "Hem"]


def test_a_failed_refresh_keeps_the_stale_entry(omneo_client, mocked_omneo):
    mocked_omneo.get(DEFINITIONS_URL, json=services("Fitting"))
    catalogue.definition_list(client=omneo_client)
    made_stale(read_cache.cache_key("definitions"))
    mocked_omneo.replace("GET", DEFINITIONS_URL, body=requests.ConnectionError("down"))

    catalogue.definition_list(client=omneo_client)
    read_cache.refreshes_settled()

    assert names(catalogue.definition_list_cached()) == ["Fitting"]


def test_a_failed_read_is_never_cached(omneo_client, mocked_omneo):
    mocked_omneo.get(DEFINITIONS_URL, body=requests.ConnectionError("down"))

    with pytest.raises(OmneoError):
        catalogue.definition_list(client=omneo_client)

    assert cache.get(read_cache.cache_key("definitions")) is None


def test_keys_carry_the_version_so_a_new_shape_never_reads_old_entries(
    omneo_client, mocked_omneo, monkeypatch
):
    mocked_omneo.get(DEFINITIONS_URL, json=services("Fitting"))
    catalogue.definition_list(client=omneo_client)
    assert cache.get(f"omneo:{read_cache.CACHE_VERSION}:definitions") is not None

    monkeypatch.setattr(read_cache, "CACHE_VERSION", "v-next")
    catalogue.definition_list(client=omneo_client)

    assert len(mocked_omneo.calls) == 2


def test_times_are_kept_a_few_seconds_at_most(omneo_client, mocked_omneo, monkeypatch):
    mocked_omneo.post(SLOTS_URL, json={"data": {"slots": []}})
    read = {"definition": FITTING, "location": STORE, "on": DAY, "staff_id": None}
    assert availability.SLOT_SECONDS <= 5
    monkeypatch.setattr(availability, "SLOT_SECONDS", 1)  # Redis keeps whole seconds only

    availability.slot_list(**read, timezone="Australia/Melbourne", client=omneo_client)
    availability.slot_list(**read, timezone="Australia/Melbourne", client=omneo_client)
    assert len(mocked_omneo.calls) == 1
    time.sleep(1.2)
    availability.slot_list(**read, timezone="Australia/Melbourne", client=omneo_client)

    assert len(mocked_omneo.calls) == 2


def test_a_booking_drops_every_cached_time_of_that_store_and_service(omneo_client, mocked_omneo):
    mocked_omneo.post(SLOTS_URL, json={"data": {"slots": []}})
    read = {"definition": FITTING, "location": STORE, "staff_id": None}
    for day in (DAY, date(2026, 5, 12)):
        availability.slot_list(**read, on=day, timezone="Australia/Melbourne", client=omneo_client)

    availability.slots_forget(definition_id=1, location_id=13)
    for day in (DAY, date(2026, 5, 12)):
        availability.slot_list(**read, on=day, timezone="Australia/Melbourne", client=omneo_client)

    assert len(mocked_omneo.calls) == 4


RANGE = f"{V3}/appointment-definitions/1/available-slots-range"
MONTH = {"definition": FITTING, "location": STORE, "start": DAY, "staff_id": None}


def answer_range(mocked_omneo, *slots: tuple[str, str | None]) -> None:
    """Omneo's range answer: these (start, end) times, naive in the store's zone."""
    data = [{"start_at": start, **({"end_at": end} if end else {})} for start, end in slots]
    body = {"data": data, "meta": {"timezone": "Australia/Melbourne"}}
    mocked_omneo.post(RANGE, json=body)


def test_the_open_days_of_a_month_come_from_one_range_call(omneo_client, mocked_omneo):
    answer_range(
        mocked_omneo,
        ("2026-05-11 10:00:00", "2026-05-11 10:30:00"),
        ("2026-05-11 11:00:00", "2026-05-11 11:30:00"),
        ("2026-05-20 09:00:00", "2026-05-20 09:30:00"),
    )

    days = sorted(
        availability.month_times(**MONTH, timezone="Australia/Melbourne", client=omneo_client)
    )

    assert days == [DAY, date(2026, 5, 20)]
    sent = json.loads(mocked_omneo.calls[0].request.body)
    assert (sent["start_date"], sent["end_date"]) == ("2026-05-11", "2026-06-10")


def test_the_month_gives_each_days_times_in_the_stores_zone(omneo_client, mocked_omneo):
    answer_range(
        mocked_omneo,
        ("2026-05-11 23:30:00", "2026-05-12 00:00:00"),
        ("2026-05-12 09:00:00", "2026-05-12 09:30:00"),
    )

    month = availability.month_times(**MONTH, timezone="Australia/Melbourne", client=omneo_client)
    again = availability.month_times(**MONTH, timezone="Australia/Melbourne")

    assert list(month) == [DAY, date(2026, 5, 12)]
    assert date(2026, 5, 13) not in month
    late = month[DAY].slots[0]
    assert late.start_at.isoformat() == "2026-05-11T23:30:00+10:00"
    assert late.end_at.isoformat() == "2026-05-12T00:00:00+10:00"
    assert list(again) == list(month)  # from the cache, as plain text
    assert len(mocked_omneo.calls) == 1


def test_a_cached_month_is_one_line_per_day_and_keeps_times_without_an_end(
    omneo_client, mocked_omneo
):
    answer_range(
        mocked_omneo, ("2026-05-11 10:00:00", "2026-05-11 10:30:00"), ("2026-05-11 11:00:00", None)
    )

    availability.month_times(**MONTH, timezone="Australia/Melbourne", client=omneo_client)
    cached = availability.month_times(**MONTH, timezone="Australia/Melbourne")

    assert all(isinstance(line, str) for line in cached.by_day.values())
    first, second = cached[DAY].slots
    assert (first.start_at.hour, first.end_at.minute) == (10, 30)
    assert (second.start_at.hour, second.end_at) == (11, None)
