"""Every way a create can fail, through the portal over real HTTP: what staff read, what is
kept, what is recorded, and how many creates Omneo received (at most one per booking)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils.html import escape

from booking_portal.bookings import messages
from booking_portal.omneo import get_omneo_client
from booking_portal.sandbox import faults
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.writes.models import BookingAttempt, CheckResult
from booking_portal.writes.tasks import settle_attempt
from tests.integration.portal_session import fitting_form, signed_in_session

pytestmark = pytest.mark.integration
UNKNOWN_NOT_YET = f"{messages.OUTCOME_UNKNOWN} {messages.CHECK_RESULTS[CheckResult.NOT_YET]}"
UNKNOWN_UNASKED = f"{messages.OUTCOME_UNKNOWN} {messages.CHECK_RESULTS[CheckResult.UNREACHABLE]}"


@dataclass(frozen=True)
class Row:
    """One fault: how it is caused, and what must follow."""

    fault: str  # a sandbox fault kind, "proxy:<mode>", or "422" (a real refusal)
    page_status: int
    message: str
    outcome: str
    creates: int


MATRIX = {
    "401": Row("unauthorized", 200, messages.CREDENTIALS_REFUSED, "failed", 0),
    "403": Row("forbidden", 200, messages.CREDENTIALS_REFUSED, "failed", 0),
    "404": Row("not_found", 200, messages.NOT_FOUND, "failed", 0),
    "422": Row("422", 422, "The selected “Transaction id” is invalid.", "rejected", 0),
    "429 Retry-After": Row(
        "rate_limit", 200, messages.RATE_LIMITED.format(seconds=30), "failed", 0
    ),
    "500 HTML": Row("server_error", 202, UNKNOWN_NOT_YET, "unknown", 0),
    "502": Row("bad_gateway", 202, UNKNOWN_NOT_YET, "unknown", 0),
    "503": Row("unavailable", 202, UNKNOWN_NOT_YET, "unknown", 0),
    "timeout after create": Row("timeout", 200, messages.RECOVERED, "created", 1),
    "refused": Row("proxy:refuse", 200, messages.NOT_ANSWERING, "failed", 0),
    "reset after create": Row("proxy:reset_after_request", 202, UNKNOWN_UNASKED, "unknown", 1),
    "malformed 201": Row("malformed", 200, messages.RECOVERED, "created", 1),
    "201 without data": Row("no_data", 200, messages.RECOVERED, "created", 1),
}


@pytest.fixture
def portal(live_server, fault_proxy, settings, staff_user):
    """The portal reaching the sandbox through the fault proxy, with short create timeouts."""
    settings.OMNEO_BASE_URL = fault_proxy.base_url
    settings.OMNEO_SANDBOX_FAULTS = True
    settings.OMNEO_READ_TIMEOUT = 1.0
    settings.OMNEO_READ_RETRIES = 0
    faults.clear()
    session = signed_in_session(live_server.url, staff_user.username)
    yield session, fault_proxy
    faults.clear()


def submit_with_fault(portal, live_server, row: Row, **changes):
    """Fill the fitting form while Omneo answers, then submit it under the fault."""
    session, proxy = portal
    form = fitting_form(session, live_server.url) | {"notes": "Keep every word"} | changes
    if row.fault.startswith("proxy:"):
        proxy.mode = row.fault.removeprefix("proxy:")
        # Omneo going away drops idle keep-alive connections: the next connect is refused.
        get_omneo_client().close()
    elif row.fault == "422":
        form["transaction_id"] = "4"  # a transaction the sandbox does not know
    else:
        faults.arm(kind=row.fault, seconds=30 if row.fault == "rate_limit" else 1.5)
    response = session.post(f"{live_server.url}/book/", data=form, timeout=30)
    proxy.mode = "pass"
    faults.clear()
    return form, response


@pytest.mark.parametrize("name", list(MATRIX))
def test_each_create_fault(portal, live_server, name):
    row = MATRIX[name]

    form, response = submit_with_fault(portal, live_server, row)

    attempt = BookingAttempt.objects.get()
    assert response.status_code == row.page_status
    assert escape(row.message) in response.text
    assert attempt.outcome == row.outcome
    assert SandboxAppointment.objects.count() == row.creates
    if row.outcome == "created":  # the confirmation shows what was booked
        assert response.url.endswith(f"/book/done/{attempt.pk}/")
        assert "Keep every word" in response.text
    else:  # every entry is back on the page
        for kept in ("Keep every word", 'value="1003"' if row.fault != "422" else 'value="4"'):
            assert kept in response.text
        assert f'value="{form["slot"]}"' in response.text
        assert "Ava Nguyen" in response.text
        assert "valid choice" not in response.text


@pytest.mark.parametrize("name", ["500 HTML", "reset after create"])
def test_an_unknown_outcome_is_never_booked_twice(portal, live_server, client, booking_admin, name):
    session, _ = portal
    row = MATRIX[name]
    form, _ = submit_with_fault(portal, live_server, row)
    attempt = BookingAttempt.objects.get()
    # The same form again (a second press, the back button), a fresh form, a reopened one
    session.post(f"{live_server.url}/book/", data=form, timeout=30)
    fresh = fitting_form(session, live_server.url) | {"slot": form["slot"]}
    in_doubt = session.post(f"{live_server.url}/book/", data=fresh, timeout=30)
    reopened = session.get(f"{live_server.url}/book/?reopen={attempt.pk}", timeout=30)
    # ...and the admin's check/resubmit within the grace
    client.force_login(booking_admin)
    client.post(
        "/admin/writes/bookingattempt/",
        {"action": "check_then_resubmit", "_selected_action": [attempt.pk]},
    )

    assert in_doubt.url.endswith(f"/bookings/{attempt.pk}/")
    assert reopened.status_code == 200
    assert SandboxAppointment.objects.count() == row.creates
    assert BookingAttempt.objects.count() == 1


def test_the_worker_settles_a_lost_create_once_omneo_answers(portal, live_server):
    submit_with_fault(portal, live_server, MATRIX["reset after create"])
    attempt = BookingAttempt.objects.get()
    assert attempt.check_result == CheckResult.UNREACHABLE

    settle_attempt.call(attempt.pk, 0)  # the proxy passes again: Omneo can be asked

    attempt.refresh_from_db()
    made = SandboxAppointment.objects.get()
    assert (attempt.outcome, attempt.omneo_appointment_id) == ("created", made.pk)
    assert attempt.recovered is True


def test_after_the_grace_a_500_settles_as_not_booked_and_booking_again_creates_once(
    portal, live_server, settings
):
    session, _ = portal
    form, _ = submit_with_fault(portal, live_server, MATRIX["500 HTML"])
    attempt = BookingAttempt.objects.get()
    settings.BOOKING_SETTLE_GRACE_SECONDS = 0

    settle_attempt.call(attempt.pk, 0)
    attempt.refresh_from_db()
    again = fitting_form(session, live_server.url) | {"slot": form["slot"]}
    response = session.post(f"{live_server.url}/book/", data=again, timeout=30)

    assert (attempt.outcome, attempt.check_result) == ("failed", CheckResult.ABSENT)
    assert 'data-testid="heading">Booked<' in response.text
    assert SandboxAppointment.objects.count() == 1
