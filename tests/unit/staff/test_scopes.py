"""Store scoping: which stores a user may see and act on, and the one check views make."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from booking_portal.staff.models import StaffLink
from booking_portal.staff.scopes import (
    NO_STORES,
    NOT_YOUR_STORE,
    OutsideStores,
    StoreScope,
    booking_store_required,
    booking_stores,
    store_from_request,
    store_required,
    store_scope,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def store_a_staff(staff_user):
    StaffLink.objects.filter(user=staff_user).update(location_ids=[13])
    staff_user.refresh_from_db()
    return staff_user


def test_a_booking_admin_works_at_every_store(booking_admin):
    scope = store_scope(booking_admin)

    assert scope.every_store
    assert scope.allows(13)
    assert scope.allows(99)
    store_required(booking_admin, 99)  # no 403


def test_store_staff_work_at_their_linked_stores_only(store_a_staff):
    scope = store_scope(store_a_staff)

    assert scope == StoreScope(every_store=False, location_ids=frozenset({13}))
    store_required(store_a_staff, 13)
    with pytest.raises(OutsideStores, match="another store's"):
        store_required(store_a_staff, 14)


def test_store_staff_without_a_link_work_at_no_store_and_are_told_why(django_user_model):
    from django.contrib.auth.models import Group

    from booking_portal.staff.roles import STORE_STAFF

    newcomer = django_user_model.objects.create_user("newcomer")
    newcomer.groups.add(Group.objects.get_or_create(name=STORE_STAFF)[0])

    with pytest.raises(OutsideStores) as refused:
        store_required(newcomer, 13)

    assert str(refused.value) == NO_STORES
    assert store_scope(newcomer).location_ids == frozenset()


def test_signed_out_users_work_nowhere():
    assert not store_scope(AnonymousUser()).allows(13)


def test_only_keeps_the_users_stores_in_order(store_a_staff):
    stores = [(14, "B"), (13, "A"), (15, "C")]

    assert store_scope(store_a_staff).only(stores, key=lambda s: s[0]) == [(13, "A")]


def _view(request, **kwargs):
    return HttpResponse("shown")


@pytest.mark.parametrize(
    ("method", "data", "allowed"),
    [
        ("get", {"location": "13"}, True),
        ("get", {"location": "14"}, False),
        ("post", {"location": "14"}, False),
        ("get", {}, True),  # no store named: the view picks one of theirs
        ("get", {"location": "not-a-store"}, True),  # the view's form falls back
    ],
)
def test_the_decorator_refuses_a_request_naming_another_store(store_a_staff, method, data, allowed):
    request = getattr(RequestFactory(), method)("/day/", data)
    request.user = store_a_staff
    guarded = store_from_request()(_view)

    if allowed:
        assert guarded(request).content == b"shown"
    else:
        with pytest.raises(OutsideStores, match=NOT_YOUR_STORE[:20]):
            guarded(request)


def test_booking_into_another_store_is_allowed_unless_restricted(store_a_staff, settings):
    settings.PORTAL_BOOK_OTHER_STORES = True
    booking_store_required(store_a_staff, 14)
    assert booking_stores(store_a_staff) is None

    settings.PORTAL_BOOK_OTHER_STORES = False
    assert booking_stores(store_a_staff) == frozenset({13})
    booking_store_required(store_a_staff, 13)
    with pytest.raises(OutsideStores):
        booking_store_required(store_a_staff, 14)


def test_a_booking_admin_books_anywhere_even_when_restricted(booking_admin, settings):
    settings.PORTAL_BOOK_OTHER_STORES = False

    assert booking_stores(booking_admin) is None
    booking_store_required(booking_admin, 14)
