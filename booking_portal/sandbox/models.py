"""Appointments booked in the sandbox, so booked slots stay booked and tests can count creates."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower


class SandboxAppointment(models.Model):
    """One appointment created through the sandbox's POST /v3/appointments."""

    definition_id = models.IntegerField()
    profile_id = models.CharField(max_length=64)
    location_id = models.IntegerField()
    staff_id = models.CharField(max_length=64, blank=True, default="")
    status = models.CharField(max_length=16)
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    timezone = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Each set when the appointment moves to that status (see lifecycle.STATUS_STAMPS).
    cancelled_at = models.DateTimeField(null=True, blank=True)
    arrived_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    no_show_at = models.DateTimeField(null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(blank=True, default="")
    meta = models.JSONField(null=True, blank=True)
    transaction = models.JSONField(null=True, blank=True)
    order = models.JSONField(null=True, blank=True)
    answers = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("start",)

    def __str__(self) -> str:
        return f"Sandbox appointment {self.pk} ({self.status})"


class SandboxWaitlistEntry(models.Model):
    """A customer waiting for a service at a store (POST /v3/appointment-waitlists)."""

    definition_id = models.IntegerField()
    profile_id = models.CharField(max_length=64)
    location_id = models.IntegerField()
    desired_start = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, default="active")
    appointment_id = models.IntegerField(null=True, blank=True)
    notes = models.TextField(blank=True, default="")
    meta = models.JSONField(null=True, blank=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"Sandbox waitlist entry {self.pk} ({self.status})"


class SandboxFault(models.Model):
    """A fault armed by a test: the next `times` requests matching method and path fail its way.

    Kept in the database so every server process serving the sandbox sees the same faults.
    """

    kind = models.CharField(max_length=32)
    method = models.CharField(max_length=8)
    path_suffix = models.CharField(max_length=200)
    times = models.PositiveIntegerField(default=1)
    seconds = models.FloatField(default=0.0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"{self.kind} on {self.method} …{self.path_suffix} ({self.times} left)"


class SandboxLocationLock(models.Model):
    """One row per store, locked while a create checks capacity and inserts (no overbooking)."""

    location_id = models.IntegerField(unique=True)

    def __str__(self) -> str:
        return f"Booking lock for location {self.location_id}"


class SandboxProfile(models.Model):
    """A customer added through POST /v3/profiles (the demo customers live in data.py)."""

    id = models.CharField(primary_key=True, max_length=64)
    first_name = models.CharField(max_length=255)
    last_name = models.CharField(max_length=255)
    email = models.CharField(max_length=255)
    # Null, not "", for no mobile: nulls never clash in the unique index.
    mobile_phone = models.CharField(max_length=16, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = (
            # Omneo: one profile per email, whatever its case; also across concurrent creates.
            models.UniqueConstraint(Lower("email"), name="sandbox_profile_email_unique"),
        )

    def __str__(self) -> str:
        return f"Sandbox profile {self.pk}"


class SandboxQueueEntry(models.Model):
    """A walk-in waiting at a store (POST /v3/appointment-queues); profile blank when anonymous."""

    definition_id = models.IntegerField()
    location_id = models.IntegerField()
    profile_id = models.CharField(max_length=64, blank=True, default="")
    staff_id = models.CharField(max_length=64, blank=True, default="")
    appointment_id = models.IntegerField(null=True, blank=True)
    status = models.CharField(max_length=16, default="waiting")
    notes = models.TextField(blank=True, default="")
    meta = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"Sandbox queue entry {self.pk} ({self.status})"


class SandboxVisit(models.Model):
    """A customer's recorded visit to a store (POST /v3/profiles/{id}/visits)."""

    profile_id = models.CharField(max_length=64, db_index=True)
    visited_at = models.DateTimeField()
    timezone = models.CharField(max_length=64)
    location_id = models.IntegerField(null=True, blank=True)
    staff_id = models.CharField(max_length=64, blank=True, default="")
    external_id = models.CharField(max_length=255, blank=True, default="")
    tags = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-visited_at", "-pk")

    def __str__(self) -> str:
        return f"Sandbox visit {self.pk} of {self.profile_id}"
