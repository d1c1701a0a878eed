"""Walk-ins on the store's day through the portal, against the live sandbox over HTTP."""

from __future__ import annotations

import logging
import re

import pytest
from django.utils.html import escape

from booking_portal.appointments import messages
from booking_portal.sandbox import data, faults
from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import SandboxAppointment, SandboxQueueEntry
from booking_portal.writes.models import AppointmentWrite
from tests.benchmarks.omneo_calls import CLIENT_LOGGER, CallRecorder, round_trips
from tests.factories import BookingAttemptFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
WALK_IN = 4
GRACE = data.demo_uuid("customer:Grace.Anderson")
AVA = data.demo_uuid("customer:Ava.Nguyen")


@pytest.fixture
def counter(client, staff_user, fault_proxy, settings):
    """Store staff on the seeded day, Omneo reached through the fault proxy."""
    settings.OMNEO_BASE_URL = fault_proxy.base_url
    settings.OMNEO_SANDBOX_FAULTS = True
    faults.clear()
    seed_demo_day()
    client.force_login(staff_user)
    yield client, fault_proxy
    faults.clear()


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


def _queue_writes(proxy) -> list[tuple[str, str]]:
    return [
        (method, path)
        for method, path in proxy.forwarded
        if method in ("POST", "PUT") and "/appointment-queues" in path
    ]


def _row_form(client, entry_id: int, kind: str) -> dict[str, str]:
    """What the day's row for the entry posts for `kind`: its seal, token and kind."""
    page = client.get("/day/?location=13").content.decode()
    row = re.search(rf'data-testid="walk-in-{entry_id}">(.*?)</li>', page, re.S).group(1)
    seal = re.search(r'name="seal" value="([^"]+)"', row).group(1)
    token = re.search(r'name="action_token" value="([^"]+)"', row).group(1)
    return {"seal": seal, "action_token": token, "kind": kind, "next": "/day/?location=13"}


def _add_token(client) -> str:
    page = client.get("/day/?location=13").content.decode()
    pattern = r'data-testid="walk-in-add".*?name="walkin-action_token" value="([^"]+)"'
    return re.search(pattern, page, re.S).group(1)


def _seeded(location_id: int = 13) -> list[SandboxQueueEntry]:
    return list(SandboxQueueEntry.objects.filter(location_id=location_id).order_by("created_at"))


def test_the_day_lists_walk_ins_in_arrival_order_and_who_is_here_now(counter):
    client, proxy = counter
    SandboxAppointment.objects.filter(location_id=13, status="confirmed").update(status="arrived")

    response = client.get("/day/?location=13")

    page = response.content.decode()
    anonymous, grace = _seeded()
    assert response.status_code == 200
    assert page.index(f'data-testid="walk-in-{anonymous.pk}"') < page.index(
        f'data-testid="walk-in-{grace.pk}"'
    )
    assert escape(messages.WALK_IN_ANONYMOUS) in page
    assert "Grace" in page
    assert "waiting" in page
    here = re.search(r'data-testid="here-now">(.*?)</ul>', page, re.S).group(1)
    assert "Booked · arrived" in here
    assert here.count("Walk-in · waiting") == 2
    # The queue was read once, beside the day: one GET of each
    queue_reads = [p for m, p in proxy.forwarded if m == "GET" and "appointment-queues" in p]
    assert len(queue_reads) == 1


def test_the_walk_ins_part_refreshes_with_the_day_and_the_queue_only(counter):
    client, proxy = counter

    response = client.get("/day/parts/walk-ins/?location=13")

    assert response.status_code == 200
    assert 'data-testid="walk-ins"' in response.content.decode()
    read = sorted({path.split("?")[0].rsplit("/", 1)[-1] for _m, path in proxy.forwarded})
    assert read == ["appointment-definitions", "appointment-queues", "appointments", "locations"]


def test_an_anonymous_walk_in_and_a_customer_are_added_once_each(counter):
    client, proxy = counter
    token = _add_token(client)
    posted = {
        "location": "13",
        "walkin-definition": str(WALK_IN),
        "walkin-notes": "Cuffs",
        "walkin-action_token": token,
        "next": "/day/?location=13",
    }

    client.post("/day/walk-ins/add/", posted)
    again = client.post("/day/walk-ins/add/", posted, follow=True)  # pressed twice
    client.post(
        "/day/walk-ins/add/",
        {**posted, "walkin-profile": AVA, "walkin-action_token": _add_token(client)},
    )

    added = SandboxQueueEntry.objects.filter(notes="Cuffs").order_by("pk")
    assert [entry.profile_id for entry in added] == ["", AVA]
    assert len(_queue_writes(proxy)) == 2
    assert escape(messages.ALREADY_SENT.format(outcome="done")) in again.content.decode()
    assert AppointmentWrite.objects.filter(kind="queue_add", outcome="done").count() == 2


