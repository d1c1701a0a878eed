"""Omneo's staff and their stores, read with the real client from the sandbox over HTTP."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from booking_portal.omneo.reads.catalogue import staff_directory
from booking_portal.sandbox import data
from booking_portal.staff.models import StaffLink

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.integration]


def _works_at(staff_id: str) -> set[int]:
    """The stores the sandbox offers a staff member at, for some staff service."""
    from booking_portal.sandbox.availability.slots import staff_pool

    return {
        store
        for definition in data.DEFINITIONS.values()
        if definition["requires_staff"]
        and definition["is_published"]
        and not definition["is_archived"]
        for store in definition["location_ids"]
        if staff_id in staff_pool(definition, store)
    }


def test_the_directory_names_each_staff_member_with_their_stores(sandbox_client):
    directory = staff_directory(on=timezone.localdate(), client=sandbox_client)

    found = {member.person.id: set(member.location_ids) for member in directory}
    expected = {sid: _works_at(sid) for sid in data.STAFF if _works_at(sid)}
    assert found == expected
    assert all(member.person.email for member in directory)


def test_the_match_command_links_a_user_by_email_against_the_sandbox(sandbox_base_url, capsys):
    mia = next(p for p in data.STAFF.values() if p["first_name"] == "Mia")
    user = User.objects.create_user("mchen", email=mia["email"].upper())

    call_command("staff_link_match")

    link = StaffLink.objects.get(user=user)
    assert link.omneo_staff_id == mia["id"]
    assert link.stores == frozenset(_works_at(mia["id"]))
    assert "linked   mchen → Mia Chen" in capsys.readouterr().out
