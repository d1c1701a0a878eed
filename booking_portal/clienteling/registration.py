"""Registering the portal with Omneo Clienteling: the tenant custom field for its app and block."""

from __future__ import annotations

from urllib.parse import urlsplit

from booking_portal.omneo import OmneoClient
from booking_portal.omneo.errors import OmneoNotFound
from booking_portal.omneo.resources import CustomField

NAMESPACE = "clienteling.setting"
EMBED_PATH = "/clienteling/"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})


class RegistrationError(ValueError):
    """The public URL cannot be registered (not absolute, or plain HTTP off this machine)."""


def portal_url_checked(url: str) -> str:
    """The portal's public base URL without a trailing slash; HTTPS unless it is this machine."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise RegistrationError(f"Not an absolute URL: {url!r}")
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        raise RegistrationError("Clienteling frames HTTPS pages only; give the https:// URL.")
    if parts.query or parts.fragment:
        raise RegistrationError("Give the base URL only, with no query or fragment.")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def registration_field(
    *, url: str, handle: str = "booking_portal", title: str = "Booking Portal", label: str = "Book"
) -> CustomField:
    """The custom field: a button app opening the embed page, and a block beside the profile."""
    embed = f"{portal_url_checked(url)}{EMBED_PATH}"
    return CustomField(
        namespace=NAMESPACE,
        handle=f"app__{handle}",
        type="json",
        value={
            "enabled": True,
            "fullscreen": False,
            "development": False,
            "button": {"label": label},
            "title": title,
            "clienteling": {"url": embed},
            "settings": [{"type": "block", "use": "ExternalComponent", "settings": {"url": embed}}],
        },
    )


def registration_send(*, custom_field: CustomField, client: OmneoClient) -> str:
    """Update the field, or create it when the tenant has none yet: "updated" or "created".

    Omneo round trips: one PUT, and one POST more the first time.
    """
    try:
        client.custom_field_update(custom_field)
    except OmneoNotFound:
        client.custom_field_create(custom_field)
        return "created"
    return "updated"
