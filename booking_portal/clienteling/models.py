"""What the portal keeps of Clienteling: every context it refused, for admins to review."""

from __future__ import annotations

from django.db import models


class ClientelingRefusal(models.Model):
    """One refused Clienteling context: why, and who and where it claimed to be (no token)."""

    created_at = models.DateTimeField("when", auto_now_add=True, db_index=True)
    reason = models.CharField("reason code", max_length=64, db_index=True)
    message = models.TextField("what staff read")
    detail = models.CharField(max_length=255, blank=True)
    origin = models.CharField("claimed origin", max_length=255, blank=True)
    omneo_user_id = models.CharField("claimed Omneo user id", max_length=64, blank=True)
    omneo_staff_id = models.CharField("claimed associate id", max_length=64, blank=True)
    location_id = models.CharField("claimed store id", max_length=64, blank=True)
    profile_id = models.CharField("claimed customer id", max_length=64, blank=True)

    class Meta:
        verbose_name = "refused Clienteling context"
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} · {self.reason}"
