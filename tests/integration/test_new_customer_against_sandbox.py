"""Adding a customer over real HTTP: the real client against the sandbox, then the portal's
view (the customer added, chosen and booked), and the view when Omneo fails."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from booking_portal.bookings import new_customer
from booking_portal.omneo.errors import OmneoValidationError
from booking_portal.sandbox import faults
from booking_portal.sandbox.models import SandboxAppointment, SandboxProfile
from tests.integration.portal_session import fitting_form, signed_in_session

pytestmark = pytest.mark.integration
SEAL = re.compile(r'name="people_seal" value="([^"]+)"')
CHOSEN = re.compile(r'name="profile" value="([0-9a-f-]{36})"[^>]*checked')


@pytest.fixture(autouse=True)
def _faults_allowed(settings, sandbox_base_url):
    settings.OMNEO_SANDBOX_FAULTS = True
    faults.clear()


@pytest.fixture
def staff_session(live_server, staff_user):
    return signed_in_session(live_server.url, staff_user.username)


def add_through_the_portal(session, base_url: str, **overrides):
    """The inline form's button as htmx sends it: its own inputs, the CSRF header."""
    values = {
        "first_name": "Priya",
        "last_name": "Raman",
        "email": "priya.raman@example.net",
        "mobile_phone": "0499 000 111",
        **overrides,
    }
    return session.post(
        f"{base_url}/book/customer/new/",
        data={f"new_customer-{key}": value for key, value in values.items()},
        headers={"HX-Request": "true", "X-CSRFToken": session.cookies["csrftoken"]},
        timeout=30,
    )


def test_the_client_adds_a_customer_the_sandbox_then_finds_and_reads(sandbox_client):
    added = sandbox_client.profile_create(
        "Priya", "Raman", "Priya.Raman@example.net", "+61499000111"
    )

    found = sandbox_client.profile_search("raman")
    read = sandbox_client.profile_get(added.id)

    assert added.display_name == "Priya Raman"
    assert [person.id for person in found] == [added.id]
    assert read == added


@pytest.mark.parametrize(
    ("email", "mobile", "key"),
    [
        ("PRIYA.RAMAN@EXAMPLE.NET", None, "email"),
        ("someone.else@example.net", "+61499000111", "mobile_phone"),
    ],
)
def test_the_client_gets_omneos_422_for_a_taken_email_or_mobile(sandbox_client, email, mobile, key):
    sandbox_client.profile_create("Priya", "Raman", "priya.raman@example.net", "+61499000111")

    with pytest.raises(OmneoValidationError) as refused:
        sandbox_client.profile_create("Another", "Person", email, mobile)

    assert list(refused.value.field_errors) == [key]
    assert SandboxProfile.objects.count() == 1


def test_a_customer_added_in_the_portal_is_chosen_and_can_be_booked(live_server, staff_session):
    response = add_through_the_portal(staff_session, live_server.url)

    added = SandboxProfile.objects.get()
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#customers"
    assert CHOSEN.search(response.text).group(1) == added.pk
    assert added.mobile_phone == "+61499000111"
    # The booking form then carries the new customer, as the swapped-in part left it.
    form = fitting_form(staff_session, live_server.url) | {
        "profile": added.pk,
        "people_seal": SEAL.search(response.text).group(1),
    }
    booked = staff_session.post(f"{live_server.url}/book/", data=form, timeout=30)
    assert "/book/done/" in booked.url
    assert SandboxAppointment.objects.get().profile_id == added.pk


def test_a_taken_email_comes_back_on_the_field_with_the_input_kept(live_server, staff_session):
    add_through_the_portal(staff_session, live_server.url)

    response = add_through_the_portal(
        staff_session, live_server.url, email="PRIYA.RAMAN@example.net", mobile_phone=""
    )

    assert "HX-Retarget" not in response.headers  # the form, where the button put it
    assert 'id="id_new_customer-email_error"' in response.text
    assert escape("The “Email” has already been taken.") in response.text
    assert 'value="PRIYA.RAMAN@example.net"' in response.text
    assert SandboxProfile.objects.count() == 1


@pytest.mark.parametrize(
    ("fault", "added"),
    [("server_error", 0), ("unavailable", 0), ("timeout", 1)],
)
def test_when_omneo_fails_the_input_is_kept_and_the_outcome_said(
    live_server, staff_session, settings, fault, added
):
    settings.OMNEO_READ_TIMEOUT = 1.0
    faults.arm(kind=fault, path_suffix="/v3/profiles", seconds=1.5)

    response = add_through_the_portal(staff_session, live_server.url)

    assert response.status_code == 200
    assert "HX-Retarget" not in response.headers  # the form, where the button put it
    assert escape(new_customer.ADD_OUTCOME_UNKNOWN) in response.text
    for kept in ("Priya", "Raman", "priya.raman@example.net", "0499 000 111"):
        assert f'value="{kept}"' in response.text
    assert SandboxProfile.objects.count() == added  # sent once: never added twice
