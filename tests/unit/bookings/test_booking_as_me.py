"""The booking page knows who is booking: "me" first among staff, and the stores they may book."""

from __future__ import annotations

import re

import pytest
import responses

from booking_portal.staff.models import StaffLink
from booking_portal.writes.models import BookingAttempt
from tests.unit.bookings.page_posts import SAM, V3

pytestmark = pytest.mark.django_db

ME = "7c3f9a2b-1d4e-4b6a-9c8d-0e1f2a3b4c5d"
STAFF_OPTIONS = re.compile(r'<select name="staff".*?</select>', re.S)
OPTION = re.compile(r'<option value="([^"]*)"[^>]*>([^<]*)</option>')


def _staff_offered(page: str) -> list[tuple[str, str]]:
    return [found for found in OPTION.findall(STAFF_OPTIONS.search(page).group(0)) if found[0]]


@pytest.fixture
def two_staff(omneo):
    sam = {"id": SAM, "first_name": "Sam", "last_name": "Lee"}
    me = {"id": ME, "first_name": "Mia", "last_name": "Chen"}
    omneo.replace(
        responses.POST, f"{V3}/appointment-definitions/3/available-staff", json={"data": [sam, me]}
    )
    return omneo


def test_the_linked_associate_is_offered_first_and_marked_as_me(signed_in, staff_user, two_staff):
    StaffLink.objects.filter(user=staff_user).update(omneo_staff_id=ME)

    page = signed_in.get("/book/", {"definition": "3", "location": "13", "date": "2026-05-11"})

    assert _staff_offered(page.text) == [(ME, "Mia Chen (me)"), (SAM, "Sam Lee")]


def test_omneos_order_stands_when_the_associate_does_not_work_at_the_store(
    signed_in, staff_user, two_staff
):
    StaffLink.objects.filter(user=staff_user).update(omneo_staff_id="someone-elsewhere")

    page = signed_in.get("/book/", {"definition": "3", "location": "13", "date": "2026-05-11"})

    assert _staff_offered(page.text) == [(SAM, "Sam Lee"), (ME, "Mia Chen")]


def test_with_other_stores_restricted_a_booking_there_is_refused_and_nothing_sent(
    signed_in, staff_user, omneo, settings
):
    settings.PORTAL_BOOK_OTHER_STORES = False
    StaffLink.objects.filter(user=staff_user).update(location_ids=[14])

    page = signed_in.get("/book/", {"definition": "1"})
    refused = signed_in.post("/book/", {"definition": "1", "location": "13", "profile": "x"})

    assert 'value="13"' not in page.text  # the store is not offered
    assert refused.status_code == 403
    assert not BookingAttempt.objects.exists()
    assert not [c for c in omneo.calls if c.request.url.endswith("/v3/appointments")]


def test_by_default_store_staff_book_into_any_store_offering_the_service(
    signed_in, staff_user, omneo
):
    StaffLink.objects.filter(user=staff_user).update(location_ids=[14])

    page = signed_in.get("/book/", {"definition": "1"})

    assert 'value="13"' in page.text
