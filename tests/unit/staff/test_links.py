"""Who is who: Omneo's staff and their stores, a user's link, and matching by email."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from booking_portal.omneo.reads.catalogue import staff_directory
from booking_portal.staff import links
from booking_portal.staff.models import StaffLink
from tests.conftest import MOCK_BASE_URL
from tests.unit.staff.omneo_staff import EVERYONE, LEO, MIA, TWIN, V3, omneo_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def omneo(settings, mocked_omneo):
    settings.OMNEO_BASE_URL = MOCK_BASE_URL
    settings.OMNEO_READ_RETRIES = 0
    return mocked_omneo


def test_the_directory_joins_each_staff_members_stores_across_services(omneo):
    omneo_staff(omneo, pools=EVERYONE)

    directory = links.staff_search(term="")

    assert [(m.person.id, sorted(m.location_ids)) for m in directory] == [
        ("staff-leo", [14]),
        ("staff-mia", [13, 14]),
    ]
    asked = [c.request.url for c in omneo.calls if "available-staff" in c.request.url]
    assert len(asked) == 3  # one per staff service and store; the service without staff never


def test_a_store_omneo_cannot_answer_fails_the_directory_rather_than_dropping_it(omneo):
    from booking_portal.omneo.errors import OmneoServerError

    omneo_staff(omneo, pools={(2, 13): [MIA], (7, 13): [MIA]})
    omneo.post(f"{V3}/appointment-definitions/2/available-staff", status=500, body="down")

    with pytest.raises(OmneoServerError):
        staff_directory(on=date(2026, 5, 11))


def test_the_search_finds_by_name_or_email(omneo):
    omneo_staff(omneo, pools=EVERYONE)

    assert [m.person.id for m in links.staff_search(term="singh")] == ["staff-leo"]
    assert [m.person.id for m in links.staff_search(term="MIA@stores")] == ["staff-mia"]


def _user(username: str, email: str) -> User:
    return User.objects.create_user(username, email=email)


def test_an_email_matching_one_staff_member_links_the_user_and_their_stores(omneo):
    omneo_staff(omneo, pools=EVERYONE)
    mia = _user("mia", "Mia@Stores.example")
    _user("nobody", "nobody@example.com")
    _user("blank", "")

    results = {user.username: match.reason for user, match in links.staff_links_match()}

    link = StaffLink.objects.get(user=mia)
    assert (link.omneo_staff_id, link.omneo_staff_name, link.stores) == (
        "staff-mia",
        "Mia Chen",
        frozenset({13, 14}),
    )
    assert results == {"mia": "", "nobody": links.NO_MATCH, "blank": links.NO_EMAIL}


def test_two_staff_members_with_the_email_are_never_guessed_between(omneo):
    omneo_staff(omneo, pools={(2, 13): [MIA, TWIN], (2, 14): [LEO], (7, 13): []})
    mia = _user("mia", "mia@stores.example")

    [(_, match)] = links.staff_links_match()

    assert match.member is None
    assert match.reason == links.SEVERAL
    assert not StaffLink.objects.filter(user=mia).exists()


def test_a_staff_member_linked_to_another_user_is_not_linked_again(omneo):
    omneo_staff(omneo, pools=EVERYONE)
    other = _user("other", "someone@example.com")
    StaffLink.objects.create(user=other, omneo_staff_id="staff-mia")
    _user("mia", "mia@stores.example")

    results = {user.username: match.reason for user, match in links.staff_links_match()}

    assert results["mia"] == links.TAKEN


def test_stores_a_booking_admin_set_are_kept_when_the_email_matches(omneo):
    omneo_staff(omneo, pools=EVERYONE)
    mia = _user("mia", "mia@stores.example")
    StaffLink.objects.create(user=mia, location_ids=[15])

    links.staff_links_match()

    link = StaffLink.objects.get(user=mia)
    assert (link.omneo_staff_id, link.stores) == ("staff-mia", frozenset({15}))


def test_the_user_behind_a_staff_id_is_found_for_a_clienteling_context():
    mia = _user("mia", "mia@stores.example")
    StaffLink.objects.create(user=mia, omneo_staff_id="staff-mia")
    gone = _user("gone", "")
    gone.is_active = False
    gone.save()
    StaffLink.objects.create(user=gone, omneo_staff_id="staff-gone")

    assert links.user_for_omneo_staff(staff_id="staff-mia") == mia
    assert links.user_for_omneo_staff(staff_id="staff-gone") is None
    assert links.user_for_omneo_staff(staff_id="") is None
    assert links.user_for_omneo_staff(staff_id="staff-unknown") is None


def test_one_omneo_staff_member_links_to_one_user_only():
    from django.db import IntegrityError

    StaffLink.objects.create(user=_user("a", ""), omneo_staff_id="staff-mia")
    StaffLink.objects.create(user=_user("b", ""))  # unlinked links may be many
    StaffLink.objects.create(user=_user("c", ""))
    with pytest.raises(IntegrityError):
        StaffLink.objects.create(user=_user("d", ""), omneo_staff_id="staff-mia")


def test_the_match_command_says_who_was_linked_and_who_was_left(omneo, capsys):
    omneo_staff(omneo, pools=EVERYONE)
    _user("mia", "mia@stores.example")
    _user("nobody", "nobody@example.com")

    call_command("staff_link_match")

    out = capsys.readouterr().out
    assert "linked   mia → Mia Chen (stores 13, 14)" in out
    assert f"skipped  nobody: {links.NO_MATCH}" in out


def test_the_match_command_fails_plainly_when_omneo_is_down(omneo):
    omneo.get(f"{V3}/appointment-definitions", status=503, body="down")

    with pytest.raises(CommandError, match="Omneo could not be asked"):
        call_command("staff_link_match")


def test_a_link_is_read_once_per_user_object(django_assert_num_queries):
    mia = _user("mia", "")
    StaffLink.objects.create(user=mia, omneo_staff_id="staff-mia", location_ids=[13])

    with django_assert_num_queries(1):
        assert links.omneo_staff_id_of(mia) == "staff-mia"
        assert links.staff_link_of(mia).stores == frozenset({13})


def test_a_link_is_learned_without_stores_and_never_overwritten(staff_user: User) -> None:
    StaffLink.objects.filter(user=staff_user).update(location_ids=[])

    learned = links.staff_link_learn(user=staff_user, staff_id="learned-id", staff_name="Sam Lee")
    again = links.staff_link_learn(user=staff_user, staff_id="other-id", staff_name="Other")

    assert learned is not None
    assert again is None
    kept = StaffLink.objects.get(user=staff_user)
    assert (kept.omneo_staff_id, kept.omneo_staff_name, kept.location_ids) == (
        "learned-id",
        "Sam Lee",
        [],
    )


def test_an_associate_another_user_has_is_not_learned(staff_user: User) -> None:
    other = User.objects.create_user(username="leo", email="leo@store.example")
    StaffLink.objects.create(user=other, omneo_staff_id="taken-id")

    assert links.staff_link_learn(user=staff_user, staff_id="taken-id", staff_name="X") is None
    assert StaffLink.objects.get(user=staff_user).omneo_staff_id == ""
