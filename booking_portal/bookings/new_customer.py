"""A customer who is not in Omneo yet: the form staff fill in, and the service that adds them.

The form is placed inside the booking form, so its fields carry the `new_customer` prefix.
"""

from __future__ import annotations

import logging
import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.exceptions import ValidationError

from booking_portal.common import refusals
from booking_portal.common.refusals import refusal_text
from booking_portal.omneo import OmneoClient, get_omneo_client
from booking_portal.omneo.errors import (
    OmneoError,
    OmneoValidationError,
)
from booking_portal.omneo.reads import profiles
from booking_portal.omneo.resources import Person

from .error_mapping import apply_form_errors

logger = logging.getLogger(__name__)

PREFIX = "new_customer"
AUSTRALIAN_MOBILE = re.compile(r"04\d{8}")
E164 = re.compile(r"\+[1-9]\d{6,14}")
PHONE_PUNCTUATION = re.compile(r"[\s\-().]")
MOBILE_INVALID = (
    "Enter an Australian mobile (04xx xxx xxx), or an international number starting with + "
    "and its country code."
)
MOBILE_HELP = "Optional. 04xx xxx xxx, or + and the country code."
ADD_OUTCOME_UNKNOWN = (
    "Omneo did not answer; the customer may not have been added — search for them before "
    "adding again."
)
ADD_CREDENTIALS_REFUSED = (
    "Omneo refused the portal's credentials, so nothing was added. Please tell an "
    "administrator; your entries are kept."
)
ADD_RATE_LIMITED = (
    "Omneo is busy, so nothing was added. Please wait {seconds} seconds, then add the customer "
    "again; your entries are kept."
)
ADD_RATE_LIMITED_NO_WAIT = (
    "Omneo is busy, so nothing was added. Please wait a moment, then add the customer again; "
    "your entries are kept."
)
ADD_NOT_ANSWERING = (
    "Omneo could not be reached, so nothing was added. Please try again; your entries are kept."
)
ADD_REFUSED = "Omneo refused to add this customer, so nothing was added."


class TelInput(forms.TextInput):
    input_type = "tel"


class NewCustomerForm(forms.Form):
    """First and last name, email and an optional mobile, which is sent in E.164."""

    prefix = PREFIX

    first_name = forms.CharField(
        label="First name",
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "inputmode": "text"}),
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "family-name", "inputmode": "text"}),
    )
    email = forms.EmailField(
        label="Email",
        max_length=255,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    mobile_phone = forms.CharField(
        label="Mobile",
        required=False,
        max_length=32,
        help_text=MOBILE_HELP,
        widget=TelInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = f"{field.label} is required."
        # Two fields a row on a tablet; no <form> or token of its own: it sits in the booking form.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.error_text_inline = False  # each error its own paragraph, as on the page
        self.helper.layout = Layout(
            Row(
                *(Column(name, css_class="col-sm-6") for name in self.fields),
                css_class="g-2",
            )
        )

    def clean_mobile_phone(self) -> str:
        """An Australian 04xx number becomes +614xx…; anything else must already start with +."""
        compact = PHONE_PUNCTUATION.sub("", self.cleaned_data["mobile_phone"])
        if not compact:
            return ""
        if AUSTRALIAN_MOBILE.fullmatch(compact):
            return f"+61{compact[1:]}"
        if compact.startswith("+610"):  # "+61 (0)412 …": the trunk 0 is not dialled from abroad
            compact = f"+61{compact[4:]}"
        if not E164.fullmatch(compact):
            raise ValidationError(MOBILE_INVALID, code="invalid")
        return compact


def add_failure_message(error: OmneoError) -> str:
    """What staff read when Omneo did not add the customer (a 422 aside)."""
    return refusal_text(
        error,
        {
            refusals.UNKNOWN: ADD_OUTCOME_UNKNOWN,
            refusals.CREDENTIALS: ADD_CREDENTIALS_REFUSED,
            refusals.BUSY: ADD_RATE_LIMITED,
            refusals.BUSY_NO_WAIT: ADD_RATE_LIMITED_NO_WAIT,
            refusals.UNREACHABLE: ADD_NOT_ANSWERING,
            refusals.OTHER: ADD_REFUSED,
        },
    )


def customer_add(*, form: NewCustomerForm, client: OmneoClient | None = None) -> Person | None:
    """Add a valid form's customer to Omneo, once: the new profile, or None with why on the form."""
    data = form.cleaned_data
    try:
        person = (client or get_omneo_client()).profile_create(
            data["first_name"], data["last_name"], data["email"], data["mobile_phone"] or None
        )
    except OmneoValidationError as error:
        apply_form_errors(error=error, form=form)
    except OmneoError as error:
        logger.warning(
            "Adding a customer to Omneo failed: %s",
            type(error).__name__,
            extra={
                "omneo_status": error.status,
                "omneo_request_id": error.request_id,
                "omneo_outcome_unknown": error.outcome_unknown,
            },
        )
        form.add_error(None, ValidationError(add_failure_message(error), code="omneo"))
        if error.outcome_unknown:
            profiles.profiles_forget()  # a search must find them if Omneo added them
        return None
    else:
        profiles.profiles_forget()  # the next search finds the new customer
        return person
    return None
