"""Booking questions as form fields, and their answers as the strings Omneo expects.

Encoding (one place): yes/no "true"/"false", numbers as decimal strings, dates YYYY-MM-DD, datetimes
"YYYY-MM-DD HH:MM:SS", multi-select and json as JSON strings, everything else as typed.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import forms

from booking_portal.omneo.resources import Question

YES_NO = [("true", "Yes"), ("false", "No")]


def _number_attrs(question: Question) -> dict[str, Any]:
    attrs: dict[str, Any] = {"inputmode": "decimal", "step": "any"}
    for bound in ("min", "max"):
        if question.validation.get(bound) is not None:
            attrs[bound] = question.validation[bound]
    return attrs


def answer_field(question: Question) -> forms.Field:
    """The form field that asks this question, by its type."""
    kind = question.type
    common: dict[str, Any] = {
        "label": question.label,
        "required": question.is_required,
        "help_text": question.help_text,
    }
    choices = [(option.value, option.label) for option in question.options]
    if kind in ("number", "slider"):
        low, high = question.validation.get("min"), question.validation.get("max")
        return forms.DecimalField(
            min_value=low,
            max_value=high,
            widget=forms.NumberInput(_number_attrs(question)),
            **common,
        )
    if kind == "boolean":
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    if kind == "single_select":
        return forms.ChoiceField(choices=[("", "Choose…"), *choices], **common)
    if kind == "multi_select":
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == "date":
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common
        )
    if kind == "datetime":
        widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
        return forms.DateTimeField(widget=widget, **common)
    if kind == "email":
        return forms.EmailField(**common)
    if kind == "phone":
        return forms.CharField(widget=forms.TextInput(attrs={"type": "tel"}), **common)
    if kind in ("textarea", "json"):
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    return forms.CharField(max_length=1000, **common)


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
