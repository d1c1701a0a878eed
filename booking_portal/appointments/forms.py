"""Forms for the store's day: filters, lifecycle actions, reschedule, and the waitlist."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError

from booking_portal.common.display import STATUS_WORDS
from booking_portal.omneo.errors import OmneoValidationError
from booking_portal.omneo.resources import Person

from .transitions import ONE_PRESS, Kind

SLOT_FORMAT = "%Y-%m-%dT%H:%M"
CHOOSE_CUSTOMER = "Search for the customer, then choose them from the list."
STATUS_CHOICES = [("", "Any status"), *STATUS_WORDS.items()]


class DayForm(forms.Form):
    """Which store, day, staff member and status to show; bad values fall back to defaults."""

    location = forms.TypedChoiceField(coerce=int, required=False, label="Store")
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    staff = forms.CharField(required=False, max_length=64)
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)
    mine = forms.BooleanField(required=False)  # only the signed-in associate's appointments

    def __init__(self, *args: object, stores: Sequence[tuple[int, str]] = (), **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = list(stores)


class TokenForm(forms.Form):
    """Every write form carries a one-time token: one token, at most one write."""

    action_token = forms.UUIDField(widget=forms.HiddenInput)

    @classmethod
    def fresh(cls, **kwargs: object) -> TokenForm:
        return cls(initial={"action_token": uuid.uuid4()}, **kwargs)


class StatusActionForm(TokenForm):
    kind = forms.ChoiceField(choices=[(kind, Kind(kind).label) for kind in sorted(ONE_PRESS)])


class CancelForm(TokenForm):
    reason = forms.CharField(
        label="Reason for cancelling",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Give a reason for cancelling."},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Give a reason for cancelling.")
        return reason


class RescheduleForm(TokenForm):
    date = forms.DateField(label="New date", widget=forms.DateInput(attrs={"type": "date"}))
    slot = forms.CharField(label="New time", widget=forms.RadioSelect)

    def clean_slot(self) -> str:
        slot = self.cleaned_data["slot"]
        try:
            datetime.strptime(slot, SLOT_FORMAT)  # noqa: DTZ007 - a wall-clock format check
        except ValueError:
            raise ValidationError("Choose a time from the list.") from None
        return slot

    def clean(self) -> dict:
        data = super().clean()
        on, slot = data.get("date"), data.get("slot")
        if on and slot and not slot.startswith(on.isoformat()):
            self.add_error("slot", "Choose a time on the date shown.")
        return data


class WaitlistAddForm(TokenForm):
    definition = forms.TypedChoiceField(coerce=int, label="Service")
    profile_search = forms.CharField(
        label="Customer",
        required=False,
        max_length=100,
        help_text="Name, email or phone; then choose the customer.",
    )
    profile = forms.UUIDField(
        label="Choose the customer",
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_CUSTOMER, "invalid": CHOOSE_CUSTOMER},
    )
    desired_date = forms.DateField(
        label="Wanted day", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    desired_time = forms.TimeField(
        label="Wanted time", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    notes = forms.CharField(max_length=500, required=False, widget=forms.TextInput)

    def __init__(
        self,
        *args: object,
        services: Sequence[tuple[int, str]] = (),
        customers: Sequence[Person] = (),
        customers_problem: str = "",
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.customers_problem = customers_problem  # the search could not be made
        self.fields["definition"].choices = list(services)
        self.fields["profile"].widget.choices = [
            (person.id, customer_label(person)) for person in customers
        ]


def customer_label(person: Person) -> str:
    """How a customer reads in a list of matches: name, and email to tell namesakes apart."""
    name = person.display_name
    return f"{name} · {person.email}" if person.email and person.email != name else name


# Omneo's wire keys → the action forms' fields; anything else lands in the form's summary.
WIRE_TO_FIELD: Mapping[str, str] = {
    "notes": "reason",
    "scheduled_start_at": "slot",
    "scheduled_end_at": "slot",
    "timezone": "slot",
    "appointment_definition_id": "definition",
    "profile_id": "profile",
    "desired_start_at": "desired_date",
}


def apply_write_errors(*, form: forms.Form, error: OmneoValidationError) -> None:
    """Put each 422 message beside its field, or in the summary; never a 500 on a stray key."""
    for key, texts in error.field_errors.items():
        name = WIRE_TO_FIELD.get(key, key)
        if name == "reason" and "notes" in form.fields:
            name = "notes"
        target = name if name in form.fields and name != "action_token" else None
        for text in texts:
            form.add_error(target, ValidationError(text, code="omneo"))
    if not error.field_errors:
        form.add_error(None, ValidationError(error.message, code="omneo"))
