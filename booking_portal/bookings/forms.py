"""The booking form and its answer forms: field validation only, no HTTP."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import (
    INITIAL_FORM_COUNT,
    MAX_NUM_FORM_COUNT,
    MIN_NUM_FORM_COUNT,
    TOTAL_FORM_COUNT,
    ManagementForm,
)

from booking_portal.jsonlogic import is_visible
from booking_portal.omneo.resources import Definition, Location, Person, Question

from . import messages
from .answer_encoding import raw_answer
from .answer_fields import answer_field
from .input_rules import (
    MAX_OMNEO_INT,
    SEARCH_MAX_LENGTH,
    is_in_booking_window,
    multi_line,
    single_line,
    validate_booking_window,
    validate_omneo_uuid,
)

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
ANSWERS_PREFIX = "answers"
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


class AnswerForm(forms.Form):
    """One booking question: the question's id (hidden) and the answer, shaped by its type."""

    questionnaire_question_id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, question: Question, visible: bool = True, **kwargs: Any):
        kwargs["initial"] = {
            **(kwargs.get("initial") or {}),
            "questionnaire_question_id": question.questionnaire_question_id,
        }
        super().__init__(*args, **kwargs)
        self.question = question
        self.visible = visible
        self.fields["value"] = answer_field(question)
        self.fields["value"].error_messages["required"] = f"“{question.label}” needs an answer."
        if not visible:
            self.fields["value"].required = False  # a hidden question is never required

    @property
    def visibility_json(self) -> str:
        """The question's visibility rule, for booking.js to evaluate as the server does."""
        return json.dumps(self.question.visibility_condition)

    def clean_questionnaire_question_id(self) -> int:
        return self.question.questionnaire_question_id  # the page, not the browser, says which


def _answers_visible(
    questions: Sequence[Question], source: Mapping[str, Any] | None
) -> list[tuple]:
    """Each question's submitted answer and whether it is shown, judged from earlier answers."""
    answers_by_key: dict[str, str] = {}
    judged = []
    for index, question in enumerate(questions):
        raw = None
        if source is not None:
            key = f"{ANSWERS_PREFIX}-{index}-value"
            is_multi = question.type == "multi_select" and hasattr(source, "getlist")
            raw = source.getlist(key) if is_multi else source.get(key)
        visible = is_visible(question.visibility_condition, answers_by_key)
        if visible and question.mapping_key:
            answers_by_key[question.mapping_key] = raw_answer(question, raw)
        judged.append((raw, visible))
    return judged


class BaseAnswerFormSet(forms.BaseFormSet):
    """One AnswerForm per booking question; the questions, not the browser, say how many."""

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        questions: Sequence[Question],
        initial_values: Mapping[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self.questions = list(questions)
        self._judged = _answers_visible(
            self.questions, data if data is not None else initial_values
        )
        super().__init__(data, prefix=ANSWERS_PREFIX, **kwargs)

    def total_form_count(self) -> int:
        return len(self.questions)

    def initial_form_count(self) -> int:
        return len(self.questions)  # no form is an optional "extra": each question validates

    @property
    def management_form(self) -> ManagementForm:
        """Counts from the questions, so a page posted without them (no JS, API) still validates."""
        count = len(self.questions)
        counts = {TOTAL_FORM_COUNT: count, INITIAL_FORM_COUNT: count}
        counts |= {MIN_NUM_FORM_COUNT: 0, MAX_NUM_FORM_COUNT: count}
        data = {f"{self.prefix}-{name}": value for name, value in counts.items()}
        form = ManagementForm(data, auto_id=self.auto_id, prefix=self.prefix)
        form.full_clean()
        return form

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        if index is None:  # the empty form: never rendered, the questions are fixed
            return {"question": Question(questionnaire_question_id=0, label="", type="text")}
        raw, visible = self._judged[index]
        kwargs: dict[str, Any] = {
            "question": self.questions[index],
            "visible": visible,
            "use_required_attribute": True,
        }
        if not self.is_bound and raw:
            kwargs["initial"] = {"value": raw}
        return kwargs


AnswerFormSet = forms.formset_factory(AnswerForm, formset=BaseAnswerFormSet, extra=0)


def answer_forms_for(
    questions: Sequence[Question],
    data: Mapping[str, Any] | None,
    *,
    initial: Mapping[str, Any] | None = None,
) -> BaseAnswerFormSet:
    """The answers formset (prefix "answers"), bound to data or showing initial values.

    Visibility is decided from the answers given so far, as booking.js decides it in the browser.
    """
    return AnswerFormSet(data, questions=questions, initial_values=initial)
