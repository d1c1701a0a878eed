"""Fields as plain markup: the widget each question type needs, labelled, with errors described."""

from __future__ import annotations

from django.template import engines

from booking_portal.bookings.answer_forms import answer_forms_for
from booking_portal.omneo.resources import Question, QuestionOption

FIELD = engines["django"].from_string("{% load plain_fields %}{% field_block form.value %}")
OPTIONS = (
    QuestionOption(label="Sleeves", value="sleeves"),
    QuestionOption(label="Waist", value="waist"),
)


def rendered(question: Question, data: dict | None = None) -> str:
    forms = answer_forms_for([question], data)
    if data is not None:
        forms.is_valid()
    return FIELD.render({"form": forms[0]})


def test_a_multi_select_is_a_list_of_checkboxes():
    html = rendered(
        Question(questionnaire_question_id=1, label="Areas", type="multi_select", options=OPTIONS)
    )

    assert (
        '<input type="checkbox" name="answers-0-value" value="sleeves" id="id_answers-0-value_0"'
        in html
    )
    assert '<label for="id_answers-0-value_0" class="form-check-label">Sleeves</label>' in html


def test_a_yes_no_question_is_a_pair_of_radios():
    html = rendered(Question(questionnaire_question_id=1, label="Altered?", type="boolean"))

    assert html.count('type="radio"') == 2


def test_a_required_answer_left_empty_says_so_beside_the_field():
    question = Question(
        questionnaire_question_id=1,
        label="Fit",
        type="single_select",
        is_required=True,
        options=OPTIONS,
    )

    html = rendered(question, {"answers-0-value": ""})

    assert '<label for="id_answers-0-value" class="form-label requiredField">Fit' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_answers-0-value_error"' in html
    assert '<div id="id_answers-0-value_error" class="invalid-feedback">' in html
    assert "is-invalid" in html


def test_text_is_escaped():
    question = Question(
        questionnaire_question_id=1, label="<b>Note</b>", type="text", help_text="<i>x</i>"
    )

    html = rendered(question, {"answers-0-value": '"><script>'})

    assert "<b>" not in html
    assert "<i>" not in html
    assert "<script>" not in html
    assert 'value="&quot;&gt;&lt;script&gt;"' in html


def test_a_selects_options_mark_the_value_chosen_and_escape_labels():
    from django import forms

    from booking_portal.bookings.templatetags.plain_fields import select_options

    class Stores(forms.Form):
        location = forms.TypedChoiceField(
            coerce=int, choices=[("", "Choose a store…"), (13, "<Melbourne>"), (14, "Brisbane")]
        )

    chosen = select_options(Stores(initial={"location": 14})["location"])
    none = select_options(Stores()["location"])

    assert '<option value="14" selected>Brisbane</option>' in chosen
    assert "&lt;Melbourne&gt;" in chosen
    assert chosen.count("selected") == 1
    assert none.startswith('<option value="" selected>Choose a store…</option>')
