"""What staff read inside Clienteling when the portal cannot open, or refuses, a context."""

from __future__ import annotations

WAITING = "Waiting for Clienteling to say who is signed in…"
NO_CONTEXT = (
    "Clienteling did not say who is signed in. Close the app and open it again from the "
    "customer's profile."
)
SIGN_IN_REFUSED = (
    "Omneo did not accept this Clienteling sign-in. Close the app and open it again from "
    "Clienteling; nothing was booked."
)
SIGN_IN_EXPIRED = (
    "This Clienteling sign-in has expired. Close the app and open it again from Clienteling; "
    "nothing was booked."
)
STALE = (
    "Clienteling's message was too old to trust. Close the app and open it again from "
    "Clienteling; nothing was booked."
)
NOT_LINKED = (
    "Your Omneo sign-in is not linked to a Booking Portal user with an Omneo staff profile. "
    "Ask a booking admin to link you (Admin → Staff links)."
)
STAFF_MISMATCH = (
    "The associate Clienteling named is not the one signed in to Omneo. Close the app and open "
    "it again; nothing was booked."
)
NOT_YOUR_STORE = (
    "This store is not one of yours in Booking Portal, so the panel stays closed. Ask a "
    "booking admin to add the store if you work there."
)
NO_CUSTOMER = "Open a customer's profile in Clienteling to see their appointments and book."
CUSTOMER_UNKNOWN = (
    "Omneo has no customer with the id Clienteling sent. Open the customer's profile again."
)
OMNEO_DOWN = (
    "Omneo could not be reached to check this sign-in. Nothing was booked; try again in a moment."
)
SESSION_ENDED = (
    "This panel's sign-in has ended. Close the app and open it again from Clienteling; "
    "nothing was booked."
)
CUSTOMER_SWAPPED = (
    "This is not the customer open in Clienteling, so nothing was booked. Open the "
    "customer's profile in Clienteling and book from there."
)
NO_SERVICES = "No service can be booked here from Clienteling; use the Booking Portal instead."
NO_TIMES = "No free times in the next month for this service at this store."
SERVICES_UNAVAILABLE = "Omneo did not answer with this store's services. Try again in a moment."
TIMES_UNAVAILABLE = "Omneo did not answer with free times. Try again in a moment."
NOT_IN_POOL = (
    "You are not among this service's staff at this store in Omneo, so it cannot be booked "
    "with you here; use the Booking Portal to book it with a colleague."
)
OFFER_CHANGED = "Pick a time from the list again; the one sent was not offered."
BOOKED = "Booked {service} for {name} at {when}."
ALREADY_BOOKED = "This booking was already sent; it was not sent again."
