"""Booking admins review refused Clienteling contexts: read only, newest first."""

from __future__ import annotations

from django.contrib import admin

from booking_portal.writes.admin.review_only import ReviewOnlyAdmin

from .models import ClientelingRefusal


@admin.register(ClientelingRefusal)
class ClientelingRefusalAdmin(ReviewOnlyAdmin, admin.ModelAdmin):
    list_display = (
        "created_at",
        "reason",
        "origin",
        "omneo_user_id",
        "omneo_staff_id",
        "location_id",
        "profile_id",
    )
    list_filter = ("reason", "created_at")
    search_fields = ("=omneo_user_id", "=omneo_staff_id", "=location_id", "=profile_id", "origin")
    search_help_text = "Omneo user, associate, store or customer id, or origin."
    date_hierarchy = "created_at"
    readonly_fields = (
        "created_at",
        "reason",
        "message",
        "detail",
        "origin",
        "omneo_user_id",
        "omneo_staff_id",
        "location_id",
        "profile_id",
    )
