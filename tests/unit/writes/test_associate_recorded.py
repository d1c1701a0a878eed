"""Every write records the associate's Omneo staff id beside the portal login."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth.models import User

from booking_portal.omneo.resources import WaitlistEntryInput
from booking_portal.staff.models import StaffLink
from booking_portal.writes.admin.csv_export import attempts_csv
from booking_portal.writes.admin.present import history_html
from booking_portal.writes.changes import waitlist_write_add
from booking_portal.writes.models import AppointmentWrite, BookingAttempt
from booking_portal.writes.sending import WriteFailed
from tests.unit.appointments.omneo_bodies import V3, appointment_json
from tests.unit.writes.test_changes import URL, _arrive
from tests.unit.writes.test_creates import CREATE, book

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(staff_user):
    StaffLink.objects.filter(user=staff_user).update(omneo_staff_id="staff-mia")
    return User.objects.get(pk=staff_user.pk)  # a fresh user object: the link not yet read


def test_a_create_records_the_associates_staff_id(
    linked, omneo_client, mocked_omneo, omneo_fixture
):
    mocked_omneo.post(CREATE, json=omneo_fixture("created_201.json"), status=201)

    attempt = book(linked, omneo_client)

    attempt.refresh_from_db()
    assert attempt.omneo_staff_id == "staff-mia"
    assert attempt.outcome == BookingAttempt.Outcome.CREATED


def test_a_change_records_the_associates_staff_id_even_when_omneo_fails(
    linked, omneo_client, mocked_omneo
):
    mocked_omneo.put(URL, status=500, body="boom")

    with pytest.raises(WriteFailed):
        _arrive(linked, omneo_client)

    write = AppointmentWrite.objects.get()
    assert (write.omneo_staff_id, write.outcome) == ("staff-mia", AppointmentWrite.Outcome.UNKNOWN)


def test_a_waitlist_write_records_the_staff_id_of_a_link_already_read(
    linked, omneo_client, mocked_omneo
):
    mocked_omneo.post(f"{V3}/appointment-waitlists", json={"data": {"id": 9}}, status=201)
    assert linked.staff_link.omneo_staff_id == "staff-mia"
    linked._portal_staff_link = linked.staff_link  # as a request that checked its store has

    waitlist_write_add(
        written_by=linked,
        action_token=uuid.uuid4(),
        entry=WaitlistEntryInput(appointment_definition_id=1, profile_id="p-1", location_id=13),
        client=omneo_client,
    )

    assert AppointmentWrite.objects.get().omneo_staff_id == "staff-mia"


def test_an_unlinked_writer_records_no_staff_id(staff_user, omneo_client, mocked_omneo):
    mocked_omneo.put(URL, json={"data": appointment_json(status="arrived")})

    _arrive(staff_user, omneo_client)

    assert AppointmentWrite.objects.get().omneo_staff_id == ""


def test_the_review_and_the_csv_show_the_staff_id(
    linked, omneo_client, mocked_omneo, omneo_fixture
):
    mocked_omneo.put(URL, json={"data": appointment_json(status="arrived")})
    mocked_omneo.post(CREATE, json=omneo_fixture("created_201.json"), status=201)
    _arrive(linked, omneo_client)
    book(linked, omneo_client)

    history = history_html(501)
    sheet = attempts_csv(BookingAttempt.objects.all(), filename="x.csv").content.decode()

    assert "sam (staff-mia)" in history
    assert sheet.splitlines()[0].endswith("Omneo staff id")
    assert sheet.splitlines()[1].endswith("staff-mia")
