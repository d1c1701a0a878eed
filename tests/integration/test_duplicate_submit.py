"""One form token, twenty simultaneous submissions: exactly one appointment in Omneo."""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from booking_portal.sandbox import faults
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.writes.models import BookingAttempt
from tests.integration.portal_session import fitting_form, signed_in_session

pytestmark = pytest.mark.integration
SUBMISSIONS = 20


def test_twenty_simultaneous_posts_of_one_token_make_one_appointment(
    live_server, sandbox_base_url, staff_user
):
    # Given one rendered booking form, and twenty tabs' worth of sessions ready to submit it
    sessions = [signed_in_session(live_server.url, staff_user.username) for _ in range(SUBMISSIONS)]
    form = fitting_form(sessions[0], live_server.url)
    barrier = threading.Barrier(SUBMISSIONS)

    def submit(session):
        data = form | {"csrfmiddlewaretoken": session.cookies["csrftoken"]}
        barrier.wait()
        started = time.perf_counter()
        response = session.post(f"{live_server.url}/book/", data=data, timeout=60)
        return response, time.perf_counter() - started

    # When all twenty are posted at the same moment
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=SUBMISSIONS) as pool:
        results = list(pool.map(submit, sessions))
    elapsed = time.perf_counter() - started

    # Then Omneo saw one create, one attempt was recorded, and every submitter sees its result
    statuses = Counter(response.status_code for response, _ in results)
    attempt = BookingAttempt.objects.get()
    print(
        f"\n{SUBMISSIONS} simultaneous POSTs of one token: {elapsed:.2f} s in all, "
        f"slowest {max(t for _, t in results):.2f} s; final statuses {dict(statuses)}; "
        f"Omneo creates {SandboxAppointment.objects.count()}; "
        f"attempts recorded {BookingAttempt.objects.count()}"
    )
    assert SandboxAppointment.objects.count() == 1
    assert attempt.outcome == "created"
    assert statuses == {200: SUBMISSIONS}
    assert all(f"/book/done/{attempt.pk}/" in response.url for response, _ in results)


def test_two_tabs_booking_the_same_slot_at_once_send_one_create(
    live_server, sandbox_base_url, staff_user, settings
):
    # Given two tabs, each with its own form (own token) for the same customer, service and time,
    # and Omneo slow to answer creates
    settings.OMNEO_SANDBOX_FAULTS = True
    tabs = [signed_in_session(live_server.url, staff_user.username) for _ in range(2)]
    first = fitting_form(tabs[0], live_server.url)
    forms = [first, fitting_form(tabs[1], live_server.url) | {"slot": first["slot"]}]
    assert forms[0]["form_token"] != forms[1]["form_token"]
    faults.arm(kind="latency", seconds=1.0, times=2)
    barrier = threading.Barrier(2)

    def submit(tab_and_form):
        tab, form = tab_and_form
        barrier.wait()
        return tab.post(f"{live_server.url}/book/", data=form, timeout=60)

    # When both are submitted at the same moment
    with ThreadPoolExecutor(max_workers=2) as pool:
        responses = list(pool.map(submit, zip(tabs, forms, strict=True)))

    # Then Omneo received one create; the other tab was shown the first attempt instead
    assert SandboxAppointment.objects.count() == 1
    assert BookingAttempt.objects.count() == 1
    attempt = BookingAttempt.objects.get()
    urls = sorted(response.url.removeprefix(live_server.url) for response in responses)
    assert urls == sorted([f"/book/done/{attempt.pk}/", f"/bookings/{attempt.pk}/"])
    faults.clear()
