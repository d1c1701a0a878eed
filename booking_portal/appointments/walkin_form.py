"""The day's Add walk-in form: a service, the customer found by search (or none), staff, note."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django import forms
from django.http import QueryDict

from booking_portal.common.input_rules import parse_positive_id
from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.reads import catalogue
from booking_portal.omneo.resources import Definition, Location, Person, QueueEntryInput

from .forms import TokenForm, customer_label
from .walkins import WALK_IN_ACTIONS, walk_in_services

PREFIX = "walkin"  # the waitlist's form is on the same page: keep the ids apart


class WalkInAddForm(TokenForm):
    definition = forms.TypedChoiceField(coerce=int, label="Service")
    profile_search = forms.CharField(
        label="Customer",
        required=False,
        max_length=100,
        help_text="Name, email or phone, then choose the customer; or leave empty for a walk-in "
        "who gives no name.",
    )
    profile = forms.UUIDField(
        label="Choose the customer",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid": "Choose the customer from the list."},
    )
    # Choices are the staff on the day's list; Omneo refuses (422) any id it does not know.
    staff = forms.CharField(
        label="Staff member", required=False, max_length=64, widget=forms.Select
    )
    notes = forms.CharField(label="Note", max_length=500, required=False)

    def __init__(
        self,
        *args: object,
        services: Sequence[tuple[int, str]] = (),
        customers: Sequence[Person] = (),
        staff: Sequence[tuple[str, str]] = (),
        customers_problem: str = "",
        **kwargs: object,
    ) -> None:
        kwargs.setdefault("prefix", PREFIX)
        super().__init__(*args, **kwargs)
        self.customers_problem = customers_problem
        self.fields["definition"].choices = list(services)
        self.fields["profile"].widget.choices = [
            (person.id, customer_label(person)) for person in customers
        ]
        self.fields["staff"].widget.choices = [("", "Anyone"), *staff]


def walk_in_form_fresh(
    *, definitions: Sequence[Definition], staff: Sequence[tuple[str, str]] = ()
) -> WalkInAddForm:
    """An empty Add walk-in form under a new token."""
    services = walk_in_services(definitions)
    return WalkInAddForm.fresh(services=services, staff=staff)  # type: ignore[return-value]


def walk_in_form_bound(data: QueryDict, *, fresh_token: bool = False) -> WalkInAddForm:
    """A submitted form, its services from the cached catalogue (no other read).

    With `fresh_token`, under a new token: the posted one is spent on a refused write.
    """
    if fresh_token:
        data = data.copy()
        data[f"{PREFIX}-action_token"] = str(uuid.uuid4())
    try:
        definitions = catalogue.definition_list()
    except OmneoError:
        definitions = []
    return WalkInAddForm(data, services=walk_in_services(definitions))


def walk_in_store(value: str) -> Location | None:
    """The store the day showed (from the cached store list), else None."""
    location_id = parse_positive_id(value)
    try:
        stores = catalogue.location_list()
    except OmneoError:
        return None
    return next((store for store in stores if store.id == location_id), None)


def walk_in_entry(form: WalkInAddForm, *, location_id: int) -> QueueEntryInput:
    """The queue entry a valid form asks for; no customer chosen means an anonymous walk-in."""
    data = form.cleaned_data
    return QueueEntryInput(
        appointment_definition_id=data["definition"],
        location_id=location_id,
        profile_id=str(data["profile"]) if data["profile"] else None,
        staff_id=data["staff"] or None,
        notes=data["notes"] or None,
    )


class WalkInActionForm(TokenForm):
    """Call, serve or remove: the kind, and for Served whether to book an appointment next."""

    kind = forms.ChoiceField(
        choices=sorted(
            {(kind, kind) for actions in WALK_IN_ACTIONS.values() for kind, _ in actions}
        )
    )
    book = forms.BooleanField(required=False)
