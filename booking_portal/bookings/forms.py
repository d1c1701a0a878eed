"""The booking form and its answer forms: field validation only, no HTTP."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from booking_portal.common.input_rules import (
    MAX_OMNEO_INT,
    SEARCH_MAX_LENGTH,
    is_in_booking_window,
    multi_line,
    single_line,
    validate_booking_window,
    validate_omneo_uuid,
)
from booking_portal.omneo.resources import Definition, Location, Person

from . import messages

# A new booking starts requested or confirmed; the rest of the lifecycle happens on the day view.
STATUS_CHOICES = [
    ("", "As the service decides"),
    ("requested", "Requested: waits for approval"),
    ("confirmed", "Confirmed"),
]
BOOKING_TYPE_WORDS = {
    "instant": "confirmed at once",
    "approval_required": "needs approval",
    "walk_in_only": "walk-in only: cannot be booked ahead",
}
SLOT_FORMAT = "%Y-%m-%dT%H:%M"
CHOOSE_AGAIN = {
    "definition": messages.SERVICE_AGAIN,
    "location": messages.STORE_AGAIN,
    "staff": messages.STAFF_AGAIN,
}
ANY_STAFF = ""
NOTES_MAX_LENGTH = 5000
META_MAX_LENGTH = 2000


def service_in_words(definition: Definition) -> str:
    """A service as staff choose it: "Suit fitting · 45 min · confirmed at once"."""
    words = BOOKING_TYPE_WORDS.get(definition.booking_type, definition.booking_type)
    return f"{definition.name} · {definition.duration_minutes} min · {words}"


def customer_in_words(person: Person) -> str:
    """A customer in a list: enough to tell two of the same name apart."""
    return " · ".join(
        part for part in (person.display_name, person.email, person.mobile_phone) if part
    )


class BookingForm(forms.Form):
    """Everything a StoreAppointment holds, as staff enter it; choices come from Omneo look-ups."""

    form_token = forms.UUIDField(widget=forms.HiddenInput)
    definition = forms.TypedChoiceField(label="Service", coerce=int)
    profile_search = forms.CharField(
        label="Find a customer",
        required=False,
        help_text="by name, email or phone",
        max_length=SEARCH_MAX_LENGTH,
        validators=[single_line],
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    profile = forms.CharField(
        label="Customer", widget=forms.RadioSelect, validators=[validate_omneo_uuid]
    )
    location = forms.TypedChoiceField(label="Store", coerce=int)
    date = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[validate_booking_window],
    )
    staff = forms.ChoiceField(label="Staff member", required=False)
    slot = forms.CharField(label="Time", widget=forms.RadioSelect, max_length=16)
    status = forms.ChoiceField(label="Status", choices=STATUS_CHOICES, required=False)
    confirmed_at = forms.DateTimeField(
        label="Confirmed at",
        required=False,
        help_text="In the store's time zone. Leave empty to use the time of booking.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=SLOT_FORMAT),
        validators=[validate_booking_window],
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=NOTES_MAX_LENGTH,
        validators=[multi_line],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    meta = forms.CharField(
        label="Tags",
        required=False,
        help_text="One per line.",
        max_length=META_MAX_LENGTH,
        validators=[multi_line],
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    transaction_id = forms.IntegerField(
        label="Transaction id", required=False, min_value=1, max_value=MAX_OMNEO_INT
    )
    transaction_external_id = forms.CharField(
        label="Transaction external id", required=False, max_length=255, validators=[single_line]
    )
    transaction_receipt_ref = forms.CharField(
        label="Transaction receipt ref", required=False, max_length=255, validators=[single_line]
    )
    order_id = forms.IntegerField(
        label="Order id", required=False, min_value=1, max_value=MAX_OMNEO_INT
    )
    order_external_id = forms.CharField(
        label="Order external id", required=False, max_length=255, validators=[single_line]
    )
    order_receipt_ref = forms.CharField(
        label="Order receipt ref", required=False, max_length=255, validators=[single_line]
    )
    order_number = forms.CharField(
        label="Order number", required=False, max_length=255, validators=[single_line]
    )

    def __init__(
        self,
        *args: Any,
        definitions: Sequence[Definition] = (),
        definition: Definition | None = None,
        locations: Sequence[Location] = (),
        staff: Sequence[Person] = (),
        profiles: Sequence[Person] = (),
        slot_choices: Sequence[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {}).setdefault("form_token", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.chosen_definition = definition
        self.definitions = list(definitions)
        self.fields["definition"].choices = [("", "Choose a service…")] + [
            (d.id, service_in_words(d)) for d in definitions
        ]
        self.fields["location"].choices = [("", "Choose a store…")] + [
            (location.id, location.name) for location in locations
        ]
        staff_choices = [(person.id, person.display_name) for person in staff]
        if definition is not None and definition.requires_staff:
            self.fields["staff"].required = True
            self.fields["staff"].choices = [("", "Choose a staff member…"), *staff_choices]
        else:
            self.fields["staff"].choices = [(ANY_STAFF, "Any available"), *staff_choices]
        self.fields["profile"].widget.choices = [
            (person.id, customer_in_words(person)) for person in profiles
        ]
        if definition is not None:
            words = BOOKING_TYPE_WORDS.get(definition.booking_type, "")
            self.fields["status"].choices = [
                ("", f"As the service decides ({words})"),
                *STATUS_CHOICES[1:],
            ]
        self.fields["slot"].widget.choices = list(slot_choices)
        for field in self.fields.values():
            field.error_messages["required"] = f"{field.label} is required."
        # A value the page did not offer means the page changed under the staff member.
        for name, text in CHOOSE_AGAIN.items():
            self.fields[name].error_messages["invalid_choice"] = text

    def clean_definition(self) -> int:
        chosen = self.cleaned_data["definition"]
        service = next((d for d in self.definitions if d.id == chosen), None)
        if service is not None and not service.offers_slots:
            raise ValidationError(messages.WALK_IN_ONLY, code="walk_in_only")
        return chosen

    def clean_slot(self) -> datetime:
        try:
            # Store-local wall clock: payload.py puts it in the store's zone.
            start = datetime.strptime(self.cleaned_data["slot"], SLOT_FORMAT)  # noqa: DTZ007
        except ValueError as exc:
            raise ValidationError("Choose a time from the list.", code="invalid") from exc
        if not is_in_booking_window(start):
            raise ValidationError("Choose a time from the list.", code="out_of_window")
        return start

    def clean_meta(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["meta"].splitlines() if line.strip()]
