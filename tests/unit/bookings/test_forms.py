"""The booking form and answer forms: field validation only."""

from __future__ import annotations

from booking_portal.bookings.answer_fields import encode_answer
from booking_portal.bookings.forms import AnswerForm
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


def test_empty_answers_encode_to_nothing():
    assert encode_answer(QUESTIONS[3], []) == ""
    assert encode_answer(QUESTIONS[0], None) == ""


def test_answers_read_back_for_people():
    from booking_portal.bookings.answer_fields import answer_for_people

    assert [answer_for_people(v) for v in ("true", False, '["waist", "hem"]', None, "slim")] == [
        "Yes",
        "No",
        "waist, hem",
        "",
        "slim",
    ]
