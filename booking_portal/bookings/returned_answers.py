"""Answers as Omneo returns them on an appointment, written for staff with the questions' labels.

Omneo gives back each answer's raw value (an option's value, "true", a list or a JSON list) and a
question label that may be a key; the service's questions turn both into the words staff chose.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from booking_portal.omneo.resources import AppointmentAnswer, Question

from .answer_encoding import answer_for_people, answer_in_words


def _as_list(value: Any) -> list[Any]:
    """A multi-select answer as a list, whether Omneo sent a list or a JSON string of one."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def returned_answer_in_words(question: Question | None, value: Any) -> str:
    """One returned answer in words: option labels, Yes/No, lists joined with commas."""
    if question is None:
        return answer_for_people(value)
    if question.type == "multi_select":
        return answer_in_words(question, [str(item) for item in _as_list(value)])
    if question.type == "boolean" or isinstance(value, bool):
        return answer_for_people(value)
    if question.options and not isinstance(value, list):
        return answer_in_words(question, "" if value is None else str(value))
    return answer_for_people(value)


def returned_answers_in_words(
    answers: Iterable[AppointmentAnswer], questions: Sequence[Question]
) -> list[list[str]]:
    """[question, answer] for every answered question, labelled as the service asks it."""
    by_id = {question.questionnaire_question_id: question for question in questions}
    shown = []
    for answer in answers:
        if answer.value in (None, "", []):
            continue
        question = by_id.get(answer.questionnaire_question_id)
        label = question.label if question else answer.label
        label = label or f"Question {answer.questionnaire_question_id}"
        shown.append([label, returned_answer_in_words(question, answer.value)])
    return shown
