"""The store's day and its actions through the portal, against the live sandbox over HTTP."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils.html import escape

from booking_portal.appointments import messages
from booking_portal.sandbox import faults
from booking_portal.sandbox.demo_day import seed_demo_day
from booking_portal.sandbox.models import SandboxAppointment, SandboxWaitlistEntry
from booking_portal.writes.models import AppointmentWrite
from tests.factories import BookingAttemptFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
Outcome = AppointmentWrite.Outcome


@pytest.fixture
def counter(client, staff_user, sandbox_base_url, settings):
    """Store staff signed in, a seeded demo day at every store, faults allowed and none armed."""
    settings.OMNEO_SANDBOX_FAULTS = True
    faults.clear()
    seed_demo_day()
    client.force_login(staff_user)
    return client


def _seeded(status: str) -> SandboxAppointment:
    return SandboxAppointment.objects.filter(location_id=13, status=status).order_by("start")[0]


def _seal_and_token(client, appointment_id: int) -> dict[str, str]:
    page = client.get(f"/day/appointments/{appointment_id}/").content.decode()
    seal = re.search(r'name="seal" value="([^"]+)"', page).group(1)
    token = re.search(r'name="action_token" value="([^"]+)"', page).group(1)
    return {"seal": seal, "action_token": token}


def test_the_day_shows_every_appointment_in_the_store_zone_with_requests_flagged(counter):
    response = counter.get("/day/?location=13")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Australia/Melbourne" in page
    assert "awaiting approval" in page
    assert page.count('data-testid="appointment-') == 7  # the seeded day: seven appointments
    assert 'hx-trigger="every 60s"' in page


def test_marking_arrived_sends_one_put_and_a_second_press_sends_none(counter):
    confirmed = _seeded("confirmed")
    form = {**_seal_and_token(counter, confirmed.pk), "kind": "arrive"}

    counter.post(f"/day/appointments/{confirmed.pk}/act/", form)
    counter.post(f"/day/appointments/{confirmed.pk}/act/", form)  # double press, same token

    confirmed.refresh_from_db()
    assert confirmed.status == "arrived"
    write = AppointmentWrite.objects.get(appointment_id=confirmed.pk, kind="arrive")
    assert (write.outcome, write.status_after) == (Outcome.DONE, "arrived")


def test_cancel_keeps_the_reason_in_omneo_and_in_the_record(counter):
    requested = _seeded("requested")
    form = {**_seal_and_token(counter, requested.pk), "reason": "Customer rang"}

    counter.post(f"/day/appointments/{requested.pk}/cancel/", form)

    requested.refresh_from_db()
    assert requested.status == "cancelled"
    assert "Customer rang" in requested.notes
    assert AppointmentWrite.objects.get(appointment_id=requested.pk).reason == "Customer rang"


def test_a_refused_transition_puts_omneos_message_on_the_page(counter):
    # Given the page was shown while confirmed, but someone marked it arrived meanwhile
    confirmed = _seeded("confirmed")
    form = {**_seal_and_token(counter, confirmed.pk), "reason": "Too late"}
    SandboxAppointment.objects.filter(pk=confirmed.pk).update(status="arrived")

    response = counter.post(f"/day/appointments/{confirmed.pk}/cancel/", form)

    assert response.status_code == 422
    assert "cannot become cancelled" in response.content.decode()
    assert AppointmentWrite.objects.get(appointment_id=confirmed.pk).outcome == Outcome.REJECTED


def test_a_lost_answer_to_a_put_is_read_back_and_found_done(counter):
    confirmed = _seeded("confirmed")
    form = {**_seal_and_token(counter, confirmed.pk), "kind": "no_show"}
    faults.arm(kind="malformed", method="PUT", path_suffix=f"/v3/appointments/{confirmed.pk}")

    response = counter.post(f"/day/appointments/{confirmed.pk}/act/", form, follow=True)

    write = AppointmentWrite.objects.get(appointment_id=confirmed.pk)
    assert (write.outcome, write.recovered) == (Outcome.DONE, True)
    assert escape(messages.RECOVERED) in response.content.decode()


def test_a_server_error_that_changed_nothing_stays_unknown_and_is_queued(counter):
    confirmed = _seeded("confirmed")
    form = {**_seal_and_token(counter, confirmed.pk), "kind": "arrive"}
    faults.arm(kind="server_error", method="PUT", path_suffix=f"/v3/appointments/{confirmed.pk}")

    response = counter.post(f"/day/appointments/{confirmed.pk}/act/", form, follow=True)

    write = AppointmentWrite.objects.get(appointment_id=confirmed.pk)
    assert write.outcome == Outcome.UNKNOWN
    assert write.check_result == "not_yet"
    assert escape(messages.UNKNOWN) in response.content.decode()
    confirmed.refresh_from_db()
    assert confirmed.status == "confirmed"


def test_reschedule_moves_the_appointment_to_an_offered_time(counter):
    confirmed = _seeded("confirmed")
    local = confirmed.start.astimezone(ZoneInfo(confirmed.timezone))
    tomorrow = (local.date() + timedelta(days=1)).isoformat()
    page = counter.get(f"/day/appointments/{confirmed.pk}/?date={tomorrow}").content.decode()
    slot = re.search(rf'name="slot" id="slot-\d+" value="({tomorrow}T[0-9:]+)"', page).group(1)
    form = {**_seal_and_token(counter, confirmed.pk), "date": tomorrow, "slot": slot}

    counter.post(f"/day/appointments/{confirmed.pk}/reschedule/", form)

    confirmed.refresh_from_db()
    local = confirmed.start.astimezone(ZoneInfo(confirmed.timezone))
    assert local.strftime("%Y-%m-%dT%H:%M") == slot


def test_a_failed_read_of_the_day_says_so_and_never_no_appointments(counter):
    faults.arm(kind="unavailable", method="GET", path_suffix="/v3/appointments", times=5)

    page = counter.get("/day/?location=13").content.decode()

    assert messages.DAY_UNAVAILABLE in page
    assert "Retry" in page
    assert messages.NO_APPOINTMENTS not in page


def test_the_waitlist_shows_adds_and_is_fulfilled_by_a_booking(counter, staff_user):
    # Given the seeded waitlist at Melbourne Central
    waiting = SandboxWaitlistEntry.objects.get(location_id=13, status="active")
    page = counter.get("/day/?location=13").content.decode()
    assert f'data-testid="waitlist-entry-{waiting.pk}"' in page
    token = re.search(
        r'data-testid="waitlist-add".*?name="action_token" value="([^"]+)"', page, re.S
    ).group(1)

    # When staff add another customer
    counter.post(
        "/day/waitlist/add/",
        {
            "location": "13",
            "action_token": token,
            "definition": "1",
            "profile": waiting.profile_id,
            "desired_date": "2030-01-02",
            "desired_time": "11:00",
            "notes": "Mornings",
        },
    )
    added = SandboxWaitlistEntry.objects.get(location_id=13, notes="Mornings")
    assert AppointmentWrite.objects.get(kind="waitlist_add").waitlist_entry_id == added.pk

    # And book the first entry through Book now, then mark it fulfilled
    counter.get(
        f"/day/waitlist/{waiting.pk}/book/?definition={waiting.definition_id}"
        f"&location=13&profile={waiting.profile_id}"
    )
    made = SandboxAppointment.objects.filter(location_id=13).first()
    attempt = BookingAttemptFactory(
        booked_by=staff_user,
        profile_id=waiting.profile_id,
        definition_id=waiting.definition_id,
        omneo_appointment_id=made.pk,
    )
    offer = counter.get(f"/book/done/{attempt.pk}/").content.decode()
    fulfil_token = re.search(r'name="action_token" value="([^"]+)"', offer).group(1)
    counter.post(
        f"/day/waitlist/{waiting.pk}/fulfil/",
        {"attempt": attempt.pk, "action_token": fulfil_token},
    )

    waiting.refresh_from_db()
    assert (waiting.status, waiting.appointment_id) == ("fulfilled", made.pk)
