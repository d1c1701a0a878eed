"""The one table of actions offered per status, checked against the sandbox's lifecycle."""

from __future__ import annotations

import pytest

from booking_portal.appointments.transitions import (
    KIND_STATUS,
    OFFERED,
    Kind,
    actions_offered,
    one_press_actions,
)
from booking_portal.omneo.resources.appointments import STATUSES
from booking_portal.sandbox.appointments.lifecycle import ALLOWED_TRANSITIONS, RESCHEDULABLE


@pytest.mark.parametrize("status", STATUSES)
def test_no_status_change_is_offered_that_the_sandbox_refuses(status):
    for kind in actions_offered(status):
        if kind in KIND_STATUS:
            assert KIND_STATUS[kind] in ALLOWED_TRANSITIONS[status], (status, kind)
        else:
            assert kind == Kind.RESCHEDULE
            assert status in RESCHEDULABLE


def test_the_table_offers_exactly_what_the_issue_asks():
    assert OFFERED == {
        "requested": ("confirm", "reject", "cancel", "reschedule"),
        "confirmed": ("arrive", "no_show", "cancel", "reschedule"),
        "arrived": ("complete",),
    }


@pytest.mark.parametrize("status", ["cancelled", "rejected", "completed", "no_show", "odd"])
def test_finished_or_unknown_statuses_offer_nothing(status):
    assert actions_offered(status) == ()


def test_cancel_and_reschedule_are_not_one_press_buttons():
    kinds = [kind for kind, _ in one_press_actions("confirmed")]
    assert kinds == ["arrive", "no_show"]
