"""Admin review: list, filters, search, detail, CSV export, check/resubmit."""

from __future__ import annotations

import csv
import io

import pytest

from booking_portal.writes.models import BookingAttempt
from tests.conftest import MOCK_BASE_URL
from tests.factories import BookingAttemptFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/writes/bookingattempt/"


@pytest.fixture
def admin_client(client, booking_admin):
    client.force_login(booking_admin)
    return client


def test_the_list_shows_when_who_what_where_and_the_outcome(admin_client, staff_user):
    BookingAttemptFactory(booked_by=staff_user, customer_name="Ava Nguyen", omneo_appointment_id=91)

    text = admin_client.get(CHANGELIST).text

    for expected in ("Ava Nguyen", "Suit fitting", "Melbourne Central", "sam", ">91<"):
        assert expected in text
    assert "Mon 11 May 2026, 10:00 AM (Australia/Melbourne)" in text  # start in the store's zone


def test_filters_by_outcome(admin_client, staff_user):
    BookingAttemptFactory(booked_by=staff_user, customer_name="Made It")
    BookingAttemptFactory(booked_by=staff_user, customer_name="Turned Down", outcome="rejected")

    text = admin_client.get(CHANGELIST, {"outcome__exact": "rejected"}).text

    assert "Turned Down" in text
    assert "Made It" not in text


@pytest.mark.parametrize("term", ["ava nguyen", "ava@example.com", "profile-ava", "4242"])
def test_search_by_customer_profile_or_omneo_id(admin_client, staff_user, term):
    BookingAttemptFactory(
        booked_by=staff_user,
        customer_name="Ava Nguyen",
        customer_email="ava@example.com",
        profile_id="profile-ava",
        omneo_appointment_id=4242,
    )
    BookingAttemptFactory(booked_by=staff_user, customer_name="Someone Else")

    text = admin_client.get(CHANGELIST, {"q": term}).text

    assert "Ava Nguyen" in text
    assert "Someone Else" not in text


def test_the_detail_page_is_read_only_and_pretty_prints(admin_client, staff_user):
    attempt = BookingAttemptFactory(booked_by=staff_user, payload={"notes": "<b>hi</b>"})

    response = admin_client.get(f"{CHANGELIST}{attempt.pk}/change/")

    assert response.status_code == 200
    assert "&quot;notes&quot;: &quot;&lt;b&gt;hi&lt;/b&gt;&quot;" in response.text
    assert 'name="_save"' not in response.text


def test_csv_export_honours_the_current_filter(admin_client, staff_user):
    BookingAttemptFactory(booked_by=staff_user, customer_name="Made It")
    BookingAttemptFactory(booked_by=staff_user, customer_name="=HYPERLINK(x)", outcome="failed")

    response = admin_client.get(f"{CHANGELIST}export.csv", {"outcome__exact": "failed"})

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert rows[0][:3] == ["Submitted (store time)", "Staff user", "Outcome"]
    assert [row[5] for row in rows[1:]] == ["'=HYPERLINK(x)"]


def test_csv_export_action_on_the_selection(admin_client, staff_user):
    chosen = BookingAttemptFactory(booked_by=staff_user, customer_name="Chosen One")
    BookingAttemptFactory(booked_by=staff_user, customer_name="Not Chosen")

    response = admin_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [chosen.pk]}
    )

    body = response.content.decode()
    assert "Chosen One" in body
    assert "Not Chosen" not in body


def test_check_then_resubmit_finds_before_posting(
    admin_client, staff_user, settings, mocked_omneo, omneo_fixture
):
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_READ_RETRIES = 0
    unknown = BookingAttemptFactory(
        booked_by=staff_user, outcome="unknown", omneo_appointment_id=None, response_body=None
    )
    made = omneo_fixture("created_201.json")["data"] | {"meta": [unknown.omneo_tag]}
    mocked_omneo.get(
        f"{MOCK_BASE_URL}/v3/appointments",
        json={"data": [made], "meta": {"current_page": 1, "last_page": 1}},
    )

    admin_client.post(
        CHANGELIST, {"action": "check_then_resubmit", "_selected_action": [unknown.pk]}
    )

    unknown.refresh_from_db()
    assert unknown.outcome == BookingAttempt.Outcome.CREATED
    assert unknown.omneo_appointment_id == 5012
    assert [call.request.method for call in mocked_omneo.calls] == ["GET"]


def test_store_staff_cannot_open_the_admin(client, staff_user):
    client.force_login(staff_user)

    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_check_then_resubmit_from_the_detail_page_reposts_when_omneo_has_nothing(
    admin_client, staff_user, settings, mocked_omneo, omneo_fixture
):
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_READ_RETRIES = 0
    failed = BookingAttemptFactory(
        booked_by=staff_user, outcome="failed", omneo_appointment_id=None, response_body=None
    )
    appointments = f"{MOCK_BASE_URL}/v3/appointments"
    mocked_omneo.get(appointments, json={"data": [], "meta": {"current_page": 1, "last_page": 1}})
    mocked_omneo.post(appointments, json=omneo_fixture("created_201.json"), status=201)
    detail = f"{CHANGELIST}{failed.pk}/change/"
    assert 'value="check_then_resubmit"' in admin_client.get(detail).text

    admin_client.post(
        detail, {"CHANGE_FORM-action": "check_then_resubmit", "_selected_action": [failed.pk]}
    )

    retry = BookingAttempt.objects.get(resubmitted_from=failed)
    assert (retry.outcome, retry.omneo_appointment_id) == ("created", 5012)
    # A failed attempt was refused before Omneo acted: nothing to look for, one create.
    assert [call.request.method for call in mocked_omneo.calls] == ["POST"]


