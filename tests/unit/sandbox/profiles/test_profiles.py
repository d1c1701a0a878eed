"""/v3/profiles: add a customer under Omneo's rules, then find, read and book them."""

from __future__ import annotations

import pytest

from booking_portal.sandbox import data, faults
from booking_portal.sandbox.models import SandboxAppointment, SandboxProfile
from booking_portal.sandbox.profiles import store
from tests.unit.sandbox.conftest import fitting_body

PROFILES = "/v3/profiles"
AVA = data.PROFILES[data.demo_uuid("customer:Ava.Nguyen")]


def new_customer(**overrides) -> dict:
    body = {
        "first_name": "Priya",
        "last_name": "Raman",
        "email": "priya.raman@example.net",
        "mobile_phone": "+61499000111",
    }
    return {**body, **overrides}


def add(sandbox, **overrides) -> dict:
    response = sandbox.post(PROFILES, new_customer(**overrides))
    assert response.status_code == 201, response.content
    return response.json()["data"]


def refusal(sandbox, body, path=PROFILES) -> dict:
    response = sandbox.post(path, body)
    assert response.status_code == 422, response.content
    return response.json()


def test_a_new_customer_is_created_with_an_id_and_their_details(sandbox):
    created = add(sandbox)

    assert created["id"]
    assert created["full_name"] == "Priya Raman"
    assert (created["email"], created["mobile_phone"]) == (
        "priya.raman@example.net",
        "+61499000111",
    )
    assert SandboxProfile.objects.get().pk == created["id"]


def test_a_new_customer_without_a_mobile_is_created(sandbox):
    created = add(sandbox, mobile_phone=None)

    assert created["mobile_phone"] is None


@pytest.mark.parametrize("missing", ["first_name", "last_name", "email"])
@pytest.mark.parametrize("blank", [None, "", "   "])
def test_names_and_email_are_required(sandbox, missing, blank):
    body = refusal(sandbox, new_customer(**{missing: blank}))

    readable = missing.replace("_", " ")
    assert body["errors"] == {missing: [f"The {readable} field is required."]}
    assert body["message"] == f"The {readable} field is required."
    assert not SandboxProfile.objects.exists()


def test_an_empty_body_names_every_required_field(sandbox):
    body = refusal(sandbox, {})

    assert set(body["errors"]) == {"first_name", "last_name", "email"}
    assert body["message"].endswith("(and 2 more errors)")


def test_an_email_must_be_an_email(sandbox):
    body = refusal(sandbox, new_customer(email="priya at example"))

    assert body["errors"] == {"email": ["The email field must be a valid email address."]}


@pytest.mark.parametrize("email", ["priya.raman@example.net", "PRIYA.Raman@Example.NET"])
def test_an_email_another_added_customer_has_is_taken_whatever_its_case(sandbox, email):
    add(sandbox)

    body = refusal(sandbox, new_customer(email=email, mobile_phone=None))

    assert body["errors"] == {"email": ["The email has already been taken."]}
    assert SandboxProfile.objects.count() == 1


def test_an_email_a_demo_customer_has_is_taken(sandbox):
    body = refusal(sandbox, new_customer(email=AVA["email"].upper()))

    assert body["errors"] == {"email": ["The email has already been taken."]}


def test_a_mobile_another_customer_has_is_taken(sandbox):
    add(sandbox)

    later = refusal(sandbox, new_customer(email="someone.else@example.net"))
    demo = refusal(
        sandbox, new_customer(email="third@example.net", mobile_phone=AVA["mobile_phone"])
    )

    assert later["errors"] == {"mobile_phone": ["The mobile phone has already been taken."]}
    assert demo["errors"] == {"mobile_phone": ["The mobile phone has already been taken."]}


def test_customers_without_a_mobile_do_not_clash(sandbox):
    add(sandbox, mobile_phone=None)
    add(sandbox, email="another@example.net", mobile_phone="")

    assert SandboxProfile.objects.filter(mobile_phone=None).count() == 2


@pytest.mark.parametrize("mobile", ["0412323123", "61412323123", "+0412323123", "+61 412 323 123"])
def test_a_mobile_must_be_e164(sandbox, mobile):
    body = refusal(sandbox, new_customer(mobile_phone=mobile))

    assert body["errors"] == {"mobile_phone": ["The mobile phone field format is invalid."]}


