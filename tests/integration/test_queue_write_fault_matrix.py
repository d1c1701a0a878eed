"""Every way a walk-in queue write can fail, through the portal over real HTTP, then the same write
again from a second tab and a second press: Omneo receives exactly one queue write."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils.html import escape

from booking_portal.appointments import messages
from booking_portal.omneo import get_omneo_client
from booking_portal.sandbox import data, faults
from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import SandboxAppointment, SandboxQueueEntry
from booking_portal.writes.models import AppointmentWrite
from booking_portal.writes.tasks import settle_write
from tests.factories import BookingAttemptFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
Outcome = AppointmentWrite.Outcome
DAY = "/day/?location=13"
GRACE = data.demo_uuid("customer:Grace.Anderson")


@dataclass(frozen=True)
class Row:
    fault: str  # a sandbox fault kind, or "proxy:reset_after_request"
    applied: bool  # Omneo made the write although its answer says otherwise


MATRIX = {
    "applied, then 500": Row("applied_server_error", applied=True),
    "late (read timeout)": Row("timeout", applied=True),
    "reset after the request": Row("proxy:reset_after_request", applied=True),
    "malformed answer": Row("malformed", applied=True),
    "500, nothing changed": Row("server_error", applied=False),
    "502, nothing changed": Row("bad_gateway", applied=False),
}


@pytest.fixture
def counter(client, staff_user, fault_proxy, settings):
    """Store staff on the seeded day, Omneo reached through the fault proxy, short timeouts."""
    settings.OMNEO_BASE_URL = fault_proxy.base_url
    settings.OMNEO_SANDBOX_FAULTS = True
    settings.OMNEO_READ_TIMEOUT = 1.0
    settings.OMNEO_READ_RETRIES = 0
    faults.clear()
    seed_demo_day()
    client.force_login(staff_user)
    yield client, fault_proxy
    fault_proxy.mode = "pass"
    faults.clear()


def _queue_writes(proxy) -> list[tuple[str, str]]:
    return [
        (method, path)
        for method, path in proxy.forwarded
        if method in ("POST", "PUT") and "/appointment-queues" in path
    ]


def _grace() -> SandboxQueueEntry:
    return SandboxQueueEntry.objects.get(location_id=13, profile_id=GRACE)


def _row_form(client, entry_id: int, kind: str) -> dict[str, str]:
    page = client.get(DAY).content.decode()
    row = re.search(rf'data-testid="walk-in-{entry_id}">(.*?)</li>', page, re.S).group(1)
    return {
        "seal": re.search(r'name="seal" value="([^"]+)"', row).group(1),
        "action_token": re.search(r'name="action_token" value="([^"]+)"', row).group(1),
        "kind": kind,
        "next": DAY,
    }


@dataclass(frozen=True)
class Write:
    """A kind of queue write: its URL, the method and path Omneo sees, a tab's form, its effect."""

    url: Callable[[], str]
    method: str
    omneo_path: Callable[[], str]
    tab: Callable[[object], dict[str, str]]
    applied: Callable[[], bool]
    kind: str


def _add_tab(client) -> dict[str, str]:
    page = client.get(DAY).content.decode()
    pattern = r'data-testid="walk-in-add".*?name="walkin-action_token" value="([^"]+)"'
    token = re.search(pattern, page, re.S).group(1)
    return {
        "location": "13",
        "walkin-definition": "4",
        "walkin-notes": "Doubtful",
        "walkin-action_token": token,
        "next": DAY,
    }


def _status(kind: str, status: str) -> Write:
    return Write(
        url=lambda: f"/day/walk-ins/{_grace().pk}/act/",
        method="PUT",
        omneo_path=lambda: f"/v3/appointment-queues/{_grace().pk}",
        tab=lambda client: _row_form(client, _grace().pk, kind),
        applied=lambda: _grace().status == status,
        kind=kind,
    )


def _link_tab(client) -> dict[str, str]:
    page = client.get(DAY).content.decode()
    pattern = r'data-testid="walk-in-link".*?name="action_token" value="([^"]+)"'
    return {"action_token": re.search(pattern, page, re.S).group(1), "next": DAY}


