"""Roles: the groups the migration creates, and who may book or review everything."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from booking_portal.staff.roles import (
    BOOKING_ADMINS,
    STORE_STAFF,
    booking_staff_required,
    can_book,
    can_review_all,
)

pytestmark = pytest.mark.django_db


def test_the_migration_creates_both_groups_with_the_admin_permissions():
    admins = Group.objects.get(name=BOOKING_ADMINS)
    staff = Group.objects.get(name=STORE_STAFF)

    assert set(admins.permissions.values_list("codename", flat=True)) == {
        "view_bookingattempt",
        "retry_bookingattempt",
        "view_accessattempt",  # sign-in lockouts, to unlock a colleague
        "delete_accessattempt",
        "view_appointmentwrite",  # the record of writes to Omneo beyond create
        "view_stafflink",  # who is who: portal users linked to Omneo staff and stores
        "add_stafflink",
        "change_stafflink",
        "delete_stafflink",
        "view_clientelingrefusal",  # refused Clienteling contexts
    }
    assert not staff.permissions.exists()


@pytest.mark.parametrize(
    ("who", "books", "reviews_all"),
    [
        ("outsider_user", False, False),
        ("staff_user", True, False),
        ("booking_admin", True, True),
    ],
)
def test_who_may_book_and_who_reviews_everything(request, who, books, reviews_all):
    user = request.getfixturevalue(who)

    assert (can_book(user), can_review_all(user)) == (books, reviews_all)


def test_anonymous_and_inactive_users_may_do_nothing(staff_user):
    staff_user.is_active = False

    assert not can_book(AnonymousUser())
    assert not can_review_all(AnonymousUser())
    assert not can_book(staff_user)


def test_a_superuser_may_book_and_review(django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x")

    assert (can_book(root), can_review_all(root)) == (True, True)


def test_store_staff_cannot_retry_in_the_admin(staff_user, booking_admin):
    assert not staff_user.has_perm("writes.view_bookingattempt")
    assert booking_admin.has_perm("writes.retry_bookingattempt")


def _view(request):
    return HttpResponse("booked")


def test_booking_staff_required_sends_anonymous_to_sign_in():
    request = RequestFactory().get("/book/")
    request.user = AnonymousUser()

    response = booking_staff_required(_view)(request)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/book/")


def test_booking_staff_required_refuses_a_user_outside_both_groups(outsider_user, staff_user):
    request = RequestFactory().get("/book/")
    request.user = outsider_user

    with pytest.raises(PermissionDenied):
        booking_staff_required(_view)(request)
    request.user = staff_user
    assert booking_staff_required(_view)(request).content == b"booked"
