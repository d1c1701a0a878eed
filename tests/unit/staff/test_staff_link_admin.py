"""The staff link admin: a booking admin searches Omneo's staff and sets who is who."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils.html import escape

from booking_portal.staff.admin import CHOOSE, NO_STAFF_FOUND, OMNEO_UNREACHABLE, TAKEN
from booking_portal.staff.models import StaffLink
from tests.conftest import MOCK_BASE_URL
from tests.unit.staff.omneo_staff import EVERYONE, PAGE, V3, omneo_staff

pytestmark = pytest.mark.django_db
STORES = [{"id": store, "name": f"Store {store}"} for store in (13, 14, 15)]


@pytest.fixture
def admin_client(client, booking_admin, settings, mocked_omneo):
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_READ_RETRIES = 0
    client.force_login(booking_admin)
    return client


@pytest.fixture
def omneo(mocked_omneo):
    omneo_staff(mocked_omneo, pools=EVERYONE)
    mocked_omneo.get(f"{V3}/locations", json={"data": STORES, **PAGE})
    return mocked_omneo


def test_the_changelist_lists_and_searches_links(admin_client, staff_user):
    StaffLink.objects.filter(user=staff_user).update(omneo_staff_name="Mia Chen")

    listed = admin_client.get("/admin/staff/stafflink/")
    found = admin_client.get("/admin/staff/stafflink/?q=mia")
    missed = admin_client.get("/admin/staff/stafflink/?q=nobody")

    assert listed.status_code == 200
    assert "13, 14, 15, 16" in listed.text
    assert "Mia Chen" in found.text
    assert "Mia Chen" not in missed.text


def test_a_search_lists_omneos_matches_and_saving_one_links_it_with_its_stores(admin_client, omneo):
    user = User.objects.create_user("mia")

    searched = admin_client.post(
        "/admin/staff/stafflink/add/", {"user": user.pk, "staff_search": "chen"}
    )
    admin_client.post(
        "/admin/staff/stafflink/add/",
        {
            "user": user.pk,
            "staff_search": "chen",
            "omneo_staff": "staff-mia",
            "stores_from_omneo": "on",
        },
    )

    assert searched.status_code == 200  # the matches listed; nothing saved yet
    assert escape(CHOOSE) in searched.text
    assert "Mia Chen · mia@stores.example · staff-mia" in searched.text
    assert "Leo Singh" not in searched.text
    link = StaffLink.objects.get(user=user)
    assert (link.omneo_staff_id, link.omneo_staff_name) == ("staff-mia", "Mia Chen")
    assert link.stores == frozenset({13, 14})


def test_stores_can_be_set_by_hand(admin_client, omneo):
    user = User.objects.create_user("casual")

    admin_client.post("/admin/staff/stafflink/add/", {"user": user.pk, "location_ids": ["15"]})

    link = StaffLink.objects.get(user=user)
    assert (link.omneo_staff_id, link.stores) == ("", frozenset({15}))


def test_a_staff_member_linked_to_someone_else_is_refused_beside_the_field(
    admin_client, omneo, staff_user
):
    StaffLink.objects.filter(user=staff_user).update(omneo_staff_id="staff-mia")
    user = User.objects.create_user("second")

    response = admin_client.post(
        "/admin/staff/stafflink/add/",
        {"user": user.pk, "staff_search": "mia", "omneo_staff": "staff-mia"},
    )

    assert response.status_code == 200
    assert TAKEN in response.text
    assert not StaffLink.objects.filter(user=user).exists()


def test_a_search_with_no_match_says_so(admin_client, omneo):
    response = admin_client.post("/admin/staff/stafflink/add/", {"staff_search": "zzz"})

    assert NO_STAFF_FOUND.format(term="zzz") in response.text


def test_the_form_still_opens_when_omneo_is_down(admin_client, mocked_omneo, staff_user):
    mocked_omneo.get(f"{V3}/appointment-definitions", status=503, body="down")
    mocked_omneo.get(f"{V3}/locations", status=503, body="down")
    link = StaffLink.objects.get(user=staff_user)
    link.omneo_staff_id, link.omneo_staff_name = "staff-mia", "Mia Chen"
    link.save()

    response = admin_client.get(f"/admin/staff/stafflink/{link.pk}/change/")

    assert response.status_code == 200
    assert OMNEO_UNREACHABLE in response.text
    assert "Mia Chen" in response.text  # the current staff member stays chosen
    assert "Store 13" in response.text  # and the current stores listed


def test_store_staff_cannot_open_the_links(client, staff_user):
    client.force_login(staff_user)

    response = client.get("/admin/staff/stafflink/")

    assert response.status_code == 302
