"""An appointment without a zone at a store without one (Omneo allows both): the day, its page,
the times offered to move it and the PUT that moves it all use PORTAL_DEFAULT_TIMEZONE."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from booking_portal.sandbox import data
from booking_portal.sandbox.models import SandboxAppointment
from booking_portal.writes.models import AppointmentWrite

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
POP_UP = 16  # the sandbox's store with no zone


@pytest.fixture
def zoneless(client, staff_user, sandbox_base_url, settings):
    """A confirmed appointment at 10:00 the day after tomorrow, portal's clock, no zone anywhere."""
    settings.PORTAL_DEFAULT_TIMEZONE = "Australia/Perth"
    zone = ZoneInfo("Australia/Perth")
    day = timezone.now().astimezone(zone).date() + timedelta(days=2)
    start = datetime.combine(day, time(10), tzinfo=zone)
    client.force_login(staff_user)
    appointment = SandboxAppointment.objects.create(
        definition_id=1,
        profile_id=data.demo_uuid("customer:Ava.Nguyen"),
        location_id=POP_UP,
        status="confirmed",
        start=start,
        end=start + timedelta(minutes=45),
        timezone="",
    )
    return client, appointment, day


def test_the_day_and_the_page_show_it_in_the_portals_zone(zoneless):
    client, appointment, day = zoneless

    listed = client.get(f"/day/?location={POP_UP}&date={day.isoformat()}")
    detail = client.get(f"/day/appointments/{appointment.pk}/")

    assert listed.status_code == detail.status_code == 200
    for page in (listed.content.decode(), detail.content.decode()):
        assert "10:00 AM (Australia/Perth)" in page


def test_it_reschedules_to_an_offered_time_in_that_zone(zoneless):
    client, appointment, day = zoneless
    later = (day + timedelta(days=1)).isoformat()
    page = client.get(f"/day/appointments/{appointment.pk}/?date={later}").content.decode()
    slot = re.search(rf'name="slot" id="slot-\d+" value="({later}T[0-9:]+)"', page).group(1)
    form = {
        "seal": re.search(r'name="seal" value="([^"]+)"', page).group(1),
        "action_token": re.search(r'name="action_token" value="([^"]+)"', page).group(1),
        "date": later,
        "slot": slot,
    }

    response = client.post(f"/day/appointments/{appointment.pk}/reschedule/", form)

    assert response.status_code == 302
    write = AppointmentWrite.objects.get()
    assert (write.outcome, write.body["timezone"]) == ("done", "Australia/Perth")
    assert write.body["scheduled_start_at"].replace(" ", "T").startswith(slot)
    appointment.refresh_from_db()
    moved = appointment.start.astimezone(ZoneInfo("Australia/Perth"))
    assert moved.strftime("%Y-%m-%dT%H:%M") == slot