WRITES = {
    "add": Write(
        url=lambda: "/day/walk-ins/add/",
        method="POST",
        omneo_path=lambda: "/v3/appointment-queues",
        tab=_add_tab,
        applied=lambda: SandboxQueueEntry.objects.filter(notes="Doubtful").count() == 1,
        kind="queue_add",
    ),
    "call": _status("queue_call", "called"),
    "serve": _status("queue_serve", "served"),
    "remove": _status("queue_remove", "cancelled"),
    "link": Write(
        url=lambda: f"/day/walk-ins/{_grace().pk}/link/",
        method="PUT",
        omneo_path=lambda: f"/v3/appointment-queues/{_grace().pk}",
        tab=_link_tab,
        applied=lambda: _grace().appointment_id is not None,
        kind="queue_link",
    ),
}


def _served_and_booked(client, staff_user) -> None:
    """Grace served with "book appointment", and a booking made for her: the day offers a link."""
    form = {**_row_form(client, _grace().pk, "queue_serve"), "book": "on"}
    client.post(f"/day/walk-ins/{_grace().pk}/act/", form)
    BookingAttemptFactory(
        booked_by=staff_user,
        location_id=13,
        profile_id=GRACE,
        omneo_appointment_id=SandboxAppointment.objects.filter(location_id=13).first().pk,
    )


def _press_under_fault(client, proxy, row: Row, write: Write, form: dict[str, str]):
    path = write.omneo_path()
    if row.fault.startswith("proxy:"):
        proxy.mode = row.fault.removeprefix("proxy:")
        get_omneo_client().close()  # the next call opens a connection through the new mode
    else:
        faults.arm(kind=row.fault, method=write.method, path_suffix=path, seconds=1.5)
        # The look-up straight after fails too, so the outcome stays unknown.
        faults.arm(kind="unavailable", method="GET", path_suffix=path)
    response = client.post(write.url(), form, follow=True)
    proxy.mode = "pass"
    faults.clear()
    return response


@pytest.mark.parametrize("write_name", list(WRITES))
@pytest.mark.parametrize("name", list(MATRIX))
def test_a_queue_write_in_doubt_is_never_sent_twice(counter, staff_user, name, write_name):
    client, proxy = counter
    row, write = MATRIX[name], WRITES[write_name]
    if write_name == "link":
        _served_and_booked(client, staff_user)
    sent_before = len(_queue_writes(proxy))
    first_tab, second_tab = write.tab(client), write.tab(client)

    # Given a queue write whose answer is lost
    first = _press_under_fault(client, proxy, row, write, first_tab)
    record = AppointmentWrite.objects.get(kind=write.kind)
    assert record.outcome == Outcome.UNKNOWN
    assert escape(messages.UNKNOWN) in first.content.decode()

    # When a second tab sends the same write, and the first tab is pressed again
    again = client.post(write.url(), second_tab, follow=True)
    client.post(write.url(), first_tab)

    # Then Omneo received one write, and the second tab was told the first is being checked
    assert len(_queue_writes(proxy)) == sent_before + 1
    expected = messages.STILL_UNSETTLED.format(kind=record.get_kind_display())
    assert escape(expected) in again.content.decode()

    # And the worker settles it by reading Omneo, never by sending again
    settle_write.call(record.pk, 0)
    record.refresh_from_db()
    if row.applied:
        assert (record.outcome, record.recovered) == ("done", True)
        assert write.applied()
    else:
        assert record.outcome in {"unknown", "failed"}  # failed once the grace has passed
        assert not write.applied()
    assert len(_queue_writes(proxy)) == sent_before + 1


def test_an_unsettled_call_shows_on_the_row_instead_of_its_buttons(counter):
    client, proxy = counter
    call = WRITES["call"]
    _press_under_fault(client, proxy, MATRIX["500, nothing changed"], call, call.tab(client))

    page = client.get(DAY).content.decode()

    row = re.search(rf'data-testid="walk-in-{_grace().pk}">(.*?)</li>', page, re.S).group(1)
    assert escape(messages.WRITE_UNSETTLED.format(kind="Call walk-in")) in row
    assert 'name="seal"' not in row
    assert 'data-testid="check-again"' in row
