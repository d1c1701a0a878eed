"""Answers Omneo returns on an appointment, labelled as the service asks them."""

from __future__ import annotations

import pytest

from booking_portal.bookings.returned_answers import (
    returned_answer_in_words,
    returned_answers_in_words,
)
from booking_portal.omneo.resources import AppointmentAnswer, Question, QuestionOption

FIT = Question(
    questionnaire_question_id=21,
    label="Preferred fit",
    type="single_select",
    options=(QuestionOption("Slim", "slim"), QuestionOption("Regular", "regular")),
)
AREAS = Question(
    questionnaire_question_id=25,
    label="Areas to alter",
    type="multi_select",
    options=(QuestionOption("Sleeves", "sleeves"), QuestionOption("Waist", "waist")),
)
ALTERING = Question(questionnaire_question_id=23, label="Any alterations?", type="boolean")


@pytest.mark.parametrize(
    ("question", "value", "words"),
    [
        (FIT, "slim", "Slim"),
        (AREAS, ["sleeves", "waist"], "Sleeves, Waist"),
        (AREAS, '["sleeves", "waist"]', "Sleeves, Waist"),
        (ALTERING, True, "Yes"),
        (ALTERING, "false", "No"),
        (FIT, "tailored", "tailored"),  # an option the service no longer lists
        (None, ["a", "b"], "a, b"),  # the question is unknown: the value as Omneo sent it
        (None, True, "Yes"),
    ],
)
def test_an_answer_reads_with_the_options_labels(question, value, words):
    assert returned_answer_in_words(question, value) == words


def test_answers_take_the_questions_label_and_skip_unanswered_ones():
    answers = [
        AppointmentAnswer(questionnaire_question_id=21, label="fit_q", value="slim"),
        AppointmentAnswer(questionnaire_question_id=25, label="areas", value=None),
        AppointmentAnswer(questionnaire_question_id=99, label="Gift wrap", value="true"),
    ]

    shown = returned_answers_in_words(answers, [FIT, AREAS])

    assert shown == [["Preferred fit", "Slim"], ["Gift wrap", "Yes"]]
