"""The live sandbox under simultaneous requests: capacity never exceeded, faults used once each."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier
from typing import Any

import pytest
import requests

from booking_portal.sandbox import data, faults
from booking_portal.sandbox.models import SandboxAppointment
from tests.unit.sandbox.conftest import consultation_body, fitting_body

pytestmark = pytest.mark.integration

MIA = data.demo_uuid("staff:Mia.Chen")
TAKEN = "That time is no longer available."


def all_at_once(count: int, send: Any) -> list[requests.Response]:
    """Send `count` requests from as many threads, released together, each on its own connection."""
    start_together = Barrier(count, timeout=10)

    def one(_: int) -> requests.Response:
        with requests.Session() as session:
            start_together.wait()
            return send(session)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


@pytest.fixture
def create_all_at_once(sandbox_base_url: str, settings: Any) -> Any:
    headers = {"Authorization": f"Bearer {settings.OMNEO_SANDBOX_TOKEN}"}

    def create(count: int, body: dict[str, Any]) -> list[requests.Response]:
        url = f"{sandbox_base_url}/v3/appointments"
        return all_at_once(count, lambda s: s.post(url, json=body, headers=headers, timeout=30))

    return create


def test_simultaneous_creates_of_one_slot_book_exactly_its_capacity(create_all_at_once):
    # When eight creates of one fitting slot (two per slot) arrive at once
    answers = create_all_at_once(8, fitting_body())

    # Then two are booked and six are told the time is taken, on the start time
    statuses = Counter(answer.status_code for answer in answers)
    refusals = [a.json()["errors"] for a in answers if a.status_code == 422]
    assert statuses == {201: 2, 422: 6}
    assert all(errors == {"scheduled_start_at": [TAKEN]} for errors in refusals)
    assert SandboxAppointment.objects.count() == 2


def test_simultaneous_creates_for_one_staff_member_book_them_once(create_all_at_once):
    answers = create_all_at_once(6, consultation_body())

    assert Counter(answer.status_code for answer in answers) == {201: 1, 422: 5}
    assert SandboxAppointment.objects.get().staff_id == MIA


def test_a_fault_armed_three_times_fails_exactly_three_simultaneous_requests(
    sandbox_base_url, settings
):
    settings.OMNEO_SANDBOX_FAULTS = True
    faults.arm(kind="server_error", method="GET", path_suffix="/v3/locations", times=3)
    url = f"{sandbox_base_url}/v3/locations"
    headers = {"Authorization": f"Bearer {settings.OMNEO_SANDBOX_TOKEN}"}

    answers = all_at_once(8, lambda s: s.get(url, headers=headers, timeout=30))

    assert Counter(answer.status_code for answer in answers) == {500: 3, 200: 5}
