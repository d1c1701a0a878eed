"""The booking questions' forms: one per question, shaped by its type, shown by its rule."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.forms.formsets import (
    INITIAL_FORM_COUNT,
    MAX_NUM_FORM_COUNT,
    MIN_NUM_FORM_COUNT,
    TOTAL_FORM_COUNT,
    ManagementForm,
)

from booking_portal.common.jsonlogic import is_visible
from booking_portal.omneo.resources import Question

from .answer_encoding import raw_answer
from .answer_fields import answer_field

ANSWERS_PREFIX = "answers"


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
            # but keeps its mark (bootstrap5/field.html) for when booking.js shows it
            self.fields["value"].marked_required = question.is_required

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