def test_a_refused_add_keeps_the_input_and_says_why(counter):
    client, _proxy = counter
    posted = {
        "location": "13",
        "walkin-definition": str(WALK_IN),
        "walkin-staff": "not-a-staff-member",
        "walkin-notes": "Keep me",
        "walkin-action_token": _add_token(client),
    }

    response = client.post("/day/walk-ins/add/", posted)

    page = response.content.decode()
    assert response.status_code == 422
    assert 'value="Keep me"' in page
    assert "staff id is invalid" in page.lower()
    assert not SandboxQueueEntry.objects.filter(notes="Keep me").exists()


def test_call_then_serve_sends_one_put_each_and_a_stale_tab_sends_none(counter):
    client, proxy = counter
    anonymous, _grace = _seeded()
    first_tab = _row_form(client, anonymous.pk, "queue_call")
    second_tab = _row_form(client, anonymous.pk, "queue_remove")  # opened before the call

    client.post(f"/day/walk-ins/{anonymous.pk}/act/", first_tab)
    client.post(f"/day/walk-ins/{anonymous.pk}/act/", first_tab)  # pressed twice
    stale = client.post(f"/day/walk-ins/{anonymous.pk}/act/", second_tab, follow=True)
    anonymous.refresh_from_db()
    assert anonymous.status == "called"
    assert "called_at" in anonymous.meta
    assert "Call walk-in" in stale.content.decode()
    assert len(_queue_writes(proxy)) == 1

    served = _row_form(client, anonymous.pk, "queue_serve")
    client.post(f"/day/walk-ins/{anonymous.pk}/act/", served)

    anonymous.refresh_from_db()
    assert anonymous.status == "served"
    assert len(_queue_writes(proxy)) == 2
    assert (
        f'data-testid="walk-in-{anonymous.pk}"'
        not in client.get("/day/?location=13").content.decode()
    )


def test_an_action_the_row_did_not_offer_is_refused_without_a_write(counter):
    client, proxy = counter
    anonymous, _grace = _seeded()
    form = _row_form(client, anonymous.pk, "queue_call")

    response = client.post(
        f"/day/walk-ins/{anonymous.pk}/act/", {**form, "seal": form["seal"] + "x"}, follow=True
    )

    assert escape(messages.STALE_PAGE) in response.content.decode()
    assert _queue_writes(proxy) == []


def test_served_and_booked_walk_in_is_linked_to_its_appointment(counter, staff_user):
    client, proxy = counter
    _anonymous, grace = _seeded()
    form = {**_row_form(client, grace.pk, "queue_serve"), "book": "on"}

    opened = client.post(f"/day/walk-ins/{grace.pk}/act/", form)
    # The booking page opened for the customer; a booking is made there
    assert opened.status_code == 302
    assert opened["Location"].startswith("/book/?location=13")
    assert f"profile={GRACE}" in opened["Location"]
    appointment = SandboxAppointment.objects.filter(location_id=13).first()
    BookingAttemptFactory(
        booked_by=staff_user,
        outcome="created",
        location_id=13,
        profile_id=GRACE,
        omneo_appointment_id=appointment.pk,
    )
    page = client.get("/day/?location=13").content.decode()
    link = re.search(
        r'data-testid="walk-in-link".*?name="action_token" value="([^"]+)"', page, re.S
    )
    token = {"action_token": link.group(1), "next": "/day/?location=13"}
    client.post(f"/day/walk-ins/{grace.pk}/link/", token)
    client.post(f"/day/walk-ins/{grace.pk}/link/", token)  # pressed twice

    grace.refresh_from_db()
    assert (grace.status, grace.appointment_id) == ("served", appointment.pk)
    assert len(_queue_writes(proxy)) == 2  # the serve and one link
    assert 'data-testid="walk-in-link"' not in client.get("/day/?location=13").content.decode()


def test_a_queue_omneo_cannot_read_is_said_and_the_day_still_shows(counter, settings):
    client, _proxy = counter
    settings.OMNEO_READ_RETRIES = 0
    faults.arm(kind="unavailable", method="GET", path_suffix="/v3/appointment-queues")

    response = client.get("/day/?location=13")

    page = response.content.decode()
    assert response.status_code == 200
    assert escape(messages.WALK_INS_UNAVAILABLE) in page
    assert 'data-testid="appointment-' in page
    assert escape(messages.WALK_IN_ANONYMOUS) not in page


@pytest.mark.parametrize("url", ["/day/?location=13", "/day/parts/walk-ins/?location=13"])
def test_the_day_and_its_walk_ins_part_are_one_sequential_round_trip(counter, recorder, url):
    client, _proxy = counter
    client.get(url)  # the stores and services are cached, as on every page after the first
    faults.arm(kind="latency", method="GET", path_suffix="/v3/appointment-queues", seconds=0.6)
    faults.arm(kind="latency", method="GET", path_suffix="/v3/appointments", seconds=0.6)

    with recorder.recording() as calls:
        response = client.get(url)

    assert response.status_code == 200
    read = sorted(call.path.split("?")[0].rsplit("/", 1)[-1] for call in calls)
    assert "appointment-queues" in read
    assert "appointments" in read
    assert round_trips(calls) == 1
