"""Omneo's 422 messages onto the booking form and its answer forms: the one place that does it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from booking_portal.omneo.errors import OmneoValidationError

from .answer_forms import AnswerForm
from .forms import BookingForm
from .payload import WIRE_FIELD_TO_FORM_FIELD

ANSWER_KEY = re.compile(r"^answers\.(\d+)(?:\.(\w+))?$")
LIST_ITEM_KEY = re.compile(r"^(meta)\.\d+$")  # one tag of the list: the tags field


def _readable(message: str, key: str, label: str) -> str:
    """Replace Laravel's dotted attribute ("answers.2.value", "scheduled start at") with a label."""
    for token in (key, key.replace("_", " ")):
        if token in message:
            return message.replace(token, f"“{label}”")
    return message


def _labelled(message: str, key: str, label: str) -> str:
    """The message with its attribute made readable, or prefixed with the label if it names none."""
    text = _readable(message, key, label)
    return text if text != message else f"{label}: {message}"


def _add(form: forms.Form, field: str | None, message: str) -> None:
    if field is not None and field not in form.fields:
        field = None
    if message in form.errors.get(field or NON_FIELD_ERRORS, []):
        return  # every message once
    form.add_error(field, ValidationError(message, code="omneo"))


def _apply_answer_error(
    *,
    key: str,
    messages: Sequence[str],
    form: BookingForm,
    answer_forms: Sequence[AnswerForm],
    answer_index: Sequence[int],
) -> None:
    match = ANSWER_KEY.match(key)
    if match is None:  # "answers" itself: about the list as a whole
        for message in messages:
            _add(form, None, _readable(message, key, "Booking questions"))
        return
    position, sub_key = int(match.group(1)), match.group(2)
    if position >= len(answer_index):
        for message in messages:
            _add(form, None, _labelled(message, key, f"Booking question {position + 1}"))
        return
    answer_form = answer_forms[answer_index[position]]
    label = answer_form.question.label
    # The question id is hidden: its errors belong on the visible answer.
    target = "value" if sub_key in ("value", "questionnaire_question_id") else None
    for message in messages:
        _add(answer_form, target, _readable(message, key, label))


def apply_omneo_errors(
    *,
    error: OmneoValidationError,
    form: BookingForm,
    answer_forms: Sequence[AnswerForm],
    answer_index: Sequence[int],
) -> None:
    """Put every 422 message beside the field that caused it; the rest into the summary."""
    if not error.field_errors:
        _add(form, None, error.message)
        return
    for key, messages in error.field_errors.items():
        if key == "answers" or key.startswith("answers."):
            _apply_answer_error(
                key=key,
                messages=messages,
                form=form,
                answer_forms=answer_forms,
                answer_index=answer_index,
            )
            continue
        item = LIST_ITEM_KEY.match(key)
        field = WIRE_FIELD_TO_FORM_FIELD.get(item.group(1) if item else key)
        add_key_messages(form=form, key=key, messages=messages, field=field)


def add_key_messages(
    *, form: forms.Form, key: str, messages: Sequence[str], field: str | None
) -> None:
    """One 422 key's messages beside the form's field, or above the form, labelled, without one."""
    if field is not None and field in form.fields:
        for message in messages:
            _add(form, field, _readable(message, key, str(form.fields[field].label)))
        return
    label = key.replace(".", " ").replace("_", " ").capitalize()  # "capacity" → "Capacity"
    for message in messages:
        _add(form, None, _labelled(message, key, label))


def apply_form_errors(*, error: OmneoValidationError, form: forms.Form) -> None:
    """A 422 onto a plain form whose fields are named as Omneo's keys (a new customer)."""
    if not error.field_errors:
        _add(form, None, error.message)
        return
    for key, messages in error.field_errors.items():
        add_key_messages(form=form, key=key, messages=messages, field=key)
