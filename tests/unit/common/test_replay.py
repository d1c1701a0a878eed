"""Replays from the browser's outbox: the key must be the form's token; redirects are named."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.test import RequestFactory

from booking_portal.common.replay import KEY_MISMATCH, OUTBOX_LOCATION, replayable

TOKEN = "0b8e7e9c-3f55-4c6a-9c2e-5d7f1a2b3c4d"


@pytest.fixture
def calls() -> list[str]:
    return []


@pytest.fixture
def booked(calls):
    """A view that records each call and redirects to a confirmation, setting a cookie."""

    @replayable(key_field="form_token")
    def view(request):
        calls.append(request.POST.get("form_token", ""))
        response = redirect("/book/done/7/")
        response.set_cookie("kept", "yes")
        return response

    return view


def test_without_the_header_the_view_answers_as_always(booked, calls):
    response = booked(RequestFactory().post("/book/", {"form_token": TOKEN}))

    assert response.status_code == 302
    assert response["Location"] == "/book/done/7/"
    assert calls == [TOKEN]


def test_a_replay_under_its_own_token_gets_the_redirect_named_not_followed(booked, calls):
    request = RequestFactory().post(
        "/book/", {"form_token": TOKEN}, headers={"Idempotency-Key": TOKEN}
    )

    response = booked(request)

    assert response.status_code == 204
    assert response[OUTBOX_LOCATION] == "/book/done/7/"
    assert not response.has_header("Location")
    assert response.cookies["kept"].value == "yes"
    assert calls == [TOKEN]


def test_a_key_that_is_not_the_forms_token_is_refused_and_nothing_runs(booked, calls):
    request = RequestFactory().post(
        "/book/", {"form_token": TOKEN}, headers={"Idempotency-Key": "another"}
    )

    response = booked(request)

    assert response.status_code == 400
    assert response.content.decode() == KEY_MISMATCH
    assert calls == []


def test_a_key_without_a_token_in_the_form_is_refused(booked, calls):
    response = booked(RequestFactory().post("/book/", {}, headers={"Idempotency-Key": TOKEN}))

    assert response.status_code == 400
    assert calls == []


def test_a_page_answer_to_a_replay_is_passed_on_unchanged():
    @replayable(key_field="action_token")
    def refused(request):
        return HttpResponse("<main>refused</main>", status=422)

    request = RequestFactory().post(
        "/act/", {"action_token": TOKEN}, headers={"Idempotency-Key": TOKEN}
    )

    response = refused(request)

    assert response.status_code == 422
    assert response.content == b"<main>refused</main>"