def test_fields_must_be_strings_and_not_too_long(sandbox):
    body = refusal(sandbox, new_customer(first_name=7, last_name="x" * 256))

    assert body["errors"] == {
        "first_name": ["The first name field must be a string."],
        "last_name": ["The last name field must not be greater than 255 characters."],
    }


def test_an_added_customer_is_found_by_search_and_read_by_id(sandbox):
    created = add(sandbox)

    by_name = sandbox.get(PROFILES, search="priya").json()["data"]
    by_email = sandbox.get(PROFILES, **{"filter[search]": "raman@example"}).json()["data"]
    by_local_mobile = sandbox.get(PROFILES, search="0499 000 111").json()["data"]
    read = sandbox.get(f"{PROFILES}/{created['id']}")

    assert [p["id"] for p in by_name] == [created["id"]]
    assert [p["id"] for p in by_email] == [created["id"]]
    assert [p["id"] for p in by_local_mobile] == [created["id"]]
    assert read.status_code == 200
    assert read.json()["data"] == created


def test_an_unknown_profile_is_not_found(sandbox):
    response = sandbox.get(f"{PROFILES}/00000000-0000-4000-8000-000000000000")

    assert response.status_code == 404


def test_an_added_customer_can_be_booked(sandbox):
    created = add(sandbox)

    response = sandbox.post("/v3/appointments", fitting_body(profile_id=created["id"]))

    assert response.status_code == 201, response.content
    assert response.json()["data"]["profile"]["email"] == "priya.raman@example.net"
    assert SandboxAppointment.objects.get().profile_id == created["id"]


@pytest.mark.parametrize(
    ("body", "available"),
    [
        ({"email": "PRIYA.RAMAN@example.net"}, False),
        ({"mobile_phone": "+61499000111"}, False),
        ({"email": AVA["email"]}, False),
        ({"email": "nobody.yet@example.net"}, True),
        ({"mobile_phone": "+61499999999"}, True),
    ],
)
def test_availability_says_whether_an_email_or_mobile_is_free(sandbox, body, available):
    add(sandbox)

    response = sandbox.post(f"{PROFILES}/availability", body)

    assert response.status_code == 200
    assert response.json() == {"data": {"available": available}}


def test_availability_needs_an_email_or_a_mobile(sandbox):
    body = refusal(sandbox, {}, path=f"{PROFILES}/availability")

    assert body["errors"] == {
        "email": ["The email field is required when mobile phone is not present."]
    }


@pytest.mark.parametrize(("kind", "status"), [("server_error", 500), ("rate_limit", 429)])
def test_an_armed_fault_refuses_the_create_and_adds_no_one(sandbox, settings, kind, status):
    settings.OMNEO_SANDBOX_FAULTS = True
    faults.arm(kind=kind, path_suffix=PROFILES)

    response = sandbox.post(PROFILES, new_customer())

    assert response.status_code == status
    assert not SandboxProfile.objects.exists()


def test_a_timeout_fault_adds_the_customer_before_answering_late(sandbox, settings):
    settings.OMNEO_SANDBOX_FAULTS = True
    faults.arm(kind="timeout", path_suffix=PROFILES, seconds=0.01)

    response = sandbox.post(PROFILES, new_customer())

    assert response.status_code == 201
    assert SandboxProfile.objects.count() == 1


def test_a_create_needs_the_token(client, db):
    response = client.post(
        f"/sandbox/api{PROFILES}", new_customer(), content_type="application/json"
    )

    assert response.status_code == 401
    assert not SandboxProfile.objects.exists()


def test_two_creates_racing_for_one_email_add_one_customer(sandbox, monkeypatch):
    add(sandbox)
    real_check = store.email_taken
    checks = []

    def checked_too_early(email):  # the first check ran before the other create committed
        checks.append(email)
        return len(checks) > 1 and real_check(email)

    monkeypatch.setattr(store, "email_taken", checked_too_early)

    body = refusal(sandbox, new_customer(email="Priya.Raman@example.net", mobile_phone=None))

    assert body["errors"] == {"email": ["The email has already been taken."]}
    assert SandboxProfile.objects.count() == 1
    assert len(checks) == 2  # refused by the unique index, then checked again
