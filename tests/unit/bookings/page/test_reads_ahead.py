"""The counter never waits: the remembered store read with the service, the next steps warmed.

Omneo is mocked, each answer half a second late (so reads side by side overlap even on a busy
machine), and the client's calls are recorded with their times (tests/benchmarks/omneo_calls.py),
so a test counts both the calls and the sequential round trips a step waited for.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlparse

import pytest

from booking_portal.bookings.page import build as page_module
from booking_portal.bookings.page import reads as reads_module
from booking_portal.omneo.reads.cache import refreshes_settled
from booking_portal.staff.models import RememberedStore
from tests.benchmarks.omneo_calls import CLIENT_LOGGER, Call, CallRecorder, round_trips, waited_for
from tests.unit.bookings.page.test_reads import (
    DEFINITIONS,
    KIM_ID,
    SEALS,
    month,
    questions,
    staff,
    stores,
)
from tests.unit.bookings.page_posts import AVA, MONTH, SAM, V3

pytestmark = pytest.mark.django_db

LATE = 0.5  # seconds each mocked answer takes: calls side by side overlap, others do not
MELBOURNE = "Australia/Melbourne"
SAM_PERSON = {"id": SAM, "first_name": "Sam", "last_name": "Lee"}
KIM_PERSON = {"id": KIM_ID, "first_name": "Kim", "last_name": "Park"}
SEARCH = ("GET", "/v3/profiles")


@pytest.fixture
def recorder() -> Iterator[CallRecorder]:
    """The client's calls with their start and end, as the bench records them."""
    recording = CallRecorder()
    logger = logging.getLogger(CLIENT_LOGGER)
    level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(recording)
    yield recording
    logger.removeHandler(recording)
    logger.setLevel(level)


@pytest.fixture
def counter(signed_in, omneo, staff_user, monkeypatch, recorder):
    """A staff member whose store (13, Melbourne) is remembered; Omneo answers LATE late."""
    RememberedStore.objects.create(user=staff_user, location_id=13, timezone=MELBOURNE)
    omneo.replace(
        "POST",
        f"{V3}/appointment-definitions/3/available-staff",
        json={"data": [SAM_PERSON, KIM_PERSON]},
    )
    refused = {"message": "Not a staff service.", "errors": {"requires_staff": ["No staff."]}}
    omneo.post(f"{V3}/appointment-definitions/1/available-staff", json=refused, status=422)

    def late(response):
        time.sleep(LATE)
        return response

    omneo.response_callback = late
    for module in (page_module, reads_module):  # the mocked tenant's first day with times
        monkeypatch.setattr(module, "month_start", lambda zone: date(2026, 5, 11))
    return Counter(signed_in, omneo, recorder)


