"""Admin review without edits: records of what was sent to Omneo are never changed by hand."""

from __future__ import annotations

from django.http import HttpRequest


class ReviewOnlyAdmin:
    """Mixed into a ModelAdmin: records are read and filtered, never added, changed or deleted."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
