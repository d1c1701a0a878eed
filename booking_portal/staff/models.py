"""What the portal keeps about each staff member: their last store, and who they are in Omneo."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RememberedStore(models.Model):
    """The store a staff member booked at last: preselected on their next booking."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="remembered_store"
    )
    location_id = models.PositiveBigIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "bookings_rememberedstore"  # created by the bookings app, moved here unchanged

    def __str__(self) -> str:
        return f"{self.user} → store {self.location_id}"


class StaffLink(models.Model):
    """Who a portal user is in Omneo: their staff profile, and the stores they work at."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_link"
    )
    omneo_staff_id = models.CharField(
        "Omneo staff profile id",
        max_length=64,
        blank=True,
        help_text="The staff member's Omneo profile id (what appointments name as their staff).",
    )
    omneo_staff_name = models.CharField("Omneo staff name", max_length=255, blank=True)
    location_ids = models.JSONField(
        "stores",
        default=list,
        blank=True,
        help_text="The Omneo location ids of the stores this person works at.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "staff link"
        constraints = (
            # One portal user per Omneo staff profile, so a Clienteling context maps to one user.
            models.UniqueConstraint(
                fields=("omneo_staff_id",),
                condition=~models.Q(omneo_staff_id=""),
                name="one_portal_user_per_omneo_staff",
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} → {self.omneo_staff_name or self.omneo_staff_id or 'no staff profile'}"

    @property
    def stores(self) -> frozenset[int]:
        return frozenset(int(value) for value in self.location_ids or ())
