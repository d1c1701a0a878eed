"""Every way a later write can fail, through the portal over real HTTP, then the same change
again from a second tab, a reloaded page and the admin: Omneo receives exactly one write."""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils.html import escape

from booking_portal.appointments import messages
from booking_portal.omneo import get_omneo_client
from booking_portal.sandbox import data, faults
from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import SandboxAppointment, SandboxWaitlistEntry
from booking_portal.writes.models import AppointmentWrite
from booking_portal.writes.tasks import settle_write

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
Outcome = AppointmentWrite.Outcome


@dataclass(frozen=True)
class Row:
    """One fault on the PUT, and whether the read-back straight after it fails too."""

    fault: str  # a sandbox fault kind, or "proxy:reset_after_request"
    applied: bool  # Omneo made the change although its answer says otherwise


MATRIX = {
    "applied, then 500": Row("applied_server_error", applied=True),
    "late (read timeout)": Row("timeout", applied=True),
    "reset after the request": Row("proxy:reset_after_request", applied=True),
    "malformed answer": Row("malformed", applied=True),
    "500, nothing changed": Row("server_error", applied=False),
    "502, nothing changed": Row("bad_gateway", applied=False),
}


@pytest.fixture
def counter(client, staff_user, live_server, fault_proxy, settings):
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


def _requested() -> SandboxAppointment:
    return SandboxAppointment.objects.filter(location_id=13, status="requested").order_by("start")[
        0
    ]


def _opened(client, appointment_id: int) -> dict[str, str]:
    """A tab showing the appointment: the seal of what it shows, and its action token."""
    page = client.get(f"/day/appointments/{appointment_id}/").content.decode()
    return {
        "seal": re.search(r'name="seal" value="([^"]+)"', page).group(1),
        "action_token": re.search(r'name="action_token" value="([^"]+)"', page).group(1),
    }


def _puts(proxy) -> list[str]:
    return [path for method, path in proxy.forwarded if method == "PUT"]


def _press_under_fault(client, proxy, row: Row, appointment_id: int, form: dict[str, str]):
    path = f"/v3/appointments/{appointment_id}"
    if row.fault.startswith("proxy:"):
        proxy.mode = row.fault.removeprefix("proxy:")
        get_omneo_client().close()  # the next call opens a connection through the new mode
    else:
        faults.arm(kind=row.fault, method="PUT", path_suffix=path, seconds=1.5)
        # The read-back straight after fails too, so the outcome stays unknown.
        faults.arm(kind="unavailable", method="GET", path_suffix=path)
    response = client.post(f"/day/appointments/{appointment_id}/act/", form, follow=True)
    proxy.mode = "pass"
    faults.clear()
    return response


@pytest.mark.parametrize("name", list(MATRIX))
def test_a_put_in_doubt_is_never_sent_twice(counter, booking_admin, name):
    client, proxy = counter
    row = MATRIX[name]
    requested = _requested()
    first_tab = _opened(client, requested.pk)
    second_tab = _opened(client, requested.pk)  # opened before the press: still "Requested"

    # Given a Confirm whose answer is lost
    first = _press_under_fault(client, proxy, row, requested.pk, {**first_tab, "kind": "confirm"})
    write = AppointmentWrite.objects.get()
    assert write.outcome == Outcome.UNKNOWN
    assert escape(messages.UNKNOWN) in first.content.decode()

    # When the second tab confirms, the first tab is pressed again, a reloaded page cancels
    stale = client.post(
        f"/day/appointments/{requested.pk}/act/", {**second_tab, "kind": "reject"}, follow=True
    )
    client.post(f"/day/appointments/{requested.pk}/act/", {**first_tab, "kind": "confirm"})
    reloaded = _opened(client, requested.pk)
    client.post(f"/day/appointments/{requested.pk}/cancel/", {**reloaded, "reason": "Rang"})
    on = requested.start.astimezone(ZoneInfo(requested.timezone)).date()
    day = client.get(f"/day/?location=13&date={on.isoformat()}").content
    # ...and an admin checks it in the admin
    admin = Client()
    admin.force_login(booking_admin)
    admin.post(
        "/admin/writes/appointmentwrite/",
        {"action": "check_in_omneo", "_selected_action": [write.pk]},
    )

    # Then Omneo received one PUT, and staff were shown the change in doubt
    assert _puts(proxy) == [f"/sandbox/api/v3/appointments/{requested.pk}"]
    assert AppointmentWrite.objects.count() == 1
    expected = messages.STILL_UNSETTLED.format(kind="Confirm")
    assert escape(expected) in stale.content.decode()
    assert escape(messages.WRITE_UNSETTLED.format(kind="Confirm")) in day.decode()

    # And the worker settles it once Omneo can be asked
    settle_write.call(write.pk, 0)
    write.refresh_from_db()
    requested.refresh_from_db()
    if row.applied:
        assert (write.outcome, write.recovered, requested.status) == ("done", True, "confirmed")
    else:
        assert write.outcome in {"unknown", "failed"}  # failed once the grace has passed
        assert requested.status == "requested"
    assert len(_puts(proxy)) == 1