class Counter:
    """The booking page as htmx asks for its parts, with what each part cost."""

    def __init__(self, client, omneo, recorder: CallRecorder) -> None:
        self.client, self.omneo, self.recorder = client, omneo, recorder
        self.form: dict[str, str] = {"profile_search": ""}
        self.background: list[Call] = []  # calls read ahead, which no answer waited for

    def part(self, part: str, **changes: str) -> tuple[str, list[Call]]:
        """The part's HTML and the Omneo calls its answer waited for."""
        self.form.update(changes)
        self.settled()
        response = self.client.get(f"/book/parts/{part}/", self.form, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        self.form.update(SEALS.findall(response.text))
        calls = self.recorder.drain()
        self.background += [call for call in calls if call.background]
        return response.text, waited_for(calls)

    def settled(self) -> None:
        """Wait for the reads under way in the background; keep their calls."""
        refreshes_settled()
        calls = self.recorder.drain()
        self.background += [call for call in calls if call.background]


def paths(calls: list[Call]) -> set[tuple[str, str]]:
    return {(call.method, urlparse(call.path).path.removeprefix("/api")) for call in calls}


def test_a_staff_service_at_the_remembered_store_is_shown_after_one_round_trip_cold(counter):
    html, calls = counter.part("choices", definition="3")

    assert {DEFINITIONS, stores(3), questions(3), staff(3)} <= paths(calls)
    assert round_trips(calls) == 1
    assert "Sam Lee" in html
    assert "Kim Park" in html


def test_a_service_without_staff_shows_the_remembered_stores_times_after_one_round_trip(counter):
    html, calls = counter.part("choices", definition="1")

    assert {DEFINITIONS, stores(1), questions(1), month(1)} <= paths(calls)
    assert round_trips(calls) == 1
    assert 'value="2026-05-11T10:00"' in html


def test_with_the_services_cached_only_what_the_service_needs_is_read_ahead(counter):
    counter.part("choices", definition="3")  # the services are cached from here on
    counter.form.pop("choices_seal")

    _, calls = counter.part("choices", definition="1")

    assert paths(calls) == {stores(1), questions(1), month(1)}  # no staff for this service
    assert round_trips(calls) == 1


def test_a_remembered_store_that_does_not_offer_the_service_is_not_used(counter, staff_user):
    RememberedStore.objects.filter(user=staff_user).update(location_id=99)
    two_stores = [
        {"id": 13, "name": "Melbourne Central", "timezone": MELBOURNE},
        {"id": 14, "name": "Brisbane Queen Street", "timezone": "Australia/Brisbane"},
    ]
    counter.omneo.replace(
        "GET", f"{V3}/appointment-definitions/3/locations", json={"data": two_stores}
    )

    html, calls = counter.part("choices", definition="3")

    assert '<option value="13" selected>' not in html
    assert '<option value="14" selected>' not in html
    assert "Sam Lee" not in html  # the staff read ahead for store 99 are not shown
    assert round_trips(calls) == 1


def test_a_remembered_zone_that_is_no_longer_the_stores_reads_the_times_again(counter, staff_user):
    RememberedStore.objects.filter(user=staff_user).update(timezone="Australia/Perth")

    html, calls = counter.part("choices", definition="1")

    months = [call for call in calls if call.path.endswith("available-slots-range")]
    assert len(months) == 2  # the one read in Perth time is not offered for a Melbourne store
    assert round_trips(calls) == 2
    assert 'value="2026-05-11T10:00"' in html


def test_after_the_service_and_the_search_the_next_steps_wait_for_nothing(counter):
    counter.part("choices", definition="3")
    _, searched = counter.part("customers", profile_search="ava")

    _, picked = counter.part("customers", profile=AVA)
    _, store = counter.part("times", location="13", date="2026-05-11", staff="")
    html, chosen = counter.part("times", staff=SAM)
    _, day = counter.part("times", date="2026-05-13")

    assert paths(searched) == {SEARCH}
    assert round_trips(searched) == 1
    assert [picked, store, chosen, day] == [[], [], [], []]
    assert 'value="2026-05-11T10:00"' in html
    # Read ahead instead: Sam's and Kim's months at the search, the 13th's staff at Sam's month
    assert sorted(paths(counter.background)) == sorted({month(3), staff(3)})
    assert len(counter.background) == 3


def test_a_search_answers_while_the_reads_it_started_ahead_still_wait_for_omneo(counter):
    counter.part("choices", definition="3")
    released, asked = threading.Event(), threading.Event()

    def held_month(request):
        asked.set()
        released.wait(10)
        return 200, {}, _json(MONTH)

    counter.omneo.remove("POST", f"{V3}/appointment-definitions/3/available-slots-range")
    counter.omneo.add_callback(
        "POST", f"{V3}/appointment-definitions/3/available-slots-range", callback=held_month
    )
    try:
        started = time.perf_counter()
        html, calls = counter.part("customers", profile_search="ava")
        took = time.perf_counter() - started
        assert asked.wait(5)  # a month of times is being read ahead
        still_reading = not released.is_set()
    finally:
        released.set()
        refreshes_settled()

    assert still_reading
    assert took < 2
    assert paths(calls) == {SEARCH}
    assert "Ava Nguyen" in html


def test_a_search_asks_omneo_nothing_the_cache_already_holds(counter):
    counter.part("choices", definition="1")  # its month was read with it

    _, calls = counter.part("customers", profile_search="ava")
    counter.settled()

    assert paths(calls) == {SEARCH}
    assert counter.background == []


def test_a_search_reads_ahead_each_listed_staff_members_month_once(counter):
    counter.part("choices", definition="3")

    counter.part("customers", profile_search="ava")
    counter.settled()
    ahead, counter.background = counter.background, []
    counter.part("customers", profile_search="ava n")
    counter.settled()

    assert [call.path for call in ahead] == [month(3)[1], month(3)[1]]  # Sam's and Kim's
    assert counter.background == []  # both still cached


def _json(body: dict) -> str:
    import json

    return json.dumps(body)
