"""The store a staff member booked at last is chosen for them next time."""

from __future__ import annotations

import re

import pytest

from booking_portal.staff.models import RememberedStore
from booking_portal.staff.remembered_store import SESSION_KEY
from tests.unit.bookings.page_posts import V3, booking_post

pytestmark = pytest.mark.django_db

TWO_STORES = [
    {"id": 13, "name": "Melbourne Central", "timezone": "Australia/Melbourne"},
    {"id": 14, "name": "Brisbane Queen Street", "timezone": "Australia/Brisbane"},
]


@pytest.fixture
def two_stores(omneo):
    omneo.replace("GET", f"{V3}/appointment-definitions/1/locations", json={"data": TWO_STORES})
    return omneo


def chosen_store(html: str) -> str | None:
    found = re.search(r'<option value="(\d+)" selected>', html)
    return found.group(1) if found else None


def test_a_first_booking_chooses_no_store_among_several(signed_in, two_stores):
    response = signed_in.get("/book/parts/choices/", {"definition": "1"}, HTTP_HX_REQUEST="true")

    assert chosen_store(response.text) is None


def test_a_booking_remembers_its_store_for_the_next_one(signed_in, two_stores, omneo_fixture):
    two_stores.post(f"{V3}/appointments", json=omneo_fixture("created_201.json"), status=201)
    sent = booking_post(signed_in, location="14", seen={"location": "14"})

    assert signed_in.post("/book/", sent).status_code == 302
    later = signed_in.get("/book/parts/choices/", {"definition": "1"}, HTTP_HX_REQUEST="true")

    assert RememberedStore.objects.get().location_id == 14
    assert chosen_store(later.text) == "14"


def test_a_remembered_store_is_read_once_per_session(signed_in, two_stores, staff_user):
    RememberedStore.objects.create(user=staff_user, location_id=13)

    first = signed_in.get("/book/parts/choices/", {"definition": "1"}, HTTP_HX_REQUEST="true")
    RememberedStore.objects.update(location_id=14)  # changed elsewhere: this session keeps 13
    second = signed_in.get("/book/parts/choices/", {"definition": "1"}, HTTP_HX_REQUEST="true")

    assert chosen_store(first.text) == chosen_store(second.text) == "13"


def test_a_store_chosen_on_the_page_beats_the_remembered_one(signed_in, two_stores, staff_user):
    RememberedStore.objects.create(user=staff_user, location_id=13)

    response = signed_in.get(
        "/book/parts/times/", {"definition": "1", "location": "14"}, HTTP_HX_REQUEST="true"
    )

    assert chosen_store(response.text) == "14"


def test_a_remembered_store_the_service_is_not_offered_at_is_not_chosen(
    signed_in, omneo, staff_user
):
    RememberedStore.objects.create(user=staff_user, location_id=99)
    omneo.replace("GET", f"{V3}/appointment-definitions/1/locations", json={"data": TWO_STORES})

    response = signed_in.get("/book/parts/choices/", {"definition": "1"}, HTTP_HX_REQUEST="true")

    assert chosen_store(response.text) is None


def test_a_new_booking_offers_only_requested_or_confirmed(signed_in, omneo):
    response = signed_in.post("/book/", booking_post(signed_in, status="cancelled"))

    assert response.status_code == 422
    assert 'value="no_show"' not in response.text
    assert re.search(r'<option value="confirmed"', response.text)


def test_booking_at_another_store_moves_the_one_row_on(
    signed_in, two_stores, omneo_fixture, staff_user
):
    RememberedStore.objects.create(user=staff_user, location_id=13)
    two_stores.post(f"{V3}/appointments", json=omneo_fixture("created_201.json"), status=201)

    sent = booking_post(signed_in, location="14", seen={"location": "14"})
    assert signed_in.post("/book/", sent).status_code == 302

    assert list(RememberedStore.objects.values_list("user", "location_id")) == [(staff_user.pk, 14)]
    assert signed_in.session[SESSION_KEY] == 14
