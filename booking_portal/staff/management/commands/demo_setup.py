"""Create the demo logins for `make run` (never when DEBUG is off)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError

from booking_portal.staff.models import StaffLink
from booking_portal.staff.roles import BOOKING_ADMINS, STORE_STAFF

DEMO_LOGINS = (
    ("demo", "demo-booking-1", STORE_STAFF, False, "Dana", "Demo"),
    ("admin", "demo-admin-1", BOOKING_ADMINS, True, "Ari", "Admin"),
)

# The demo associate is the sandbox's Mia Chen, working at Melbourne Central and Brisbane Queen
# Street: their day shows Mine, their booking page offers them first, and the other two demo
# stores answer 403. Booking admins see every store without a link.
DEMO_LINKS = {
    "demo": ("200613f5-18e6-5c00-8a6d-28957cd0b2b7", "Mia Chen", [13, 14]),
}
# The demo associate's email is Mia Chen's Omneo user's, so the sandbox's Clienteling stand-in
# (signed in as Mia) opens the portal as this login.
DEMO_EMAILS = {"demo": "mia.chen@stores.example"}


class Command(BaseCommand):
    help = "Create (or reset) the demo staff and booking-admin logins."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo logins are only created with DEBUG on.")
        for username, password, group_name, is_staff, first, last in DEMO_LOGINS:
            user, _ = User.objects.get_or_create(username=username)
            user.first_name, user.last_name, user.is_staff, user.is_active = (
                first,
                last,
                is_staff,
                True,
            )
            user.email = DEMO_EMAILS.get(username, user.email)
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get_or_create(name=group_name)[0])
            if username in DEMO_LINKS:
                staff_id, name, stores = DEMO_LINKS[username]
                StaffLink.objects.update_or_create(
                    user=user,
                    defaults={
                        "omneo_staff_id": staff_id,
                        "omneo_staff_name": name,
                        "location_ids": stores,
                    },
                )
        self.stdout.write(self.style.SUCCESS(f"Booking Portal demo at {settings.PORTAL_ORIGIN}/"))
        for username, password, group_name, *_ in DEMO_LOGINS:
            self.stdout.write(f"  {group_name:<15} login: {username:<6} password: {password}")
            if username in DEMO_LINKS:
                _, name, stores = DEMO_LINKS[username]
                self.stdout.write(f"  {'':<15} Omneo staff: {name}, stores {stores}")
