"""Who a Clienteling token belongs to (auth/verify, users/me) and the tenant's custom fields."""

from __future__ import annotations

from booking_portal.omneo.resources import CustomField, OmneoUser

from .base import CallsBase, segment

CUSTOM_FIELDS = "/v3/tenants/custom-fields"


class ClientelingCalls(CallsBase):
    def auth_verify(self, token: str) -> None:
        """Return when Omneo accepts the user's token; OmneoAuthError (401) when it does not.

        Only the status is read, as Omneo documents.
        """
        self._request("GET", "/v3/auth/verify", token=token, envelope="status")

    def user_me(self, token: str) -> OmneoUser:
        """The CX user the token belongs to (an unwrapped object; a `data` wrapper is accepted)."""
        return OmneoUser.from_json(
            self._request("GET", "/v3/users/me", token=token, envelope="object")
        )

    def custom_field_get(self, key: str) -> CustomField:
        """One tenant custom field by `namespace:handle`; OmneoNotFound when there is none."""
        body = self._request("GET", f"{CUSTOM_FIELDS}/{segment(key)}", envelope="object")
        data = body.get("data") if isinstance(body.get("data"), dict) else body
        return CustomField.from_json(data)

    def custom_field_create(self, custom_field: CustomField) -> CustomField:
        """POST a tenant custom field; sent once."""
        body = self._request("POST", CUSTOM_FIELDS, json=custom_field.to_json(), envelope="object")
        data = body.get("data") if isinstance(body.get("data"), dict) else body
        return CustomField.from_json(data)

    def custom_field_update(self, custom_field: CustomField) -> CustomField:
        """PUT a tenant custom field's new value by its `namespace:handle` key; sent once."""
        path = f"{CUSTOM_FIELDS}/{segment(custom_field.key)}"
        body = self._request("PUT", path, json=custom_field.to_json(), envelope="object")
        data = body.get("data") if isinstance(body.get("data"), dict) else body
        return CustomField.from_json(data)
