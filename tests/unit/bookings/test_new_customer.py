"""NewCustomerForm, Omneo's 422 onto its fields, and what staff read when the add fails."""

from __future__ import annotations

import pytest

from booking_portal.bookings import new_customer
from booking_portal.bookings.error_mapping import apply_form_errors
from booking_portal.bookings.new_customer import (
    NewCustomerForm,
    add_failure_message,
)
from booking_portal.omneo.errors import (
    OmneoAuthError,
    OmneoBadResponse,
    OmneoConnectionReset,
    OmneoNotFound,
    OmneoRateLimited,
    OmneoServerError,
    OmneoTimeout,
    OmneoUnreachable,
    OmneoValidationError,
)


def typed(**overrides) -> dict[str, str]:
    values = {
        "first_name": "Priya",
        "last_name": "Raman",
        "email": "priya@example.net",
        "mobile_phone": "",
        **overrides,
    }
    return {f"new_customer-{key}": value for key, value in values.items()}


def valid_form(**overrides) -> NewCustomerForm:
    form = NewCustomerForm(typed(**overrides))
    assert form.is_valid(), form.errors
    return form


def test_every_field_is_prefixed_so_it_cannot_clash_with_the_booking_form():
    form = NewCustomerForm()

    names = [form[name].html_name for name in form.fields]

    assert names == [
        "new_customer-first_name",
        "new_customer-last_name",
        "new_customer-email",
        "new_customer-mobile_phone",
    ]


@pytest.mark.parametrize("missing", ["first_name", "last_name", "email"])
def test_names_and_email_are_required(missing):
    form = NewCustomerForm(typed(**{missing: "  "}))

    assert not form.is_valid()
    assert form.errors[missing] == [f"{form.fields[missing].label} is required."]


def test_the_mobile_is_optional():
    assert valid_form(mobile_phone="").cleaned_data["mobile_phone"] == ""


@pytest.mark.parametrize(
    ("mobile", "sent"),
    [
        ("0412 323 123", "+61412323123"),
        ("0412-323-123", "+61412323123"),
        ("(04) 1232 3123", "+61412323123"),
        ("+61 412 323 123", "+61412323123"),
        ("+61 (0)412 323 123", "+61412323123"),
        ("+64 21 123 4567", "+64211234567"),
    ],
)
def test_a_mobile_is_sent_in_e164(mobile, sent):
    assert valid_form(mobile_phone=mobile).cleaned_data["mobile_phone"] == sent


@pytest.mark.parametrize("mobile", ["0312345678", "412323123", "61412323123", "+0412", "04123"])
def test_a_mobile_neither_australian_nor_international_is_refused(mobile):
    form = NewCustomerForm(typed(mobile_phone=mobile))

    assert not form.is_valid()
    assert form.errors["mobile_phone"] == [new_customer.MOBILE_INVALID]


def test_an_email_must_be_an_email():
    form = NewCustomerForm(typed(email="priya at example"))

    assert not form.is_valid()
    assert "email" in form.errors


def test_a_taken_email_and_mobile_land_on_their_fields():
    form = valid_form(mobile_phone="0499 000 111")
    error = OmneoValidationError(
        "The email has already been taken. (and 1 more error)",
        field_errors={
            "email": ("The email has already been taken.",),
            "mobile_phone": ("The mobile phone has already been taken.",),
        },
    )

    apply_form_errors(error=error, form=form)

    assert form.errors["email"] == ["The “Email” has already been taken."]
    assert form.errors["mobile_phone"] == ["The “Mobile” has already been taken."]
    assert form.has_error("email", code="omneo")
    assert not form.non_field_errors()


def test_a_key_the_form_does_not_have_goes_above_the_form():
    form = valid_form()
    error = OmneoValidationError(
        "x", field_errors={"birth_day": ("The birth day field must be an integer.",)}
    )

    apply_form_errors(error=error, form=form)

    assert form.non_field_errors() == ["The “Birth day” field must be an integer."]


def test_a_message_naming_no_field_gets_its_label():
    form = valid_form()
    error = OmneoValidationError("x", field_errors={"profile": ("Duplicate customer.",)})

    apply_form_errors(error=error, form=form)

    assert form.non_field_errors() == ["Profile: Duplicate customer."]


def test_a_422_with_only_a_message_goes_above_the_form():
    form = valid_form()

    apply_form_errors(error=OmneoValidationError("Profiles are locked."), form=form)

    assert form.non_field_errors() == ["Profiles are locked."]


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OmneoTimeout(method="POST"), new_customer.ADD_OUTCOME_UNKNOWN),
        (OmneoConnectionReset(method="POST"), new_customer.ADD_OUTCOME_UNKNOWN),
        (OmneoServerError(status=503, method="POST"), new_customer.ADD_OUTCOME_UNKNOWN),
        (OmneoBadResponse(status=201, method="POST"), new_customer.ADD_OUTCOME_UNKNOWN),
        (OmneoUnreachable(method="POST"), new_customer.ADD_NOT_ANSWERING),
        (OmneoAuthError(status=401, method="POST"), new_customer.ADD_CREDENTIALS_REFUSED),
        (
            OmneoRateLimited(status=429, method="POST", retry_after=12.0),
            new_customer.ADD_RATE_LIMITED.format(seconds=12),
        ),
        (OmneoRateLimited(status=429, method="POST"), new_customer.ADD_RATE_LIMITED_NO_WAIT),
        (OmneoNotFound(status=404, method="POST"), new_customer.ADD_REFUSED),
    ],
)
def test_each_failure_says_whether_the_customer_may_have_been_added(error, message):
    assert add_failure_message(error) == message


def test_only_an_unknown_outcome_says_the_customer_may_have_been_added():
    assert "may not have been added" in new_customer.ADD_OUTCOME_UNKNOWN
    refusals = [
        new_customer.ADD_NOT_ANSWERING,
        new_customer.ADD_CREDENTIALS_REFUSED,
        new_customer.ADD_RATE_LIMITED_NO_WAIT,
        new_customer.ADD_REFUSED,
    ]
    assert all("nothing was added" in text for text in refusals)
