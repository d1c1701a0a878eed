"""The booking form and answer forms: field validation only."""

from __future__ import annotations

from booking_portal.bookings.answer_forms import AnswerForm
from tests.unit.bookings.booking_data import QUESTIONS, STYLING, bound_forms, submitted


def test_a_complete_fitting_is_valid():
    form, answer_forms = bound_forms(submitted())

    assert form.is_valid(), form.errors
    assert all(answer_form.is_valid() for answer_form in answer_forms)


def test_customer_store_and_time_are_required():
    form, _ = bound_forms(submitted(profile="", location="", slot=""))

    assert not form.is_valid()
    assert {"profile", "location", "slot"} <= set(form.errors)


def test_a_staff_service_requires_a_staff_member():
    form, _ = bound_forms(submitted(definition="2"), definition=STYLING)

    assert not form.is_valid()
    assert "staff" in form.errors


def test_a_staff_member_outside_the_offered_list_is_refused():
    form, _ = bound_forms(submitted(staff="someone-else"))

    assert "staff" in form.errors


def test_a_required_question_must_be_answered():
    _, answer_forms = bound_forms(submitted(**{"answers-0-value": ""}))

    assert not answer_forms[0].is_valid()


def test_a_hidden_required_question_is_not_required():
    _, answer_forms = bound_forms(submitted(**{"answers-1-value": "false"}))

    assert answer_forms[2].visible is False
    assert answer_forms[2].is_valid()


def test_a_shown_required_question_is_required():
    _, answer_forms = bound_forms(submitted(**{"answers-1-value": "true"}))

    assert answer_forms[2].visible is True
    assert not answer_forms[2].is_valid()


def test_answer_widgets_follow_the_question_type():
    widgets = {
        q.type: type(AnswerForm(question=q).fields["value"].widget).__name__ for q in QUESTIONS
    }

    assert widgets == {
        "single_select": "Select",
        "boolean": "RadioSelect",
        "textarea": "Textarea",
        "multi_select": "CheckboxSelectMultiple",
        "date": "DateInput",
        "number": "NumberInput",
    }


def test_meta_is_one_tag_per_line():
    form, _ = bound_forms(submitted(meta="a\n\n b \n"))

    assert form.is_valid()
    assert form.cleaned_data["meta"] == ["a", "b"]


def test_answers_are_a_formset_prefixed_answers():
    _, answer_forms = bound_forms(submitted())

    assert answer_forms.prefix == "answers"
    assert [f["value"].auto_id for f in answer_forms][:2] == [
        "id_answers-0-value",
        "id_answers-1-value",
    ]


def test_the_questions_not_the_post_say_how_many_answers_there_are():
    # Given a POST without management data, or with tampered counts
    tampered = submitted(**{"answers-TOTAL_FORMS": "0", "answers-INITIAL_FORM_COUNT": "0"})

    for data in (submitted(), tampered):
        _, answer_forms = bound_forms(data)

        assert answer_forms.is_valid(), answer_forms.non_form_errors()
        assert len(answer_forms) == len(QUESTIONS)


def test_a_required_answer_is_not_skipped_as_an_empty_extra_form():
    _, answer_forms = bound_forms(submitted(**{"answers-0-value": ""}))

    assert not answer_forms.is_valid()
    assert "value" in answer_forms[0].errors
