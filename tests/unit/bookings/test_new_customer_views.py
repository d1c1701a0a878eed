"""book_customer_new: the inline form, the customer added and chosen, and every way it can fail."""

from __future__ import annotations

import json
import re

import pytest
import requests
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booking_portal.bookings import new_customer
from booking_portal.bookings.page.carried import unseal_listing
from booking_portal.writes.models import BookingAttempt
from tests.unit.bookings.page_posts import V3

pytestmark = pytest.mark.django_db
URL = "/book/customer/new/"
PROFILES = f"{V3}/profiles"
PRIYA_ID = "8b0c3f9e-2c1a-4f7e-9d7a-1f2e3d4c5b6a"
PRIYA = {
    "id": PRIYA_ID,
    "first_name": "Priya",
    "last_name": "Raman",
    "full_name": "Priya Raman",
    "email": "priya@example.net",
    "mobile_phone": "+61499000111",
}
HTMX = {"HX-Request": "true"}
NAMES = ("first_name", "last_name", "email", "mobile_phone")
FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # client and mock reused
)


def typed(**overrides) -> dict[str, str]:
    values = {
        "first_name": "Priya",
        "last_name": "Raman",
        "email": "priya@example.net",
        "mobile_phone": "0499 000 111",
        **overrides,
    }
    return {f"new_customer-{key}": value for key, value in values.items()}


def creates(omneo) -> list:
    return [call for call in omneo.calls if call.request.method == "POST"]


def assert_form_again(response, **kept):
    """The form re-rendered in its own place (the button's target), with everything typed kept."""
    assert response.status_code == 200
    assert "HX-Retarget" not in response.headers
    assert response.text.lstrip().startswith('<div id="new-customer"')
    for value in typed(**kept).values():
        if value:
            assert f'value="{escape(value)}"' in response.text


def input_tag(text: str, name: str) -> str:
    return re.search(rf'<input [^>]*name="new_customer-{name}"[^>]*>', text).group(0)


def test_the_form_is_a_fragment_whose_button_posts_only_its_own_inputs(signed_in, omneo):
    response = signed_in.get(URL, headers=HTMX)

    text = response.text
    assert response.status_code == 200
    assert text.lstrip().startswith('<div id="new-customer"')
    assert "<html" not in text
    assert 'autocomplete="given-name"' in input_tag(text, "first_name")
    assert 'autocomplete="family-name"' in input_tag(text, "last_name")
    email = input_tag(text, "email")
    assert 'type="email"' in email
    assert 'autocomplete="email"' in email
    assert 'inputmode="email"' in email
    mobile = input_tag(text, "mobile_phone")
    assert 'type="tel"' in mobile
    assert 'autocomplete="tel"' in mobile
    assert 'inputmode="tel"' in mobile
    assert 'for="id_new_customer-first_name"' in text  # every input has its label
    add = re.search(r"<button[^>]*>Add customer</button>", text).group(0)
    assert f'hx-post="{URL}"' in add
    assert 'hx-include="#new-customer"' in add
    own_inputs = ",".join(f"new_customer-{name}" for name in NAMES)
    assert f'hx-params="{own_inputs}"' in add  # not the booking form around it
    assert 'hx-disabled-elt="this"' in add  # a second press while adding sends nothing
    assert 'hx-target="#new-customer"' in add  # an answer with errors replaces the form
    assert 'hx-select="#new-customer"' in add
    assert 'hx-swap="outerHTML"' in add
    assert 'type="button"' in add  # never submits the booking form around it
    assert re.search(r'<button type="button"[^>]*>Cancel</button>', text)
    assert not omneo.calls


def test_only_booking_staff_may_add_customers(client, outsider_user, omneo):
    assert client.get(URL).status_code == 302  # to sign in
    client.force_login(outsider_user)

    assert client.get(URL).status_code == 403
    assert client.post(URL, typed()).status_code == 403
    assert not omneo.calls


def test_a_new_customer_is_added_once_then_listed_chosen_and_carried(signed_in, omneo):
    omneo.post(PROFILES, status=201, json={"data": PRIYA})

    response = signed_in.post(URL, typed(), headers=HTMX)

    text = response.text
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#customers"  # the whole part, not the form
    assert response.headers["HX-Reselect"] == "#customers"
    assert response.headers["HX-Reswap"] == "outerHTML"
    assert text.lstrip().startswith('<div id="customers"')
    assert re.search(rf'value="{PRIYA_ID}"[^>]*checked', text)
    assert "Priya Raman" in text
    seal = re.search(r'name="people_seal" value="([^"]+)"', text).group(1)
    term, people = unseal_listing(seal)
    assert [person.id for person in people] == [PRIYA_ID]
    assert term is None
    assert len(omneo.calls) == 1  # the create, and nothing else
    assert json.loads(omneo.calls[0].request.body) == {
        "first_name": "Priya",
        "last_name": "Raman",
        "email": "priya@example.net",
        "mobile_phone": "+61499000111",
    }


