"""Mark arrived records the customer's visit, through the portal against the sandbox over real
HTTP: one visit in Omneo however often arrival is pressed, and whatever the visit's POST meets."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.utils.html import escape

from booking_portal.appointments import messages
from booking_portal.omneo import get_omneo_client
from booking_portal.sandbox import faults
from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import SandboxAppointment, SandboxVisit
from booking_portal.writes.models import AppointmentWrite
from booking_portal.writes.tasks import settle_write
from booking_portal.writes.visits import visit_retry
from tests.support.fault_proxy import FaultProxy

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
Kind, Outcome = AppointmentWrite.Kind, AppointmentWrite.Outcome


class VisitPostResetProxy(FaultProxy):
    """The fault proxy, resetting the connection of each visit POST while `armed` (only)."""

    armed = False

    @property
    def _mode(self) -> str:
        last = self.forwarded[-1] if self.forwarded else ("", "")
        if self.armed and last[0] == "POST" and last[1].endswith("/visits"):
            return "reset_after_request"
        return self.__dict__.get("_plain_mode", "pass")

    @_mode.setter
    def _mode(self, mode: str) -> None:
        self.__dict__["_plain_mode"] = mode


@pytest.fixture
def proxy(live_server):
    with VisitPostResetProxy(upstream_url=live_server.url, path="/sandbox/api") as running:
        yield running


@pytest.fixture
def counter(client, staff_user, proxy, settings):
    """Store staff on the seeded day, Omneo reached through the proxy, short timeouts."""
    settings.OMNEO_BASE_URL = proxy.base_url
    settings.OMNEO_SANDBOX_FAULTS = True
    settings.OMNEO_READ_TIMEOUT = 1.0
    settings.OMNEO_READ_RETRIES = 0
    faults.clear()
    seed_demo_day()
    client.force_login(staff_user)
    yield client
    proxy.armed = False
    faults.clear()


def _booked() -> SandboxAppointment:
    """A confirmed appointment with a customer, at the Melbourne store."""
    return (
        SandboxAppointment.objects.filter(location_id=13, status="confirmed")
        .exclude(profile_id__isnull=True)
        .exclude(profile_id="")
        .order_by("start")[0]
    )


def _opened(client, appointment_id: int) -> dict[str, str]:
    """A tab showing the appointment: the seal of what it shows, and its action token."""
    page = client.get(f"/day/appointments/{appointment_id}/").content.decode()
    return {
        "seal": re.search(r'name="seal" value="([^"]+)"', page).group(1),
        "action_token": re.search(r'name="action_token" value="([^"]+)"', page).group(1),
        "kind": "arrive",
    }


def _visit_posts(proxy) -> list[str]:
    return [path for method, path in proxy.forwarded if method == "POST" and "/visits" in path]


def _visits(appointment: SandboxAppointment) -> list[SandboxVisit]:
    return list(SandboxVisit.objects.filter(external_id=f"APPT-{appointment.pk}"))


def _settle_visits() -> None:
    """Run the worker's tasks for every visit write, as the database worker would."""
    for write in AppointmentWrite.objects.filter(kind=Kind.VISIT).order_by("pk"):
        settle_write.call(write.pk, 0)
        write.refresh_from_db()
        if write.outcome == Outcome.FAILED:
            visit_retry.call(write.pk)


def test_arrival_pressed_twice_and_from_a_second_tab_records_one_visit(counter, proxy):
    booked = _booked()
    first_tab, second_tab = _opened(counter, booked.pk), _opened(counter, booked.pk)

    counter.post(f"/day/appointments/{booked.pk}/act/", first_tab)
    counter.post(f"/day/appointments/{booked.pk}/act/", first_tab)  # double press
    counter.post(f"/day/appointments/{booked.pk}/act/", second_tab)  # still showed Confirmed

    booked.refresh_from_db()
    [visit] = _visits(booked)
    assert booked.status == "arrived"
    assert (visit.profile_id, visit.location_id) == (booked.profile_id, 13)
    assert visit.staff_id == (booked.staff_id or "")
    assert len(_visit_posts(proxy)) == 1
    page = counter.get(f"/day/appointments/{booked.pk}/").content.decode()
    assert messages.VISIT_WORDS["recorded"] in page


@dataclass(frozen=True)
class Row:
    fault: str  # a sandbox fault kind, or "proxy:reset" for a reset after the POST
    applied: bool  # Omneo added the visit although its answer says otherwise


MATRIX = {
    "applied, then 500": Row("applied_server_error", applied=True),
    "late (read timeout)": Row("timeout", applied=True),
    "reset after the request": Row("proxy:reset", applied=True),
    "malformed answer": Row("malformed", applied=True),
    "500, nothing added": Row("server_error", applied=False),
    "502, nothing added": Row("bad_gateway", applied=False),
}