def test_once_settled_a_new_change_to_the_same_appointment_is_sent(counter, settings):
    client, proxy = counter
    settings.BOOKING_SETTLE_GRACE_SECONDS = 0
    requested = _requested()
    tab = _opened(client, requested.pk)
    _press_under_fault(
        client, proxy, MATRIX["500, nothing changed"], requested.pk, {**tab, "kind": "confirm"}
    )
    write = AppointmentWrite.objects.get()

    settle_write.call(write.pk, 0)  # nothing changed in Omneo, and the grace has passed
    write.refresh_from_db()
    again = {**_opened(client, requested.pk), "kind": "confirm"}
    client.post(f"/day/appointments/{requested.pk}/act/", again)

    requested.refresh_from_db()
    assert write.outcome == "failed"
    assert requested.status == "confirmed"
    assert len(_puts(proxy)) == 2


def _waitlist_token(client) -> str:
    page = client.get("/day/?location=13").content.decode()
    pattern = r'data-testid="waitlist-add".*?name="action_token" value="([^"]+)"'
    return re.search(pattern, page, re.S).group(1)


@pytest.mark.parametrize("fault", ["applied_server_error", "malformed", "timeout"])
def test_a_waitlist_add_in_doubt_is_never_sent_twice(counter, fault):
    client, proxy = counter
    customer = data.demo_uuid("customer:Ava.Nguyen")
    first_tab, second_tab = _waitlist_token(client), _waitlist_token(client)
    wanted = {"location": "13", "definition": "1", "profile": customer, "notes": "Mornings"}
    faults.arm(kind=fault, method="POST", path_suffix="/v3/appointment-waitlists", seconds=1.5)
    faults.arm(kind="unavailable", method="GET", path_suffix="/v3/appointment-waitlists")

    # Given an add whose answer is lost (Omneo added the entry)
    client.post("/day/waitlist/add/", {**wanted, "action_token": first_tab})
    faults.clear()
    # When the same customer is added again from a second tab, and the first is sent again
    again = client.post("/day/waitlist/add/", {**wanted, "action_token": second_tab}, follow=True)
    client.post("/day/waitlist/add/", {**wanted, "action_token": first_tab})

    # Then Omneo received one add, and staff were told the first is being checked
    adds = [path for method, path in proxy.forwarded if method == "POST"]
    assert adds == ["/sandbox/api/v3/appointment-waitlists"]
    expected = messages.STILL_UNSETTLED.format(kind="Add to waitlist")
    assert escape(expected) in again.content.decode()
    write = AppointmentWrite.objects.get()
    settle_write.call(write.pk, 0)
    write.refresh_from_db()
    assert (write.outcome, write.recovered) == ("done", True)
    assert SandboxWaitlistEntry.objects.filter(notes="Mornings").count() == 1
