"""Independent reads of a booking part really run side by side (the sandbox over real HTTP)."""

from __future__ import annotations

import logging
import re

import pytest
from django.core.cache import cache

from booking_portal.sandbox import faults
from tests.benchmarks.omneo_calls import CLIENT_LOGGER, Call, CallRecorder, round_trips
from tests.unit.sandbox.conftest import tomorrow_at

pytestmark = pytest.mark.integration

DELAY = 0.6  # each of the slowed reads, so reads made side by side clearly overlap
SEAL = re.compile(r'name="(choices_seal)" value="([^"]+)"')
STAFF_SELECT = re.compile(r'<select name="staff".*?</select>', re.S)
STAFF_ID = re.compile(r'<option value="([0-9a-f-]{36})"')


@pytest.fixture
def portal(client, staff_user, sandbox_base_url, settings):
    settings.OMNEO_SANDBOX_FAULTS = True
    faults.clear()
    client.force_login(staff_user)
    return client


@pytest.fixture
def recorder():
    """Each Omneo call the client makes, with its start and end (counted, never timed)."""
    logger = logging.getLogger(CLIENT_LOGGER)
    handler, level = CallRecorder(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(level)


def calls_for_part(portal, recorder, values: dict) -> tuple[list[Call], str]:
    with recorder.recording() as calls:
        response = portal.get("/book/parts/choices/", values, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return calls, response.text


def test_staff_and_times_are_read_at_the_same_time(portal, recorder):
    day = tomorrow_at(10).date().isoformat()
    values = {"definition": "2", "location": "13", "date": day}
    shown = portal.get("/book/", values).text
    staff_id = STAFF_ID.findall(STAFF_SELECT.search(shown).group(0))[0]
    cache.clear()  # a worker with nothing cached: both reads go to Omneo
    # Another staff member: their month of times (which carries the day's) beside the staff list.
    for endpoint in ("/available-staff", "/available-slots-range"):
        faults.arm(kind="latency", method="POST", path_suffix=endpoint, seconds=DELAY)

    calls, html = calls_for_part(
        portal, recorder, {**values, **dict(SEAL.findall(shown)), "staff": staff_id}
    )

    assert len(calls) == 2
    assert round_trips(calls) == 1
    assert 'name="slot"' in html
    assert not faults.SandboxFault.objects.exists()  # both slowed reads were made


def test_a_services_stores_and_questions_are_read_at_the_same_time(portal, recorder):
    for endpoint in ("/appointment-definitions", "/locations", "/questions"):
        faults.arm(kind="latency", method="GET", path_suffix=endpoint, seconds=DELAY)

    calls, html = calls_for_part(portal, recorder, {"definition": "1", "location": "", "date": ""})

    assert len(calls) == 3
    assert round_trips(calls) == 1
    assert "Perth Murray Street" in html
    assert "Which garment?" in html
    assert not faults.SandboxFault.objects.exists()
