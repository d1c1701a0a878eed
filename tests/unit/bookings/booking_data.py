"""Omneo records and submitted data for the booking form's unit tests."""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo

from django.http import QueryDict

from booking_portal.bookings.answer_forms import BaseAnswerFormSet, answer_forms_for
from booking_portal.bookings.forms import BookingForm
from booking_portal.bookings.payload import BookingChoices
from booking_portal.omneo.resources import Definition, Location, Person, Question, QuestionOption

FITTING = Definition(id=1, name="Suit fitting", duration_minutes=45, booking_type="instant")
STYLING = Definition(id=2, name="Styling", duration_minutes=60, requires_staff=True)
MELBOURNE = Location(id=13, name="Melbourne Central", timezone="Australia/Melbourne")
AVA = Person(
    id="9b1d2c64-0c39-4f3e-9d53-2f2a4c1f0a01",
    first_name="Ava",
    last_name="Nguyen",
    email="ava@example.com",
)
KIM = Person(id="5e0c7a1e-7d2b-4c55-8f1e-3b9a6d2c4e10", first_name="Kim", last_name="Lee")
QUESTIONS = [
    Question(
        questionnaire_question_id=21,
        label="Which garment?",
        type="single_select",
        mapping_key="garment",
        is_required=True,
        options=(QuestionOption("Suit", "suit"), QuestionOption("Dress", "dress")),
    ),
    Question(
        questionnaire_question_id=23,
        label="Alterations?",
        type="boolean",
        mapping_key="has_alterations",
    ),
    Question(
        questionnaire_question_id=24,
        label="What needs altering?",
        type="textarea",
        mapping_key="alterations",
        is_required=True,
        visibility_condition={"==": [{"var": "has_alterations"}, "true"]},
    ),
    Question(
        questionnaire_question_id=25,
        label="Areas",
        type="multi_select",
        mapping_key="areas",
        options=(QuestionOption("Waist", "waist"), QuestionOption("Hem", "hem")),
    ),
    Question(
        questionnaire_question_id=26,
        label="Date of the event",
        type="date",
        mapping_key="event_date",
    ),
    Question(questionnaire_question_id=27, label="Chest (cm)", type="number", mapping_key="chest"),
]
SLOT = "2026-05-11T10:00"


def submitted(**fields: str | list[str]) -> QueryDict:
    """A valid booking POST for the fitting, with fields replaced or added."""
    values: dict[str, str | list[str]] = {
        "form_token": str(uuid.uuid4()),
        "definition": "1",
        "profile": AVA.id,
        "location": "13",
        "date": "2026-05-11",
        "staff": "",
        "slot": SLOT,
        "answers-0-value": "suit",
        "answers-1-value": "false",
        **fields,
    }
    data = QueryDict(mutable=True)
    for key, value in values.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return data


def bound_forms(
    data: QueryDict, definition: Definition = FITTING
) -> tuple[BookingForm, BaseAnswerFormSet]:
    form = BookingForm(
        data,
        definitions=[FITTING, STYLING],
        definition=definition,
        locations=[MELBOURNE],
        staff=[KIM],
        profiles=[AVA],
        slot_choices=[(SLOT, "10:00 AM")],
    )
    return form, answer_forms_for(QUESTIONS, data)


def choices(staff: Person | None = None) -> BookingChoices:
    return BookingChoices(FITTING, MELBOURNE, ZoneInfo("Australia/Melbourne"), AVA, staff)
