"""Omneo v3 appointment waitlists: entries added, listed, fulfilled or cancelled."""
