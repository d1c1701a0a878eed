"""Helpers two or more parts of the portal share: no models, no Omneo calls."""
