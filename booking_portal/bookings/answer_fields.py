"""Booking questions as form fields, one field class and widget per question type."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import escape

from booking_portal.common.input_rules import multi_line, single_line, validate_answer_window
from booking_portal.omneo.resources import Question

YES_NO = [("true", "Yes"), ("false", "No")]
TEXT_MAX_LENGTH = 1000
LONG_TEXT_MAX_LENGTH = 5000
PHONE_MAX_LENGTH = 32
NUMBER_MAX_DIGITS = 30


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
        # Django and crispy render help text as HTML; Omneo's is plain text.
        "help_text": escape(question.help_text),
    }
    choices = [(option.value, option.label) for option in question.options]
    if kind in ("number", "slider"):
        low, high = question.validation.get("min"), question.validation.get("max")
        return forms.DecimalField(
            min_value=low,
            max_value=high,
            max_digits=NUMBER_MAX_DIGITS,
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
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            validators=[validate_answer_window],
            **common,
        )
    if kind == "datetime":
        widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
        return forms.DateTimeField(widget=widget, validators=[validate_answer_window], **common)
    if kind == "email":
        return forms.EmailField(validators=[single_line], **common)
    if kind == "phone":
        widget = forms.TextInput(attrs={"type": "tel"})
        return forms.CharField(
            widget=widget, max_length=PHONE_MAX_LENGTH, validators=[single_line], **common
        )
    if kind in ("textarea", "json"):
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=LONG_TEXT_MAX_LENGTH,
            validators=[multi_line],
            **common,
        )
    return forms.CharField(max_length=TEXT_MAX_LENGTH, validators=[single_line], **common)
