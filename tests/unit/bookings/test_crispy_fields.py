"""Fields through crispy-forms: each question type's widget, labelled, with errors described."""

from __future__ import annotations

import re

from django import forms
from django.template import engines

from booking_portal.bookings.answer_forms import answer_forms_for
from booking_portal.omneo.resources import Question, QuestionOption

FIELD = engines["django"].from_string(
    "{% load crispy_forms_filters %}{{ form.value|as_crispy_field }}"
)
OPTIONS = (
    QuestionOption(label="Sleeves", value="sleeves"),
    QuestionOption(label="Waist", value="waist"),
)


def rendered(question: Question, data: dict | None = None, **kwargs) -> str:
    forms = answer_forms_for([question], data, **kwargs)
    if data is not None:
        forms.is_valid()
    return FIELD.render({"form": forms[0]})


def tag(html: str, name: str, **attrs: str) -> str:
    """The one <name> tag carrying all these attributes."""
    wanted = [f'{key.rstrip("_").replace("_", "-")}="{value}"' for key, value in attrs.items()]
    found = [
        match
        for match in re.findall(rf"<{name}\b[^>]*>", html)
        if all(attribute in match for attribute in wanted)
    ]
    assert len(found) == 1, found
    return found[0]


def test_a_multi_select_is_a_list_of_checkboxes():
    html = rendered(
        Question(questionnaire_question_id=1, label="Areas", type="multi_select", options=OPTIONS)
    )

    checkbox = tag(html, "input", id="id_answers-0-value_0")
    assert 'type="checkbox"' in checkbox
    assert 'name="answers-0-value"' in checkbox
    assert 'value="sleeves"' in checkbox
    assert re.search(
        r'<label for="id_answers-0-value_0" class="form-check-label">\s*Sleeves\s*</label>', html
    )


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

    label = tag(html, "label", for_="id_answers-0-value")
    assert "requiredField" in label
    assert re.search(
        r'<label[^>]*>\s*Fit<span class="asteriskField" aria-hidden="true">\*</span>'
        r'<span class="visually-hidden"> \(required\)</span>',
        html,
    )
    select = tag(html, "select", id="id_answers-0-value")
    assert 'aria-invalid="true"' in select
    assert 'aria-describedby="id_answers-0-value_error"' in select
    assert "is-invalid" in select
    assert '<div id="id_answers-0-value_error" class="invalid-feedback">' in html


def test_a_question_hidden_by_its_rule_is_not_required_yet_keeps_its_mark():
    question = Question(
        questionnaire_question_id=1,
        label="Fit",
        type="text",
        is_required=True,
        visibility_condition={"==": [{"var": "never"}, "shown"]},
    )

    html = rendered(question, {"answers-0-value": ""})

    assert "invalid-feedback" not in html  # not required while hidden
    assert "requiredField" in tag(html, "label", for_="id_answers-0-value")
    assert "(required)" in html


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
    class Stores(forms.Form):
        location = forms.TypedChoiceField(
            coerce=int, choices=[("", "Choose a store…"), (13, "<Melbourne>"), (14, "Brisbane")]
        )

    field = engines["django"].from_string(
        "{% load crispy_forms_filters %}{{ form.location|as_crispy_field }}"
    )
    chosen = field.render({"form": Stores(initial={"location": 14})})
    none = field.render({"form": Stores()})

    assert '<option value="14" selected>Brisbane</option>' in chosen
    assert "&lt;Melbourne&gt;" in chosen
    assert chosen.count(" selected>") == 1
    assert '<option value="" selected>Choose a store…</option>' in none
    assert none.count(" selected>") == 1