@pytest.mark.parametrize("name", list(MATRIX))
def test_a_visit_in_doubt_is_settled_to_exactly_one_visit(counter, proxy, settings, name):
    settings.BOOKING_SETTLE_GRACE_SECONDS = 0  # the worker may conclude at once
    row = MATRIX[name]
    booked = _booked()
    tab = _opened(counter, booked.pk)

    # Given an arrival whose visit POST meets the fault
    if row.fault == "proxy:reset":
        proxy.armed = True
        get_omneo_client().close()  # the next call opens a connection through the proxy
    else:
        faults.arm(kind=row.fault, method="POST", path_suffix="/visits", seconds=1.5)
    response = counter.post(f"/day/appointments/{booked.pk}/act/", tab, follow=True)
    proxy.armed = False
    faults.clear()

    # Then the arrival stands whatever the visit met
    booked.refresh_from_db()
    assert booked.status == "arrived"
    arrival = AppointmentWrite.objects.get(kind=Kind.ARRIVE)
    assert arrival.outcome == Outcome.DONE
    assert response.status_code == 200
    assert len(_visit_posts(proxy)) == 1
    first = AppointmentWrite.objects.filter(kind=Kind.VISIT).earliest("pk")
    assert first.error_class  # the fault was met

    # When the same arrival is pressed again and the worker settles (and, if need be, retries)
    counter.post(f"/day/appointments/{booked.pk}/act/", tab)
    _settle_visits()
    _settle_visits()  # a second run changes nothing

    # Then Omneo holds exactly one visit, and the day says it is recorded
    assert len(_visits(booked)) == 1
    assert len(_visit_posts(proxy)) == (1 if row.applied else 2)
    page = counter.get(f"/day/appointments/{booked.pk}/").content.decode()
    assert messages.VISIT_WORDS["recorded"] in page


def test_a_visit_omneo_is_down_for_waits_for_the_worker_and_the_arrival_stands(counter, proxy):
    booked = _booked()
    tab = _opened(counter, booked.pk)
    faults.arm(kind="unavailable", method="GET", path_suffix="/visits")

    # Given the visit look-up fails straight after an arrival Omneo took
    response = counter.post(f"/day/appointments/{booked.pk}/act/", tab, follow=True)
    faults.clear()

    # Then the arrival stands, no visit was sent, and the page says the portal will retry
    booked.refresh_from_db()
    assert booked.status == "arrived"
    done = messages.DONE.format(action="Mark arrived", status="arrived")
    assert escape(done) in response.content.decode()
    assert _visit_posts(proxy) == []
    page = counter.get(f"/day/appointments/{booked.pk}/").content.decode()
    assert messages.VISIT_WORDS["retrying"] in page
    assert "Mark completed" in page  # the visit never holds the appointment back

    # When the worker takes it on, the visit is recorded once
    _settle_visits()
    assert len(_visits(booked)) == 1
    assert len(_visit_posts(proxy)) == 1
    assert (
        messages.VISIT_WORDS["recorded"]
        in counter.get(f"/day/appointments/{booked.pk}/").content.decode()
    )


def test_an_arrival_retried_after_a_fault_records_one_visit_once_settled(counter, proxy):
    booked = _booked()
    tab, second_tab = _opened(counter, booked.pk), _opened(counter, booked.pk)
    path = f"/v3/appointments/{booked.pk}"

    # Given an arrival Omneo made while its answer (and the read-back) failed
    faults.arm(kind="applied_server_error", method="PUT", path_suffix=path)
    faults.arm(kind="unavailable", method="GET", path_suffix=path)
    counter.post(f"/day/appointments/{booked.pk}/act/", tab)
    faults.clear()
    assert AppointmentWrite.objects.get(kind=Kind.ARRIVE).outcome == Outcome.UNKNOWN

    # When staff press it again from both tabs, and the worker settles the arrival
    counter.post(f"/day/appointments/{booked.pk}/act/", tab)
    counter.post(f"/day/appointments/{booked.pk}/act/", second_tab)
    arrival = AppointmentWrite.objects.get(kind=Kind.ARRIVE)
    settle_write.call(arrival.pk, 0)
    settle_write.call(arrival.pk, 0)  # the safety-net check too

    # Then one PUT and one visit reached Omneo, and the day says the visit is recorded
    arrival.refresh_from_db()
    assert (arrival.outcome, arrival.recovered) == (Outcome.DONE, True)
    assert len([path for method, path in proxy.forwarded if method == "PUT"]) == 1
    assert len(_visits(booked)) == 1
    assert len(_visit_posts(proxy)) == 1
    page = counter.get(f"/day/appointments/{booked.pk}/").content.decode()
    assert messages.VISIT_WORDS["recorded"] in page
