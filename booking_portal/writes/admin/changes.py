"""The review of later writes (PUTs, waitlist writes): read-only, filtered, store-zone times."""

from __future__ import annotations

import json

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html

from booking_portal.common.display import store_time
from booking_portal.writes.models import UNSETTLED, AppointmentWrite
from booking_portal.writes.tasks import recheck_now

from .review_only import ReviewOnlyAdmin


def _pretty(value: object) -> str:
    if value in (None, "", {}, []):
        return "—"
    return format_html("<pre class='booking-json'>{}</pre>", json.dumps(value, indent=2))


@admin.register(AppointmentWrite)
class AppointmentWriteAdmin(ReviewOnlyAdmin, admin.ModelAdmin):
    list_display = (
        "written_in_store_zone",
        "written_by",
        "omneo_staff_id",
        "kind",
        "appointment_id",
        "waitlist_entry_id",
        "status_before",
        "status_after",
        "outcome",
    )
    list_filter = ("outcome", "kind", "written_by", "check_result", "created_at")
    search_fields = (
        "=appointment_id",
        "=waitlist_entry_id",
        "reason",
        "written_by__username",
        "=omneo_staff_id",
    )
    search_help_text = "Omneo appointment or waitlist entry id, reason, username or staff id."
    date_hierarchy = "created_at"
    list_select_related = ("written_by",)
    show_facets = admin.ShowFacets.ALWAYS
    readonly_fields = (
        "written_in_store_zone",
        "answered_in_store_zone",
        "checked_in_store_zone",
        "body_pretty",
        "response_pretty",
        "field_errors_pretty",
    )
    exclude = ("body", "response_body", "field_errors", "answered_at", "checked_at")
    actions = ("check_in_omneo",)

    @admin.action(
        description="Check in Omneo (never sends the change again)",
        permissions=["view"],
        location=[admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM],
    )
    def check_in_omneo(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Look each unsettled write up through the one pipeline; settled ones are left alone."""
        for write in queryset.filter(outcome__in=UNSETTLED):
            check = recheck_now(record=write)
            result = dict(write._meta.get_field("check_result").choices)[check.result]
            self.message_user(request, f"{write}: {result.lower()}.", messages.INFO)
        skipped = queryset.exclude(outcome__in=UNSETTLED).count()
        if skipped:
            self.message_user(request, f"{skipped} settled write(s) left alone.", messages.INFO)

    @admin.display(description="Written (store time)", ordering="created_at")
    def written_in_store_zone(self, write: AppointmentWrite) -> str:
        return store_time(write.created_at, write.timezone)

    @admin.display(description="Omneo answered (store time)")
    def answered_in_store_zone(self, write: AppointmentWrite) -> str:
        return store_time(write.answered_at, write.timezone) or "—"

    @admin.display(description="Last read back (store time)")
    def checked_in_store_zone(self, write: AppointmentWrite) -> str:
        return store_time(write.checked_at, write.timezone) or "—"

    @admin.display(description="Body sent")
    def body_pretty(self, write: AppointmentWrite) -> str:
        return _pretty(write.body)

    @admin.display(description="Omneo's answer")
    def response_pretty(self, write: AppointmentWrite) -> str:
        return _pretty(write.response_body)

    @admin.display(description="Field errors")
    def field_errors_pretty(self, write: AppointmentWrite) -> str:
        return _pretty(write.field_errors)
