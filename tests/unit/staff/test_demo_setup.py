"""demo_setup: the two demo logins for `make run`, never with DEBUG off."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from booking_portal.staff.roles import BOOKING_ADMINS, STORE_STAFF

pytestmark = pytest.mark.django_db


def test_demo_setup_creates_both_logins_and_prints_them(settings, capsys):
    settings.DEBUG = True

    call_command("demo_setup")

    demo = authenticate(
        RequestFactory().post("/accounts/login/"), username="demo", password="demo-booking-1"
    )
    admin = authenticate(
        RequestFactory().post("/accounts/login/"), username="admin", password="demo-admin-1"
    )
    assert list(demo.groups.values_list("name", flat=True)) == [STORE_STAFF]
    assert not demo.is_staff
    assert list(admin.groups.values_list("name", flat=True)) == [BOOKING_ADMINS]
    assert admin.is_staff
    assert admin.has_perm("writes.retry_bookingattempt")
    out = capsys.readouterr().out
    for expected in ("http://127.0.0.1:8000/", "demo", "demo-booking-1", "admin", "demo-admin-1"):
        assert expected in out


def test_demo_setup_is_idempotent_and_resets_the_passwords(settings):
    settings.DEBUG = True
    call_command("demo_setup")
    User.objects.filter(username="demo").update(is_active=False)
    demo = User.objects.get(username="demo")
    demo.set_password("changed")
    demo.save()

    call_command("demo_setup")

    assert User.objects.filter(username__in=["demo", "admin"]).count() == 2
    assert (
        authenticate(
            RequestFactory().post("/accounts/login/"), username="demo", password="demo-booking-1"
        )
        is not None
    )


def test_demo_setup_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_setup")

    assert not User.objects.filter(username__in=["demo", "admin"]).exists()


def test_the_demo_associate_is_linked_to_omneo_and_two_stores(settings, capsys):
    from booking_portal.sandbox.data import STAFF, demo_uuid
    from booking_portal.staff.models import StaffLink

    settings.DEBUG = True

    call_command("demo_setup")
    call_command("demo_setup")  # again: the same link, not a second one

    link = StaffLink.objects.get(user__username="demo")
    mia = STAFF[demo_uuid("staff:Mia.Chen")]
    assert link.omneo_staff_id == mia["id"]
    assert link.omneo_staff_name == f"{mia['first_name']} {mia['last_name']}"
    assert link.stores == frozenset({mia["location_id"], 14})
    assert not StaffLink.objects.filter(user__username="admin").exists()  # every store anyway
    assert "Omneo staff: Mia Chen, stores [13, 14]" in capsys.readouterr().out