def test_a_form_error_stays_in_the_form_and_omneo_is_not_asked(signed_in, omneo):
    response = signed_in.post(URL, typed(last_name="", mobile_phone="12345"), headers=HTMX)

    assert_form_again(response, last_name="", mobile_phone="12345")
    last_name = input_tag(response.text, "last_name")
    assert 'aria-invalid="true"' in last_name
    assert 'aria-describedby="id_new_customer-last_name_error"' in last_name
    assert 'id="id_new_customer-last_name_error"' in response.text
    assert "Last name is required." in response.text
    mobile = input_tag(response.text, "mobile_phone")
    assert 'aria-invalid="true"' in mobile
    assert "id_new_customer-mobile_phone_error" in mobile
    assert escape(new_customer.MOBILE_INVALID) in response.text
    assert not omneo.calls


def test_omneos_422_lands_beside_its_fields_with_everything_kept(signed_in, omneo):
    body = {
        "message": "The email has already been taken. (and 1 more error)",
        "errors": {
            "email": ["The email has already been taken."],
            "mobile_phone": ["The mobile phone has already been taken."],
        },
    }
    omneo.post(PROFILES, status=422, json=body)

    response = signed_in.post(URL, typed(), headers=HTMX)

    assert_form_again(response)
    email = input_tag(response.text, "email")
    assert 'aria-invalid="true"' in email
    assert 'aria-describedby="id_new_customer-email_error"' in email
    assert escape("The “Email” has already been taken.") in response.text
    assert escape("The “Mobile” has already been taken.") in response.text
    assert len(creates(omneo)) == 1


def test_a_422_key_the_form_lacks_is_shown_above_it(signed_in, omneo):
    body = {"message": "x", "errors": {"joined_location_id": ["The location is closed."]}}
    omneo.post(PROFILES, status=422, json=body)

    response = signed_in.post(URL, typed(), headers=HTMX)

    assert_form_again(response)
    assert "Joined location id: The location is closed." in response.text


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"status": 500, "body": "<h1>Server Error</h1>"}, new_customer.ADD_OUTCOME_UNKNOWN),
        ({"status": 503, "body": "<h1>down</h1>"}, new_customer.ADD_OUTCOME_UNKNOWN),
        ({"body": requests.ReadTimeout("read timed out")}, new_customer.ADD_OUTCOME_UNKNOWN),
        ({"status": 201, "json": {"profile": PRIYA}}, new_customer.ADD_OUTCOME_UNKNOWN),
        ({"body": requests.ConnectTimeout("no route")}, new_customer.ADD_NOT_ANSWERING),
        ({"status": 401, "json": {"message": "no"}}, new_customer.ADD_CREDENTIALS_REFUSED),
        (
            {"status": 429, "json": {"message": "slow"}, "headers": {"Retry-After": "20"}},
            new_customer.ADD_RATE_LIMITED.format(seconds=20),
        ),
    ],
)
def test_when_omneo_fails_the_form_says_so_and_keeps_every_entry(signed_in, omneo, answer, message):
    omneo.post(PROFILES, **answer)

    response = signed_in.post(URL, typed(), headers=HTMX)

    assert_form_again(response)
    assert escape(message) in response.text
    assert 'role="alert"' in response.text
    assert len(creates(omneo)) == 1  # a create is never sent twice
    assert not BookingAttempt.objects.exists()  # nothing else is recorded


TYPED_TEXT = st.text(max_size=300) | st.sampled_from(["", " ", "0412 323 123", "+61", "a@b.co"])


@FUZZ
@given(first=TYPED_TEXT, last=TYPED_TEXT, email=TYPED_TEXT, mobile=TYPED_TEXT)
def test_anything_typed_is_never_a_500_and_only_valid_input_reaches_omneo(
    signed_in, omneo, first, last, email, mobile
):
    omneo.calls.reset()
    omneo.post(PROFILES, status=201, json={"data": PRIYA})
    sent = typed(first_name=first, last_name=last, email=email, mobile_phone=mobile)

    response = signed_in.post(URL, sent, headers=HTMX)

    assert response.status_code == 200
    form = new_customer.NewCustomerForm(sent)
    assert len(creates(omneo)) == (1 if form.is_valid() else 0)
