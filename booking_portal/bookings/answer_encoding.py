"""Answers as the strings Omneo expects, and back for people: the one place that encodes them.

Yes/no "true"/"false", numbers as decimal strings, dates YYYY-MM-DD, datetimes
"YYYY-MM-DD HH:MM:SS", multi-select and json as JSON strings, everything else as typed; an
unanswered question encodes to "" and is left out of the payload.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from booking_portal.omneo.resources import Question


def encode_answer(question: Question, value: Any) -> str:
    """A cleaned answer as the string sent to Omneo; "" means unanswered."""
    if value in (None, "", []):
        return ""
    if question.type == "multi_select":
        return json.dumps(list(value))
    if question.type == "json":
        try:
            return json.dumps(json.loads(value))
        except ValueError:
            return json.dumps(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def raw_answer(question: Question, raw: Any) -> str:
    """A submitted (not yet cleaned) answer, encoded for visibility rules."""
    if question.type == "multi_select":
        return json.dumps(list(raw)) if raw else ""
    return "" if raw is None else str(raw)


def answer_for_people(value: Any) -> str:
    """An answer as Omneo returns it (string, boolean, list or null), written for staff."""
    if isinstance(value, str) and value.startswith("["):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if value in (True, "true"):
        return "Yes"
    if value in (False, "false"):
        return "No"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def answer_in_words(question: Question, value: Any) -> str:
    """A cleaned answer as staff read it, with the question's own option labels."""
    labels = {option.value: option.label for option in question.options}
    if question.type == "multi_select":
        return ", ".join(labels.get(str(item), str(item)) for item in value or ())
    if question.type == "boolean":
        return {"true": "Yes", "false": "No"}.get(str(value).lower(), str(value))
    if question.options:
        return labels.get(str(value), str(value))
    return encode_answer(question, value)


def answers_in_words(answer_forms: Iterable[Any]) -> list[list[str]]:
    """[question, answer] for every shown, answered question of a valid answers formset."""
    shown = []
    for answer_form in answer_forms:
        value = answer_form.cleaned_data.get("value")
        if answer_form.visible and value not in (None, "", []):
            shown.append([answer_form.question.label, answer_in_words(answer_form.question, value)])
    return shown