def test_check_then_resubmit_skips_created_attempts_without_calling_omneo(
    admin_client, staff_user, mocked_omneo
):
    created = BookingAttemptFactory(booked_by=staff_user)

    response = admin_client.post(
        CHANGELIST,
        {"action": "check_then_resubmit", "_selected_action": [created.pk]},
        follow=True,
    )

    assert "only failed, pending, unknown or review ones" in response.text
    assert len(mocked_omneo.calls) == 0
    assert BookingAttempt.objects.count() == 1


def test_a_viewer_without_the_retry_permission_is_not_offered_the_action(
    client, staff_user, django_user_model
):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("vic", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_bookingattempt"))
    client.force_login(viewer)
    attempt = BookingAttemptFactory(booked_by=staff_user, outcome="failed")

    listing = client.get(CHANGELIST).text
    detail = client.get(f"{CHANGELIST}{attempt.pk}/change/").text

    assert 'value="export_csv"' in listing
    assert "check_then_resubmit" not in listing
    assert "check_then_resubmit" not in detail


@pytest.mark.parametrize(
    "query",
    [
        {"location_name": "Chadstone"},
        {"definition_name": "Alterations"},
        {"created_at__year": "2020", "created_at__month": "1", "created_at__day": "1"},
    ],
    ids=["store", "service", "date"],
)
def test_other_filters_narrow_the_list(admin_client, staff_user, query):
    from datetime import UTC, datetime

    match = BookingAttemptFactory(
        booked_by=staff_user,
        customer_name="Match Me",
        location_name="Chadstone",
        definition_name="Alterations",
    )
    BookingAttempt.objects.filter(pk=match.pk).update(
        created_at=datetime(2020, 1, 1, 3, tzinfo=UTC)
    )
    BookingAttemptFactory(booked_by=staff_user, customer_name="Leave Me")

    text = admin_client.get(CHANGELIST, query).text

    assert "Match Me" in text
    assert "Leave Me" not in text


def test_admin_pages_offer_no_add_change_or_delete(admin_client, staff_user):
    attempt = BookingAttemptFactory(booked_by=staff_user)

    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403
    assert admin_client.get(f"{CHANGELIST}{attempt.pk}/delete/").status_code == 403
    assert (
        admin_client.post(f"{CHANGELIST}{attempt.pk}/change/", {"outcome": "failed"}).status_code
        == 403
    )


def test_filters_by_staff_user(admin_client, staff_user, booking_admin):
    BookingAttemptFactory(booked_by=staff_user, customer_name="Sam Booked")
    BookingAttemptFactory(booked_by=booking_admin, customer_name="Alex Booked")

    text = admin_client.get(CHANGELIST, {"booked_by__id__exact": staff_user.pk}).text

    assert "Sam Booked" in text
    assert "Alex Booked" not in text


def test_check_then_resubmit_does_not_post_after_a_resubmission_booked_it(
    admin_client, staff_user, booking_admin, mocked_omneo
):
    failed = BookingAttemptFactory(booked_by=staff_user, outcome="failed")
    booked = BookingAttemptFactory(booked_by=booking_admin, resubmitted_from=failed)

    response = admin_client.post(
        CHANGELIST,
        {"action": "check_then_resubmit", "_selected_action": [failed.pk]},
        follow=True,
    )

    assert f"already resubmitted as #{booked.pk} (created); not posted again." in response.text
    assert len(mocked_omneo.calls) == 0


def test_the_detail_shows_every_time_in_the_store_zone_with_its_name(admin_client, staff_user):
    attempt = BookingAttemptFactory(booked_by=staff_user, timezone="Australia/Perth")

    text = admin_client.get(f"{CHANGELIST}{attempt.pk}/change/").text

    assert "Mon 11 May 2026, 8:00 AM (Australia/Perth)" in text  # 00:00 UTC in Perth
    assert "8:45 AM (Australia/Perth)" in text
    assert "11 May 2026, midnight" not in text  # no bare UTC time beside the store's zone


def test_the_csv_gives_store_times_with_their_zone(admin_client, staff_user):
    BookingAttemptFactory(booked_by=staff_user, timezone="Australia/Perth")

    response = admin_client.get(f"{CHANGELIST}export.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    start = rows[0].index("Start (store time)")
    assert rows[1][start] == "2026-05-11 08:00 (Australia/Perth)"
    assert rows[1][0].endswith("(Australia/Perth)")


def test_check_then_resubmit_settles_a_pending_attempt_left_by_a_dead_process(
    admin_client, staff_user, settings, mocked_omneo, omneo_fixture
):
    from datetime import timedelta

    from django.utils import timezone

    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_READ_RETRIES = 0
    pending = BookingAttemptFactory(
        booked_by=staff_user, outcome="pending", omneo_appointment_id=None, response_body=None
    )
    BookingAttempt.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )
    made = omneo_fixture("created_201.json")["data"] | {"meta": [pending.omneo_tag]}
    mocked_omneo.get(
        f"{MOCK_BASE_URL}/v3/appointments",
        json={"data": [made], "meta": {"current_page": 1, "last_page": 1}},
    )

    admin_client.post(
        CHANGELIST, {"action": "check_then_resubmit", "_selected_action": [pending.pk]}
    )

    pending.refresh_from_db()
    assert (pending.outcome, pending.omneo_appointment_id) == ("created", 5012)
    assert [call.request.method for call in mocked_omneo.calls] == ["GET"]
