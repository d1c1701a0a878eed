"""Booking through the portal's views against the sandbox served over real HTTP."""

from __future__ import annotations

import re

import pytest

from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.writes.models import BookingAttempt
from tests.integration.portal_session import fitting_form, signed_in_session

pytestmark = pytest.mark.integration


@pytest.fixture
def staff_session(live_server, sandbox_base_url, staff_user):
    return signed_in_session(live_server.url, staff_user.username)


def test_a_booking_reaches_omneo_and_comes_back_confirmed(live_server, staff_session):
    form = fitting_form(staff_session, live_server.url)

    response = staff_session.post(f"{live_server.url}/book/", data=form, timeout=30)

    created = SandboxAppointment.objects.get()
    attempt = BookingAttempt.objects.get()
    assert response.url == f"{live_server.url}/book/done/{attempt.pk}/"
    assert f'data-testid="omneo-id">{created.pk}<' in response.text
    assert attempt.outcome == "created"
    assert created.transaction["id"] == 1003
    assert created.answers[0] == {"questionnaire_question_id": 21, "value": "suit"}


def test_omneos_422_lands_on_the_fields_and_keeps_the_input(live_server, staff_session):
    form = fitting_form(staff_session, live_server.url) | {
        "transaction_id": "4",
        "answers-5-value": "2001-01-01",
        "notes": "Keep me",
    }

    response = staff_session.post(f"{live_server.url}/book/", data=form, timeout=30)

    assert response.status_code == 422
    assert 'id="id_transaction_id_error"' in response.text
    assert 'id="id_answers-5-value_error"' in response.text
    assert "Keep me" in response.text
    assert BookingAttempt.objects.get().outcome == "rejected"
    assert SandboxAppointment.objects.count() == 0


def test_a_taken_slot_is_reported_on_the_time(live_server, staff_session):
    form = fitting_form(staff_session, live_server.url) | {"book_anyway": "1"}
    for _ in range(2):  # the fitting takes two bookings per slot (Ava's own: booked anyway)
        again = fitting_form(staff_session, live_server.url) | {"slot": form["slot"]}
        staff_session.post(
            f"{live_server.url}/book/", data=again | {"book_anyway": "1"}, timeout=30
        )

    response = staff_session.post(f"{live_server.url}/book/", data=form, timeout=30)

    assert response.status_code == 422
    assert "That time is no longer available." in response.text
    # The taken time is struck out, and the three free times nearest to it are offered
    taken = form["slot"]
    assert '<span class="time-btn time-taken" aria-hidden="true">' in response.text
    near = re.compile(r'<label class="btn btn-warning time-near" for="slot-([^"]+)"')
    nearest = near.findall(response.text)
    assert len(nearest) == 3
    assert taken not in nearest
    assert f'href="#slot-{nearest[0]}"' in response.text  # the summary goes to the nearest
    assert f'name="slot" value="{taken}"' not in response.text


def test_a_confirmation_time_typed_in_store_time_comes_back_in_store_time(
    live_server, staff_session
):
    # Given a Perth booking confirmed at 9:30 AM Perth time (as typed under "More options")
    form = fitting_form(staff_session, live_server.url, location=15) | {
        "status": "confirmed",
        "confirmed_at": "2026-05-11T09:30",
    }

    response = staff_session.post(f"{live_server.url}/book/", data=form, timeout=30)

    # Then Omneo holds 01:30 UTC, and the confirmation says 9:30 AM in Perth
    assert SandboxAppointment.objects.get().confirmed_at.isoformat() == "2026-05-11T01:30:00+00:00"
    assert "11 May 2026, 9:30 AM (Australia/Perth)" in response.text
