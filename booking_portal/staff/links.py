"""Who a portal user is in Omneo: read a link, find the user behind a staff id, set or match one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from booking_portal.omneo.reads.catalogue import StaffAtStores, staff_directory

from .models import StaffLink

NO_EMAIL = "no email"
NO_MATCH = "no Omneo staff member has this email"
SEVERAL = "several Omneo staff members have this email"
TAKEN = "the matching Omneo staff member is linked to another user"


def staff_link_of(user: Any) -> StaffLink | None:
    """The user's link, or None: one query per user object, so once per request."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_portal_staff_link"):
        user._portal_staff_link = StaffLink.objects.filter(user=user).first()
    return user._portal_staff_link


def omneo_staff_id_of(user: Any) -> str:
    """The Omneo staff profile id the user is linked to, or ""."""
    link = staff_link_of(user)
    return link.omneo_staff_id if link else ""


def omneo_staff_id_loaded(user: Any) -> str | None:
    """The user's Omneo staff id if their link is loaded already ("" for none), else None."""
    if user is None or not hasattr(user, "_portal_staff_link"):
        return None
    link = user._portal_staff_link
    return link.omneo_staff_id if link else ""


def user_for_omneo_staff(*, staff_id: str) -> Any | None:
    """The portal user linked to this Omneo staff profile (for a verified Clienteling context)."""
    if not staff_id:
        return None
    link = StaffLink.objects.filter(omneo_staff_id=staff_id).select_related("user").first()
    return link.user if link and link.user.is_active else None


def staff_search(*, term: str, on: date | None = None) -> list[StaffAtStores]:
    """Omneo's staff whose name or email contains the term (all of them for an empty term)."""
    needle = term.strip().casefold()
    directory = staff_directory(on=on or timezone.localdate())
    return [
        member
        for member in directory
        if needle in member.person.display_name.casefold()
        or needle in (member.person.email or "").casefold()
    ]


def staff_link_set(*, user: Any, member: StaffAtStores, with_stores: bool = True) -> StaffLink:
    """Link the user to this Omneo staff member; with_stores also takes Omneo's stores for them."""
    defaults: dict[str, Any] = {
        "omneo_staff_id": member.person.id,
        "omneo_staff_name": member.person.display_name,
    }
    if with_stores:
        defaults["location_ids"] = sorted(member.location_ids)
    link, _ = StaffLink.objects.update_or_create(user=user, defaults=defaults)
    user._portal_staff_link = link
    return link


def staff_link_learn(*, user: Any, staff_id: str, staff_name: str) -> StaffLink | None:
    """Link a user with no staff profile yet to a verified associate; stores are left alone.

    None when the user already names a staff profile or the associate is linked to someone else.
    """
    with transaction.atomic():
        if StaffLink.objects.filter(omneo_staff_id=staff_id).exclude(user=user).exists():
            return None
        link, _ = StaffLink.objects.select_for_update().get_or_create(user=user)
        if link.omneo_staff_id:
            return None if link.omneo_staff_id != staff_id else link
        link.omneo_staff_id = staff_id
        link.omneo_staff_name = staff_name
        try:
            with transaction.atomic():
                link.save(update_fields=["omneo_staff_id", "omneo_staff_name", "updated_at"])
        except IntegrityError:  # another user took this associate at the same moment
            return None
    user._portal_staff_link = link
    return link


@dataclass(frozen=True)
class EmailMatch:
    """The Omneo staff member a user's email names, or why there is none."""

    member: StaffAtStores | None
    reason: str = ""


def staff_match_by_email(*, user: Any, directory: list[StaffAtStores]) -> EmailMatch:
    """The one staff member whose email is the user's; never a guess when two match."""
    email = (user.email or "").strip().casefold()
    if not email:
        return EmailMatch(None, NO_EMAIL)
    found = [m for m in directory if (m.person.email or "").strip().casefold() == email]
    if not found:
        return EmailMatch(None, NO_MATCH)
    if len(found) > 1:
        return EmailMatch(None, SEVERAL)
    holder = user_for_omneo_staff(staff_id=found[0].person.id)
    if holder is not None and holder.pk != user.pk:
        return EmailMatch(None, TAKEN)
    return EmailMatch(found[0])


def staff_links_match(*, on: date | None = None) -> list[tuple[Any, EmailMatch]]:
    """Link every active user without a staff profile whose email matches one staff member."""
    directory = staff_directory(on=on or timezone.localdate())
    users = (
        get_user_model().objects.filter(is_active=True).exclude(staff_link__omneo_staff_id__gt="")
    )
    results = []
    for user in users.order_by("username"):
        match = staff_match_by_email(user=user, directory=directory)
        if match.member is not None:
            keep_stores = StaffLink.objects.filter(user=user).exclude(location_ids=[]).exists()
            staff_link_set(user=user, member=match.member, with_stores=not keep_stores)
        results.append((user, match))
    return results
