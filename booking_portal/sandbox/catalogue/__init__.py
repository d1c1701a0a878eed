"""Omneo v3 catalogue: appointment definitions, their questions and stores, and locations."""
