"""Response headers every portal page carries, and the sandbox banner's context."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

SANDBOX_BANNER = "Sandbox — nothing is sent to Omneo"


class PrivatePagesMiddleware:
    """Every page the portal renders may show customer data: no cache keeps a copy.

    Also sends the Permissions-Policy header. Static files are served above this, by WhiteNoise.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def sandbox_banner(request: HttpRequest) -> dict[str, str]:
    """The banner's text while the built-in sandbox stands in for Omneo, else nothing."""
    return {"sandbox_banner": SANDBOX_BANNER if settings.OMNEO_SANDBOX_ENABLED else ""}
