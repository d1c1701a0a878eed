"""The sandbox's side of Omneo Clienteling: user tokens, custom fields and the stand-in page."""
