"""Booking Portal inside Omneo Clienteling: the handshake, the embed session, framing, the panel."""
